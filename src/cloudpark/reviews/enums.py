from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseState(models.TextChoices):
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATES = frozenset({CaseState.IN_REVIEW, CaseState.RETURNED})
FINAL_STATES = frozenset({CaseState.APPROVED, CaseState.REJECTED, CaseState.WITHDRAWN})

# state -> the states it may move to. IN_REVIEW -> IN_REVIEW is the move to the next stage.
TRANSITIONS = {
    CaseState.IN_REVIEW: frozenset(
        {
            CaseState.IN_REVIEW,
            CaseState.RETURNED,
            CaseState.APPROVED,
            CaseState.REJECTED,
            CaseState.WITHDRAWN,
        }
    ),
    CaseState.RETURNED: frozenset({CaseState.IN_REVIEW, CaseState.WITHDRAWN}),
    CaseState.APPROVED: frozenset(),
    CaseState.REJECTED: frozenset(),
    CaseState.WITHDRAWN: frozenset(),
}


class Decision(models.TextChoices):
    """What a stage's decider may decide. ``advance`` passes the case to the next stage;
    ``approve`` ends the last stage with a yes."""

    ADVANCE = "advance", _("Pass to the next stage")
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return for revision")
    REJECT = "reject", _("Reject")


DECISION_STATE = {
    Decision.ADVANCE: CaseState.IN_REVIEW,
    Decision.APPROVE: CaseState.APPROVED,
    Decision.RETURN: CaseState.RETURNED,
    Decision.REJECT: CaseState.REJECTED,
}
DECISIONS_NEEDING_COMMENT = frozenset({Decision.RETURN, Decision.REJECT})


class Recommendation(models.TextChoices):
    """A panel reviewer's advice to the chief."""

    APPROVE = "approve", _("Recommend approval")
    RETURN = "return", _("Recommend revision")
    REJECT = "reject", _("Recommend rejection")


class ReviewEvent(models.TextChoices):
    """What the engine tells a consumer happened to a case; each consumer declares what every
    one of them makes of its subject (``reviews.flows.Consumer``)."""

    SUBMITTED = "submitted", _("Submitted for review")
    RESUBMITTED = "resubmitted", _("Resubmitted after revision")
    ADVANCED = "advanced", _("Passed to the next stage")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for revision")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")


DECISION_EVENT = {
    Decision.ADVANCE: ReviewEvent.ADVANCED,
    Decision.APPROVE: ReviewEvent.APPROVED,
    Decision.RETURN: ReviewEvent.RETURNED,
    Decision.REJECT: ReviewEvent.REJECTED,
}
