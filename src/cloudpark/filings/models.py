import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cloudpark.core.i18n import Bilingual
from cloudpark.core.models import TimeStampedModel
from cloudpark.filings import enums, reference
from cloudpark.filings.regime import timecode
from cloudpark.reviews.models import ReviewSubject

AMOUNT = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class DramaProject(TimeStampedModel):
    """A work an enterprise files, across its planning filings (a rename files afresh under the
    same project) and its release filings. Created by
    ``filings.services.create_planning_filing``."""

    enterprise = models.ForeignKey(
        "orgs.Enterprise",
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="drama_projects",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("drama project")
        verbose_name_plural = _("drama projects")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.enterprise} · {self.pk}"


class PlanningFiling(ReviewSubject, TimeStampedModel):
    """The filing before shooting: what the work is, who makes it and what it costs.

    State changes go through ``filings.services.create_planning_filing``,
    ``submit_planning_filing``, ``rename_planning_filing`` and, for the review, the review
    engine, which moves the filing as ``filings.flows`` declares.
    """

    review_flow_key = "filings.planning"

    project = models.ForeignKey(
        DramaProject, on_delete=models.PROTECT, related_name="planning_filings"
    )
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("renames"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=enums.PlanningState.choices,
        default=enums.PlanningState.DRAFT,
    )
    title = models.CharField(_("title (Chinese)"), max_length=100)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=enums.DramaKind.choices)
    era = models.CharField(_("era"), max_length=15, choices=enums.Era.choices, blank=True)
    subject = models.CharField(_("subject matter"), max_length=20)
    major_revolutionary = models.BooleanField(_("major revolutionary subject"), default=False)
    special_subjects = models.JSONField(_("special subjects"), default=list, blank=True)
    episodes = models.PositiveIntegerField(_("episodes"))
    minutes_per_episode = models.DecimalField(
        _("minutes per episode"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    planned_investment = models.DecimalField(_("planned investment (10,000 yuan)"), **AMOUNT)
    promoted = models.BooleanField(
        _("platform's main push or home-screen placement"), default=False
    )
    shoot_starts_on = models.DateField(_("shooting starts"))
    shoot_ends_on = models.DateField(_("shooting ends"))
    synopsis = models.TextField(_("synopsis"), blank=True)
    themes = models.TextField(_("statement of themes"), blank=True)
    episode_synopses = models.JSONField(_("per-episode synopses"), default=list, blank=True)
    # Set when the filing is submitted: the tier, the rule that gave it, the monthly batch.
    tier = models.CharField(_("tier"), max_length=10, choices=enums.Tier.choices, blank=True)
    tier_rule = models.CharField(_("tier rule"), max_length=40, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    batch_month = models.DateField(_("monthly batch"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_comment = models.TextField(_("reasons given"), blank=True)
    notice_month = models.DateField(_("public notice"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("planning filing")
        verbose_name_plural = _("planning filings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(shoot_ends_on__gte=models.F("shoot_starts_on")),
                name="filings_shooting_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(planned_investment__gte=0), name="filings_investment_not_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "notice_month"]),
            models.Index(fields=["title"]),
        ]

    def __str__(self):
        return f"《{self.title}》"

    display_title = Bilingual("title")

    @property
    def is_editable(self):
        return self.state in enums.PLANNING_EDITABLE

    @property
    def kind_reference(self):
        return reference.KINDS[self.kind]

    @property
    def subject_label(self):
        table = (
            reference.ANIMATION_SUBJECTS
            if self.kind_reference.uses_animation_subjects
            else reference.SUBJECTS
        )
        return table.get(self.subject, (self.subject, self.subject))[0]

    @property
    def era_label(self):
        return reference.ERAS[self.era][0] if self.era else ""

    @property
    def tier_rule_reference(self):
        return reference.TIER_RULES_BY_KEY.get(self.tier_rule)

    @property
    def needs_co_review(self):
        return bool(self.special_subjects)


class Producer(models.Model):
    """A producer of a filed work, from the directory, with its production and operation
    licence. Written with the filing by ``filings.services``."""

    filing = models.ForeignKey(PlanningFiling, on_delete=models.CASCADE, related_name="producers")
    enterprise = models.ForeignKey(
        "orgs.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="+"
    )
    is_lead = models.BooleanField(_("lead producer"), default=False)
    licence_number = models.CharField(_("production and operation licence number"), max_length=40)
    licence_expires_on = models.DateField(_("licence expires on"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        ordering = ["filing", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["filing", "enterprise"], name="filings_producer_once_per_filing"
            ),
            models.UniqueConstraint(
                fields=["filing"], condition=Q(is_lead=True), name="filings_one_lead_producer"
            ),
        ]

    def __str__(self):
        return str(self.enterprise)


class Person(models.Model):
    """A writer, director, lead actor or foreign member of the crew of a filed work."""

    filing = models.ForeignKey(PlanningFiling, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(_("role"), max_length=10, choices=enums.PersonRole.choices)
    name = models.CharField(_("name"), max_length=100)
    character = models.CharField(_("character or job"), max_length=100, blank=True)
    nationality = models.CharField(_("nationality"), max_length=50, blank=True)
    approval = models.CharField(_("approval document"), max_length=100, blank=True)
    profile = models.TextField(_("profile"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["filing", "role", "position", "id"]

    def __str__(self):
        return self.name


class ReleaseFiling(ReviewSubject, TimeStampedModel):
    """The filing after production: where the work is shown, what it cost, its episodes as
    made. Ends, approved, in a distribution licence number. State changes go through
    ``filings.services.create_release_filing``, ``submit_release_filing`` and the review
    engine (``filings.flows``)."""

    review_flow_key = "filings.release"

    planning = models.ForeignKey(
        PlanningFiling,
        verbose_name=_("planning filing"),
        on_delete=models.PROTECT,
        related_name="release_filings",
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=enums.ReleaseState.choices,
        default=enums.ReleaseState.DRAFT,
    )
    title = models.CharField(_("title as released"), max_length=100)
    episodes = models.PositiveIntegerField(_("episodes"))
    minutes_per_episode = models.DecimalField(
        _("minutes per episode"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    synopsis = models.TextField(_("synopsis"), blank=True)
    episode_synopses = models.JSONField(_("per-episode synopses"), default=list, blank=True)
    platforms = models.JSONField(_("platforms"), default=list, blank=True)
    actual_investment = models.DecimalField(_("actual investment (10,000 yuan)"), **AMOUNT)
    actor_fees = models.DecimalField(_("actor fees (10,000 yuan)"), **AMOUNT)
    ai_content_declared = models.BooleanField(_("contains AI-generated content"), default=False)
    ai_content_note = models.TextField(_("AI content: what and where"), blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    batch_month = models.DateField(_("monthly batch"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_comment = models.TextField(_("reasons given"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("release filing")
        verbose_name_plural = _("release filings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(actual_investment__gte=0) & Q(actor_fees__gte=0),
                name="filings_release_amounts_not_negative",
            )
        ]
        indexes = [models.Index(fields=["planning", "state"])]

    def __str__(self):
        return f"《{self.title}》"

    @property
    def is_editable(self):
        return self.state in enums.RELEASE_EDITABLE

    @property
    def kind(self):
        return self.planning.kind


def material_upload_path(instance, filename):
    suffix = PurePosixPath(filename).suffix.lower()
    return f"filings/{instance.planning_id}/{uuid.uuid4().hex}{suffix}"


class FilingMaterial(models.Model):
    """A file attached to a planning filing or to one of its release filings (licences,
    contracts, proof of production, co-review letters). Written by
    ``filings.services.attach_material``."""

    planning = models.ForeignKey(PlanningFiling, on_delete=models.CASCADE, related_name="materials")
    release = models.ForeignKey(
        ReleaseFiling, null=True, blank=True, on_delete=models.CASCADE, related_name="materials"
    )
    name = models.CharField(_("material"), max_length=100)
    file = models.FileField(_("file"), upload_to=material_upload_path)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("filing material")
        verbose_name_plural = _("filing materials")
        ordering = ["planning", "-uploaded_at", "-id"]

    def __str__(self):
        return self.original_name


class NumberCounter(models.Model):
    """The last sequence an issuer gave in a series, for a kind and a year. The issuer is the
    abbreviation printed in the number (浙, 总局): bodies that print the same one share its
    sequence, so that no number is given twice. Its row is locked while a number is allocated
    (``filings.services.allocate_number``), so that two decisions at the same moment get
    consecutive numbers, never the same one and never a gap."""

    issuer_code = models.CharField(max_length=10)
    series = models.CharField(max_length=10, choices=enums.NumberSeries.choices)
    kind = models.CharField(max_length=10, choices=enums.DramaKind.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_code", "series", "kind", "year"],
                name="filings_one_counter_per_series",
            )
        ]

    def __str__(self):
        return f"{self.issuer_code} · {self.series} · {self.kind} · {self.year}: {self.last}"


class IssuedNumber(models.Model):
    """A planning number or a distribution licence number, kept for ever. Its status changes
    through ``filings.services.revoke_number`` and a rename's approval (superseded)."""

    number = models.CharField(_("number"), max_length=60, unique=True)
    series = models.CharField(_("series"), max_length=10, choices=enums.NumberSeries.choices)
    issuer = models.ForeignKey(
        "orgs.GovernmentBody",
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issuer_code = models.CharField(_("issuer in the number"), max_length=10)
    kind = models.CharField(_("kind"), max_length=10, choices=enums.DramaKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    planning = models.ForeignKey(PlanningFiling, on_delete=models.PROTECT, related_name="numbers")
    release = models.OneToOneField(
        ReleaseFiling, null=True, blank=True, on_delete=models.PROTECT, related_name="licence"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=enums.NumberStatus.choices,
        default=enums.NumberStatus.VALID,
    )
    issued_on = models.DateField(_("issued on"))
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    status_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("issued number")
        verbose_name_plural = _("issued numbers")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_code", "series", "kind", "year", "sequence"],
                name="filings_number_sequence_once",
            )
        ]
        indexes = [models.Index(fields=["planning", "series"])]

    def __str__(self):
        return self.number

    @property
    def is_valid(self):
        return self.status == enums.NumberStatus.VALID


def cut_upload_path(instance, filename):
    suffix = PurePosixPath(filename).suffix.lower()
    return f"filings/{instance.release.planning_id}/cuts/{uuid.uuid4().hex}{suffix}"


class FilmCut(models.Model):
    """A cut of the finished film a release filing puts before the reviewers: the first one,
    then a new one after each return. Keeps what the episodes were when it was uploaded, so
    that the next cut can show what changed. Written by ``filings.screening.attach_cut``."""

    release = models.ForeignKey(ReleaseFiling, on_delete=models.CASCADE, related_name="cuts")
    number = models.PositiveSmallIntegerField(_("cut"))
    file = models.FileField(_("file"), upload_to=cut_upload_path)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("type"), max_length=100)
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"))
    episodes = models.PositiveIntegerField(_("episodes"))
    episode_synopses = models.JSONField(_("per-episode synopses"), default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("film cut")
        verbose_name_plural = _("film cuts")
        ordering = ["release", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["release", "number"], name="filings_cut_number_once")
        ]

    def __str__(self):
        return f"{self.release} · {self.number}"


class ViewingSession(models.Model):
    """A reviewer's time-boxed access to a release filing's cut: the stream answers only to
    that reviewer and only until ``expires_at``. Opened by
    ``filings.screening.open_viewing_session``."""

    release = models.ForeignKey(
        ReleaseFiling, on_delete=models.CASCADE, related_name="viewing_sessions"
    )
    cut = models.ForeignKey(FilmCut, on_delete=models.PROTECT, related_name="viewing_sessions")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"))
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("viewing session")
        verbose_name_plural = _("viewing sessions")
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["release", "viewer", "expires_at"])]

    def __str__(self):
        return f"{self.release} · {self.viewer}"


class TimedComment(models.Model):
    """A reviewer's comment on a time range of a cut, under a clause of the checklist of
    prohibited content. Kept with the stage and round it was given in, and with the cut it
    was given on. Written by ``filings.screening.add_timed_comment``."""

    release = models.ForeignKey(
        ReleaseFiling, on_delete=models.CASCADE, related_name="timed_comments"
    )
    cut = models.ForeignKey(FilmCut, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="+"
    )
    stage_key = models.CharField(_("stage"), max_length=50)
    round = models.PositiveIntegerField(_("round"))
    start_seconds = models.PositiveIntegerField(_("from (seconds)"))
    end_seconds = models.PositiveIntegerField(_("to (seconds)"))
    category = models.CharField(_("clause"), max_length=30)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("time-coded comment")
        verbose_name_plural = _("time-coded comments")
        ordering = ["release", "start_seconds", "end_seconds", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_seconds__gte=models.F("start_seconds")),
                name="filings_comment_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.release} · {self.start_seconds}-{self.end_seconds}"

    @property
    def category_label(self):
        entry = reference.PROHIBITED_CONTENT.get(self.category)
        return entry[1] if entry else self.category

    @property
    def start_code(self):
        return timecode(self.start_seconds)

    @property
    def end_code(self):
        return timecode(self.end_seconds)
