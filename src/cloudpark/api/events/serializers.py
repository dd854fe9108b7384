"""Events, registrations and check-ins as the API shows and takes them."""

from datetime import datetime

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cloudpark.api.base import ORGANIZERS, ScopedRelatedField
from cloudpark.api.lists import ReadSerializer
from cloudpark.core import privacy
from cloudpark.core.i18n import with_english
from cloudpark.events import selectors, services, tickets
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
from cloudpark.orgs.models import Organization

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


class EventSerializer(ReadSerializer, serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Event
        fields = EVENT_FIELDS


class OrganizerSerializer(serializers.ModelSerializer):
    organization = serializers.PrimaryKeyRelatedField(read_only=True)
    name = serializers.SerializerMethodField()
    name_en = serializers.SerializerMethodField()

    class Meta:
        model = EventOrganizer
        fields = [*with_english(EventOrganizer, "role", "organization", "name", "position")]

    def get_name(self, organizer) -> str:
        return organizer.organization.name if organizer.organization_id else organizer.name

    def get_name_en(self, organizer) -> str:
        return organizer.organization.name_en if organizer.organization_id else organizer.name_en


class SpeakerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = [*with_english(Speaker, "name", "title", "organization_name")]


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
        fields = [*with_english(Screening, "venue", "starts_at", "ends_at")]


class FilmSerializer(serializers.ModelSerializer):
    screenings = ScreeningSerializer(many=True, read_only=True)

    class Meta:
        model = Film
        fields = [
            *with_english(
                Film,
                "title",
                "runtime_minutes",
                "country_or_region",
                "language",
                "subtitles",
                "director",
                "rights_holder",
                "permit_number",
                "screenings",
            )
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

    parent = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
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
    owner = ScopedRelatedField(
        Organization,
        lambda user: org_selectors.organizations_user_belongs_to(user, ORGANIZERS),
        required=False,
        help_text="The government body or park that manages the event, when the caller "
        "organises events for several; a part belongs to its event's.",
    )
    parent = ScopedRelatedField(
        Event,
        selectors.events_of_organizations_of,
        required=False,
        help_text="The event this is a part of (a sub-forum, a screening).",
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
