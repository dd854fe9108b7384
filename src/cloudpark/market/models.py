"""Supply and demand: what enterprises need and offer (production services, venues,
equipment, talent, distribution, technology), and the introductions between two of them.

Prices and budgets are in yuan. A post's contact stays masked to everybody but its own
enterprise until an introduction between the two sides has been accepted."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cloudpark.core.i18n import Bilingual
from cloudpark.core.models import TimeStampedModel
from cloudpark.market import enums


def yuan_field(label, **kwargs):
    return models.DecimalField(
        label, max_digits=14, decimal_places=2, validators=[MinValueValidator(0)], **kwargs
    )


class Post(TimeStampedModel):
    """A need or an offer of one enterprise. Written by ``market.services.save_post``;
    its state moves through ``publish_post``, ``close_post`` and ``expire_posts``
    (``enums.POST_TRANSITIONS``). A published post past ``valid_until`` is out of every
    public list by the query, before ``expire_posts`` has marked it."""

    enterprise = models.ForeignKey(
        "orgs.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="market_posts",
    )
    direction = models.CharField(_("need or offer"), max_length=5, choices=enums.Direction.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=enums.PostKind.choices)
    title = models.CharField(_("title (Chinese)"), max_length=100)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    price_min = yuan_field(_("lowest price or budget (yuan)"))
    price_max = yuan_field(_("highest price or budget (yuan)"))
    park = models.ForeignKey(
        "orgs.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    district = models.ForeignKey(
        "orgs.Region",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    available_from = models.DateField(_("from"), null=True, blank=True)
    available_until = models.DateField(_("to"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"))
    contact_name = models.CharField(_("contact name"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=enums.PostState.choices, default=enums.PostState.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("supply or demand post")
        verbose_name_plural = _("supply and demand posts")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "valid_until", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_min__lte=F("price_max")), name="market_post_price_range"
            ),
            models.CheckConstraint(
                condition=Q(price_min__gte=0), name="market_post_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(available_from__isnull=True)
                | Q(available_until__isnull=True)
                | Q(available_from__lte=F("available_until")),
                name="market_post_window_order",
            ),
        ]

    def __str__(self):
        return self.display_title

    display_title = Bilingual("title")
    display_description = Bilingual("description")

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.price_min is not None
            and self.price_max is not None
            and self.price_min > self.price_max
        ):
            errors["price_max"] = _("The highest price is below the lowest: the range is inverted.")
        if bool(self.available_from) != bool(self.available_until):
            field = "available_until" if self.available_from else "available_from"
            errors[field] = _("Give both ends of the time window, or neither.")
        elif self.available_from and self.available_until < self.available_from:
            errors["available_until"] = _("The time window ends before it starts.")
        if self.park_id is None and self.district_id is None:
            errors["park"] = _("Say in which park or district the post is.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_live(self):
        return self.state == enums.PostState.PUBLISHED and self.valid_until >= timezone.localdate()

    @property
    def place(self):
        return self.park or self.district

    @property
    def has_window(self):
        return self.available_from is not None and self.available_until is not None


class Introduction(TimeStampedModel):
    """One enterprise (the proposer) asks to be put in touch with the enterprise that owns
    ``post``, optionally for a post of its own (``proposer_post``). The owner accepts or
    declines; once accepted each side sees the other's contact, and either closes it with a
    deal value or with no deal.

    State changes go through ``market.services.propose_introduction``,
    ``accept_introduction``, ``decline_introduction``, ``withdraw_introduction`` and
    ``close_introduction`` (``enums.INTRODUCTION_TRANSITIONS``)."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="introductions"
    )
    proposer = models.ForeignKey(
        "orgs.Enterprise",
        verbose_name=_("proposing enterprise"),
        on_delete=models.PROTECT,
        related_name="market_introductions",
    )
    proposer_post = models.ForeignKey(
        Post,
        verbose_name=_("the proposer's own post"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=enums.IntroductionState.choices,
        default=enums.IntroductionState.PROPOSED,
    )
    message = models.TextField(_("message"), blank=True)
    contact_name = models.CharField(_("proposer's contact name"), max_length=50)
    contact_phone = models.CharField(_("proposer's contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("proposer's contact e-mail"), blank=True)
    deal_value = yuan_field(_("deal value (yuan)"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("market introduction")
        verbose_name_plural = _("market introductions")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "closed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "proposer"],
                condition=Q(state__in=["proposed", "accepted"]),
                name="market_one_open_introduction",
            ),
            models.CheckConstraint(
                condition=Q(deal_value__isnull=True) | Q(deal_value__gte=0),
                name="market_deal_value_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.proposer} → {self.post}"

    @property
    def owner(self):
        return self.post.enterprise

    @property
    def is_open(self):
        return self.state in enums.OPEN_INTRODUCTION_STATES

    @property
    def contacts_shown(self):
        return self.state in enums.CONTACT_STATES
