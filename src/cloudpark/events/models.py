from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cloudpark.core import search
from cloudpark.core.i18n import Bilingual
from cloudpark.core.models import TimeStampedModel
from cloudpark.core.states import may_move
from cloudpark.events import enums

COVER_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


def cover_upload_path(instance, filename):
    return f"events/covers/{instance.owner_id}/{filename}"


class Event(TimeStampedModel):
    """An event, or a part of one (a sub-forum of a forum, a screening of a film week).

    Belongs to the organisation that manages it (a government body or a park). State changes
    go through ``events.services.publish_event``, ``cancel_event`` and ``finish_event``; every
    other write through the services of the same module.
    """

    owner = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("managed by"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="parts",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=enums.EventKind.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=enums.EventStatus.choices,
        default=enums.EventStatus.DRAFT,
    )
    title = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    theme = models.CharField(_("theme (Chinese)"), max_length=200, blank=True)
    theme_en = models.CharField(_("theme (English)"), max_length=300, blank=True)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=enums.TIME_ZONE_CHOICES,
        default=settings.TIME_ZONE,
    )
    venue = models.CharField(_("venue (Chinese)"), max_length=200, blank=True)
    venue_en = models.CharField(_("venue (English)"), max_length=300, blank=True)
    city = models.CharField(_("city (Chinese)"), max_length=50)
    city_en = models.CharField(_("city (English)"), max_length=80, blank=True)
    cover = models.FileField(
        _("cover image"),
        upload_to=cover_upload_path,
        blank=True,
        validators=[FileExtensionValidator(COVER_EXTENSIONS)],
    )
    position = models.PositiveSmallIntegerField(_("order among the parts"), default=0)
    registration_enabled = models.BooleanField(_("takes registrations"), default=False)
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Without one, registration closes when the event begins."),
    )
    requires_approval = models.BooleanField(_("registrations need approval"), default=False)
    has_waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    # The confirmed registrations, kept by ``events.services.registrations._change_seats`` so
    # that a seat is taken in one statement rather than by counting under a lock.
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)
    # The registration questions it asks, kept by ``add_question`` and ``remove_question`` so
    # that registering for an event that asks none reads no questions.
    question_total = models.PositiveSmallIntegerField(
        _("registration questions"), default=0, editable=False
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    cancellation_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    # The organisers' names, kept by the organiser services so that search finds them.
    organizer_names = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="events_event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="events_event_capacity_positive",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(seats_taken__lte=F("capacity")),
                name="events_event_seats_within_capacity",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["owner", "starts_at"]),
            models.Index(fields=["parent", "position"]),
        ]

    def __str__(self):
        return self.display_title

    display_title = Bilingual("title")

    display_theme = Bilingual("theme")

    display_description = Bilingual("description")

    display_venue = Bilingual("venue")

    display_city = Bilingual("city")

    @property
    def zone(self):
        return ZoneInfo(self.time_zone)

    @property
    def local_starts_at(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_ends_at(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def spans_days(self):
        return self.local_starts_at.date() != self.local_ends_at.date()

    @property
    def is_part(self):
        return self.parent_id is not None

    @property
    def is_public(self):
        return self.status in enums.PUBLIC_STATUSES

    @property
    def has_exhibitors(self):
        return self.kind in enums.EXHIBITION_KINDS

    @property
    def has_films(self):
        return self.kind in enums.FILM_KINDS

    @property
    def registration_closes_at(self):
        return self.registration_deadline or self.starts_at

    def search_parts(self):
        return [
            self.title,
            self.title_en,
            self.theme,
            self.theme_en,
            self.venue,
            self.venue_en,
            self.city,
            self.city_en,
            self.organizer_names,
        ]

    def save(self, *args, **kwargs):
        text = search.shadow_text(*self.search_parts())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and text != self.search_text:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        self.search_text = text
        super().save(*args, **kwargs)


class EventOrganizer(models.Model):
    """One organisation in one organiser role of an event: one of the directory, or one named
    here that is not in it. Written by ``events.services.add_organizer`` and friends."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="organizers")
    role = models.CharField(_("role"), max_length=12, choices=enums.OrganizerRole.choices)
    # The role's place in the industry's order, so that the database sorts by it.
    role_rank = models.PositiveSmallIntegerField(editable=False, default=0)
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation in the directory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        ordering = ["event", "role_rank", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | ~Q(name=""),
                name="events_organizer_has_a_name",
            ),
            models.UniqueConstraint(
                fields=["event", "role", "organization"],
                condition=Q(organization__isnull=False),
                name="events_organizer_once_per_role",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.display_name}"

    def save(self, *args, **kwargs):
        self.role_rank = enums.OrganizerRole(self.role).rank
        super().save(*args, **kwargs)

    # The name typed in for an organisation that is not in the directory.
    display_own_name = Bilingual("name")

    @property
    def display_name(self):
        if self.organization_id is not None:
            return self.organization.display_name
        return self.display_own_name


class Session(models.Model):
    """A session of an event's agenda. Written by ``events.services.add_session`` and
    friends, which note the changes made after the event was published."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place (Chinese)"), max_length=200, blank=True)
    place_en = models.CharField(_("place (English)"), max_length=300, blank=True)
    title = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    format = models.CharField(
        _("format"),
        max_length=14,
        choices=enums.SessionFormat.choices,
        default=enums.SessionFormat.PRESENTATION,
    )
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=enums.SessionStatus.choices,
        default=enums.SessionStatus.SCHEDULED,
    )
    changed_at = models.DateTimeField(_("changed after publication at"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="events_session_ends_after_start"
            )
        ]

    def __str__(self):
        return self.display_title

    display_title = Bilingual("title")

    display_place = Bilingual("place")

    display_description = Bilingual("description")

    @property
    def is_cancelled(self):
        return self.status == enums.SessionStatus.CANCELLED


