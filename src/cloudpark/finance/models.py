"""Culture finance: institutions and their products, enterprises' financing needs, the
introductions between them and the data rooms an enterprise opens to one institution.

Amounts are in 10,000 yuan (万元), terms in months, costs in percent a year (the annualised
all-in financing cost, 年化综合融资成本)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cloudpark.core.i18n import Bilingual
from cloudpark.core.models import TimeStampedModel
from cloudpark.finance import enums
from cloudpark.programs.enums import Combinator


def amount_field(label, **kwargs):
    return models.DecimalField(
        label, max_digits=12, decimal_places=2, validators=[MinValueValidator(0)], **kwargs
    )


def cost_field(label, **kwargs):
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        **kwargs,
    )


def term_field(label, **kwargs):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(600)], **kwargs
    )


def collateral_labels(values):
    return [str(enums.Collateral(value).label) for value in values if value in enums.Collateral]


class FinancialInstitution(models.Model):
    """A bank, guarantor, lessor, insurer or fund: an organisation of the directory that
    publishes products. Its admins and staff act for it (``finance.rules``)."""

    organization = models.OneToOneField(
        "orgs.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="financial_institution",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=enums.InstitutionKind.choices)

    class Meta:
        verbose_name = _("financial institution")
        verbose_name_plural = _("financial institutions")
        ordering = ["organization__name"]

    def __str__(self):
        return str(self.organization)

    @property
    def display_name(self):
        return self.organization.display_name


@dataclass(frozen=True)
class Rule:
    """One eligibility rule as ``programs.eligibility`` reads it: a kind and its parameters."""

    kind: str
    params: dict


class Product(TimeStampedModel):
    """A financing product. Written by ``finance.services.save_product`` and
    ``set_product_published``; its eligibility rules are those of support programmes
    (``programs.eligibility``), kept here as ``[{"kind": ..., "params": {...}}]``."""

    institution = models.ForeignKey(
        FinancialInstitution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="products",
    )
    name = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=enums.ProductKind.choices)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    amount_min = amount_field(_("smallest amount (10,000 yuan)"))
    amount_max = amount_field(_("largest amount (10,000 yuan)"))
    term_min = term_field(_("shortest term (months)"))
    term_max = term_field(_("longest term (months)"))
    cost_min = cost_field(_("lowest all-in cost (percent a year)"))
    cost_max = cost_field(_("highest all-in cost (percent a year)"))
    collateral = models.JSONField(_("collateral accepted"), default=list)
    combinator = models.CharField(
        _("how the rules combine"),
        max_length=3,
        choices=Combinator.choices,
        default=Combinator.ALL,
    )
    rules = models.JSONField(_("eligibility rules"), default=list, blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("financing product")
        verbose_name_plural = _("financing products")
        ordering = ["institution__organization__name", "name", "id"]
        indexes = [models.Index(fields=["is_published", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_min__lte=F("cost_max")), name="finance_product_cost_range"
            ),
            models.CheckConstraint(
                condition=Q(amount_min__lte=F("amount_max")), name="finance_product_amount_range"
            ),
            models.CheckConstraint(
                condition=Q(term_min__lte=F("term_max")), name="finance_product_term_range"
            ),
        ]

    def __str__(self):
        return self.display_name

    display_name = Bilingual("name")
    display_description = Bilingual("description")

    def clean(self):
        super().clean()
        errors = {}
        for low, high, message in (
            ("amount_min", "amount_max", _("The largest amount is below the smallest.")),
            ("term_min", "term_max", _("The longest term is shorter than the shortest.")),
            (
                "cost_min",
                "cost_max",
                _("The highest cost is below the lowest: the cost range is inverted."),
            ),
        ):
            first, second = getattr(self, low), getattr(self, high)
            if first is not None and second is not None and first > second:
                errors[high] = message
        if not self.collateral:
            errors["collateral"] = _("Name at least one kind of collateral the product accepts.")
        if errors:
            raise ValidationError(errors)

    @property
    def eligibility_rules(self):
        return [Rule(kind=rule["kind"], params=rule.get("params") or {}) for rule in self.rules]

    @property
    def collateral_labels(self):
        return collateral_labels(self.collateral)


class FinancingNeed(TimeStampedModel):
    """What an enterprise wants to raise. Written by ``finance.services.publish_need`` and
    ``close_need``; an open need past ``valid_until`` is expired, a condition of the query."""

    enterprise = models.ForeignKey(
        "orgs.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="financing_needs",
    )
    amount = amount_field(_("amount (10,000 yuan)"))
    term = term_field(_("term (months)"))
    purpose = models.CharField(_("purpose"), max_length=300)
    stage = models.CharField(_("stage"), max_length=12, choices=enums.Stage.choices)
    collateral = models.JSONField(_("collateral offered"), default=list)
    target_cost = cost_field(_("target all-in cost (percent a year)"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"))
    state = models.CharField(
        _("state"), max_length=8, choices=enums.NeedState.choices, default=enums.NeedState.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("financing need")
        verbose_name_plural = _("financing needs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "valid_until"])]

    def __str__(self):
        return f"{self.enterprise} · {self.amount}"

    @property
    def is_live(self):
        return self.state == enums.NeedState.OPEN and self.valid_until >= timezone.localdate()

    @property
    def collateral_labels(self):
        return collateral_labels(self.collateral)


class Introduction(TimeStampedModel):
    """An enterprise introduced to an institution for one product and one of its needs.

    State changes go through ``finance.services.request_introduction``,
    ``move_introduction`` and ``withdraw_introduction`` (``enums.INTRODUCTION_TRANSITIONS``).
    """

    need = models.ForeignKey(
        FinancingNeed,
        verbose_name=_("need"),
        on_delete=models.PROTECT,
        related_name="introductions",
    )
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.PROTECT, related_name="introductions"
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=enums.IntroductionState.choices,
        default=enums.IntroductionState.REQUESTED,
    )
    message = models.TextField(_("message to the institution"), blank=True)
    granted_amount = amount_field(_("amount granted (10,000 yuan)"), null=True, blank=True)
    granted_rate = cost_field(_("all-in cost granted (percent a year)"), null=True, blank=True)
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    decline_reason = models.TextField(_("reason"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "product"],
                condition=Q(state__in=["requested", "sent", "contacted", "in_review"]),
                name="finance_one_open_introduction",
            )
        ]

    def __str__(self):
        return f"{self.need.enterprise} → {self.product}"

    @property
    def enterprise(self):
        return self.need.enterprise

    @property
    def institution(self):
        return self.product.institution

    @property
    def is_open(self):
        return self.state in enums.OPEN_INTRODUCTION_STATES


class DataRoom(TimeStampedModel):
    """Figures an enterprise shares with one institution until ``expires_at``. Opened by
    ``finance.services.open_data_room``, ended early by ``end_data_room``; access past
    ``expires_at`` ends by itself (checked whenever the room is read). Every view by the
    institution is an audit entry (``finance.services.view_data_room``)."""

    enterprise = models.ForeignKey(
        "orgs.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="data_rooms",
    )
    institution = models.ForeignKey(
        FinancialInstitution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="data_rooms",
    )
    figures = models.JSONField(_("figures shared"), default=list)
    expires_at = models.DateTimeField(_("open until"))
    ended_at = models.DateTimeField(_("ended on"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("data room")
        verbose_name_plural = _("data rooms")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.enterprise} → {self.institution}"

    @property
    def is_open(self):
        return self.ended_at is None and self.expires_at > timezone.now()

    @property
    def figure_labels(self):
        return [
            str(enums.SharedFigure(value).label)
            for value in self.figures
            if value in enums.SharedFigure
        ]
