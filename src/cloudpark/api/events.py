"""Events over REST: the public calendar, registering and one's own registrations, and the
organisers' side: their events (created, changed, published, cancelled and finished), the
registrations they approve or decline, the check-in and the attendance figures.

The same selectors, services and named rules as the pages. Organisers' endpoints look events
up among those of the caller's organisations, so that another organisation's event is a 404;
a member without the right the page asks for gets a 403, and a refused business rule a 400
with its message.
"""

from datetime import datetime

import django_filters
from django.http import Http404
from django.utils.translation import gettext as _t
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cloudpark.core import privacy
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
from cloudpark.orgs import selectors as org_selectors

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


# The organisers' serializers ----------------------------------------------------------------------

# Every field the services let an organiser set, except the cover picture (uploaded on the page).
WRITABLE_EVENT_FIELDS = [field for field in services.EVENT_FIELDS if field != "cover"]


class ManagedEventSerializer(serializers.ModelSerializer):
    """An event or part as its organisers see it, drafts included."""

    parent = serializers.PrimaryKeyRelatedField(read_only=True)
    owner = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Event
        fields = [
            *EVENT_FIELDS,
            "owner",
            "description",
            "description_en",
            "position",
            "has_waiting_list",
            "published_at",
            "cancelled_at",
            "finished_at",
            "cancellation_reason",
        ]
        read_only_fields = fields


class ManagedEventUpdateSerializer(serializers.ModelSerializer):
    """The details of an event; times in ISO 8601 with their offset."""

    class Meta:
        model = Event
        fields = WRITABLE_EVENT_FIELDS


class ManagedEventCreateSerializer(ManagedEventUpdateSerializer):
    owner = serializers.IntegerField(
        required=False,
        help_text="The government body or park that manages the event, when the caller "
        "organises events for several; a part belongs to its event's.",
    )
    parent = serializers.IntegerField(
        required=False, help_text="The event this is a part of (a sub-forum, a screening)."
    )

    class Meta(ManagedEventUpdateSerializer.Meta):
        fields = ["owner", "parent", *WRITABLE_EVENT_FIELDS]


class EventCancelRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=300,
        required=False,
        default="",
        allow_blank=True,
        help_text="Told to everyone registered, with the cancellation.",
    )


class ManagedRegistrationSerializer(serializers.ModelSerializer):
    """A registration as its organisers see it: the e-mail address is masked unless the
    caller holds the personal-data right in the organisation (as on the pages)."""

    code = serializers.CharField(source="display_code", read_only=True)
    email = serializers.SerializerMethodField()
    checked_in_at = serializers.SerializerMethodField(
        help_text="The first check-in at any of the event's doors."
    )

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "status",
            "code",
            "name",
            "email",
            "organization_name",
            "job_title",
            "answers",
            "created_at",
            "confirmed_at",
            "cancelled_at",
            "checked_in_at",
        ]

    def get_email(self, registration) -> str:
        if self.context.get("contacts_visible"):
            return registration.user.email
        return privacy.mask_email(registration.user.email)

    def get_checked_in_at(self, registration) -> datetime | None:
        return min((check.checked_in_at for check in registration.check_ins.all()), default=None)


class AttendanceSerializer(serializers.Serializer):
    door = serializers.IntegerField(source="door.pk", help_text="The event or part.")
    title = serializers.CharField(source="door.title")
    title_en = serializers.CharField(source="door.title_en")
    expected = serializers.IntegerField(
        help_text="People with a confirmed seat; the main door admits its parts' too."
    )
    arrived = serializers.IntegerField(help_text="People let in at this door.")
    percent = serializers.IntegerField()


# Views ------------------------------------------------------------------------------------------


def _require(user, permission, obj):
    if not user.has_perm(permission, obj):
        raise PermissionDenied(_t("Your role does not allow this."))


