from django.db import models
from django.utils.translation import gettext_lazy as _

from cloudpark.core.states import transition_table
from cloudpark.orgs.enums import GovernmentLevel, ParkLevel


class RoundLevel(models.TextChoices):
    """The status an accreditation round confers."""

    PROVINCIAL = "provincial", _("Provincial base")
    NATIONAL = "national", _("National base")

    @property
    def park_level(self):
        return ParkLevel(self.value)

    @property
    def organiser_level(self):
        """Provincial bases are accredited by a provincial body, national ones nationally."""
        return GovernmentLevel(self.value)

    @property
    def required_park_level(self):
        """What a park must hold before it declares: national status builds on provincial."""
        return ParkLevel.PROVINCIAL if self == RoundLevel.NATIONAL else None


class DeclarationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("In review")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


EDITABLE_STATES = frozenset({DeclarationState.DRAFT, DeclarationState.RETURNED})
OPEN_STATES = frozenset(
    {DeclarationState.DRAFT, DeclarationState.SUBMITTED, DeclarationState.RETURNED}
)
FINAL_STATES = frozenset(
    {DeclarationState.APPROVED, DeclarationState.REJECTED, DeclarationState.WITHDRAWN}
)

# state -> the states it may move to. SUBMITTED stays SUBMITTED while the case passes from
# the provincial to the national review; that is not a move.
DECLARATION_TRANSITIONS = transition_table(
    DeclarationState,
    {
        DeclarationState.DRAFT: {DeclarationState.SUBMITTED, DeclarationState.WITHDRAWN},
        DeclarationState.SUBMITTED: {
            DeclarationState.RETURNED,
            DeclarationState.APPROVED,
            DeclarationState.REJECTED,
            DeclarationState.WITHDRAWN,
        },
        DeclarationState.RETURNED: {DeclarationState.SUBMITTED, DeclarationState.WITHDRAWN},
        DeclarationState.APPROVED: set(),
        DeclarationState.REJECTED: set(),
        DeclarationState.WITHDRAWN: set(),
    },
)


class AnnualOutcome(models.TextChoices):
    PASS = "pass", _("Passed")
    RECTIFY = "rectify", _("Rectification ordered")
    REVOKE = "revoke", _("Accreditation revoked")


OUTCOMES_NEEDING_COMMENT = frozenset({AnnualOutcome.RECTIFY, AnnualOutcome.REVOKE})


class AccreditationEnd(models.TextChoices):
    """How a base lost its accreditation. The record stays; only its end is written."""

    REVOKED = "revoked", _("Revoked")
    EXITED = "exited", _("Exited")


class RoundPhase(models.TextChoices):
    UPCOMING = "upcoming", _("Not yet open")
    OPEN = "open", _("Open for declarations")
    CLOSED = "closed", _("Closed")
