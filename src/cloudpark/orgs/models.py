from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cloudpark.core import search, validators
from cloudpark.core.i18n import Bilingual, LocalizedNameMixin
from cloudpark.core.models import TimeStampedModel
from cloudpark.orgs import enums


class Region(LocalizedNameMixin, models.Model):
    """An administrative division (GB/T 2260 code), shipped as data."""

    code = models.CharField(_("code"), max_length=6, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=enums.RegionLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(_("name (Chinese)"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=80)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self):
        return self.display_name


class IndustryCategory(LocalizedNameMixin, models.Model):
    """A category of the Classification of Cultural and Related Industries (2018)."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    level = models.CharField(_("level"), max_length=5, choices=enums.CategoryLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(_("name (Chinese)"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        verbose_name = _("industry category")
        verbose_name_plural = _("industry categories")
        ordering = ["code"]

    def __str__(self):
        return self.label(self.code, self.display_name)

    @staticmethod
    def label(code, display_name):
        """How a category is named where a code is wanted too: ``8710 广播``."""
        return f"{code} {display_name}"


class QualificationTag(LocalizedNameMixin, models.Model):
    slug = models.SlugField(_("key"), unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=50, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        verbose_name = _("qualification tag")
        verbose_name_plural = _("qualification tags")
        ordering = ["slug"]

    def __str__(self):
        return self.display_name


class Organization(LocalizedNameMixin, TimeStampedModel):
    """Any organisation on the platform; the four kinds extend it (multi-table).

    Changes go through ``orgs.services``.
    """

    kind = models.CharField(_("kind"), max_length=12, choices=enums.OrganizationKind.choices)
    name = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "name"]),
            # Lists are ordered by name; the index lets a page of 25 stop after 25 rows.
            models.Index(fields=["name"], name="orgs_organization_name"),
        ]

    def __str__(self):
        return self.display_name

    display_description = Bilingual("description")

    def search_parts(self):
        return [self.name, self.name_en]

    def save(self, *args, **kwargs):
        text = search.shadow_text(*self.search_parts())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and text != self.search_text:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        self.search_text = text
        super().save(*args, **kwargs)


class Park(Organization):
    organization_ptr = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        related_name="as_park",
    )
    level = models.CharField(
        _("level"), max_length=12, choices=enums.ParkLevel.choices, default=enums.ParkLevel.UNRATED
    )
    batch = models.CharField(_("batch"), max_length=100, blank=True)
    batch_en = models.CharField(_("batch (English)"), max_length=150, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=enums.ParkStatus.choices,
        default=enums.ParkStatus.OPERATING,
    )
    operator = models.CharField(_("operator"), max_length=200, blank=True)
    area = models.DecimalField(
        _("area (m²)"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    focus = models.CharField(_("focus (Chinese)"), max_length=300, blank=True)
    focus_en = models.CharField(_("focus (English)"), max_length=400, blank=True)
    # How many enterprises are resident, kept by ``orgs.totals`` whenever one arrives, leaves
    # or is removed, so that lists of parks need not count every park's enterprises.
    enterprise_total = models.PositiveIntegerField(
        _("enterprises resident"), default=0, editable=False
    )

    class Meta:
        verbose_name = _("park (base)")
        verbose_name_plural = _("parks (bases)")
        ordering = ["name"]

    display_batch = Bilingual("batch")

    display_focus = Bilingual("focus")

    def search_parts(self):
        return [*super().search_parts(), self.operator, self.focus, self.focus_en]


class GovernmentBody(Organization):
    organization_ptr = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        related_name="as_government",
    )
    level = models.CharField(_("level"), max_length=12, choices=enums.GovernmentLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("superior body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subordinates",
    )
    jurisdiction = models.ManyToManyField(
        Park, verbose_name=_("parks overseen"), blank=True, related_name="overseers"
    )

    class Meta:
        verbose_name = _("government body")
        verbose_name_plural = _("government bodies")
        ordering = ["name"]


class OtherOrganization(Organization):
    organization_ptr = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        related_name="as_other",
    )
    other_kind = models.CharField(
        _("type"), max_length=12, choices=enums.OtherKind.choices, default=enums.OtherKind.OTHER
    )

    class Meta:
        verbose_name = _("other organisation")
        verbose_name_plural = _("other organisations")
        ordering = ["name"]


class Enterprise(Organization):
    """A cultural enterprise. Its park changes through ``orgs.services.admit_enterprise`` and
    ``orgs.services.release_enterprise``, which keep ``ParkResidence`` as the history."""

    organization_ptr = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        related_name="as_enterprise",
    )

    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validators.validate_credit_code],
    )
    category = models.ForeignKey(
        IndustryCategory,
        verbose_name=_("industry category"),
        on_delete=models.PROTECT,
        related_name="enterprises",
        limit_choices_to={"level": enums.CategoryLevel.MID},
    )
    park = models.ForeignKey(
        Park,
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    registered_capital = models.DecimalField(
        _("registered capital (10,000 yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    staff_count = models.PositiveIntegerField(_("staff"), null=True, blank=True)
    tags = models.ManyToManyField(
        QualificationTag, verbose_name=_("qualifications"), blank=True, related_name="enterprises"
    )
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    # A mobile or a landline (``core.validators.normalize_phone``); the name is the API's.
    contact_mobile = models.CharField(
        _("contact phone"), max_length=20, blank=True, validators=[validators.validate_phone]
    )

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        indexes = [models.Index(fields=["park", "category"])]

    def search_parts(self):
        return [*super().search_parts(), self.credit_code]


class EnterpriseYear(models.Model):
    """Figures an enterprise reports for one year (amounts in 10,000 yuan)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1949), MaxValueValidator(2100)]
    )
    revenue = models.DecimalField(
        _("revenue (10,000 yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    output = models.DecimalField(
        _("output value (10,000 yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    taxes = models.DecimalField(
        _("taxes paid (10,000 yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    staff_count = models.PositiveIntegerField(_("staff at year end"), null=True, blank=True)

    class Meta:
        verbose_name = _("yearly figures")
        verbose_name_plural = _("yearly figures")
        ordering = ["enterprise", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="orgs_one_figure_per_year")
        ]

    def __str__(self):
        return f"{self.enterprise} {self.year}"


class ParkResidence(models.Model):
    """A stay of an enterprise in a park: the history of its moves. Never deleted."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="residences")
    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="residences")
    started_on = models.DateField(_("admitted on"))
    ended_on = models.DateField(_("left on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("park residence")
        verbose_name_plural = _("park residences")
        ordering = ["enterprise", "-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise"],
                condition=Q(ended_on__isnull=True),
                name="orgs_one_open_residence",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="orgs_residence_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.enterprise} @ {self.park}"


class Membership(TimeStampedModel):
    """A person's place in an organisation: a role, and capabilities beyond the role's own."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=enums.Role.choices)
    extra_capabilities = models.JSONField(_("extra capabilities"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="orgs_one_membership")
        ]

    def __str__(self):
        return f"{self.user} · {self.organization} ({self.get_role_display()})"

    @property
    def capabilities(self):
        return enums.ROLE_CAPABILITIES[self.role] | set(self.extra_capabilities)

    def has_capability(self, capability):
        return self.is_active and capability in self.capabilities


def import_upload_path(instance, filename):
    return f"imports/enterprises/{instance.uploaded_by_id}/{filename}"


class EnterpriseImport(TimeStampedModel):
    """An uploaded workbook of enterprises: checked first, imported whole or not at all.

    State changes go through ``orgs.imports.check_workbook`` and ``orgs.imports.run_import``.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="enterprise_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    workbook = models.FileField(_("workbook"), upload_to=import_upload_path)
    original_name = models.CharField(_("file name"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=enums.ImportStatus.choices)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    # While the task worker checks or imports a large workbook: the rows checked so far.
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enterprise import")
        verbose_name_plural = _("enterprise imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    @property
    def in_progress(self):
        return self.status in enums.ImportStatus.in_progress()

    @property
    def percent_done(self):
        return min(100, round(100 * self.rows_done / self.row_count)) if self.row_count else 0
