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


def _stage(key, label, reviewers, days):
    return flows.Stage(key, label, reviewers=reviewers, panel=True, deadline_days=days)


def _consumer(model, transitions, states, codes, *, approved, check, complete):
    """Both filings move alike: ``states`` is the filing's state enum and ``codes`` maps each
    review event to the filing's audit code; approval lands in ``approved``."""
    outcomes = {
        ReviewEvent.SUBMITTED: states.SUBMITTED,
        ReviewEvent.RESUBMITTED: states.SUBMITTED,
        ReviewEvent.ADVANCED: states.SUBMITTED,
        ReviewEvent.RETURNED: states.RETURNED,
        ReviewEvent.REJECTED: states.REJECTED,
        ReviewEvent.WITHDRAWN: states.WITHDRAWN,
    }
    events = {event: flows.Outcome(state, codes[event]) for event, state in outcomes.items()}
    events[ReviewEvent.APPROVED] = flows.Outcome(
        approved, codes[ReviewEvent.APPROVED], prepare=check, complete=complete
    )
    return flows.Consumer(
        model=model,
        transitions=transitions,
        prepare=services.stamp_reviewed_filing,
        events=events,
    )


PLANNING_FLOW = flows.register(
    flows.Flow(
        key=PlanningFiling.review_flow_key,
        label=_("Drama planning filing"),
        stages=(
            _stage(services.PROVINCIAL_STAGE, _("Provincial review"), provincial_reviewers, 30),
            _stage(services.CO_REVIEW_STAGE, _("Co-review of a special subject"), co_reviewers, 30),
            _stage(services.NATIONAL_STAGE, _("National re-review"), national_reviewers, 28),
        ),
        applicants=_applicants,
        consumer=_consumer(
            PlanningFiling,
            enums.PLANNING_TRANSITIONS,
            PlanningState,
            {
                ReviewEvent.SUBMITTED: services.PLANNING_SUBMITTED,
                ReviewEvent.RESUBMITTED: services.PLANNING_RESUBMITTED,
                ReviewEvent.ADVANCED: services.PLANNING_PASSED_ON,
                ReviewEvent.APPROVED: services.PLANNING_APPROVED,
                ReviewEvent.RETURNED: services.PLANNING_RETURNED,
                ReviewEvent.REJECTED: services.PLANNING_REJECTED,
                ReviewEvent.WITHDRAWN: services.PLANNING_WITHDRAWN,
            },
            approved=PlanningState.APPROVED,
            check=services.check_planning_approval,
            complete=services.approve_planning,
        ),
    )
)

RELEASE_FLOW = flows.register(
    flows.Flow(
        key=ReleaseFiling.review_flow_key,
        label=_("Drama release filing"),
        stages=(
            _stage(services.PROVINCIAL_STAGE, _("Provincial review"), provincial_reviewers, 30),
            _stage(
                services.NATIONAL_STAGE,
                _("National review of the finished work"),
                national_reviewers,
                28,
            ),
        ),
        applicants=_applicants,
        consumer=_consumer(
            ReleaseFiling,
            enums.RELEASE_TRANSITIONS,
            ReleaseState,
            {
                ReviewEvent.SUBMITTED: services.RELEASE_SUBMITTED,
                ReviewEvent.RESUBMITTED: services.RELEASE_RESUBMITTED,
                ReviewEvent.ADVANCED: services.RELEASE_PASSED_ON,
                ReviewEvent.APPROVED: services.RELEASE_LICENSED,
                ReviewEvent.RETURNED: services.RELEASE_RETURNED,
                ReviewEvent.REJECTED: services.RELEASE_REJECTED,
                ReviewEvent.WITHDRAWN: services.RELEASE_WITHDRAWN,
            },
            approved=ReleaseState.LICENSED,
            check=services.check_release_approval,
            complete=services.license_release,
        ),
    )
)
