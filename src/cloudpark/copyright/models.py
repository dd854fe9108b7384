"""The copyright register: the works an enterprise holds, their registration, the licences
granted on them, the pledges they secure, and the licensing requests other enterprises send.

Amounts (fees, secured debts) are in 10,000 yuan (万元). Terms are dates, both days included.
Every write goes through ``copyright.services``."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cloudpark.copyright import enums
from cloudpark.core.i18n import Bilingual
from cloudpark.core.models import TimeStampedModel


def amount_field(label, **kwargs):
    return models.DecimalField(
        label, max_digits=12, decimal_places=2, validators=[MinValueValidator(0)], **kwargs
    )


def labels(choices, values):
    return [str(choices(value).label) for value in values if value in choices]


class Work(TimeStampedModel):
    """A work in an enterprise's register, with the fields of the registration form.

    Written by ``copyright.services.record_work`` and ``edit_work``; its registration moves
    through ``submit_registration`` and ``record_outcome`` (``enums.REGISTRATION_TRANSITIONS``).
    Licences and pledges are checked against each other under a lock on this row."""

    enterprise = models.ForeignKey(
        "orgs.Enterprise",
        verbose_name=_("holder"),
        on_delete=models.CASCADE,
        related_name="works",
    )
    title = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=enums.WorkCategory.choices)
    audiovisual_kind = models.CharField(
        _("kind of audiovisual work"),
        max_length=12,
        choices=enums.AudiovisualKind.choices,
        blank=True,
    )
    length_minutes = models.PositiveIntegerField(_("length (minutes)"), null=True, blank=True)
    episodes = models.PositiveIntegerField(_("episodes"), null=True, blank=True)
    owner_name = models.CharField(_("copyright owner"), max_length=200)
    owner_kind = models.CharField(
        _("kind of owner"),
        max_length=16,
        choices=enums.OwnerKind.choices,
        default=enums.OwnerKind.LEGAL_PERSON,
    )
    owner_id_number = models.CharField(
        _("owner's credit code or ID number"), max_length=40, blank=True
    )
    signature = models.CharField(
        _("signature"),
        max_length=12,
        choices=enums.Signature.choices,
        default=enums.Signature.REAL_NAME,
    )
    authors = models.CharField(_("authors"), max_length=300)
    creation_nature = models.CharField(
        _("nature of creation"),
        max_length=12,
        choices=enums.CreationNature.choices,
        default=enums.CreationNature.ORIGINAL,
    )
    completed_on = models.DateField(_("completed on"))
    first_published_on = models.DateField(_("first published on"), null=True, blank=True)
    first_published_place = models.CharField(
        _("place of first publication"), max_length=120, blank=True
    )
    first_published_form = models.CharField(
        _("form of first publication"), max_length=120, blank=True
    )
    acquisition = models.CharField(
        _("how the right was acquired"),
        max_length=8,
        choices=enums.Acquisition.choices,
        default=enums.Acquisition.ORIGINAL,
    )
    attribution = models.CharField(
        _("how the right is held"),
        max_length=12,
        choices=enums.Attribution.choices,
        default=enums.Attribution.LEGAL_PERSON,
    )
    holding = models.CharField(
        _("rights held"), max_length=5, choices=enums.Holding.choices, default=enums.Holding.WHOLE
    )
    purpose = models.TextField(_("purpose of creation"), blank=True)
    process = models.TextField(_("process of creation"), blank=True)
    originality = models.TextField(_("statement of originality"), blank=True)
    registration_state = models.CharField(
        _("registration"),
        max_length=10,
        choices=enums.RegistrationState.choices,
        default=enums.RegistrationState.DRAFTED,
    )
    registration_number = models.CharField(_("work registration number"), max_length=40, blank=True)
    software_registration_number = models.CharField(
        _("software registration number"), max_length=20, blank=True
    )
    software_certificate_number = models.CharField(
        _("software certificate number"), max_length=20, blank=True
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    return_reason = models.TextField(_("reason it was returned"), blank=True)
    offered_for_licensing = models.BooleanField(_("offered for licensing"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("work")
        verbose_name_plural = _("works")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["offered_for_licensing", "registration_state"])]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="copyright_one_work_per_number",
            ),
            models.UniqueConstraint(
                fields=["software_registration_number"],
                condition=~Q(software_registration_number=""),
                name="copyright_one_software_per_number",
            ),
        ]

    def __str__(self):
        return self.display_title

    display_title = Bilingual("title")

    @property
    def is_software(self):
        return self.category == enums.WorkCategory.SOFTWARE

    @property
    def is_registered(self):
        return self.registration_state == enums.RegistrationState.REGISTERED

    @property
    def number(self):
        """The number the work is known by: the work's, or software's registration number."""
        return self.software_registration_number if self.is_software else self.registration_number


class Licence(TimeStampedModel):
    """A licence granted on a work. Written by ``copyright.services.grant_licence`` only,
    which refuses one that collides with an exclusive licence over the same media,
    territory and days."""

    work = models.ForeignKey(
        Work, verbose_name=_("work"), on_delete=models.CASCADE, related_name="licences"
    )
    licensee = models.ForeignKey(
        "orgs.Enterprise",
        verbose_name=_("licensee in the directory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="licences_held",
    )
    licensee_name = models.CharField(_("licensee"), max_length=200, blank=True)
    exclusive = models.BooleanField(_("exclusive"), default=False)
    media = models.JSONField(_("media"), default=list)
    territory = models.JSONField(_("territory"), default=list)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    fee = amount_field(_("fee (10,000 yuan)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("ends_on")), name="copyright_licence_term"
            ),
            models.CheckConstraint(condition=Q(fee__gte=0), name="copyright_licence_fee"),
        ]

    def __str__(self):
        return f"{self.work} → {self.licensee_display}"

    @property
    def licensee_display(self):
        return self.licensee.display_name if self.licensee_id else self.licensee_name

    @property
    def media_labels(self):
        return labels(enums.Medium, self.media)

    @property
    def territory_labels(self):
        return labels(enums.Territory, self.territory)


class Pledge(TimeStampedModel):
    """A work pledged as security (著作权质押). Written by ``copyright.services.pledge_work``
    (which refuses a term overlapping another pledge in force) and ``release_pledge``.
    Any financial institution may look one up by its number (``pledge_by_number``)."""

    work = models.ForeignKey(
        Work, verbose_name=_("work"), on_delete=models.CASCADE, related_name="pledges"
    )
    pledgee = models.ForeignKey(
        "finance.FinancialInstitution",
        verbose_name=_("pledgee"),
        on_delete=models.PROTECT,
        related_name="copyright_pledges",
    )
    number = models.CharField(_("pledge registration number"), max_length=40, unique=True)
    amount = amount_field(_("secured amount (10,000 yuan)"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    state = models.CharField(
        _("state"),
        max_length=8,
        choices=enums.PledgeState.choices,
        default=enums.PledgeState.ACTIVE,
    )
    released_on = models.DateField(_("released on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("ends_on")), name="copyright_pledge_term"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="copyright_pledge_amount"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_active(self):
        return self.state == enums.PledgeState.ACTIVE


class LicensingRequest(TimeStampedModel):
    """An enterprise asks a work's holder for a licence. Moved by the holder through
    ``copyright.services.move_request``; signing grants the licence through
    ``grant_licence``, with its checks."""

    work = models.ForeignKey(
        Work, verbose_name=_("work"), on_delete=models.CASCADE, related_name="requests"
    )
    requester = models.ForeignKey(
        "orgs.Enterprise",
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="licensing_requests",
    )
    exclusive = models.BooleanField(_("exclusive"), default=False)
    media = models.JSONField(_("media"), default=list)
    territory = models.JSONField(_("territory"), default=list)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    fee = amount_field(_("fee offered (10,000 yuan)"), default=0)
    message = models.TextField(_("message to the holder"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=enums.RequestState.choices,
        default=enums.RequestState.REQUESTED,
    )
    decline_reason = models.TextField(_("reason"), blank=True)
    licence = models.OneToOneField(
        Licence,
        verbose_name=_("licence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="request",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("licensing request")
        verbose_name_plural = _("licensing requests")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.requester} → {self.work}"

    @property
    def is_open(self):
        return self.state in enums.OPEN_REQUEST_STATES

    @property
    def media_labels(self):
        return labels(enums.Medium, self.media)

    @property
    def territory_labels(self):
        return labels(enums.Territory, self.territory)
