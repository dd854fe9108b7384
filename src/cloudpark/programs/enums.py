from django.db import models
from django.utils.translation import gettext_lazy as _

from cloudpark.core.states import transition_table


class ProgrammeType(models.TextChoices):
    FUNDING = "funding", _("Funding")
    RENT_SUBSIDY = "rent_subsidy", _("Rent subsidy")
    KEY_PROJECT = "key_project", _("Key industrial project")
    FINE_ART = "fine_art", _("Fine-art creation project")
    BUSINESS_GUIDANCE = "guidance", _("Business guidance")
    PUBLICITY = "publicity", _("Publicity")
    PLATFORM_SERVICES = "platform", _("Platform services")


class Combinator(models.TextChoices):
    ALL = "all", _("Every rule must be met")
    ANY = "any", _("One rule met is enough")


class RuleKind(models.TextChoices):
    CATEGORY_IN = "category_in", _("Industry category is one of")
    PARK_LEVEL_AT_LEAST = "park_level_at_least", _("Park level at least")
    FOUNDED_BEFORE = "founded_before", _("Founded before")
    STAFF_BETWEEN = "staff_between", _("Staff between")
    REVENUE_AT_LEAST = "revenue_at_least", _("Latest yearly revenue at least")
    HAS_TAG = "has_tag", _("Holds a qualification")
    RESIDENT_IN_ZONE = "resident_in_zone", _("Resident in a park of the zone")


class Outcome(models.TextChoices):
    PASSED = "passed", _("Met")
    FAILED = "failed", _("Not met")
    UNKNOWN = "unknown", _("Unknown: data missing")


class FieldKind(models.TextChoices):
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Choice")


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PARK_REVIEW = "park_review", _("Submitted, with the park")
    GOVERNMENT_REVIEW = "government_review", _("In government review")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


APPLICATION_TRANSITIONS = transition_table(
    ApplicationState,
    {
        ApplicationState.DRAFT: {
            ApplicationState.PARK_REVIEW,
            ApplicationState.GOVERNMENT_REVIEW,
            ApplicationState.WITHDRAWN,
        },
        ApplicationState.PARK_REVIEW: {
            ApplicationState.GOVERNMENT_REVIEW,
            ApplicationState.RETURNED,
            ApplicationState.REJECTED,
            ApplicationState.WITHDRAWN,
        },
        ApplicationState.GOVERNMENT_REVIEW: {
            ApplicationState.APPROVED,
            ApplicationState.RETURNED,
            ApplicationState.REJECTED,
            ApplicationState.WITHDRAWN,
        },
        ApplicationState.RETURNED: {
            ApplicationState.PARK_REVIEW,
            ApplicationState.GOVERNMENT_REVIEW,
            ApplicationState.WITHDRAWN,
        },
        ApplicationState.APPROVED: set(),
        ApplicationState.REJECTED: set(),
        ApplicationState.WITHDRAWN: set(),
    },
)


EDITABLE_STATES = frozenset({ApplicationState.DRAFT, ApplicationState.RETURNED})
IN_REVIEW_STATES = frozenset({ApplicationState.PARK_REVIEW, ApplicationState.GOVERNMENT_REVIEW})
FINAL_STATES = frozenset(
    {ApplicationState.APPROVED, ApplicationState.REJECTED, ApplicationState.WITHDRAWN}
)
# The engine's stages, and the state an application is in while at each.
STAGE_STATES = {
    "park_opinion": ApplicationState.PARK_REVIEW,
    "government_review": ApplicationState.GOVERNMENT_REVIEW,
}


class NoticeState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLICISED = "publicised", _("Publicised, open to objections")
    FINAL = "final", _("Final")


NOTICE_TRANSITIONS = transition_table(
    NoticeState,
    {
        NoticeState.DRAFT: {NoticeState.PUBLICISED},
        NoticeState.PUBLICISED: {NoticeState.FINAL},
        NoticeState.FINAL: set(),
    },
)
