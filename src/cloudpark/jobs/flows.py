"""The park's review of its enterprises' job postings, declared for the review engine.

A park that reviews postings (``ParkJobSettings.review_postings``) has each one sent to it
when the enterprise publishes it:

1. ``first_reading``: a reviewer of the park reads the posting and passes it on. Only parks
   set to two stages have it; for the others the engine skips it.
2. ``park_review``: a reviewer of the park publishes the posting, or returns it to the
   enterprise with what should change, or rejects it.

An approval publishes the posting under the rules of a direct publication: its validity date
must still be ahead. Closing a posting in review withdraws it from the review.
"""

from django.utils.translation import gettext_lazy as _

from cloudpark.jobs import services
from cloudpark.jobs.enums import POSTING_TRANSITIONS, PostingState
from cloudpark.jobs.models import JobPosting
from cloudpark.orgs.enums import Capability
from cloudpark.reviews import flows
from cloudpark.reviews.enums import ReviewEvent

FIRST_READING = "first_reading"
PARK_REVIEW = "park_review"


def first_readers(case):
    park = case.subject.park
    return park if services.park_review_stages(park) == 2 else None


def park_reviewers(case):
    return case.subject.park


POSTING_FLOW = flows.register(
    flows.Flow(
        key=JobPosting.review_flow_key,
        label=_("Job posting"),
        stages=(
            flows.Stage(
                FIRST_READING,
                _("Park's first reading"),
                reviewers=first_readers,
                capability=Capability.REVIEW,
                deadline_days=2,
            ),
            flows.Stage(
                PARK_REVIEW,
                _("Park review"),
                reviewers=park_reviewers,
                capability=Capability.REVIEW,
                deadline_days=3,
            ),
        ),
        applicants=services.posting_managers,
        consumer=flows.Consumer(
            model=JobPosting,
            transitions=POSTING_TRANSITIONS,
            events={
                ReviewEvent.SUBMITTED: flows.Outcome(
                    PostingState.IN_REVIEW, services.POSTING_SUBMITTED
                ),
                ReviewEvent.RESUBMITTED: flows.Outcome(
                    PostingState.IN_REVIEW, services.POSTING_RESUBMITTED
                ),
                ReviewEvent.ADVANCED: flows.Outcome(PostingState.IN_REVIEW, services.POSTING_READ),
                ReviewEvent.APPROVED: flows.Outcome(
                    PostingState.PUBLISHED,
                    services.POSTING_PUBLISHED,
                    prepare=services.check_publishable,
                    complete=services.announce_published,
                ),
                ReviewEvent.RETURNED: flows.Outcome(
                    PostingState.RETURNED, services.POSTING_RETURNED
                ),
                ReviewEvent.REJECTED: flows.Outcome(
                    PostingState.REJECTED, services.POSTING_REJECTED
                ),
                ReviewEvent.WITHDRAWN: flows.Outcome(
                    PostingState.CLOSED,
                    services.POSTING_WITHDRAWN,
                    prepare=services.stamp_withdrawn,
                ),
            },
            withdrawal_notice=flows.Notice(
                services.POSTING_WITHDRAWN_NOTICE, params=services.withdrawal_params
            ),
        ),
    )
)
