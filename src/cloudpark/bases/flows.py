"""The review of a declaration, declared for the review engine.

1. ``provincial_review``: the provincial bureau. For a provincial round that is the round's
   organiser; for a national round it is the provincial body that looks after the park, which
   gives the first review and passes the declaration on. Its panel gives opinions and its chief
   decides, recording the site survey (day and notes) with the decision: the survey is the
   bureau's finding, kept on the declaration where the list, the export and the park read it,
   while the reviewers' opinions stay the engine's internal advice to the chief.
2. ``national_review``: the national administration, the organiser of a national round. A
   provincial round has nobody here, so the engine skips the stage and the provincial decision
   is the final one.

The declaration stays submitted while in review; an approval grants the park its standing.
"""

from django.utils.translation import gettext_lazy as _

from cloudpark.bases import enums, selectors, services
from cloudpark.bases.enums import DeclarationState
from cloudpark.bases.models import Declaration
from cloudpark.orgs.enums import Capability
from cloudpark.orgs.selectors import people_with
from cloudpark.reviews import flows
from cloudpark.reviews.enums import ReviewEvent


def provincial_reviewers(case):
    declaration = case.subject
    if declaration.round.level == enums.RoundLevel.PROVINCIAL:
        return declaration.round.organiser
    return selectors.provincial_body_for(declaration.park)


def national_reviewers(case):
    accreditation_round = case.subject.round
    if accreditation_round.level == enums.RoundLevel.NATIONAL:
        return accreditation_round.organiser
    return None


def _withdrawal_params(case, declaration):
    return {"park": declaration.park.name, "batch": declaration.round.batch}


DECLARATION_FLOW = flows.register(
    flows.Flow(
        key=Declaration.review_flow_key,
        label=_("Base accreditation"),
        stages=(
            flows.Stage(
                services.PROVINCIAL_STAGE,
                _("Provincial bureau review"),
                reviewers=provincial_reviewers,
                panel=True,
                deadline_days=60,
            ),
            flows.Stage(
                "national_review",
                _("National administration review"),
                reviewers=national_reviewers,
                panel=True,
                deadline_days=90,
            ),
        ),
        applicants=lambda case: people_with(case.subject.park, Capability.MANAGE_PROFILE),
        consumer=flows.Consumer(
            model=Declaration,
            transitions=enums.DECLARATION_TRANSITIONS,
            prepare=services.stamp_reviewed_declaration,
            events={
                ReviewEvent.SUBMITTED: flows.Outcome(
                    DeclarationState.SUBMITTED, services.DECLARATION_SUBMITTED
                ),
                ReviewEvent.RESUBMITTED: flows.Outcome(
                    DeclarationState.SUBMITTED, services.DECLARATION_RESUBMITTED
                ),
                ReviewEvent.ADVANCED: flows.Outcome(
                    DeclarationState.SUBMITTED, services.DECLARATION_PASSED_ON
                ),
                ReviewEvent.APPROVED: flows.Outcome(
                    DeclarationState.APPROVED,
                    services.DECLARATION_APPROVED,
                    complete=services.accredit_approved_declaration,
                ),
                ReviewEvent.RETURNED: flows.Outcome(
                    DeclarationState.RETURNED, services.DECLARATION_RETURNED
                ),
                ReviewEvent.REJECTED: flows.Outcome(
                    DeclarationState.REJECTED, services.DECLARATION_REJECTED
                ),
                ReviewEvent.WITHDRAWN: flows.Outcome(
                    DeclarationState.WITHDRAWN, services.DECLARATION_WITHDRAWN
                ),
            },
            withdrawal_notice=flows.Notice(
                services.DECLARATION_WITHDRAWN_NOTICE, params=_withdrawal_params
            ),
        ),
    )
)
