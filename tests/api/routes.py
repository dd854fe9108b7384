"""The API routes of the permission matrix: for every action the router serves, who takes it,
on which object of the portal tests' world (their own organisation's and another's), and
which role lacks the right. ``tests/api/test_matrix.py`` generates its cases from the router
and this table, and fails when one is missing from the other."""

from dataclasses import dataclass

from django.urls import reverse

from cloudpark.jobs.services import follow
from cloudpark.orgs import enums
from tests.factories import RegistrationFactory, UserFactory
from tests.factories.bases import DECLARED

STAFF = enums.Role.STAFF


@dataclass(frozen=True)
class Objects:
    """Who acts on a viewset's objects (a key of ``world.people``'s organisations), and how
    to find their own object and another organisation's. ``other`` is None where the other
    object is public; ``other_visible`` marks one the caller sees but may not change."""

    actor: str
    own: object = None
    other: object = None
    other_visible: bool = False
    kwarg: str = "pk"
    # What the world must hold before the call, for actions on the caller's own records.
    prepare: object = None


def _bases(key):
    return lambda w: w.bases[key].pk


def _programs(key):
    return lambda w: w.programs[key].pk


def _events(key):
    return lambda w: w.events[key].pk


def _jobs(key):
    return lambda w: w.jobs[key].pk


def _awards(key):
    return lambda w: w.awards[key].pk


def _filings(key):
    return lambda w: w.filings[key].pk


def _finance(key):
    return lambda w: w.finance[key].pk


def _benefits(key):
    return lambda w: w.benefits[key].pk


def _market(key):
    return lambda w: w.market[key].pk


def _copyright(key):
    return lambda w: w.copyright[key].pk


def _news(key, organization="government"):
    return lambda w: w.news[(organization, key)].pk


def _other_news(key):
    return _news(key, "other_government")


def _foreign_follow(w):
    """Someone else's follow of the other enterprise."""
    return follow(UserFactory(), w.other_enterprise).pk


