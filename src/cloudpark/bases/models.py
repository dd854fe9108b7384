import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cloudpark.bases import enums
from cloudpark.core.i18n import Bilingual
from cloudpark.core.models import TimeStampedModel
from cloudpark.reviews.models import ReviewSubject

# Always offered besides a round's own list: what a bureau asks for when it returns a
# declaration, without the round having to foresee it.
SUPPLEMENT = "supplement"


@dataclass(frozen=True)
class RequiredMaterial:
    key: str
    name: str
    name_en: str = ""
    required: bool = True

    display_name = Bilingual("name")


SUPPLEMENT_MATERIAL = RequiredMaterial(SUPPLEMENT, "补充材料", "Supplementary material", False)


class AccreditationRound(TimeStampedModel):
    """A call for declarations: a body, a level, a batch name, a window and what it asks.

    Changes go through ``bases.services.open_round``, ``update_round`` and ``delete_round``.
    """

    organiser = models.ForeignKey(
        "orgs.GovernmentBody",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="accreditation_rounds",
    )
    level = models.CharField(_("level"), max_length=12, choices=enums.RoundLevel.choices)
    batch = models.CharField(_("batch (Chinese)"), max_length=100)
    batch_en = models.CharField(_("batch (English)"), max_length=150, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    criteria = models.TextField(_("criteria (Chinese)"))
    criteria_en = models.TextField(_("criteria (English)"), blank=True)
    # [{"key": ..., "name": ..., "name_en": ...}]: the materials every declaration attaches.
    required_materials = models.JSONField(_("required materials"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("accreditation round")
        verbose_name_plural = _("accreditation rounds")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="bases_round_closes_after_it_opens",
            )
        ]
        indexes = [models.Index(fields=["organiser", "-opens_on"])]

    def __str__(self):
        return self.display_batch

    display_batch = Bilingual("batch")

    display_criteria = Bilingual("criteria")

    @property
    def materials(self):
        """The round's required materials, in its order."""
        return [
            RequiredMaterial(item["key"], item["name"], item.get("name_en", ""))
            for item in self.required_materials
        ]

    @property
    def material_choices(self):
        """Every kind a declaration may attach: the required ones, then a supplement."""
        return [*self.materials, SUPPLEMENT_MATERIAL]

    def phase(self, on=None):
        on = on or timezone.localdate()
        if on < self.opens_on:
            return enums.RoundPhase.UPCOMING
        if on > self.closes_on:
            return enums.RoundPhase.CLOSED
        return enums.RoundPhase.OPEN

    @property
    def current_phase(self):
        return self.phase()

    @property
    def is_open(self):
        return self.phase() == enums.RoundPhase.OPEN


class Declaration(ReviewSubject, TimeStampedModel):
    """A park's declaration for a round: the figures it declares and the materials it attaches.

    State changes go through ``bases.services.draft_declaration``, ``submit_declaration``,
    ``withdraw_declaration`` and, for the review, the review engine, which moves the
    declaration as its flow's consumer declares (``bases.flows``).
    """

    review_flow_key = "bases.declaration"

    round = models.ForeignKey(
        AccreditationRound,
        verbose_name=_("round"),
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    park = models.ForeignKey(
        "orgs.Park", verbose_name=_("park"), on_delete=models.PROTECT, related_name="declarations"
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=enums.DeclarationState.choices,
        default=enums.DeclarationState.DRAFT,
    )
    operator = models.CharField(_("operator"), max_length=200)
    area = models.DecimalField(
        _("area (m²)"), max_digits=12, decimal_places=1, validators=[MinValueValidator(0)]
    )
    enterprise_count = models.PositiveIntegerField(_("enterprises in the park"))
    output = models.DecimalField(
        _("output value last year (10,000 yuan)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    focus = models.CharField(_("focus"), max_length=300)
    support_measures = models.TextField(_("support measures"))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    surveyed_on = models.DateField(_("site survey on"), null=True, blank=True)
    survey_notes = models.TextField(_("site survey notes"), blank=True)
    surveyed_by = models.ForeignKey(
        "orgs.GovernmentBody",
        verbose_name=_("surveyed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    provincial_decided_on = models.DateField(
        _("provincial review decided on"), null=True, blank=True
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_comment = models.TextField(_("reasons given"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        ordering = ["-created_at", "-id"]
        constraints = [
            # A withdrawn declaration does not stop the park from declaring afresh.
            models.UniqueConstraint(
                fields=["round", "park"],
                condition=~Q(state=enums.DeclarationState.WITHDRAWN),
                name="bases_one_declaration_per_round",
            )
        ]
        indexes = [models.Index(fields=["round", "state"]), models.Index(fields=["park", "state"])]

    def __str__(self):
        return f"{self.park} · {self.round}"

    @property
    def is_editable(self):
        return self.state in enums.EDITABLE_STATES

    @property
    def can_be_withdrawn(self):
        return enums.DeclarationState.WITHDRAWN in enums.DECLARATION_TRANSITIONS[self.state]

    @cached_property
    def material_checklist(self):
        """``(material kind, newest file or None, earlier files)`` for every kind, from
        ``materials`` (prefetch it for lists)."""
        files = {}
        newest_first = sorted(self.materials.all(), key=lambda m: (m.uploaded_at, m.pk))[::-1]
        for material in newest_first:
            files.setdefault(material.kind, []).append(material)
        checklist = []
        for kind in self.round.material_choices:
            newest, *earlier = files.get(kind.key) or [None]
            checklist.append((kind, newest, earlier))
        return checklist

    @property
    def missing_materials(self):
        return [
            kind
            for kind, newest, _earlier in self.material_checklist
            if kind.required and not newest
        ]


def material_upload_path(instance, filename):
    suffix = PurePosixPath(filename).suffix.lower()
    return f"bases/declarations/{instance.declaration_id}/{uuid.uuid4().hex}{suffix}"


class DeclarationMaterial(models.Model):
    """A file attached to a declaration. Kept: a new upload of the same kind supersedes it,
    so the reviewers can see what was submitted in each round. Written by
    ``bases.services.attach_material``."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("material"), max_length=40)
    file = models.FileField(_("file"), upload_to=material_upload_path)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("declaration material")
        verbose_name_plural = _("declaration materials")
        ordering = ["declaration", "kind", "-uploaded_at", "-id"]

    def __str__(self):
        return self.original_name


class Accreditation(models.Model):
    """One grant of base status to a park. Never deleted: revocation or exit writes its end.

    Written by ``bases.services.grant_accreditation`` and ``end_accreditation``.
    """

    park = models.ForeignKey(
        "orgs.Park",
        verbose_name=_("park"),
        on_delete=models.PROTECT,
        related_name="accreditations",
    )
    level = models.CharField(_("level"), max_length=12, choices=enums.RoundLevel.choices)
    batch = models.CharField(_("batch (Chinese)"), max_length=100)
    batch_en = models.CharField(_("batch (English)"), max_length=150, blank=True)
    approved_on = models.DateField(_("approved on"))
    decided_by = models.ForeignKey(
        "orgs.GovernmentBody",
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="accreditations_granted",
    )
    round = models.ForeignKey(
        AccreditationRound,
        verbose_name=_("round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accreditations",
    )
    declaration = models.OneToOneField(
        Declaration,
        verbose_name=_("declaration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accreditation",
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end = models.CharField(
        _("how it ended"), max_length=10, choices=enums.AccreditationEnd.choices, blank=True
    )
    end_reason = models.TextField(_("reason"), blank=True)
    ended_by = models.ForeignKey(
        "orgs.GovernmentBody",
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        ordering = ["park", "-approved_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(ended_on__isnull=True) & Q(end=""))
                | (Q(ended_on__gte=models.F("approved_on")) & ~Q(end="")),
                name="bases_accreditation_end_is_whole",
            )
        ]
        indexes = [models.Index(fields=["ended_on", "level", "-approved_on"])]

    def __str__(self):
        return f"{self.park} · {self.get_level_display()} · {self.approved_on:%Y-%m-%d}"

    display_batch = Bilingual("batch")

    @property
    def is_current(self):
        return self.ended_on is None


class AnnualReview(TimeStampedModel):
    """A base's figures for one year and the accrediting body's outcome.

    Written by ``bases.services.submit_annual_review`` and ``decide_annual_review``.
    """

    park = models.ForeignKey(
        "orgs.Park", verbose_name=_("park"), on_delete=models.PROTECT, related_name="annual_reviews"
    )
    accreditation = models.ForeignKey(
        Accreditation,
        verbose_name=_("accreditation"),
        on_delete=models.PROTECT,
        related_name="annual_reviews",
    )
    reviewing_body = models.ForeignKey(
        "orgs.GovernmentBody",
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        related_name="annual_reviews",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    enterprise_count = models.PositiveIntegerField(_("enterprises in the park"))
    employee_count = models.PositiveIntegerField(_("people employed"))
    output = models.DecimalField(
        _("output value (10,000 yuan)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    revenue = models.DecimalField(
        _("revenue (10,000 yuan)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    taxes = models.DecimalField(
        _("taxes paid (10,000 yuan)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    summary = models.TextField(_("work summary"))
    submitted_on = models.DateField(_("submitted on"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=enums.AnnualOutcome.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("annual review")
        verbose_name_plural = _("annual reviews")
        ordering = ["-year", "-id"]
        constraints = [
            # Once per year and accreditation: a park accredited afresh after a revocation
            # reviews its years again under the new accreditation (the service also keeps a
            # year to one review among the accreditations in force).
            models.UniqueConstraint(
                fields=["accreditation", "year"], name="bases_one_review_per_accreditation_year"
            ),
            models.CheckConstraint(
                condition=Q(outcome="", decided_on__isnull=True)
                | (~Q(outcome="") & Q(decided_on__isnull=False)),
                name="bases_annual_outcome_has_a_date",
            ),
        ]
        indexes = [models.Index(fields=["reviewing_body", "outcome", "-year"])]

    def __str__(self):
        return f"{self.park} · {self.year}"

    @property
    def is_decided(self):
        return bool(self.outcome)
