"""News and information: channels, articles and their revisions, corrections, correction
requests, clarifications and disclosure items.

Every write goes through ``news.services``. Revisions and corrections are kept as written:
their ``save`` refuses an update and ``delete`` refuses outright, so that what a reader was
shown, and what was put right, stays on record.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cloudpark.core.i18n import Bilingual
from cloudpark.core.models import AppendOnlyError, TimeStampedModel
from cloudpark.news import enums, taxonomies
from cloudpark.reviews.models import ReviewSubject


class Channel(TimeStampedModel):
    """Where an organisation publishes: its department news, notices, a park's news...

    Changes go through ``news.services.open_channel`` and ``update_channel``.
    """

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="news_channels",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=enums.ChannelKind.choices)
    slug = models.SlugField(_("address"), max_length=60, unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    # One stage: the chief editor approves. Two: a first reading, then the chief editor.
    review_stages = models.PositiveSmallIntegerField(
        _("review stages"), choices=[(1, _("One")), (2, _("Two"))], default=1
    )
    is_open = models.BooleanField(_("open for publication"), default=True)

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["organization_id", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_stages__in=(1, 2)), name="news_channel_one_or_two_stages"
            )
        ]

    def __str__(self):
        return self.display_name

    display_name = Bilingual("name")


class Publication(ReviewSubject, TimeStampedModel):
    """What the editors of an organisation publish after its review (``news.flows``): an
    article, a clarification, a disclosure item. Editable while a draft or returned; once
    published it leaves the site only by withdrawal."""

    state = models.CharField(
        _("state"),
        max_length=10,
        choices=enums.PublicationState.choices,
        default=enums.PublicationState.DRAFT,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.state == enums.PublicationState.PUBLISHED

    @property
    def is_editable(self):
        return self.state in enums.EDITABLE_STATES


class Article(Publication):
    """One article in one language. A Chinese article and its English version are linked as
    translations (``original`` on the English one).

    State changes go through ``news.services.submit_article`` and the review flow
    (``news.flows``), ``withdraw_article`` and ``correct_article``.
    """

    review_flow_key = "news.article"

    channel = models.ForeignKey(
        Channel, verbose_name=_("channel"), on_delete=models.PROTECT, related_name="articles"
    )
    language = models.CharField(
        _("language"), max_length=2, choices=enums.Language.choices, default=enums.Language.CHINESE
    )
    original = models.OneToOneField(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="translation",
    )
    title = models.CharField(_("title"), max_length=200)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    author = models.CharField(_("author"), max_length=100)
    editor = models.CharField(_("editor"), max_length=100)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    # Sanitised HTML: ``news.services`` passes every body through ``news.html.sanitise``.
    body = models.TextField(_("body"))
    cover_image = models.FileField(_("cover image"), upload_to="news/covers/%Y/%m/", blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    park = models.ForeignKey(
        "orgs.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="news_articles",
    )
    policies = models.ManyToManyField(
        "programs.Policy", verbose_name=_("policies"), blank=True, related_name="articles"
    )
    programmes = models.ManyToManyField(
        "programs.Programme", verbose_name=_("programmes"), blank=True, related_name="articles"
    )
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("events"), blank=True, related_name="articles"
    )
    enterprises = models.ManyToManyField(
        "orgs.Enterprise", verbose_name=_("enterprises"), blank=True, related_name="articles"
    )
    # A repost names where it came from, as the rules on internet news require.
    is_repost = models.BooleanField(_("repost"), default=False)
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    original_author = models.CharField(_("original author"), max_length=100, blank=True)
    original_title = models.CharField(_("original title"), max_length=300, blank=True)
    # Moves on publication and on every correction, so that feed readers fetch it again.
    revised_at = models.DateTimeField(_("last revised"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_repost=False)
                | (~Q(source_name="") & ~Q(original_author="") & ~Q(original_title="")),
                name="news_repost_names_its_source",
            )
        ]
        indexes = [
            models.Index(fields=["channel", "state", "language", "-published_at"]),
            models.Index(fields=["park", "state", "-published_at"]),
        ]

    def __str__(self):
        return self.title

    @property
    def updated_on_feed(self):
        return self.revised_at or self.published_at or self.updated_at


class Attachment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="news/attachments/%Y/%m/")
    original_name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["article", "id"]

    def __str__(self):
        return self.original_name


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk changes are refused like single ones."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.verbose_name} rows are never changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.verbose_name} rows are never deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model._meta.verbose_name} rows are never changed.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError(f"{self._meta.verbose_name} rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.verbose_name} rows are never deleted.")


class Revision(AppendOnlyModel):
    """What an article said when it was published or corrected: written once by
    ``news.services`` and never changed."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=200)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    body = models.TextField(_("body"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="news_revision_number")
        ]

    def __str__(self):
        return f"{self.article} · {self.number}"


