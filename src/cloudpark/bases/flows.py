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
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cloudpark.bases import enums, forms, selectors, services
from cloudpark.orgs.enums import Capability
from cloudpark.orgs.selectors import people_with
from cloudpark.reviews import flows
from cloudpark.reviews.enums import ReviewerLevel


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


DECLARATION_FLOW = flows.register(
    flows.Flow(
        key=selectors.DECLARATION_FLOW_KEY,
        label=_("Base accreditation"),
        stages=(
            flows.Stage(
                "provincial_review",
                _("Provincial bureau review"),
                ReviewerLevel.GOVERNMENT,
                reviewers=provincial_reviewers,
                panel=True,
                deadline_days=60,
            ),
            flows.Stage(
                "national_review",
                _("National administration review"),
                ReviewerLevel.GOVERNMENT,
                reviewers=national_reviewers,
                panel=True,
                deadline_days=90,
            ),
        ),
        applicants=lambda case: people_with(case.subject.park, Capability.MANAGE_PROFILE),
        on_event=services.declaration_reviewed,
        review_url=lambda case: reverse("government:review_detail", args=[case.pk]),
        applicant_url=lambda case: reverse("park:base_declaration_detail", args=[case.object_id]),
        extra={
            "subject_template": "bases/_declaration_subject.html",
            "decision_form": forms.DeclarationDecisionForm,
        },
    )
)
