"""A flow declared only for the engine's own tests: an enterprise asks its park, then the
government body overseeing the park, whose panel scores and whose chief decides. The
enterprise keeps no state of its own; each event leaves an audit entry on it, and an enterprise
named ``refuse-approval`` has its approvals refused by the consumer."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.orgs.models import Enterprise, GovernmentBody
from cloudpark.orgs.selectors import people_with
from cloudpark.reviews import flows, presentation
from cloudpark.reviews.enums import ReviewEvent

EVENTS = []
REFUSING_NAME = "refuse-approval"
AUDIT_CODES = {
    event: audit.register(f"tests.request.{event.value}", event.label) for event in ReviewEvent
}


def _record(step):
    if step.subject.name == REFUSING_NAME and step.event == ReviewEvent.APPROVED:
        raise DomainError("The consumer refuses.")
    EVENTS.append((step.subject.pk, step.event))


TEST_FLOW = flows.register(
    flows.Flow(
        key="tests.enterprise_request",
        label=_("Test request"),
        stages=(
            flows.Stage(
                "park_opinion",
                _("Park's opinion"),
                reviewers=lambda case: case.subject.park,
                deadline_days=10,
            ),
            flows.Stage(
                "government_review",
                _("Government review"),
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
        consumer=flows.Consumer(
            model=Enterprise,
            prepare=_record,
            events={event: flows.Outcome(None, code) for event, code in AUDIT_CODES.items()},
        ),
    )
)

presentation.register(
    TEST_FLOW.key,
    presentation.Presentation(
        subject_template="reviews/_subject.html",
        review_url=lambda case: reverse("park:review_detail", args=[case.pk]),
        applicant_url=lambda case: "",
    ),
)
