from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cloudpark.core.i18n import Bilingual
from cloudpark.core.models import TimeStampedModel
from cloudpark.reviews import enums, flows


class ReviewCase(TimeStampedModel):
    """The review of one subject (an application, a declaration...) along its flow.

    State changes go through ``reviews.services.submit``, ``decide``, ``withdraw`` and
    ``record_opinion``; every one leaves an audit entry, so ``history_of(case)`` is the timeline.
    """

    flow_key = models.CharField(_("flow"), max_length=100)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    subject_label = models.CharField(_("subject"), max_length=300)
    subject_label_en = models.CharField(_("subject (English)"), max_length=300, blank=True)
    applicant = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="review_cases",
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=enums.CaseState.choices,
        default=enums.CaseState.IN_REVIEW,
    )
    stage_key = models.CharField(_("stage"), max_length=50)
    reviewing_organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        related_name="cases_to_review",
        null=True,
        blank=True,
    )
    round = models.PositiveIntegerField(_("round"), default=1)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    stage_started_at = models.DateTimeField(_("stage started"), default=timezone.now)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("review case")
        verbose_name_plural = _("review cases")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["flow_key", "content_type", "object_id"],
                name="reviews_one_case_per_subject",
            )
        ]
        indexes = [
            models.Index(fields=["reviewing_organization", "state", "due_at"]),
            models.Index(fields=["applicant", "state"]),
        ]

    display_subject_label = Bilingual("subject_label")

    @property
    def state_label(self):
        """``get_state_display()`` without labelling every state first (for lists)."""
        if self.state in enums.CaseState.values:
            return enums.CaseState(self.state).label
        return self.state

    def __str__(self):
        return f"{self.display_subject_label} ({self.get_state_display()})"

    @property
    def flow(self):
        return flows.get(self.flow_key)

    @property
    def stage(self):
        return self.flow.stage(self.stage_key)

    @property
    def is_open(self):
        return self.state in enums.OPEN_STATES

    @property
    def is_overdue(self):
        return (
            self.state == enums.CaseState.IN_REVIEW
            and self.due_at is not None
            and self.due_at < timezone.now()
        )


class ReviewSubject(models.Model):
    """What a reviewed object (an application, a declaration...) holds to join the engine:
    the link to its case, set by the engine when the object is first submitted. Its flow's
    ``Consumer`` says what each of the engine's events makes of it."""

    # The key of the flow that reviews objects of this model.
    review_flow_key = None

    review_case = models.OneToOneField(
        "reviews.ReviewCase",
        verbose_name=_("review"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class ReviewOpinion(models.Model):
    """A panel reviewer's opinion (and score) at one stage of one round. Kept, never edited:
    a reviewer who changes their mind records a new opinion, and the newest counts."""

    case = models.ForeignKey(ReviewCase, on_delete=models.CASCADE, related_name="opinions")
    stage_key = models.CharField(_("stage"), max_length=50)
    round = models.PositiveIntegerField(_("round"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_opinions"
    )
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="+"
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=enums.Recommendation.choices
    )
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("opinion"))
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("review opinion")
        verbose_name_plural = _("review opinions")
        ordering = ["case", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0), name="reviews_score_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.case} · {self.reviewer}"


class ReviewDecision(models.Model):
    """A stage's decision. Written once by ``reviews.services.decide``."""

    case = models.ForeignKey(ReviewCase, on_delete=models.CASCADE, related_name="decisions")
    stage_key = models.CharField(_("stage"), max_length=50)
    round = models.PositiveIntegerField(_("round"))
    decision = models.CharField(_("decision"), max_length=10, choices=enums.Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_decisions"
    )
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["case", "created_at", "id"]

    def __str__(self):
        return f"{self.case} · {self.get_decision_display()}"
