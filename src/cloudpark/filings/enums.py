from django.db import models
from django.utils.translation import gettext_lazy as _

from cloudpark.core.states import transition_table


class DramaKind(models.TextChoices):
    SERIES = "series", _("Online series")
    FILM = "film", _("Online film")
    ANIMATION = "animation", _("Online animation")
    MICRO = "micro", _("Online micro-drama")


class Era(models.TextChoices):
    CONTEMPORARY = "contemporary", _("Contemporary")
    MODERN = "modern", _("Modern")
    EARLY_MODERN = "early_modern", _("Early modern")
    ANCIENT = "ancient", _("Ancient")


class Tier(models.TextChoices):
    KEY = "key", _("Key work")
    ORDINARY = "ordinary", _("Ordinary work")
    OTHER = "other", _("Other work")


class PersonRole(models.TextChoices):
    WRITER = "writer", _("Writer")
    DIRECTOR = "director", _("Director")
    ACTOR = "actor", _("Lead actor")
    FOREIGN = "foreign", _("Foreign personnel")


class PlanningState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("In review")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Planning approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUPERSEDED = "superseded", _("Superseded by a new filing")
    REVOKED = "revoked", _("Revoked")


PLANNING_EDITABLE = frozenset({PlanningState.DRAFT, PlanningState.RETURNED})
PLANNING_OPEN = frozenset({PlanningState.DRAFT, PlanningState.SUBMITTED, PlanningState.RETURNED})
PLANNING_FINAL = frozenset(
    {
        PlanningState.REJECTED,
        PlanningState.WITHDRAWN,
        PlanningState.SUPERSEDED,
        PlanningState.REVOKED,
    }
)

# state -> the states it may move to. SUBMITTED stays SUBMITTED while the case passes from
# the provincial review to the co-review and the national re-review.
PLANNING_TRANSITIONS = transition_table(
    PlanningState,
    {
        PlanningState.DRAFT: {PlanningState.SUBMITTED, PlanningState.WITHDRAWN},
        PlanningState.SUBMITTED: {
            PlanningState.RETURNED,
            PlanningState.APPROVED,
            PlanningState.REJECTED,
            PlanningState.WITHDRAWN,
        },
        PlanningState.RETURNED: {PlanningState.SUBMITTED, PlanningState.WITHDRAWN},
        PlanningState.APPROVED: {PlanningState.SUPERSEDED, PlanningState.REVOKED},
        PlanningState.REJECTED: set(),
        PlanningState.WITHDRAWN: set(),
        PlanningState.SUPERSEDED: set(),
        PlanningState.REVOKED: set(),
    },
)


class ReleaseState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("In review")
    RETURNED = "returned", _("Returned for revision")
    LICENSED = "licensed", _("Licensed")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REVOKED = "revoked", _("Licence revoked")


RELEASE_EDITABLE = frozenset({ReleaseState.DRAFT, ReleaseState.RETURNED})
RELEASE_OPEN = frozenset({ReleaseState.DRAFT, ReleaseState.SUBMITTED, ReleaseState.RETURNED})

RELEASE_TRANSITIONS = transition_table(
    ReleaseState,
    {
        ReleaseState.DRAFT: {ReleaseState.SUBMITTED, ReleaseState.WITHDRAWN},
        ReleaseState.SUBMITTED: {
            ReleaseState.RETURNED,
            ReleaseState.LICENSED,
            ReleaseState.REJECTED,
            ReleaseState.WITHDRAWN,
        },
        ReleaseState.RETURNED: {ReleaseState.SUBMITTED, ReleaseState.WITHDRAWN},
        ReleaseState.LICENSED: {ReleaseState.REVOKED},
        ReleaseState.REJECTED: set(),
        ReleaseState.WITHDRAWN: set(),
        ReleaseState.REVOKED: set(),
    },
)


class NumberSeries(models.TextChoices):
    PLANNING = "planning", _("Planning filing number")
    LICENCE = "licence", _("Distribution licence number")


class NumberStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded")


NUMBER_TRANSITIONS = transition_table(
    NumberStatus,
    {
        NumberStatus.VALID: {NumberStatus.REVOKED, NumberStatus.SUPERSEDED},
        NumberStatus.REVOKED: set(),
        NumberStatus.SUPERSEDED: set(),
    },
)