def _managed_event(user, pk, permission):
    """One of the caller's organisations' events (else a 404), if they hold ``permission``
    for it (else a 403)."""
    event = selectors.get_within(
        selectors.events_of_organizations_of(user).select_related("parent", "owner"), pk
    )
    _require(user, permission, event)
    return event


def _organizing_for(user, chosen):
    """The organisation a new event is made for: the one named (if the caller belongs to it),
    else the first one in which the caller organises events."""
    memberships = org_selectors.memberships_of(user)
    if chosen is not None:
        for membership in memberships:
            if membership.organization_id == chosen:
                return membership.organization
        raise Http404
    for membership in memberships:
        if user.has_perm("events.manage_events", membership.organization):
            return membership.organization
    raise PermissionDenied(_t("You organise events for no government body or park."))


class ManagedEventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="noop", label="Search (CJK bigrams)")
    status = django_filters.ChoiceFilter(choices=enums.EventStatus.choices, method="noop")
    kind = django_filters.ChoiceFilter(choices=enums.EventKind.choices, method="noop")
    organization = django_filters.NumberFilter(
        field_name="owner_id", label="The managing organisation (id)"
    )

    def noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        values = self.form.cleaned_data
        return selectors.filter_organiser_events(
            queryset,
            query=values.get("q") or "",
            status=values.get("status") or "",
            kind=values.get("kind") or "",
        )


class ManagedRegistrationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="noop", label="Name, organisation, e-mail or code")
    status = django_filters.ChoiceFilter(choices=enums.RegistrationStatus.choices, method="noop")

    def noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        values = self.form.cleaned_data
        return selectors.filter_registrations(
            queryset, query=values.get("q") or "", status=values.get("status") or ""
        )


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
    """Published, cancelled and finished events (parts are listed within their event).

    For organisers, the events of their government bodies and parks: ``managed/`` lists
    them; creating, changing (``PATCH``), ``publish/``, ``cancel/`` and ``finish/`` call the
    services the pages call, and ``registrations/`` and ``attendance/`` read what the pages
    show."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    permission_classes = [permissions.AllowAny]

    def get_permissions(self):
        if self.action in {"create", "partial_update"}:
            return [permissions.IsAuthenticated()]
        return super().get_permissions()

    def get_queryset(self):
        if self.action == "list":
            return selectors.public_main_events().order_by("-starts_at", "pk")
        return selectors.public_events().select_related("parent").order_by("pk")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return EventDetailSerializer
        if self.action in {"managed", "create", "partial_update", "publish", "cancel", "finish"}:
            return ManagedEventSerializer
        return EventSerializer

    # The organisers' side -----------------------------------------------------------------------

    @extend_schema(responses=ManagedEventSerializer(many=True))
    @action(
        detail=False,
        methods=["get"],
        permission_classes=[permissions.IsAuthenticated],
        filterset_class=ManagedEventFilter,
    )
    def managed(self, request):
        """Events and parts of the government bodies and parks the caller organises events
        or checks tickets in for, drafts included, latest first."""
        owners = [
            membership.organization_id
            for membership in org_selectors.memberships_of(request.user)
            if request.user.has_perm("events.view_events", membership.organization)
        ]
        if not owners:
            raise PermissionDenied(_t("You organise events for no government body or park."))
        queryset = self.filter_queryset(
            Event.objects.filter(owner_id__in=owners).order_by("-starts_at", "pk")
        )
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(ManagedEventSerializer(page, many=True).data)

    @extend_schema(request=ManagedEventCreateSerializer, responses={201: ManagedEventSerializer})
    def create(self, request, *args, **kwargs):
        """A new draft event of the caller's organisation, or a new part of one of its
        events."""
        write = ManagedEventCreateSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        values = dict(write.validated_data)
        owner, parent = values.pop("owner", None), values.pop("parent", None)
        if parent is not None:
            parent = _managed_event(request.user, parent, "events.manage_event")
            owner = parent.owner
        else:
            owner = _organizing_for(request.user, owner)
            _require(request.user, "events.manage_events", owner)
        event = services.create_event(owner, actor=request.user, parent=parent, **values)
        return Response(ManagedEventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ManagedEventUpdateSerializer, responses=ManagedEventSerializer)
    def partial_update(self, request, pk=None):
        """Change an event's details; the fields left out stay as they are."""
        event = _managed_event(request.user, pk, "events.manage_event")
        write = ManagedEventUpdateSerializer(event, data=request.data, partial=True)
        write.is_valid(raise_exception=True)
        event = services.update_event(event, actor=request.user, **write.validated_data)
        return Response(ManagedEventSerializer(event).data)

    @extend_schema(request=None, responses=ManagedEventSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def publish(self, request, pk=None):
        """Publish a draft, with its draft parts."""
        event = _managed_event(request.user, pk, "events.manage_event")
        event = services.publish_event(event, actor=request.user)
        return Response(ManagedEventSerializer(event).data)

    @extend_schema(request=EventCancelRequestSerializer, responses=ManagedEventSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def cancel(self, request, pk=None):
        """Call an event off, with its parts; everyone registered is notified."""
        event = _managed_event(request.user, pk, "events.manage_event")
        data = EventCancelRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.cancel_event(
            event, actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(ManagedEventSerializer(event).data)

    @extend_schema(request=None, responses=ManagedEventSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def finish(self, request, pk=None):
        """Mark a published event finished once it has begun, with its published parts."""
        event = _managed_event(request.user, pk, "events.manage_event")
        event = services.finish_event(event, actor=request.user)
        return Response(ManagedEventSerializer(event).data)

    @extend_schema(responses=ManagedRegistrationSerializer(many=True))
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[permissions.IsAuthenticated],
        filterset_class=ManagedRegistrationFilter,
    )
    def registrations(self, request, pk=None):
        """The event's registrations, first come first."""
        event = _managed_event(request.user, pk, "events.manage_event")
        queryset = self.filter_queryset(selectors.registrations_for(event))
        page = self.paginate_queryset(queryset)
        context = {"contacts_visible": services.registrant_contacts_visible(request.user, event)}
        return self.get_paginated_response(
            ManagedRegistrationSerializer(page, many=True, context=context).data
        )

    @extend_schema(responses=AttendanceSerializer(many=True))
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[permissions.IsAuthenticated],
        filter_backends=[],
        pagination_class=None,
    )
    def attendance(self, request, pk=None):
        """Per door (the main event's, then each part's): people expected and let in."""
        event = _managed_event(request.user, pk, "events.check_in_event")
        return Response(AttendanceSerializer(selectors.attendance_of(event), many=True).data)

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
    """The caller's own registrations and tickets; for organisers, ``approve/`` and
    ``reject/`` decide a registration for one of their organisation's events."""

    serializer_class = RegistrationSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = None

    def get_queryset(self):
        if self.action in {"approve", "reject"}:
            return selectors.registrations_at_events_of_organizations_of(self.request.user)
        return selectors.registrations_of(self.request.user).order_by("-created_at", "-pk")

    def get_serializer_class(self):
        if self.action in {"approve", "reject"}:
            return ManagedRegistrationSerializer
        return RegistrationSerializer

    def _decide(self, service):
        registration = self.get_object()
        _require(self.request.user, "events.manage_event", registration.event)
        registration = service(registration, actor=self.request.user)
        visible = services.registrant_contacts_visible(self.request.user, registration.event)
        return Response(
            ManagedRegistrationSerializer(registration, context={"contacts_visible": visible}).data
        )

    @extend_schema(request=None, responses=ManagedRegistrationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Accept a registration awaiting approval (or waiting): a seat if one is free, else
        a place on the waiting list."""
        return self._decide(services.approve_registration)

    @extend_schema(request=None, responses=ManagedRegistrationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Decline a registration awaiting approval."""
        return self._decide(services.reject_registration)

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        registration = services.cancel_registration(self.get_object(), actor=request.user)
        return Response(RegistrationSerializer(registration).data)