OBJECTS = {
    "park": Objects("park", own=lambda w: w.park.pk),
    "enterprise": Objects(
        "enterprise", own=lambda w: w.enterprise.pk, other=lambda w: w.other_enterprise.pk
    ),
    "event": Objects("park", own=_events("park"), other=_events("other_park"), other_visible=True),
    "registration": Objects(
        "park", own=_events("registration"), other=lambda w: _foreign_registration(w).pk
    ),
    "base-round": Objects("government", own=_bases("round")),
    "base-declaration": Objects(
        "park", own=_bases("declaration"), other=_bases("other_declaration")
    ),
    "base": Objects("park", own=lambda w: w.park.pk, kwarg="park"),
    "base-annual-review": Objects(
        "park", own=_bases("annual_review"), other=_bases("other_annual_review")
    ),
    "government-base-round": Objects(
        "government", own=_bases("round"), other=_bases("other_round")
    ),
    "government-base-annual-review": Objects(
        "government", own=_bases("annual_review"), other=_bases("other_annual_review")
    ),
    "government-base": Objects(
        "government", own=lambda w: w.park.pk, other=lambda w: w.other_park.pk
    ),
    "policy": Objects(
        "government", own=_programs("policy"), other=_programs("other_policy"), other_visible=True
    ),
    "programme": Objects(
        "government",
        own=_programs("programme"),
        other=_programs("other_programme"),
        other_visible=True,
    ),
    "application": Objects("enterprise", own=_programs("draft"), other=_programs("other_draft")),
    "notice": Objects(
        "government", own=_programs("notice"), other=_programs("other_notice"), other_visible=True
    ),
    "objection": Objects(
        "government", own=_programs("objection"), other=_programs("other_objection")
    ),
    "review-case": Objects(
        "park", own=lambda w: w.cases["park"].pk, other=lambda w: w.cases["other_park"].pk
    ),
    "job": Objects("individual", own=_jobs("posting")),
    "enterprise-job": Objects("enterprise", own=_jobs("draft"), other=_jobs("other_draft")),
    "enterprise-job-application": Objects(
        "enterprise", own=_jobs("application"), other=_jobs("other_application")
    ),
    # The world's individual keeps a résumé (part of the jobs world).
    "job-profile": Objects("individual", prepare=lambda w: w.jobs.built()),
    "my-job-application": Objects(
        "individual", own=_jobs("application"), other=_jobs("other_application")
    ),
    "follow": Objects("individual", own=_jobs("follow"), other=_foreign_follow),
    "park-job": Objects("park", own=_jobs("posting"), other=_jobs("other_posting")),
    "park-talent": Objects("park"),
    "government-talent": Objects("government"),
    "park-figures": Objects("park"),
    "government-figures": Objects("government"),
    # A chart is named by its key; every organisation has the same charts of its own figures.
    "park-charts": Objects("park", own=lambda w: "filings", kwarg="key"),
    "government-charts": Objects("government", own=lambda w: "awards", kwarg="key"),
    # News reads are public; its editors act for a government body (or a park).
    "news-channel": Objects("individual"),
    "news-article": Objects("individual", own=_news("article")),
    "news-correction": Objects("individual"),
    "news-clarification": Objects("individual", own=_news("clarification")),
    "news-disclosure": Objects("individual"),
    "news-request": Objects("individual"),
    "news-editor-article": Objects("government", own=_news("draft"), other=_other_news("draft")),
    "news-editor-clarification": Objects(
        "government", own=_news("clarification"), other=_other_news("clarification")
    ),
    "news-editor-disclosure": Objects(
        "government", own=_news("disclosure"), other=_other_news("disclosure")
    ),
    "news-editor-request": Objects(
        "government", own=_news("request"), other=_other_news("request")
    ),
    "award-scheme": Objects("individual", own=_awards("scheme")),
    "award-entry": Objects("enterprise", own=_awards("draft"), other=_awards("other_draft")),
    # The world's individual is the jury chair of the first scheme.
    "jury-assignment": Objects(
        "individual", own=_awards("assignment"), other=_awards("other_assignment")
    ),
    "award-certificate": Objects(
        "individual", own=lambda w: w.awards["certificate"].number, kwarg="number"
    ),
    "government-award-scheme": Objects(
        "government", own=_awards("scheme"), other=_awards("other_scheme")
    ),
    "government-award-round": Objects(
        "government", own=_awards("round"), other=_awards("other_round")
    ),
    # The world's individual chairs the first scheme's jury and judges in its open round.
    "jury-round": Objects("individual", own=_awards("round"), other=_awards("other_round")),
    "filing": Objects("enterprise", own=_filings("draft"), other=_filings("other_draft")),
    "filing-release": Objects(
        "enterprise", own=_filings("release"), other=_filings("other_release")
    ),
    "filing-archive": Objects("individual", own=_filings("approved")),
    "filing-number": Objects("individual"),
    "government-filing-number": Objects(
        "government", own=_filings("number"), other=_filings("other_number")
    ),
    "finance-product": Objects("individual", own=_finance("product")),
    "enterprise-data-room": Objects(
        "enterprise", own=_finance("data_room"), other=_finance("other_data_room")
    ),
    # The world's individual works at the bank the enterprise's room is open to.
    "institution-data-room": Objects(
        "individual",
        own=_finance("data_room"),
        other=_finance("other_data_room"),
        prepare=lambda w: w.finance.built(),
    ),
    "benefit-offer": Objects("individual", own=_benefits("offer")),
    # The world's individual works at an enterprise of a park the offer is open to.
    "benefit-claim": Objects(
        "individual",
        own=_benefits("claim"),
        other=_benefits("other_claim"),
        prepare=lambda w: w.benefits.built(),
    ),
    "park-benefit-offer": Objects("park", own=_benefits("offer"), other=_benefits("other_offer")),
    "park-benefit-partner": Objects(
        "park", own=_benefits("admission"), other=_benefits("other_admission")
    ),
    # The world's individual's association is a service partner the park admitted.
    "partner-benefit-offer": Objects(
        "individual",
        own=_benefits("partner_offer"),
        other=_benefits("other_partner_offer"),
        prepare=lambda w: w.benefits.built(),
    ),
    "enterprise-financing-need": Objects(
        "enterprise", own=_finance("need"), other=_finance("other_need")
    ),
    "enterprise-introduction": Objects(
        "enterprise", own=_finance("introduction"), other=_finance("other_introduction")
    ),
    # The world's individual works at a bank (part of the finance world).
    "institution-introduction": Objects(
        "individual",
        own=_finance("introduction"),
        other=_finance("other_introduction"),
        prepare=lambda w: w.finance.built(),
    ),
    # Search reads what the public pages show.
    "search": Objects("individual"),
    "market-post": Objects("individual", own=_market("post")),
    "enterprise-market-post": Objects(
        "enterprise", own=_market("post"), other=_market("other_post")
    ),
    "enterprise-market-introduction": Objects(
        "enterprise", own=_market("introduction"), other=_market("other_introduction")
    ),
    "enterprise-work": Objects(
        "enterprise", own=_copyright("draft"), other=_copyright("other_draft")
    ),
    "enterprise-licence": Objects(
        "enterprise", own=_copyright("licence"), other=_copyright("other_licence")
    ),
    "enterprise-pledge": Objects(
        "enterprise", own=_copyright("pledge"), other=_copyright("other_pledge")
    ),
    "enterprise-licensing-request": Objects(
        "enterprise", own=_copyright("request"), other=_copyright("other_request")
    ),
    # The world's individual works at a bank (part of the finance world).
    "institution-pledge": Objects(
        "individual",
        own=lambda w: w.copyright["pledge"].number,
        kwarg="number",
        prepare=lambda w: w.finance.built(),
    ),
    # A release filing with the body, its film attached.
    "government-filing-screening": Objects(
        "government", own=_filings("screened"), other=_filings("other_screened")
    ),
}