class Speaker(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    title = models.CharField(_("title or position (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title or position (English)"), max_length=300, blank=True)
    organization_name = models.CharField(_("organisation (Chinese)"), max_length=200, blank=True)
    organization_name_en = models.CharField(_("organisation (English)"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["session", "position", "pk"]

    def __str__(self):
        return self.display_name

    display_name = Bilingual("name")

    display_title = Bilingual("title")

    display_organization = Bilingual("organization_name")


class Exhibitor(TimeStampedModel):
    """An organisation exhibiting at an exhibition: it applied or was invited. State changes go
    through ``events.services.confirm_exhibitor`` and friends."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="exhibitors")
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation in the directory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exhibitor_entries",
    )
    name = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=enums.ExhibitorStatus.choices)
    booth = models.CharField(_("booth"), max_length=20, blank=True)
    exhibits = models.TextField(_("what it exhibits (Chinese)"), blank=True)
    exhibits_en = models.TextField(_("what it exhibits (English)"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        ordering = ["event", "booth", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | ~Q(name=""),
                name="events_exhibitor_has_a_name",
            ),
            models.UniqueConstraint(
                fields=["event", "organization"],
                condition=Q(organization__isnull=False),
                name="events_exhibitor_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["event", "booth"], condition=~Q(booth=""), name="events_one_booth_each"
            ),
        ]

    def __str__(self):
        return self.display_name

    # The name typed in for an organisation that is not in the directory.
    display_own_name = Bilingual("name")

    @property
    def display_name(self):
        if self.organization_id is not None:
            return self.organization.display_name
        return self.display_own_name

    display_exhibits = Bilingual("exhibits")

    # What the transition table lets the exhibitor become next, for the pages' buttons.
    def _may_become(self, status):
        return status != self.status and may_move(enums.EXHIBITOR_TRANSITIONS, self.status, status)

    @property
    def may_be_confirmed(self):
        return self._may_become(enums.ExhibitorStatus.CONFIRMED)

    @property
    def may_be_declined(self):
        return self._may_become(enums.ExhibitorStatus.DECLINED)

    @property
    def may_be_withdrawn(self):
        return self._may_become(enums.ExhibitorStatus.WITHDRAWN)

    @property
    def is_confirmed(self):
        return self.status == enums.ExhibitorStatus.CONFIRMED


class Film(models.Model):
    """A film shown at a film week. Written by ``events.services.add_film`` and friends."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="films")
    title = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    runtime_minutes = models.PositiveSmallIntegerField(
        _("runtime (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    country_or_region = models.CharField(_("country or region (Chinese)"), max_length=100)
    country_or_region_en = models.CharField(
        _("country or region (English)"), max_length=150, blank=True
    )
    language = models.CharField(_("language (Chinese)"), max_length=100)
    language_en = models.CharField(_("language (English)"), max_length=150, blank=True)
    subtitles = models.CharField(_("subtitles (Chinese)"), max_length=100, blank=True)
    subtitles_en = models.CharField(_("subtitles (English)"), max_length=150, blank=True)
    director = models.CharField(_("director (Chinese)"), max_length=200)
    director_en = models.CharField(_("director (English)"), max_length=300, blank=True)
    rights_holder = models.CharField(_("rights holder"), max_length=200, blank=True)
    permit_number = models.CharField(
        _("permit or filing number"),
        max_length=100,
        blank=True,
        help_text=_("The screening permit or filing number, where the film has one."),
    )
    synopsis = models.TextField(_("synopsis (Chinese)"), blank=True)
    synopsis_en = models.TextField(_("synopsis (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("film")
        verbose_name_plural = _("films")
        ordering = ["event", "position", "pk"]

    def __str__(self):
        return self.display_title

    display_title = Bilingual("title")

    display_country = Bilingual("country_or_region")

    display_language = Bilingual("language")

    display_subtitles = Bilingual("subtitles")

    display_director = Bilingual("director")

    display_synopsis = Bilingual("synopsis")


class Screening(models.Model):
    """A slot in which a film is shown at a venue."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="screenings")
    venue = models.CharField(_("venue (Chinese)"), max_length=200)
    venue_en = models.CharField(_("venue (English)"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        ordering = ["venue", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="events_screening_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.film} @ {self.display_venue}"

    display_venue = Bilingual("venue")


class RegistrationQuestion(models.Model):
    """A question the organiser asks everyone who registers."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question (Chinese)"), max_length=200)
    label_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    kind = models.CharField(
        _("answer"),
        max_length=10,
        choices=enums.QuestionKind.choices,
        default=enums.QuestionKind.TEXT,
    )
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For “one of a list”: one choice per line.")
    )
    required = models.BooleanField(_("an answer is required"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["event", "position", "pk"]

    def __str__(self):
        return self.display_label

    display_label = Bilingual("label")

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Registration(TimeStampedModel):
    """A person's registration for an event or a part of one, and its ticket.

    State changes go through ``events.services.register``, ``approve_registration``,
    ``reject_registration`` and ``cancel_registration``; a cancelled seat goes to the first
    person on the waiting list.
    """

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=10, choices=enums.RegistrationStatus.choices)
    # What the person types at the door when the camera cannot read the QR code.
    code = models.CharField(_("ticket code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=100)
    organization_name = models.CharField(_("organisation"), max_length=200, blank=True)
    job_title = models.CharField(_("title or position"), max_length=100, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=sorted(enums.ACTIVE_REGISTRATION)),
                name="events_one_active_registration",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} · {self.event}"

    @property
    def is_active(self):
        return self.status in enums.ACTIVE_REGISTRATION

    @property
    def is_confirmed(self):
        return self.status == enums.RegistrationStatus.CONFIRMED

    # What the transition table lets the organiser make of the registration, for the buttons.
    @property
    def may_be_confirmed(self):
        return self.status != enums.RegistrationStatus.CONFIRMED and may_move(
            enums.REGISTRATION_TRANSITIONS, self.status, enums.RegistrationStatus.CONFIRMED
        )

    @property
    def may_be_rejected(self):
        return self.status != enums.RegistrationStatus.REJECTED and may_move(
            enums.REGISTRATION_TRANSITIONS, self.status, enums.RegistrationStatus.REJECTED
        )

    @property
    def display_code(self):
        """The code in two groups of five, as printed on the ticket."""
        return f"{self.code[:5]}-{self.code[5:]}"


class CheckIn(models.Model):
    """A ticket let in at a door: the event's own or a part's. Once per ticket and door;
    written by ``events.services.check_in`` only."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="check_ins"
    )
    door = models.ForeignKey(
        Event, verbose_name=_("door"), on_delete=models.PROTECT, related_name="check_ins"
    )
    checked_in_at = models.DateTimeField(_("checked in at"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    method = models.CharField(_("how"), max_length=10, choices=enums.CheckInMethod.choices)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-checked_in_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "door"], name="events_one_check_in_per_door"
            )
        ]
        indexes = [models.Index(fields=["door", "-checked_in_at"])]

    def __str__(self):
        return f"{self.registration} @ {self.checked_in_at:%Y-%m-%d %H:%M}"
