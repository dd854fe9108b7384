"""The two reviews of a drama, declared for the review engine.

Planning filing (``filings.planning``), before shooting:

1. ``provincial_review``: the provincial bureau of the filing enterprise. Its panel gives
   opinions and its chief decides: pass on (or approve, when it is the last stage), return
   for revision, or reject.
2. ``co_review``: only when a special subject (military, diplomacy, religion...) is flagged.
   The departments concerned are consulted through the national administration above the
   bureau, which reviews this stage (the consulted unit is a default, UNVERIFIED).
3. ``national_review``: the national re-review, for key works only.

The approving body issues the planning number and the filing takes its place in the month's
public notice; a rename's approval supersedes the filing it renames.

Release filing (``filings.release``), after production: the provincial review, then for key
works the national review of the finished film; approval issues the distribution licence
number in the deciding body's format.
"""

from django.utils.translation import gettext_lazy as _

from cloudpark.filings import enums, selectors, services
from cloudpark.filings.enums import PlanningState, ReleaseState
from cloudpark.filings.models import PlanningFiling, ReleaseFiling
from cloudpark.orgs.enums import Capability
from cloudpark.orgs.selectors import people_with
from cloudpark.reviews import flows
from cloudpark.reviews.enums import ReviewEvent


def _planning_of(case):
    subject = case.subject
    return subject.planning if isinstance(subject, ReleaseFiling) else subject


def provincial_reviewers(case):
    return selectors.provincial_bureau_for(_planning_of(case).project.enterprise)


def co_reviewers(case):
    filing = case.subject
    if not filing.special_subjects:
        return None
    return selectors.national_body_above(provincial_reviewers(case))


def national_reviewers(case):
    if _planning_of(case).tier != enums.Tier.KEY:
        return None
    return selectors.national_body_above(provincial_reviewers(case))


def _applicants(case):
    return people_with(_planning_of(case).project.enterprise, Capability.MANAGE_PROFILE)


PLANNING_FLOW = flows.register(
    flows.Flow(
        key=PlanningFiling.review_flow_key,
        label=_("Drama planning filing"),
        stages=(
            flows.Stage(
                services.PROVINCIAL_STAGE,
                _("Provincial review"),
                reviewers=provincial_reviewers,
                panel=True,
                deadline_days=30,
            ),
            flows.Stage(
                services.CO_REVIEW_STAGE,
                _("Co-review of a special subject"),
                reviewers=co_reviewers,
                panel=True,
                deadline_days=30,
            ),
            flows.Stage(
                services.NATIONAL_STAGE,
                _("National re-review"),
                reviewers=national_reviewers,
                panel=True,
                deadline_days=28,
            ),
        ),
        applicants=_applicants,
        consumer=flows.Consumer(
            model=PlanningFiling,
            transitions=enums.PLANNING_TRANSITIONS,
            prepare=services.stamp_reviewed_filing,
            events={
                ReviewEvent.SUBMITTED: flows.Outcome(
                    PlanningState.SUBMITTED, services.PLANNING_SUBMITTED
                ),
                ReviewEvent.RESUBMITTED: flows.Outcome(
                    PlanningState.SUBMITTED, services.PLANNING_RESUBMITTED
                ),
                ReviewEvent.ADVANCED: flows.Outcome(
                    PlanningState.SUBMITTED, services.PLANNING_PASSED_ON
                ),
                ReviewEvent.APPROVED: flows.Outcome(
                    PlanningState.APPROVED,
                    services.PLANNING_APPROVED,
                    prepare=services.check_planning_approval,
                    complete=services.approve_planning,
                ),
                ReviewEvent.RETURNED: flows.Outcome(
                    PlanningState.RETURNED, services.PLANNING_RETURNED
                ),
                ReviewEvent.REJECTED: flows.Outcome(
                    PlanningState.REJECTED, services.PLANNING_REJECTED
                ),
                ReviewEvent.WITHDRAWN: flows.Outcome(
                    PlanningState.WITHDRAWN, services.PLANNING_WITHDRAWN
                ),
            },
        ),
    )
)

RELEASE_FLOW = flows.register(
    flows.Flow(
        key=ReleaseFiling.review_flow_key,
        label=_("Drama release filing"),
        stages=(
            flows.Stage(
                services.PROVINCIAL_STAGE,
                _("Provincial review"),
                reviewers=provincial_reviewers,
                panel=True,
                deadline_days=30,
            ),
            flows.Stage(
                services.NATIONAL_STAGE,
                _("National review of the finished work"),
                reviewers=national_reviewers,
                panel=True,
                deadline_days=28,
            ),
        ),
        applicants=_applicants,
        consumer=flows.Consumer(
            model=ReleaseFiling,
            transitions=enums.RELEASE_TRANSITIONS,
            prepare=services.stamp_reviewed_filing,
            events={
                ReviewEvent.SUBMITTED: flows.Outcome(
                    ReleaseState.SUBMITTED, services.RELEASE_SUBMITTED
                ),
                ReviewEvent.RESUBMITTED: flows.Outcome(
                    ReleaseState.SUBMITTED, services.RELEASE_RESUBMITTED
                ),
                ReviewEvent.ADVANCED: flows.Outcome(
                    ReleaseState.SUBMITTED, services.RELEASE_PASSED_ON
                ),
                ReviewEvent.APPROVED: flows.Outcome(
                    ReleaseState.LICENSED,
                    services.RELEASE_LICENSED,
                    prepare=services.check_release_approval,
                    complete=services.license_release,
                ),
                ReviewEvent.RETURNED: flows.Outcome(
                    ReleaseState.RETURNED, services.RELEASE_RETURNED
                ),
                ReviewEvent.REJECTED: flows.Outcome(
                    ReleaseState.REJECTED, services.RELEASE_REJECTED
                ),
                ReviewEvent.WITHDRAWN: flows.Outcome(
                    ReleaseState.WITHDRAWN, services.RELEASE_WITHDRAWN
                ),
            },
        ),
    )
)