def _foreign_registration(w):
    """A registration for the other park's event, by someone of neither park."""
    return RegistrationFactory(event=w.events["other_park"])


# (basename, action) -> the role refused it, None when every member of the acting
# organisation may take it.
RIGHTS = {
    ("park", "list"): None,
    ("park", "retrieve"): None,
    ("enterprise", "list"): None,
    ("enterprise", "retrieve"): None,
    ("enterprise", "private"): None,
    ("event", "list"): None,
    ("event", "retrieve"): None,
    ("event", "create"): STAFF,
    ("event", "managed"): None,
    ("event", "partial_update"): STAFF,
    ("event", "attendance"): None,
    ("event", "cancel"): STAFF,
    ("event", "check_in"): None,
    ("event", "finish"): STAFF,
    ("event", "publish"): STAFF,
    ("event", "register"): None,
    ("event", "registrations"): STAFF,
    ("registration", "list"): None,
    ("registration", "retrieve"): None,
    ("registration", "approve"): STAFF,
    ("registration", "reject"): STAFF,
    ("registration", "cancel"): None,
    ("base-round", "list"): None,
    ("base-round", "retrieve"): None,
    ("base-declaration", "list"): None,
    ("base-declaration", "create"): STAFF,
    ("base-declaration", "retrieve"): None,
    ("base-declaration", "partial_update"): STAFF,
    ("base-declaration", "materials"): STAFF,
    ("base-declaration", "submit"): STAFF,
    ("base-declaration", "withdraw"): STAFF,
    ("base", "list"): None,
    ("base", "history"): None,
    ("base-annual-review", "list"): None,
    ("base-annual-review", "create"): STAFF,
    ("base-annual-review", "retrieve"): None,
    ("government-base-round", "list"): None,
    ("government-base-round", "create"): STAFF,
    ("government-base-round", "retrieve"): None,
    ("government-base-round", "partial_update"): STAFF,
    ("government-base-round", "destroy"): STAFF,
    ("government-base-round", "declarations"): None,
    ("government-base-round", "export"): None,
    ("government-base-annual-review", "list"): None,
    ("government-base-annual-review", "retrieve"): None,
    ("government-base-annual-review", "decide"): STAFF,
    ("government-base", "retrieve"): None,
    ("government-base", "end"): STAFF,
    ("policy", "list"): None,
    ("policy", "create"): STAFF,
    ("policy", "retrieve"): None,
    ("policy", "partial_update"): STAFF,
    ("programme", "list"): None,
    ("programme", "create"): STAFF,
    ("programme", "retrieve"): None,
    ("programme", "partial_update"): STAFF,
    ("programme", "eligible"): None,
    ("programme", "eligibility"): None,
    ("programme", "invite"): STAFF,
    ("programme", "qualifying"): None,
    ("application", "list"): None,
    ("application", "create"): STAFF,
    ("application", "retrieve"): None,
    ("application", "partial_update"): STAFF,
    ("application", "materials"): STAFF,
    ("application", "submit"): STAFF,
    ("application", "withdraw"): STAFF,
    ("notice", "list"): None,
    ("notice", "create"): STAFF,
    ("notice", "retrieve"): None,
    ("notice", "partial_update"): STAFF,
    ("notice", "finalise"): STAFF,
    ("notice", "publish"): STAFF,
    ("notice", "objections"): None,
    ("objection", "list"): None,
    ("objection", "answer"): STAFF,
    ("finance-product", "list"): None,
    ("finance-product", "retrieve"): None,
    ("enterprise-financing-need", "list"): None,
    ("enterprise-financing-need", "retrieve"): None,
    ("enterprise-financing-need", "matches"): None,
    ("enterprise-financing-need", "create"): STAFF,
    ("enterprise-financing-need", "close"): STAFF,
    ("enterprise-introduction", "list"): None,
    ("enterprise-introduction", "retrieve"): None,
    ("enterprise-introduction", "create"): STAFF,
    ("enterprise-introduction", "withdraw"): STAFF,
    ("institution-introduction", "list"): None,
    ("institution-introduction", "retrieve"): None,
    ("institution-introduction", "move"): None,
    ("market-post", "list"): None,
    ("market-post", "retrieve"): None,
    ("enterprise-market-post", "list"): None,
    ("enterprise-market-post", "retrieve"): None,
    ("enterprise-market-post", "matches"): None,
    ("enterprise-market-post", "create"): STAFF,
    ("enterprise-market-post", "partial_update"): STAFF,
    ("enterprise-market-post", "publish"): STAFF,
    ("enterprise-market-post", "close"): STAFF,
    ("enterprise-market-introduction", "list"): None,
    ("enterprise-market-introduction", "retrieve"): None,
    ("enterprise-market-introduction", "contact"): None,
    ("enterprise-market-introduction", "create"): STAFF,
    ("enterprise-market-introduction", "accept"): STAFF,
    ("enterprise-market-introduction", "decline"): STAFF,
    ("enterprise-market-introduction", "withdraw"): STAFF,
    ("enterprise-market-introduction", "close"): STAFF,
    ("enterprise-work", "list"): None,
    ("enterprise-work", "retrieve"): None,
    ("enterprise-work", "create"): STAFF,
    ("enterprise-work", "submit"): STAFF,
    ("enterprise-work", "outcome"): STAFF,
    ("enterprise-licence", "list"): None,
    ("enterprise-licence", "retrieve"): None,
    ("enterprise-licence", "create"): STAFF,
    ("enterprise-pledge", "list"): None,
    ("enterprise-pledge", "retrieve"): None,
    ("enterprise-pledge", "create"): STAFF,
    ("enterprise-pledge", "release"): STAFF,
    ("enterprise-licensing-request", "list"): None,
    ("enterprise-licensing-request", "retrieve"): None,
    ("enterprise-licensing-request", "create"): STAFF,
    ("enterprise-licensing-request", "move"): STAFF,
    ("institution-pledge", "retrieve"): None,
    ("review-case", "list"): None,
    ("review-case", "retrieve"): None,
    ("review-case", "decide"): STAFF,
    ("review-case", "opinion"): STAFF,
    ("job", "list"): None,
    ("job", "retrieve"): None,
    ("job", "apply"): None,
    ("enterprise-job", "list"): None,
    ("enterprise-job", "create"): STAFF,
    ("enterprise-job", "retrieve"): None,
    ("enterprise-job", "partial_update"): STAFF,
    ("enterprise-job", "candidates"): STAFF,
    ("enterprise-job", "close"): STAFF,
    ("enterprise-job", "publish"): STAFF,
    **{
        ("enterprise-job-application", action): STAFF
        for action in ("list", "export", "retrieve", "contact", "move")
    },
    **{
        ("job-profile", action): None
        for action in (
            "education",
            "erase",
            "experience",
            "export",
            "mine",
            "suggested_jobs",
            "works",
        )
    },
    **{
        ("my-job-application", action): None
        for action in (
            "list",
            "retrieve",
            "accept_interview",
            "accept_offer",
            "decline_offer",
            "withdraw",
        )
    },
    ("follow", "list"): None,
    ("follow", "create"): None,
    ("follow", "partial_update"): None,
    ("follow", "destroy"): None,
    ("park-job", "list"): STAFF,
    ("park-job", "retrieve"): STAFF,
    ("park-job", "review_settings"): STAFF,
    ("park-talent", "figures"): None,
    ("government-talent", "figures"): None,
    ("park-figures", "metric_list"): None,
    ("park-figures", "series"): None,
    ("government-figures", "metric_list"): None,
    ("government-figures", "series"): None,
    ("news-channel", "list"): None,
    ("news-article", "list"): None,
    ("news-article", "retrieve"): None,
    ("news-correction", "list"): None,
    ("news-clarification", "list"): None,
    ("news-clarification", "retrieve"): None,
    ("news-disclosure", "list"): None,
    ("news-disclosure", "retrieve"): None,
    ("news-request", "create"): None,
    ("news-request", "status"): None,
    ("news-editor-article", "list"): None,
    **{
        ("news-editor-article", action): STAFF
        for action in ("create", "retrieve", "partial_update", "correct", "submit", "withdraw")
    },
    ("award-scheme", "list"): None,
    ("award-scheme", "retrieve"): None,
    ("award-entry", "list"): None,
    ("award-entry", "create"): STAFF,
    ("award-entry", "retrieve"): None,
    ("award-entry", "submit"): STAFF,
    ("award-entry", "withdraw"): STAFF,
    ("jury-assignment", "list"): None,
    ("jury-assignment", "retrieve"): None,
    ("jury-assignment", "recuse"): None,
    ("jury-assignment", "score"): None,
    ("award-certificate", "retrieve"): None,
    ("government-award-scheme", "list"): None,
    ("government-award-scheme", "retrieve"): None,
    **{
        ("government-award-scheme", action): STAFF
        for action in ("finalise", "judge", "open", "publish")
    },
    ("government-award-round", "retrieve"): None,
    ("government-award-round", "results"): None,
    **{("government-award-round", action): STAFF for action in ("assign", "close", "tally")},
    ("filing", "list"): None,
    ("filing", "create"): STAFF,
    ("filing", "retrieve"): None,
    ("filing", "partial_update"): STAFF,
    ("filing", "check"): None,
    ("filing", "release"): STAFF,
    ("filing", "rename"): STAFF,
    ("filing", "submit"): STAFF,
    ("filing", "withdraw"): STAFF,
    ("filing-release", "list"): None,
    ("filing-release", "retrieve"): None,
    ("filing-release", "partial_update"): STAFF,
    ("filing-release", "check"): None,
    ("filing-release", "submit"): STAFF,
    ("filing-archive", "list"): None,
    ("filing-archive", "notice"): None,
    ("filing-archive", "statistics"): None,
    ("filing-archive", "retrieve"): None,
    ("filing-number", "verify"): None,
    ("government-filing-number", "list"): None,
    ("government-filing-number", "revoke"): STAFF,
    ("news-editor-request", "list"): None,
    ("news-editor-clarification", "list"): None,
    **{
        ("news-editor-clarification", action): STAFF
        for action in ("create", "retrieve", "partial_update", "submit", "withdraw")
    },
    ("news-editor-disclosure", "list"): None,
    **{
        ("news-editor-disclosure", action): STAFF
        for action in ("create", "retrieve", "partial_update", "submit", "withdraw")
    },
    **{("news-editor-request", action): STAFF for action in ("retrieve", "answer", "take")},
    ("park-figures", "charts"): None,
    ("government-figures", "charts"): None,
    ("park-charts", "retrieve"): None,
    ("government-charts", "retrieve"): None,
    ("jury-round", "list"): None,
    ("jury-round", "retrieve"): None,
    ("jury-round", "ballot"): None,
    ("enterprise-data-room", "list"): None,
    ("enterprise-data-room", "retrieve"): None,
    ("enterprise-data-room", "create"): STAFF,
    ("enterprise-data-room", "end"): STAFF,
    ("institution-data-room", "list"): None,
    ("institution-data-room", "retrieve"): None,
    ("benefit-offer", "list"): None,
    ("benefit-offer", "retrieve"): None,
    ("benefit-claim", "list"): None,
    ("benefit-claim", "retrieve"): None,
    ("benefit-claim", "create"): None,
    ("park-benefit-offer", "list"): None,
    ("park-benefit-offer", "retrieve"): None,
    ("park-benefit-offer", "redeem"): None,
    ("park-benefit-offer", "create"): STAFF,
    ("park-benefit-offer", "close"): STAFF,
    ("park-benefit-partner", "list"): None,
    ("park-benefit-partner", "retrieve"): None,
    ("park-benefit-partner", "create"): STAFF,
    ("park-benefit-partner", "end"): STAFF,
    ("partner-benefit-offer", "list"): None,
    ("partner-benefit-offer", "retrieve"): None,
    ("partner-benefit-offer", "claims"): None,
    ("partner-benefit-offer", "redeem"): None,
    ("partner-benefit-offer", "create"): None,
    ("partner-benefit-offer", "close"): None,
    ("search", "list"): None,
    ("government-filing-screening", "retrieve"): None,
    ("government-filing-screening", "comments"): None,
    ("government-filing-screening", "session"): STAFF,
    ("government-filing-screening", "comment"): STAFF,
}

