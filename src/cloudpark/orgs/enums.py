from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government body")
    PARK = "park", _("Park (base)")
    ENTERPRISE = "enterprise", _("Enterprise")
    OTHER = "other", _("Other organisation")


class GovernmentLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    MUNICIPAL = "municipal", _("Municipal")
    DISTRICT = "district", _("District")


class ParkLevel(models.TextChoices):
    """Ordered from the highest; ``rank`` compares them."""

    NATIONAL = "national", _("National base")
    PROVINCIAL = "provincial", _("Provincial base")
    MUNICIPAL = "municipal", _("Municipal base")
    UNRATED = "unrated", _("Not yet accredited")

    @property
    def rank(self):
        return {"national": 3, "provincial": 2, "municipal": 1, "unrated": 0}[self.value]


class ParkStatus(models.TextChoices):
    OPERATING = "operating", _("Operating")
    SUSPENDED = "suspended", _("Suspended for rectification")
    REVOKED = "revoked", _("Accreditation revoked")
    EXITED = "exited", _("Exited")


class OtherKind(models.TextChoices):
    MEDIA = "media", _("Media")
    UNIVERSITY = "university", _("University or research institute")
    ASSOCIATION = "association", _("Industry association")
    PARTNER = "partner", _("Service partner (a gym, a cinema, a shop)")
    OTHER = "other", _("Other")


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    DISTRICT = "district", _("District or county")


class CategoryLevel(models.TextChoices):
    MAJOR = "major", _("Major category")
    MID = "mid", _("Mid category")


class Capability(models.TextChoices):
    MANAGE_PROFILE = "manage_profile", _("Edit the organisation's profile")
    MANAGE_MEMBERS = "manage_members", _("Manage members")
    VIEW_ENTERPRISES = "view_enterprises", _("See the enterprises in its care")
    IMPORT_ENTERPRISES = "import_enterprises", _("Import enterprises from Excel")
    ADMIT_ENTERPRISES = "admit_enterprises", _("Admit and release enterprises")
    VIEW_PERSONAL_DATA = "view_personal_data", _("See personal data unmasked")
    REVIEW = "review", _("Review applications")
    DECIDE = "decide", _("Decide reviews as the chief reviewer")
    JUDGE = "judge", _("Score works as a juror")
    MANAGE_EVENTS = "manage_events", _("Organise events")
    CHECK_IN = "check_in", _("Check attendees in at events")
    APPLY_FOR_SUPPORT = "apply_for_support", _("Apply for support programmes")
    MANAGE_PROGRAMMES = "manage_programmes", _("Publish policies and support programmes")
    EDIT_NEWS = "edit_news", _("Write news and handle correction requests")


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    STAFF = "staff", pgettext_lazy("role", "Staff")
    REVIEWER = "reviewer", _("Reviewer")
    JUROR = "juror", _("Juror")


ROLE_CAPABILITIES = {
    Role.ADMIN: frozenset(
        {
            Capability.MANAGE_PROFILE,
            Capability.MANAGE_MEMBERS,
            Capability.VIEW_ENTERPRISES,
            Capability.IMPORT_ENTERPRISES,
            Capability.ADMIT_ENTERPRISES,
            Capability.VIEW_PERSONAL_DATA,
            Capability.REVIEW,
            Capability.DECIDE,
            Capability.MANAGE_EVENTS,
            Capability.CHECK_IN,
            Capability.APPLY_FOR_SUPPORT,
            Capability.MANAGE_PROGRAMMES,
            Capability.EDIT_NEWS,
        }
    ),
    Role.STAFF: frozenset({Capability.VIEW_ENTERPRISES, Capability.CHECK_IN}),
    Role.REVIEWER: frozenset({Capability.VIEW_ENTERPRISES, Capability.REVIEW}),
    Role.JUROR: frozenset({Capability.JUDGE}),
}


class ImportStatus(models.TextChoices):
    # A large workbook is checked, and imported, by the task worker.
    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked, ready to import")
    IMPORTING = "importing", _("Being imported")
    REJECTED = "rejected", _("Has errors, nothing imported")
    IMPORTED = "imported", _("Imported")

    @classmethod
    def transitions(cls):
        return {
            cls.CHECKING: {cls.CHECKED, cls.REJECTED},
            cls.CHECKED: {cls.IMPORTING, cls.IMPORTED, cls.REJECTED},
            cls.IMPORTING: {cls.IMPORTED, cls.REJECTED},
            cls.REJECTED: set(),
            cls.IMPORTED: set(),
        }

    @classmethod
    def in_progress(cls):
        return {cls.CHECKING, cls.IMPORTING}
