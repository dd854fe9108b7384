"""Policies, the support programmes under them, applications and the public notices of the
approved lists.

Every write goes through ``programs.services``; models hold their fields, what the database
can guarantee, and read-only properties over their own fields.
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cloudpark.core import search
from cloudpark.core.i18n import Bilingual, localized
from cloudpark.core.models import TimeStampedModel
from cloudpark.core.states import may_move
from cloudpark.core.uploads import extension_of
from cloudpark.programs import enums, questions
from cloudpark.reviews.models import ReviewSubject


class SearchableMixin(models.Model):
    """A CJK search shadow column (see ``core.search``), refreshed on every save."""

    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        text = search.shadow_text(*self.search_parts())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and text != self.search_text:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        self.search_text = text
        super().save(*args, **kwargs)

    def search_parts(self):
        raise NotImplementedError


class Policy(SearchableMixin, TimeStampedModel):
    """A policy document. The body that publishes it on the platform (``owner``) may differ
    from the authority that issued it (``issuer_name``, as printed on the document).

    Changes go through ``programs.services.create_policy`` and ``update_policy``.
    """

    owner = models.ForeignKey(
        "orgs.GovernmentBody",
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="policies",
    )
    title = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    issuer_name = models.CharField(_("issued by (Chinese)"), max_length=200)
    issuer_name_en = models.CharField(_("issued by (English)"), max_length=300, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"))
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    full_text = models.TextField(_("full text (Chinese)"))
    full_text_en = models.TextField(_("full text (English)"), blank=True)
    interpretation = models.TextField(_("interpretation (Chinese)"), blank=True)
    interpretation_en = models.TextField(_("interpretation (English)"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["is_published", "-issued_on"])]

    def __str__(self):
        return self.display_title

    display_title = Bilingual("title")

    display_issuer = Bilingual("issuer_name")

    display_full_text = Bilingual("full_text")

    display_interpretation = Bilingual("interpretation")

    def search_parts(self):
        return [self.title, self.title_en, self.document_number, self.issuer_name]


def attachment_upload_path(instance, filename):
    return f"programs/policies/{instance.policy_id}/{uuid.uuid4().hex}.{extension_of(filename)}"


class PolicyAttachment(models.Model):
    """A file published with a policy. Added by ``programs.services.attach_to_policy``."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_upload_path)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("policy attachment")
        verbose_name_plural = _("policy attachments")
        ordering = ["policy", "id"]

    def __str__(self):
        return self.title