_EVENT = {
    "kind": "forum",
    "title": "之江视听论坛",
    "starts_at": "2030-05-20T09:00:00+08:00",
    "ends_at": "2030-05-20T17:30:00+08:00",
    "city": "杭州",
}

# Bodies of the actions whose rule is asked about an object the body names (the acting
# organisation's own), and of the review actions, which name the stage seen.
BODIES = {
    ("event", "create"): lambda w: {**_EVENT, "owner": w.park.pk},
    ("base-declaration", "create"): lambda w: {
        "round": w.bases["round"].pk,
        "park": w.park.pk,
        **{key: str(value) for key, value in DECLARED.items()},
    },
    ("policy", "create"): lambda w: {
        "owner": w.government.pk,
        "title": "若干意见",
        "issuer_name": "办公厅",
        "issued_on": "2026-01-05",
        "full_text": "全文",
    },
    ("programme", "create"): lambda w: {
        "policy": w.programs["policy"].pk,
        "title": "视听企业宣传推广服务",
        "programme_type": "publicity",
        "budget": "0",
        "opens_at": "2026-01-01T00:00:00+08:00",
        "closes_at": "2027-12-31T23:59:00+08:00",
    },
    ("notice", "create"): lambda w: {"programme": w.programs["programme"].pk, "title": "公示"},
    ("application", "create"): lambda w: {"programme": w.programs["programme"].pk},
    ("review-case", "decide"): lambda w: {"stage_key": "park_opinion", "decision": "advance"},
    ("news-editor-article", "create"): lambda w: {
        "channel": w.news[("government", "draft")].channel_id,
        "title": "园区举办网络视听创作交流会",
        "body": "<p>交流会于周五举行。</p>",
    },
    ("news-editor-clarification", "create"): lambda w: {
        "organization": w.government.pk,
        "title": "关于网传活动取消的说明",
        "claim": "网传某活动取消。",
        "first_appeared_in": "某社交平台",
        "first_appeared_on": "2026-05-01",
        "verdict": "false",
        "facts": "活动如期举行。",
        "category": "events",
        "sources": [{"title": "主办方公告", "issuing_unit": "主办方"}],
    },
    ("news-editor-disclosure", "create"): lambda w: {
        "channel": w.news[("government", "disclosure")].channel_id,
        "index_number": "11330100-2026-00099",
        "issuing_body": "杭州市文化广电旅游局",
        "document_number": "杭文广旅〔2026〕99号",
        "issued_on": "2026-04-01",
        "subject_category": "culture_media",
        "title": "关于开展视听创作扶持的通知",
    },
    ("enterprise-financing-need", "create"): lambda w: {
        "amount": "300",
        "term": 24,
        "purpose": "动画电影制作",
        "stage": "growing",
        "collateral": ["copyright"],
        "valid_until": "2099-12-31",
    },
    # The world's enterprise already asked about its bank's product: it asks the other one.
    ("enterprise-introduction", "create"): lambda w: {
        "need": w.finance["need"].pk,
        "product": w.finance["other_product"].pk,
    },
    ("institution-introduction", "move"): lambda w: {"step": "contacted"},
    ("enterprise-data-room", "create"): lambda w: {
        "institution": w.finance["institution"].pk,
        "figures": ["profile"],
        "days": 7,
    },
    # The world's enterprise already proposed about the third enterprise's offer.
    ("enterprise-market-introduction", "create"): lambda w: {"post": w.market["other_post"].pk},
    ("enterprise-work", "create"): lambda w: {
        "title": "山间来信",
        "category": "written",
        "owner_name": "云上出版",
        "authors": "周原",
        "completed_on": "2025-05-01",
    },
    ("enterprise-work", "outcome"): lambda w: {"step": "returned", "return_reason": "样本不清"},
    ("enterprise-licence", "create"): lambda w: {
        "work": w.copyright["work"].pk,
        "licensee_name": "海外发行商",
        "media": ["online"],
        "territory": ["overseas"],
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
    },
    ("enterprise-pledge", "create"): lambda w: {
        "work": w.copyright["work"].pk,
        "pledgee": w.finance["institution"].pk,
        "number": "ZY-2030-0001",
        "amount": "100",
        "starts_on": "2030-01-01",
        "ends_on": "2030-12-31",
    },
    # The world's enterprise asks for the other enterprise's offered work.
    ("enterprise-licensing-request", "create"): lambda w: {
        "work": w.copyright["other_work"].pk,
        "media": ["print"],
        "territory": ["mainland"],
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
    },
    ("enterprise-licensing-request", "move"): lambda w: {"step": "negotiating"},
    ("review-case", "opinion"): lambda w: {
        "stage_key": "government_review",
        "recommendation": "approve",
        "comment": "同意。",
    },
    ("jury-round", "ballot"): lambda w: {
        "category": w.awards["category"].pk,
        "entries": [w.awards["submitted"].pk],
    },
    ("government-filing-screening", "comment"): lambda w: {
        "start": "00:01:00",
        "end": "00:01:30",
        "category": "order",
        "text": "街头斗殴镜头。",
    },
}