class Correction(AppendOnlyModel):
    """A correction notice, bound to the article it corrects, in both languages. Written once
    by ``news.services.correct_article``; never changed nor deleted."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="corrections")
    kind = models.CharField(_("kind"), max_length=14, choices=enums.CorrectionKind.choices)
    placement = models.CharField(
        _("placement"),
        max_length=10,
        choices=enums.Placement.choices,
        default=enums.Placement.UNDER_HEADLINE,
    )
    wrong = models.TextField(_("what was wrong (Chinese)"))
    wrong_en = models.TextField(_("what was wrong (English)"))
    right = models.TextField(_("what is right (Chinese)"))
    right_en = models.TextField(_("what is right (English)"))
    # The revision the corrected text was kept in; None when only the notice was added.
    revision = models.OneToOneField(
        Revision,
        verbose_name=_("revision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correction",
    )
    request = models.ForeignKey(
        "news.CorrectionRequest",
        verbose_name=_("asked for in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(wrong="") & ~Q(wrong_en="") & ~Q(right="") & ~Q(right_en=""),
                name="news_correction_in_both_languages",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article}"

    display_wrong = Bilingual("wrong")
    display_right = Bilingual("right")


class CorrectionRequest(TimeStampedModel):
    """Someone asks for a correction, a deletion or a right of reply. Tracked by its number
    until its outcome is sent back. Changes go through ``news.services.file_request``,
    ``take_request`` and ``answer_request``."""

    tracking_number = models.CharField(_("tracking number"), max_length=20, unique=True)
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("addressed to"),
        on_delete=models.PROTECT,
        related_name="correction_requests",
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correction_requests",
    )
    address = models.CharField(_("page address"), max_length=500, blank=True)
    remedy = models.CharField(_("asked for"), max_length=12, choices=enums.Remedy.choices)
    passage = models.TextField(_("contested passage"), blank=True)
    reason = models.TextField(_("what is wrong, and why"))
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"), upload_to="news/evidence/%Y/%m/", blank=True
    )
    requester_name = models.CharField(_("your name"), max_length=100)
    requester_email = models.EmailField(_("e-mail"), blank=True)
    requester_phone = models.CharField(_("phone"), max_length=30, blank=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=enums.RequestState.choices,
        default=enums.RequestState.RECEIVED,
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received"))
    due_on = models.DateField(_("answer due"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=enums.RequestOutcome.choices, blank=True
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester_email="") | ~Q(requester_phone=""),
                name="news_request_has_contact",
            )
        ]
        indexes = [models.Index(fields=["organization", "state", "due_on"])]

    def __str__(self):
        return self.tracking_number

    @property
    def is_open(self):
        return self.state in enums.OPEN_REQUEST_STATES


class Clarification(Publication):
    """A piece of false information as it circulated, and what the facts are.

    Changes go through ``news.services.draft_clarification``, ``update_clarification``,
    ``submit_clarification`` and the review flow (``news.flows``), and
    ``withdraw_clarification``.
    """

    review_flow_key = "news.clarification"

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="clarifications",
    )
    title = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    claim = models.TextField(_("the claim as it circulated (Chinese)"))
    claim_en = models.TextField(_("the claim as it circulated (English)"), blank=True)
    first_appeared_in = models.CharField(_("where it first appeared"), max_length=300)
    first_appeared_on = models.DateField(_("when it first appeared"))
    verdict = models.CharField(_("verdict"), max_length=12, choices=enums.Verdict.choices)
    facts = models.TextField(_("the facts (Chinese)"))
    facts_en = models.TextField(_("the facts (English)"), blank=True)
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=taxonomies.choices(taxonomies.CLARIFICATION_CATEGORIES),
    )
    related_articles = models.ManyToManyField(
        Article, verbose_name=_("related articles"), blank=True, related_name="clarifications"
    )
    organizations = models.ManyToManyField(
        "orgs.Organization",
        verbose_name=_("organisations concerned"),
        blank=True,
        related_name="clarifications_concerning",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("clarification")
        verbose_name_plural = _("clarifications")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["state", "category", "-published_at"])]

    def __str__(self):
        return self.display_title

    display_title = Bilingual("title")
    display_claim = Bilingual("claim")
    display_facts = Bilingual("facts")

    @property
    def category_label(self):
        category = taxonomies.by_key(taxonomies.CLARIFICATION_CATEGORIES, self.category)
        return category.display_name if category else self.category


class ClarificationSource(models.Model):
    """A source of the facts: what it is, the unit that issued it and where to read it."""

    clarification = models.ForeignKey(
        Clarification, on_delete=models.CASCADE, related_name="sources"
    )
    title = models.CharField(_("source"), max_length=300)
    issuing_unit = models.CharField(_("issued by"), max_length=200)
    url = models.URLField(_("address"), blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["clarification", "id"]

    def __str__(self):
        return self.title


class DisclosureItem(Publication):
    """An item of government information disclosure.

    Changes go through ``news.services.draft_disclosure``, ``update_disclosure``,
    ``submit_disclosure`` and the review flow (``news.flows``), and ``withdraw_disclosure``.
    """

    review_flow_key = "news.disclosure"

    channel = models.ForeignKey(
        Channel, verbose_name=_("channel"), on_delete=models.PROTECT, related_name="disclosures"
    )
    index_number = models.CharField(_("index number"), max_length=60)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    document_number = models.CharField(_("document number"), max_length=100)
    issued_on = models.DateField(_("date of issue"))
    subject_category = models.CharField(
        _("subject category"),
        max_length=30,
        choices=taxonomies.choices(taxonomies.DISCLOSURE_CATEGORIES),
    )
    title = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    body = models.TextField(_("text"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("disclosure item")
        verbose_name_plural = _("disclosure items")
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["state", "-issued_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "index_number"], name="news_disclosure_index_number"
            ),
            models.CheckConstraint(
                condition=~Q(document_number=""), name="news_disclosure_has_document_number"
            ),
        ]

    def __str__(self):
        return f"{self.document_number} {self.display_title}"

    display_title = Bilingual("title")

    @property
    def category_label(self):
        category = taxonomies.by_key(taxonomies.DISCLOSURE_CATEGORIES, self.subject_category)
        return category.display_name if category else self.subject_category


class Addressee(models.Model):
    """Someone reached in the platform (``user``) or at an e-mail address alone."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        abstract = True

    @property
    def address(self):
        return self.user or self.email


class Subscription(Addressee):
    """Someone who is sent a channel's new articles, in the platform or by e-mail only."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""), name="news_subscription_has_address"
            )
        ]

    def __str__(self):
        return f"{self.channel} → {self.address}"


class Delivery(Addressee):
    """An article sent to someone: who is told when it is corrected."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="deliveries")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [models.Index(fields=["article"])]

    def __str__(self):
        return f"{self.article} → {self.address}"