class Programme(SearchableMixin, TimeStampedModel):
    """A support programme under a policy: its window, budget, the materials and answers it
    asks for, and its eligibility rules (``rules``, combined by ``combinator``).

    ``required_materials`` is a list of ``{key, label_zh, label_en, required}``;
    ``form_fields`` a list of ``{key, label_zh, label_en, kind, required, choices}``, where
    ``choices`` (for the ``choice`` kind) is a list of ``{value, label_zh, label_en}``.
    Changes go through ``programs.services.create_programme`` and friends.
    """

    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.PROTECT, related_name="programmes"
    )
    issuer = models.ForeignKey(
        "orgs.GovernmentBody",
        verbose_name=_("issued and decided by"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    title = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    programme_type = models.CharField(_("type"), max_length=20, choices=enums.ProgrammeType.choices)
    summary = models.TextField(_("summary (Chinese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    budget = models.DecimalField(
        _("budget (yuan)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(_("applications close"))
    required_materials = models.JSONField(_("required materials"), default=list, blank=True)
    form_fields = models.JSONField(_("questions"), default=list, blank=True)
    combinator = models.CharField(
        _("rules combined"),
        max_length=3,
        choices=enums.Combinator.choices,
        default=enums.Combinator.ALL,
    )
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("support programme")
        verbose_name_plural = _("support programmes")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="programs_window_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(budget__gte=0), name="programs_budget_not_negative"),
        ]
        indexes = [
            models.Index(fields=["is_published", "closes_at"]),
            models.Index(fields=["issuer", "-opens_at"]),
        ]

    def __str__(self):
        return self.display_title

    display_title = Bilingual("title")

    display_summary = Bilingual("summary")

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now <= self.closes_at

    @property
    def is_open_now(self):
        return self.is_open()

    @property
    def has_closed(self):
        return timezone.now() > self.closes_at

    @property
    def materials(self):
        """The required materials with their label in the reader's language."""
        return [
            {**item, "label": localized(item.get("label_zh"), item.get("label_en"))}
            for item in self.required_materials
        ]

    @property
    def questions(self):
        return [
            {
                **item,
                "label": localized(item.get("label_zh"), item.get("label_en")),
                "choices": [
                    {**choice, "label": localized(choice.get("label_zh"), choice.get("label_en"))}
                    for choice in item.get("choices") or []
                ],
            }
            for item in self.form_fields
        ]

    def search_parts(self):
        return [self.title, self.title_en, self.summary]


class EligibilityRule(models.Model):
    """One eligibility rule of a programme: a kind and its parameters (see
    ``programs.eligibility``). Replaced as a set by ``programs.services.set_rules``."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="rules")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("rule"), max_length=24, choices=enums.RuleKind.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        ordering = ["programme", "position", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.params}"


class Invitation(models.Model):
    """The government invited a qualifying enterprise to apply. Written by
    ``programs.services.invite_enterprises``; an enterprise is invited once per programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="invitations")
    enterprise = models.ForeignKey(
        "orgs.Enterprise", on_delete=models.CASCADE, related_name="programme_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-invited_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "enterprise"], name="programs_one_invitation"
            )
        ]

    def __str__(self):
        return f"{self.programme} → {self.enterprise}"


class Application(ReviewSubject, TimeStampedModel):
    """An enterprise's application to a programme.

    State changes go through ``programs.services.submit_application``,
    ``withdraw_application`` and the review engine's decisions (``reviews.services.decide``),
    which move the application as its flow's consumer declares (``programs.flows``).
    """

    review_flow_key = "programs.application"

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    enterprise = models.ForeignKey(
        "orgs.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="programme_applications",
    )
    # The park that gives the first opinion: the enterprise's park when it last submitted.
    park = models.ForeignKey(
        "orgs.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programme_applications",
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=enums.ApplicationState.choices,
        default=enums.ApplicationState.DRAFT,
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    requested_amount = models.DecimalField(
        _("amount requested (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    approved_amount = models.DecimalField(
        _("amount approved (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "enterprise"],
                condition=~Q(state=enums.ApplicationState.WITHDRAWN),
                name="programs_one_live_application",
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(approved_amount__gte=0),
                name="programs_approved_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True)
                | Q(state=enums.ApplicationState.APPROVED),
                name="programs_amount_only_when_approved",
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "state"]),
            models.Index(fields=["enterprise", "state"]),
            models.Index(fields=["park", "state"]),
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.programme}"

    @property
    def is_editable(self):
        return self.state in enums.EDITABLE_STATES

    @property
    def is_final(self):
        return self.state in enums.FINAL_STATES

    @property
    def can_be_withdrawn(self):
        return enums.ApplicationState.WITHDRAWN in enums.APPLICATION_TRANSITIONS[self.state]

    @property
    def material_rows(self):
        """``[(requirement, [files])]`` in the reader's language (``questions.material_rows``)."""
        return questions.material_rows(self.programme.required_materials, self.materials.all())

    @property
    def answer_rows(self):
        """``[(question, answer)]`` in the reader's language."""
        return questions.answer_rows(self.programme.form_fields, self.answers)

    @property
    def acceptance_number(self):
        """The number a receipt quotes, ``{year}-{programme}-{application:05d}``: the year of
        first submission (local time), so that it never changes once given; ``""`` while the
        application has never been submitted."""
        if self.submitted_at is None:
            return ""
        year = timezone.localtime(self.submitted_at).year
        return f"{year}-{self.programme_id}-{self.pk:05d}"


def material_upload_path(instance, filename):
    return (
        f"programs/applications/{instance.application_id}/"
        f"{uuid.uuid4().hex}.{extension_of(filename)}"
    )


class ApplicationMaterial(models.Model):
    """A file an application provides for one of the programme's required materials.
    Uploading again for the same material replaces it
    (``programs.services.upload_material``)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="materials")
    key = models.CharField(_("material"), max_length=50)
    file = models.FileField(_("file"), upload_to=material_upload_path)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("application material")
        verbose_name_plural = _("application materials")
        ordering = ["application", "key"]
        constraints = [
            models.UniqueConstraint(fields=["application", "key"], name="programs_one_file_per_key")
        ]

    def __str__(self):
        return self.original_name


class PublicNotice(TimeStampedModel):
    """The public notice of a programme's approved list, open to objections for a while.

    State changes go through ``programs.services.publish_notice`` and ``finalise_notice``.
    """

    programme = models.OneToOneField(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="notice"
    )
    title = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    body = models.TextField(_("text (Chinese)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=enums.NoticeState.choices,
        default=enums.NoticeState.DRAFT,
    )
    objection_days = models.PositiveSmallIntegerField(
        _("days open to objections"), default=7, validators=[MinValueValidator(1)]
    )
    # The approved applications it lists, fixed when it is publicised.
    applications = models.ManyToManyField(
        Application, verbose_name=_("approved list"), blank=True, related_name="notices"
    )
    published_at = models.DateTimeField(_("publicised"), null=True, blank=True)
    objection_deadline = models.DateTimeField(_("objections until"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("final since"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["state", "-published_at"])]

    def __str__(self):
        return self.display_title

    display_title = Bilingual("title")

    display_body = Bilingual("body")

    # What the transition table lets the notice become next, for the issuer's buttons.
    @property
    def may_be_publicised(self):
        return self.state != enums.NoticeState.PUBLICISED and may_move(
            enums.NOTICE_TRANSITIONS, self.state, enums.NoticeState.PUBLICISED
        )

    @property
    def may_be_finalised(self):
        return self.state != enums.NoticeState.FINAL and may_move(
            enums.NOTICE_TRANSITIONS, self.state, enums.NoticeState.FINAL
        )

    @property
    def takes_objections(self):
        return (
            self.state == enums.NoticeState.PUBLICISED
            and self.objection_deadline is not None
            and timezone.now() <= self.objection_deadline
        )


class Objection(models.Model):
    """An objection to a notice, from anyone, and the government's answer.
    Recorded by ``programs.services.record_objection``, answered by ``answer_objection``."""

    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="objections")
    name = models.CharField(_("name"), max_length=50, blank=True)
    contact = models.CharField(_("phone or e-mail"), max_length=100, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("objection"))
    submitted_at = models.DateTimeField(_("received"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["notice", "submitted_at", "id"]

    def __str__(self):
        return self.text[:50]

    @property
    def is_answered(self):
        return self.answered_at is not None
