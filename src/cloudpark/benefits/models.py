"""Enterprise benefits: offers a park or a service partner it admitted makes to the people who
work in the zone, the claims people make, each with a one-time code, and the redemption of that
code at the desk of the offer's provider."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cloudpark.benefits import enums
from cloudpark.core.i18n import Bilingual
from cloudpark.core.models import TimeStampedModel
from cloudpark.orgs.enums import OrganizationKind


class Admission(TimeStampedModel):
    """A park's admission of a service partner (an organisation of the directory of the kind
    "other", type "partner") to publish offers to the park's people. Written by
    ``benefits.services.admit_partner`` and ``end_admission``; an ended admission stays as the
    record of the time it was open."""

    park = models.ForeignKey(
        "orgs.Park",
        verbose_name=_("park"),
        on_delete=models.PROTECT,
        related_name="benefit_admissions",
    )
    partner = models.ForeignKey(
        "orgs.OtherOrganization",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="benefit_admissions",
    )
    admitted_at = models.DateTimeField(_("admitted at"))
    admitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("partner admission")
        verbose_name_plural = _("partner admissions")
        ordering = ["-admitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "partner"],
                condition=Q(ended_at__isnull=True),
                name="benefits_one_open_admission",
            ),
        ]

    def __str__(self):
        return f"{self.partner} @ {self.park}"

    @property
    def is_open(self):
        return self.ended_at is None


class Offer(TimeStampedModel):
    """What a park or an admitted partner offers and to whom. State changes go through
    ``benefits.services.save_offer``, ``close_offer`` and ``withdraw_offer``; ``claimed_count``
    is written only by ``benefits.services.claim_offer``, in the one statement that keeps it
    within the quota."""

    provider = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="benefit_offers",
    )
    title = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    value = models.CharField(_("value (Chinese)"), max_length=200)
    value_en = models.CharField(_("value (English)"), max_length=300, blank=True)
    terms = models.TextField(_("terms (Chinese)"), blank=True)
    terms_en = models.TextField(_("terms (English)"), blank=True)
    quota = models.PositiveIntegerField(_("quota"))
    claimed_count = models.PositiveIntegerField(_("claimed"), default=0, editable=False)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    eligible_parks = models.ManyToManyField(
        "orgs.Park",
        verbose_name=_("parks whose people may claim"),
        related_name="benefit_offers_open_to",
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=enums.OfferState.choices,
        default=enums.OfferState.PUBLISHED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("benefit offer")
        verbose_name_plural = _("benefit offers")
        ordering = ["-valid_from", "-id"]
        indexes = [models.Index(fields=["state", "valid_until"])]
        constraints = [
            models.CheckConstraint(condition=Q(quota__gte=1), name="benefits_offer_quota"),
            models.CheckConstraint(
                condition=Q(claimed_count__lte=F("quota")), name="benefits_offer_within_quota"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__lte=F("valid_until")), name="benefits_offer_dates"
            ),
        ]

    def __str__(self):
        return self.display_title

    display_title = Bilingual("title")
    display_value = Bilingual("value")
    display_terms = Bilingual("terms")

    def clean(self):
        super().clean()
        if self.quota is not None and self.quota < 1:
            raise ValidationError({"quota": _("The quota is at least 1.")})
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The offer ends before it starts: the dates are inverted.")}
            )

    @property
    def remaining(self):
        return max(self.quota - self.claimed_count, 0)

    @property
    def is_from_partner(self):
        return self.provider.kind != OrganizationKind.PARK

    def is_valid_on(self, day):
        return self.valid_from <= day <= self.valid_until


class Claim(TimeStampedModel):
    """One person's claim of an offer and its one-time code. Written by
    ``benefits.services.claim_offer``; redeemed once by ``benefits.services.redeem``."""

    offer = models.ForeignKey(
        Offer, verbose_name=_("offer"), on_delete=models.PROTECT, related_name="claims"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="benefit_claims",
    )
    enterprise = models.ForeignKey(
        "orgs.Enterprise",
        verbose_name=_("works at"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    park = models.ForeignKey(
        "orgs.Park", verbose_name=_("park"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("code"), max_length=16, unique=True)
    claimed_at = models.DateTimeField(_("claimed at"))
    redeemed_at = models.DateTimeField(_("redeemed at"), null=True, blank=True)
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("benefit claim")
        verbose_name_plural = _("benefit claims")
        ordering = ["-claimed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "user"], name="benefits_one_claim_each"),
        ]

    def __str__(self):
        return f"{self.offer} · {self.display_code}"

    @property
    def display_code(self):
        return f"{self.code[:5]}-{self.code[5:]}"

    @property
    def is_redeemed(self):
        return self.redeemed_at is not None
