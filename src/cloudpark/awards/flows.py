"""The eligibility check of an entry, declared for the review engine.

1. ``formal_check``: the secretariat, the government body that runs the scheme, checks the
   entry is complete: the recommendation opinion and its sealed scan, the broadcast date and
   column, the length, the credits, the media.
2. ``eligibility``: the host, where the host is a government body other than the secretariat,
   confirms it; elsewhere the engine skips the stage and the secretariat's decision is final.

An approval makes the entry eligible and puts it on public notice for the scheme's working
days; a rejection makes it ineligible; a return sends it back to the enterprise to revise.
"""

from django.utils.translation import gettext_lazy as _

from cloudpark.awards import enums, services
from cloudpark.awards.enums import EntryState
from cloudpark.awards.models import Entry
from cloudpark.orgs.enums import OrganizationKind
from cloudpark.reviews import flows
from cloudpark.reviews.enums import ReviewEvent

FORMAL_CHECK = "formal_check"


def secretariat(case):
    return case.subject.scheme.owner


def host(case):
    scheme = case.subject.scheme
    for organizer in scheme.organizers.select_related("organization"):
        organization = organizer.organization
        if (
            organizer.role == enums.OrganizerRole.HOST
            and organization is not None
            and organization.kind == OrganizationKind.GOVERNMENT
            and organization.pk != scheme.owner_id
        ):
            return organization
    return None


ENTRY_FLOW = flows.register(
    flows.Flow(
        key=Entry.review_flow_key,
        label=_("Award entry eligibility"),
        stages=(
            flows.Stage(FORMAL_CHECK, _("Formal check"), reviewers=secretariat, deadline_days=15),
            flows.Stage(
                "eligibility",
                _("Eligibility confirmed by the host"),
                reviewers=host,
                deadline_days=15,
            ),
        ),
        applicants=lambda case: services.entry_applicants(case.subject),
        consumer=flows.Consumer(
            model=Entry,
            transitions=enums.ENTRY_TRANSITIONS,
            prepare=services.stamp_submission,
            events={
                ReviewEvent.SUBMITTED: flows.Outcome(
                    EntryState.SUBMITTED, services.ENTRY_SUBMITTED
                ),
                ReviewEvent.RESUBMITTED: flows.Outcome(
                    EntryState.SUBMITTED, services.ENTRY_RESUBMITTED
                ),
                ReviewEvent.ADVANCED: flows.Outcome(EntryState.SUBMITTED, services.ENTRY_PASSED_ON),
                ReviewEvent.APPROVED: flows.Outcome(
                    EntryState.ELIGIBLE,
                    services.ENTRY_ELIGIBLE,
                    prepare=services.confirm_eligibility,
                ),
                ReviewEvent.RETURNED: flows.Outcome(EntryState.RETURNED, services.ENTRY_RETURNED),
                ReviewEvent.REJECTED: flows.Outcome(
                    EntryState.INELIGIBLE, services.ENTRY_INELIGIBLE
                ),
                ReviewEvent.WITHDRAWN: flows.Outcome(
                    EntryState.WITHDRAWN, services.ENTRY_WITHDRAWN
                ),
            },
        ),
    )
)
