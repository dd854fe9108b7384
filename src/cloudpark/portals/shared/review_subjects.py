"""What the portals show of each review flow, and where the capabilities' links lead.

Registered when the portals app is ready: the review engine and the capabilities name no page,
they ask ``reviews.presentation`` and ``core.links``.
"""

from urllib.parse import urlencode

from django.urls import reverse

from cloudpark.bases.forms import DeclarationDecisionForm
from cloudpark.core import links
from cloudpark.orgs.enums import OrganizationKind
from cloudpark.programs.forms import ApprovalForm
from cloudpark.reviews import presentation

# The review room of each kind of reviewing organisation.
REVIEW_ROOMS = {
    OrganizationKind.PARK: "park:review_detail",
    OrganizationKind.GOVERNMENT: "government:review_detail",
}


def review_room_url(case):
    """The review room of the organisation reviewing the stage the case is at."""
    organization = case.reviewing_organization
    name = REVIEW_ROOMS.get(organization.kind) if organization is not None else None
    return reverse(name, args=[case.pk]) if name else ""


def _route(name):
    return lambda *args: reverse(name, args=args)


# The portal where an organisation of each kind edits its news.
NEWS_PORTALS = {OrganizationKind.PARK: "park", OrganizationKind.GOVERNMENT: "government"}


def _news_editor_url(kind, pk):
    return reverse(f"{NEWS_PORTALS[kind]}:news_request_detail", args=[pk])


def _news_editor_page(name):
    """Where the publishing organisation's editors follow a case's subject."""

    def build(case):
        return reverse(f"{NEWS_PORTALS[case.applicant.kind]}:{name}", args=[case.object_id])

    return build


def _news_request_status_url(number):
    return f"{reverse('public:news_request_status')}?number={number}"


PRESENTATIONS = {
    "programs.application": presentation.Presentation(
        subject_template="programs/_application_subject.html",
        decision_form=ApprovalForm,
        review_url=review_room_url,
        applicant_url=lambda case: reverse("enterprise:application_detail", args=[case.object_id]),
    ),
    "awards.entry": presentation.Presentation(
        subject_template="awards/_entry_subject.html",
        review_url=review_room_url,
        applicant_url=lambda case: reverse("enterprise:award_entry_detail", args=[case.object_id]),
    ),
    "bases.declaration": presentation.Presentation(
        subject_template="bases/_declaration_subject.html",
        decision_form=DeclarationDecisionForm,
        review_url=review_room_url,
        applicant_url=lambda case: reverse("park:base_declaration_detail", args=[case.object_id]),
        withdrawn_url=lambda case: reverse(
            "government:base_declaration_detail", args=[case.object_id]
        ),
    ),
    "news.article": presentation.Presentation(
        subject_template="news/_article_subject.html",
        review_url=review_room_url,
        applicant_url=_news_editor_page("news_article_detail"),
    ),
    "news.clarification": presentation.Presentation(
        subject_template="news/_clarification_subject.html",
        review_url=review_room_url,
        applicant_url=_news_editor_page("news_clarification_detail"),
    ),
    "news.disclosure": presentation.Presentation(
        subject_template="news/_disclosure_subject.html",
        review_url=review_room_url,
        applicant_url=_news_editor_page("news_disclosure_detail"),
    ),
    "filings.planning": presentation.Presentation(
        subject_template="filings/_planning_subject.html",
        review_url=review_room_url,
        applicant_url=lambda case: reverse("enterprise:filing_detail", args=[case.object_id]),
    ),
    "jobs.posting": presentation.Presentation(
        subject_template="jobs/_posting_subject.html",
        review_url=review_room_url,
        applicant_url=lambda case: reverse("enterprise:job_posting_detail", args=[case.object_id]),
        withdrawn_url=lambda case: reverse("park:job_posting_detail", args=[case.object_id]),
    ),
    "filings.release": presentation.Presentation(
        subject_template="filings/_release_subject.html",
        review_url=review_room_url,
        applicant_url=lambda case: reverse("enterprise:release_detail", args=[case.object_id]),
    ),
}

LINKS = {
    "programs.programme.enterprise": _route("enterprise:programme_detail"),
    "programs.notice.public": _route("public:notice_detail"),
    "programs.notice.government": _route("government:notice_detail"),
    "bases.round.park": _route("park:base_round_detail"),
    "bases.annual_reviews.park": _route("park:base_annual_list"),
    "bases.annual_review.government": _route("government:base_annual_detail"),
    "events.event.public": _route("public:event_detail"),
    "events.registration.individual": _route("individual:registration_detail"),
    "orgs.invitation.accept": _route("individual:invitation_accept"),
    "jobs.posting.public": _route("public:job_detail"),
    "jobs.posting.enterprise": _route("enterprise:job_posting_detail"),
    "jobs.application.enterprise": _route("enterprise:job_application_detail"),
    "jobs.application.individual": _route("individual:job_application_detail"),
    "news.article.public": _route("public:news_article"),
    "news.request.editor": _news_editor_url,
    "news.request.status": _news_request_status_url,
    "awards.results.public": _route("public:award_results"),
    "awards.scheme.government": _route("government:award_scheme_detail"),
    "awards.certificate.public": _route("public:award_certificate"),
    "finance.introduction.enterprise": _route("enterprise:finance_introduction_detail"),
    "finance.introduction.institution": _route("individual:finance_introduction_detail"),
    "finance.data_room.institution": _route("individual:finance_data_room_detail"),
    "filings.title.public": _route("public:filing_title"),
    "benefits.claim.individual": _route("individual:benefit_claim_detail"),
    "benefits.offer.partner": _route("individual:partner_offer_detail"),
    "benefits.partner.offers": lambda _pk: reverse("individual:partner_offer_list"),
    "market.introduction.enterprise": _route("enterprise:market_introduction_detail"),
    "market.post.public": _route("public:market_post_detail"),
    "copyright.request.enterprise": _route("enterprise:copyright_request_detail"),
    "copyright.pledge.institution": lambda number: (
        reverse("individual:copyright_pledge_verify") + "?" + urlencode({"number": number})
    ),
}


def register():
    for flow_key, shown in PRESENTATIONS.items():
        presentation.register(flow_key, shown)
    for name, builder in LINKS.items():
        links.register(name, builder)
