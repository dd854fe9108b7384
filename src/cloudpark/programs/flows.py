"""The review flow of programme applications, declared for the review engine.

The enterprise's park gives the first opinion (an enterprise outside any park goes straight
on); then the programme's issuing body reviews: its reviewers score and give opinions, and its
chief decides, approving with an amount (checked against the budget), returning or rejecting.
While at a stage the application is in that stage's state (``STAGE_STATES``).
"""

from django.utils.translation import gettext_lazy as _

from cloudpark.notifications import services as notifications
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.selectors import people_with
from cloudpark.programs import services
from cloudpark.programs.enums import APPLICATION_TRANSITIONS, STAGE_STATES, ApplicationState
from cloudpark.programs.models import Application
from cloudpark.reviews import flows
from cloudpark.reviews.enums import ReviewEvent


def _park_of(case):
    return case.subject.park


def _issuer_of(case):
    return case.subject.programme.issuer


def _applicants(case):
    return people_with(case.subject.enterprise, org_enums.Capability.APPLY_FOR_SUPPORT)


def _state_of_stage(step):
    return STAGE_STATES[step.case.stage_key]


APPLICATION_FLOW = flows.register(
    flows.Flow(
        key=Application.review_flow_key,
        label=_("Programme application"),
        stages=(
            flows.Stage(
                "park_opinion",
                _("Park's first opinion"),
                reviewers=_park_of,
                deadline_days=10,
            ),
            flows.Stage(
                "government_review",
                _("Government review"),
                reviewers=_issuer_of,
                panel=True,
                scored=True,
                deadline_days=20,
            ),
        ),
        applicants=_applicants,
        consumer=flows.Consumer(
            model=Application,
            transitions=APPLICATION_TRANSITIONS,
            prepare=services.stamp_reviewed_application,
            events={
                ReviewEvent.SUBMITTED: flows.Outcome(
                    _state_of_stage, services.SUBMITTED, prepare=services.stamp_first_submission
                ),
                ReviewEvent.RESUBMITTED: flows.Outcome(
                    _state_of_stage, services.RESUBMITTED, prepare=services.stamp_first_submission
                ),
                ReviewEvent.ADVANCED: flows.Outcome(
                    _state_of_stage, services.ENDORSED, prepare=services.log_stage_decided
                ),
                ReviewEvent.APPROVED: flows.Outcome(
                    ApplicationState.APPROVED,
                    services.APPROVED,
                    prepare=services.record_approved_amount,
                ),
                ReviewEvent.RETURNED: flows.Outcome(ApplicationState.RETURNED, services.RETURNED),
                ReviewEvent.REJECTED: flows.Outcome(ApplicationState.REJECTED, services.REJECTED),
                ReviewEvent.WITHDRAWN: flows.Outcome(
                    ApplicationState.WITHDRAWN, services.WITHDRAWN
                ),
            },
            withdrawal_notice=flows.Notice(
                services.WAS_WITHDRAWN,
                params=lambda case, application: notifications.bilingual(
                    subject=(case.subject_label, case.subject_label_en)
                ),
            ),
        ),
    )
)
