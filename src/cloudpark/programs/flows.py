"""The review flow of programme applications, declared for the review engine.

The enterprise's park gives the first opinion (an enterprise outside any park goes straight
on); then the programme's issuing body reviews: its reviewers score and give opinions, and its
chief decides, approving with an amount (``ApprovalForm``), returning or rejecting.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.selectors import people_with
from cloudpark.programs.forms import ApprovalForm
from cloudpark.reviews import flows
from cloudpark.reviews.enums import ReviewerLevel

REVIEW_URLS = {
    org_enums.OrganizationKind.PARK: "park:review_detail",
    org_enums.OrganizationKind.GOVERNMENT: "government:review_detail",
}


def _park_of(case):
    return case.subject.park


def _issuer_of(case):
    return case.subject.programme.issuer


def _applicants(case):
    return people_with(case.subject.enterprise, org_enums.Capability.APPLY_FOR_SUPPORT)


def _review_url(case):
    name = REVIEW_URLS.get(case.reviewing_organization.kind)
    return reverse(name, args=[case.pk]) if name else ""


def _applicant_url(case):
    return reverse("enterprise:application_detail", args=[case.object_id])


def _follow_review(case, event, actor, decision):
    from cloudpark.programs import services

    services.follow_review(case, event, actor, decision)


APPLICATION_FLOW = flows.register(
    flows.Flow(
        key="programs.application",
        label=_("Programme application"),
        stages=(
            flows.Stage(
                "park_opinion",
                _("Park's first opinion"),
                ReviewerLevel.APPLICANT_PARK,
                reviewers=_park_of,
                deadline_days=10,
            ),
            flows.Stage(
                "government_review",
                _("Government review"),
                ReviewerLevel.GOVERNMENT,
                reviewers=_issuer_of,
                panel=True,
                scored=True,
                deadline_days=20,
            ),
        ),
        applicants=_applicants,
        on_event=_follow_review,
        review_url=_review_url,
        applicant_url=_applicant_url,
        extra={
            "subject_template": "programs/_application_subject.html",
            "decision_form": ApprovalForm,
        },
    )
)
