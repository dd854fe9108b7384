"""Events over REST: the public calendar, registering and one's own registrations, and the
organiser's check-in. The same selectors, services and rules as the pages."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cloudpark.events import enums, selectors, services, tickets
from cloudpark.events.models import (
    CheckIn,
    Event,
    EventOrganizer,
    Exhibitor,
    Film,
    Registration,
    Screening,
    Session,
    Speaker,
)

# Serializers ------------------------------------------------------------------------------------

EVENT_FIELDS = [
    "id",
    "parent",
    "kind",
    "status",
    "title",
    "title_en",
    "theme",
    "theme_en",
    "starts_at",
    "ends_at",
    "time_zone",
    "city",
    "city_en",
    "venue",
    "venue_en",
    "registration_enabled",
    "capacity",
    "registration_deadline",
    "requires_approval",
]


class EventSerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Event
        fields = EVENT_FIELDS


class OrganizerSerializer(serializers.ModelSerializer):
    organization = serializers.PrimaryKeyRelatedField(read_only=True)
    name = serializers.SerializerMethodField()
    name_en = serializers.SerializerMethodField()

    class Meta:
        model = EventOrganizer
        fields = ["role", "organization", "name", "name_en", "position"]

    def get_name(self, organizer) -> str:
        return organizer.organization.name if organizer.organization_id else organizer.name

    def get_name_en(self, organizer) -> str:
        return organizer.organization.name_en if organizer.organization_id else organizer.name_en


class SpeakerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = [
            "name",
            "name_en",
            "title",
            "title_en",
            "organization_name",
            "organization_name_en",
        ]


class SessionSerializer(serializers.ModelSerializer):
    speakers = SpeakerSerializer(many=True, read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "event",
            "starts_at",
            "ends_at",
            "format",
            "status",
            "title",
            "title_en",
            "place",
            "place_en",
            "changed_at",
            "speakers",
        ]


class ExhibitorSerializer(serializers.ModelSerializer):
    organization = serializers.PrimaryKeyRelatedField(read_only=True)
    name = serializers.SerializerMethodField()

    class Meta:
        model = Exhibitor
        fields = ["organization", "name", "booth", "exhibits", "exhibits_en"]

    def get_name(self, exhibitor) -> str:
        return exhibitor.organization.name if exhibitor.organization_id else exhibitor.name


class ScreeningSerializer(serializers.ModelSerializer):
    class Meta:
        model = Screening
        fields = ["venue", "venue_en", "starts_at", "ends_at"]


class FilmSerializer(serializers.ModelSerializer):
    screenings = ScreeningSerializer(many=True, read_only=True)

    class Meta:
        model = Film
        fields = [
            "title",
            "title_en",
            "runtime_minutes",
            "country_or_region",
            "country_or_region_en",
            "language",
            "language_en",
            "subtitles",
            "subtitles_en",
            "director",
            "director_en",
            "rights_holder",
            "permit_number",
            "screenings",
        ]


class EventDetailSerializer(EventSerializer):
    """An event with its organisers in order, its public parts and agenda, its confirmed
    exhibitors and its films."""

    organizers = serializers.SerializerMethodField()
    parts = serializers.SerializerMethodField()
    sessions = serializers.SerializerMethodField()
    exhibitors = serializers.SerializerMethodField()
    films = serializers.SerializerMethodField()

    class Meta(EventSerializer.Meta):
        fields = [
            *EVENT_FIELDS,
            "description",
            "description_en",
            "organizers",
            "parts",
            "sessions",
            "exhibitors",
            "films",
        ]

    @extend_schema_field(OrganizerSerializer(many=True))
    def get_organizers(self, event):
        return OrganizerSerializer(selectors.organizers_of(event), many=True).data

    @extend_schema_field(EventSerializer(many=True))
    def get_parts(self, event):
        return EventSerializer(selectors.public_parts_of(event), many=True).data

    @extend_schema_field(SessionSerializer(many=True))
    def get_sessions(self, event):
        return SessionSerializer(selectors.sessions_of(event), many=True).data

    @extend_schema_field(ExhibitorSerializer(many=True))
    def get_exhibitors(self, event):
        return ExhibitorSerializer(selectors.public_exhibitors_of(event), many=True).data

    @extend_schema_field(FilmSerializer(many=True))
    def get_films(self, event):
        return FilmSerializer(selectors.films_of(event), many=True).data


class RegistrationSerializer(serializers.ModelSerializer):
    event = EventSerializer(read_only=True)
    code = serializers.CharField(source="display_code", read_only=True)
    ticket = serializers.SerializerMethodField(
        help_text="What the ticket's QR code holds; empty until the seat is confirmed."
    )

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "status",
            "code",
            "ticket",
            "name",
            "organization_name",
            "job_title",
            "answers",
            "created_at",
            "confirmed_at",
            "cancelled_at",
        ]

    def get_ticket(self, registration) -> str:
        return tickets.payload_for(registration) if registration.is_confirmed else ""


class RegistrationRequestSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    organization_name = serializers.CharField(max_length=200, required=False, default="")
    job_title = serializers.CharField(max_length=100, required=False, default="")
    answers = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        default=dict,
        help_text="Answers by question id.",
    )


class CheckInRequestSerializer(serializers.Serializer):
    code = serializers.CharField(
        max_length=600, help_text="The QR code's content, or the code printed under it."
    )


class CheckInSerializer(serializers.ModelSerializer):
    registration = serializers.IntegerField(source="registration_id")
    name = serializers.CharField(source="registration.name")
    door = serializers.IntegerField(source="door_id")

    class Meta:
        model = CheckIn
        fields = ["id", "registration", "name", "door", "checked_in_at", "method"]


# Views ------------------------------------------------------------------------------------------


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="noop", label="Search (CJK bigrams)")
    kind = django_filters.ChoiceFilter(choices=enums.EventKind.choices, method="noop")
    city = django_filters.CharFilter(method="noop")
    organizer = django_filters.NumberFilter(method="noop", label="Organiser (organisation id)")
    organizer_name = django_filters.CharFilter(
        method="noop", label="Part of an organiser's name, in the directory or not"
    )
    date_from = django_filters.DateFilter(method="noop", label="Ending on or after")
    date_to = django_filters.DateFilter(method="noop", label="Starting on or before")
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", "upcoming"), ("past", "past")], method="noop"
    )

    def noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        values = {name: value for name, value in self.form.cleaned_data.items() if value}
        if "q" in values:
            values["query"] = values.pop("q")
        return selectors.filter_public_events(queryset, **values)


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Published, cancelled and finished events (parts are listed within their event)."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        if self.action == "list":
            return selectors.public_main_events().order_by("-starts_at", "pk")
        return selectors.public_events().select_related("parent").order_by("pk")

    def get_serializer_class(self):
        return EventDetailSerializer if self.action == "retrieve" else EventSerializer

    @extend_schema(request=RegistrationRequestSerializer, responses={201: RegistrationSerializer})
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def register(self, request, pk=None):
        """Register the caller; a full event puts them on its waiting list."""
        event = selectors.get_public_event(pk)
        data = RegistrationRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        registration = services.register(
            event,
            request.user,
            actor=request.user,
            **data.validated_data,
        )
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CheckInRequestSerializer, responses={201: CheckInSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path="check-in",
        permission_classes=[permissions.IsAuthenticated],
    )
    def check_in(self, request, pk=None):
        """Check a ticket in at this event's door (organisers with the check-in right)."""
        door = selectors.get_within(selectors.events_for_check_in(request.user), pk)
        data = CheckInRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        check = services.check_in(door, data.validated_data["code"], actor=request.user)
        return Response(CheckInSerializer(check).data, status=status.HTTP_201_CREATED)


class RegistrationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The caller's own registrations and tickets."""

    serializer_class = RegistrationSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = None

    def get_queryset(self):
        return selectors.registrations_of(self.request.user).order_by("-created_at", "-pk")

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        registration = services.cancel_registration(self.get_object(), actor=request.user)
        return Response(RegistrationSerializer(registration).data)
