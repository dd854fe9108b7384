"""Choices and states of award schemes, entries, rounds, assignments and certificates.

Each state has its transition table (``core.states.transition_table``); services check it with
``core.states.check_transition``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cloudpark.core.states import transition_table

# The industry lists a scheme's organisers in the same typed roles as an event's.
from cloudpark.events.enums import OrganizerRole  # noqa: F401


class AwardLevel(models.TextChoices):
    """What an entry may win. A category uses the graded levels or nominated/awarded."""

    SPECIAL = "special", _("Special award")
    FIRST = "first", _("First prize")
    SECOND = "second", _("Second prize")
    THIRD = "third", _("Third prize")
    AWARDED = "awarded", _("Award")
    NOMINATED = "nominated", _("Nomination")

    @property
    def rank(self):
        """The level's place, highest first, so that results are handed out in order."""
        return list(type(self)).index(self)


class SchemeState(models.TextChoices):
    DRAFT = "draft", _("Being set up")
    OPEN = "open", _("Open for entries")
    JUDGING = "judging", _("Judging")
    PUBLICITY = "publicity", _("Results on public notice")
    FINAL = "final", _("Final")


SCHEME_TRANSITIONS = transition_table(
    SchemeState,
    {
        SchemeState.DRAFT: {SchemeState.OPEN},
        SchemeState.OPEN: {SchemeState.JUDGING},
        SchemeState.JUDGING: {SchemeState.PUBLICITY},
        # An upheld objection sends the results back to the jury before they are final.
        SchemeState.PUBLICITY: {SchemeState.FINAL, SchemeState.JUDGING},
        SchemeState.FINAL: set(),
    },
)


class RoundKind(models.TextChoices):
    FIRST = "first", _("First round")
    SECOND = "second", _("Second round")
    FINAL = "final", _("Final round")


class RoundMode(models.TextChoices):
    SCORED = "scored", _("Scored by rubric")
    NAMED_VOTE = "named_vote", _("Named vote")
    BALLOT = "ballot", _("Anonymous ballot")


class RankBy(models.TextChoices):
    """The measure a scored round ranks by; the tally shows all three side by side."""

    RAW = "raw", _("Mean")
    TRIMMED = "trimmed", _("Trimmed mean")
    NORMALISED = "normalised", _("Normalised score")


VOTING_MODES = frozenset({RoundMode.NAMED_VOTE, RoundMode.BALLOT})


class RoundState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for judging")
    CLOSED = "closed", _("Closed")
    TALLIED = "tallied", _("Tallied")


ROUND_TRANSITIONS = transition_table(
    RoundState,
    {
        RoundState.PLANNED: {RoundState.OPEN},
        RoundState.OPEN: {RoundState.CLOSED},
        # A chair may reopen a closed round while it is not yet tallied.
        RoundState.CLOSED: {RoundState.OPEN, RoundState.TALLIED},
        RoundState.TALLIED: set(),
    },
)


class EntryState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Eligibility check")
    RETURNED = "returned", _("Returned for revision")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    JUDGING = "judging", _("With the jury")
    AWARDED = "awarded", _("Awarded")
    NOT_AWARDED = "not_awarded", _("Not awarded")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DISQUALIFIED = "disqualified", _("Disqualified")


EDITABLE_ENTRY_STATES = frozenset({EntryState.DRAFT, EntryState.RETURNED})
# The states in which an entry holds its work: a second entry of the same work is refused.
HOLDING_ENTRY_STATES = frozenset(
    {
        EntryState.DRAFT,
        EntryState.SUBMITTED,
        EntryState.RETURNED,
        EntryState.ELIGIBLE,
        EntryState.JUDGING,
        EntryState.AWARDED,
        EntryState.NOT_AWARDED,
    }
)
PUBLIC_ENTRY_STATES = frozenset(
    {EntryState.ELIGIBLE, EntryState.JUDGING, EntryState.AWARDED, EntryState.NOT_AWARDED}
)

ENTRY_TRANSITIONS = transition_table(
    EntryState,
    {
        EntryState.DRAFT: {EntryState.SUBMITTED, EntryState.WITHDRAWN},
        EntryState.SUBMITTED: {
            EntryState.RETURNED,
            EntryState.ELIGIBLE,
            EntryState.INELIGIBLE,
            EntryState.WITHDRAWN,
        },
        EntryState.RETURNED: {EntryState.SUBMITTED, EntryState.WITHDRAWN},
        EntryState.ELIGIBLE: {EntryState.JUDGING, EntryState.WITHDRAWN, EntryState.DISQUALIFIED},
        EntryState.INELIGIBLE: set(),
        EntryState.JUDGING: {
            EntryState.AWARDED,
            EntryState.NOT_AWARDED,
            EntryState.WITHDRAWN,
            EntryState.DISQUALIFIED,
        },
        # An objection upheld after the results are final may still strike an award.
        EntryState.AWARDED: {EntryState.DISQUALIFIED},
        EntryState.NOT_AWARDED: set(),
        EntryState.WITHDRAWN: set(),
        EntryState.DISQUALIFIED: set(),
    },
)


class AffiliationSource(models.TextChoices):
    MEMBERSHIP = "membership", _("Membership on the platform")
    DECLARED = "declared", _("Declared by the juror")


class RelationKind(models.TextChoices):
    PERSON = "person", _("A person")
    ORGANIZATION = "organization", _("An organisation")


class ExclusionReason(models.TextChoices):
    SUBMITTER = "submitter", _("Belongs to the submitting unit")
    RECOMMENDER = "recommender", _("Belongs to the recommending unit")
    RELATED_ORGANIZATION = "related_org", _("Declared a relation to the submitting unit")
    CREDITED_PERSON = "credited", _("Declared a relation to a person credited on the work")
    CREDITED_JUROR = "self", _("Credited on the work")


class AssignmentState(models.TextChoices):
    ASSIGNED = "assigned", _("To judge")
    DONE = "done", _("Judged")
    RECUSED = "recused", _("Recused")


ASSIGNMENT_TRANSITIONS = transition_table(
    AssignmentState,
    {
        AssignmentState.ASSIGNED: {AssignmentState.DONE, AssignmentState.RECUSED},
        # A juror may still recuse after scoring: the scores are then left out.
        AssignmentState.DONE: {AssignmentState.ASSIGNED, AssignmentState.RECUSED},
        AssignmentState.RECUSED: set(),
    },
)


class ObjectionState(models.TextChoices):
    RECEIVED = "received", _("Received")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


OBJECTION_TRANSITIONS = transition_table(
    ObjectionState,
    {
        ObjectionState.RECEIVED: {ObjectionState.UPHELD, ObjectionState.DISMISSED},
        ObjectionState.UPHELD: set(),
        ObjectionState.DISMISSED: set(),
    },
)


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")


CERTIFICATE_TRANSITIONS = transition_table(
    CertificateStatus,
    {CertificateStatus.VALID: {CertificateStatus.REVOKED}, CertificateStatus.REVOKED: set()},
)