# Actions taken by someone other than the viewset's usual actor, on objects of their own.
ACTION_OBJECTS = {
    ("programme", "eligible"): Objects("enterprise"),
    ("programme", "eligibility"): Objects("enterprise", own=_programs("programme")),
    ("event", "register"): Objects("individual", own=_events("park")),
    **{
        ("registration", action): Objects(
            "individual", own=_events("registration"), other=_events("other_registration")
        )
        for action in ("retrieve", "cancel")
    },
    # The world's individual applied to the enterprise's posting; the other one is open.
    ("job", "apply"): Objects("individual", own=_jobs("other_posting")),
    # A release filing and a new title start from an approved planning filing.
    **{
        ("filing", action): Objects(
            "enterprise", own=_filings("approved"), other=_filings("other_approved")
        )
        for action in ("release", "rename")
    },
    # A correction is made to a published article.
    ("news-editor-article", "correct"): Objects(
        "government", own=_news("article"), other=_other_news("article")
    ),
    ("review-case", "opinion"): Objects(
        "government",
        own=lambda w: w.cases["government"].pk,
        other=lambda w: w.cases["other_government"].pk,
    ),
}


@dataclass(frozen=True)
class Route:
    """One method of one routed action."""

    basename: str
    action: str
    method: str
    url_name: str
    detail: bool
    rule: object

    @property
    def key(self):
        return (self.basename, self.action)

    @property
    def objects(self):
        return ACTION_OBJECTS.get(self.key) or OBJECTS[self.basename]

    @property
    def actor(self):
        return self.objects.actor

    @property
    def role_without_right(self):
        return RIGHTS[self.key]

    def url(self, world, *, other=False):
        if self.objects.prepare is not None:
            self.objects.prepare(world)
        if not self.detail:
            return reverse(f"api:{self.url_name}")
        objects = self.objects
        builder = objects.other if other else objects.own
        return reverse(f"api:{self.url_name}", kwargs={objects.kwarg: builder(world)})

    def body(self, world):
        builder = BODIES.get(self.key)
        return builder(world) if builder else {}

    def __str__(self):
        return f"{self.method.upper()} {self.basename}.{self.action}"


def routes(router):
    """Every (action, method) the router serves and the viewset accepts."""
    found = []
    for pattern in router.urls:
        callback = pattern.callback
        actions = getattr(callback, "actions", None)
        if not actions or "format" in pattern.pattern.regex.groupindex:
            continue
        viewset = callback.cls
        for method, action in actions.items():
            if method not in viewset.http_method_names:
                continue
            found.append(
                Route(
                    basename=_basename(router, viewset),
                    action=action,
                    method=method,
                    url_name=pattern.name,
                    detail=bool(pattern.pattern.regex.groupindex),
                    rule=viewset.permission_rules.get(action),
                )
            )
    return found


def _basename(router, viewset):
    return next(name for _, registered, name in router.registry if registered is viewset)
