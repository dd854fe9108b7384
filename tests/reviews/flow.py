"""A flow declared only for the engine's own tests: an enterprise asks its park, then the
government body overseeing the park, whose panel scores and whose chief decides."""

from django.utils.translation import gettext_lazy as _

from cloudpark.core.errors import DomainError
from cloudpark.orgs.models import GovernmentBody
from cloudpark.orgs.selectors import people_with
from cloudpark.reviews import flows
from cloudpark.reviews.enums import ReviewerLevel

EVENTS = []


def _record(case, event, actor, decision):
    if case.subject.name == "refuse-approval" and event == "approve":
        raise DomainError("The consumer refuses.")
    EVENTS.append((case.subject.pk, event))


TEST_FLOW = flows.register(
    flows.Flow(
        key="tests.enterprise_request",
        label=_("Test request"),
        stages=(
            flows.Stage(
                "park_opinion",
                _("Park's opinion"),
                ReviewerLevel.APPLICANT_PARK,
                reviewers=lambda case: case.subject.park,
                deadline_days=10,
            ),
            flows.Stage(
                "government_review",
                _("Government review"),
                ReviewerLevel.GOVERNMENT,
                reviewers=lambda case: (
                    GovernmentBody.objects.filter(jurisdiction=case.subject.park_id).first()
                    if case.subject.park_id
                    else None
                ),
                panel=True,
                scored=True,
            ),
        ),
        applicants=lambda case: people_with(case.subject),
        on_event=_record,
    )
)
