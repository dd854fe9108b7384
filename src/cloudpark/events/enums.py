"""Kinds, states and their transition tables. A state's table says where it may go; a test
walks every pair and checks that the others are refused."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cloudpark.core.states import transition_table


class EventKind(models.TextChoices):
    FORUM = "forum", _("Forum")
    SUB_FORUM = "sub_forum", _("Sub-forum")
    CEREMONY = "ceremony", _("Ceremony")
    FILM_WEEK = "film_week", _("Film week")
    SCREENING = "screening", _("Screening")
    EXHIBITION = "exhibition", _("Exhibition")
    LAUNCH = "launch", _("Launch")
    CONCERT = "concert", _("Concert")
    OTHER = "other", _("Other event")


# Kinds whose page lists exhibitors, and kinds whose page lists films and screenings.
EXHIBITION_KINDS = frozenset({EventKind.EXHIBITION})
FILM_KINDS = frozenset({EventKind.FILM_WEEK, EventKind.SCREENING})


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", pgettext_lazy("event", "Cancelled")
    FINISHED = "finished", _("Finished")


EVENT_TRANSITIONS = transition_table(
    EventStatus,
    {
        EventStatus.DRAFT: {EventStatus.PUBLISHED, EventStatus.CANCELLED},
        EventStatus.PUBLISHED: {EventStatus.CANCELLED, EventStatus.FINISHED},
        EventStatus.CANCELLED: set(),
        EventStatus.FINISHED: set(),
    },
)


# What the public site shows: a draft is the organiser's own until it is published.
PUBLIC_STATUSES = frozenset({EventStatus.PUBLISHED, EventStatus.CANCELLED, EventStatus.FINISHED})


class OrganizerRole(models.TextChoices):
    """Ordered as the industry lists them on a programme: the guidance unit first."""

    GUIDANCE = "guidance", _("Guidance unit")
    HOST = "host", _("Host")
    ORGANIZER = "organizer", _("Organiser")
    CO_ORGANIZER = "co_organizer", _("Co-organiser")
    SUPPORTER = "supporter", _("Supporter")
    SPONSOR = "sponsor", _("Sponsor")

    @property
    def rank(self):
        return list(type(self)).index(self)


class SessionFormat(models.TextChoices):
    OPENING = "opening", _("Opening")
    KEYNOTE = "keynote", _("Keynote speech")
    ROUND_TABLE = "round_table", _("Round table")
    PRESENTATION = "presentation", _("Presentation")
    CEREMONY = "ceremony", _("Ceremony")
    SCREENING = "screening", _("Screening")
    PERFORMANCE = "performance", _("Performance")
    BREAK = "break", _("Break")
    OTHER = "other", _("Other session")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("session", "Cancelled")


class ExhibitorStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", pgettext_lazy("exhibitor", "Confirmed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


EXHIBITOR_TRANSITIONS = transition_table(
    ExhibitorStatus,
    {
        ExhibitorStatus.APPLIED: {
            ExhibitorStatus.CONFIRMED,
            ExhibitorStatus.DECLINED,
            ExhibitorStatus.WITHDRAWN,
        },
        ExhibitorStatus.INVITED: {ExhibitorStatus.CONFIRMED, ExhibitorStatus.DECLINED},
        ExhibitorStatus.CONFIRMED: {ExhibitorStatus.WITHDRAWN},
        ExhibitorStatus.DECLINED: set(),
        ExhibitorStatus.WITHDRAWN: set(),
    },
)


EXHIBITOR_OPEN = frozenset({ExhibitorStatus.APPLIED, ExhibitorStatus.INVITED})


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    CONFIRMED = "confirmed", pgettext_lazy("registration", "Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")
    REJECTED = "rejected", _("Not accepted")


REGISTRATION_TRANSITIONS = transition_table(
    RegistrationStatus,
    {
        RegistrationStatus.PENDING: {
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.WAITING,
            RegistrationStatus.REJECTED,
            RegistrationStatus.CANCELLED,
        },
        RegistrationStatus.WAITING: {RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED},
        RegistrationStatus.CONFIRMED: {RegistrationStatus.CANCELLED},
        RegistrationStatus.CANCELLED: set(),
        RegistrationStatus.REJECTED: set(),
    },
)


# A person holds at most one of these per event: a seat, a place in line, or a request.
ACTIVE_REGISTRATION = frozenset(
    {RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING}
)


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Short answer")
    LONG_TEXT = "long_text", _("Paragraph")
    CHOICE = "choice", _("One of a list")
    YES_NO = "yes_no", _("Yes or no")


class CheckInMethod(models.TextChoices):
    SCANNED = "scanned", _("QR code scanned")
    TYPED = "typed", _("Code typed in")


# Time zones an event may be held in: China's, and those of the neighbours its events meet.
TIME_ZONES = (
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Macau",
    "Asia/Taipei",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Singapore",
    "Asia/Kuala_Lumpur",
    "Asia/Bangkok",
    "Asia/Ho_Chi_Minh",
    "Asia/Jakarta",
    "Asia/Manila",
    "Asia/Phnom_Penh",
    "Asia/Vientiane",
    "Asia/Yangon",
    "Asia/Brunei",
    "Europe/London",
    "Europe/Paris",
    "America/New_York",
    "America/Los_Angeles",
    "UTC",
)
TIME_ZONE_CHOICES = [(zone, zone.replace("_", " ")) for zone in TIME_ZONES]
