"""The programme endpoints: the catalogue, eligibility, an application's whole way through the
API (review room included), the public notice and its objections, and the refusals."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from cloudpark.orgs import enums as org_enums
from cloudpark.programs.enums import ApplicationState, RuleKind
from cloudpark.programs.models import Application, PublicNotice
from tests.factories import (
    EligibilityRuleFactory,
    EnterpriseFactory,
    MembershipFactory,
    PolicyFactory,
    ProgrammeFactory,
)
from tests.factories.programs import ANSWERS, at_government, pdf_file


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def api():
    """A client that reads the API in English, the source language."""
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def programme(government, media_root):
    programme = ProgrammeFactory(
        policy=PolicyFactory(owner=government), title="网络视听精品创作扶持"
    )
    EligibilityRuleFactory(programme=programme, kind=RuleKind.STAFF_BETWEEN, params={"min": 10})
    return programme


@pytest.fixture
def people(enterprise, park, government):
    def member(organization, role=org_enums.Role.ADMIN):
        return MembershipFactory(organization=organization, role=role).user

    return {
        "applicant": member(enterprise),
        "enterprise_staff": member(enterprise, org_enums.Role.STAFF),
        "park": member(park),
        "reviewer": member(government, org_enums.Role.REVIEWER),
        "chief": member(government),
    }


def as_user(api, user):
    api.force_authenticate(user)
    return api


def test_the_schema_lists_the_programme_endpoints(db, tmp_path):
    schema_file = tmp_path / "schema.yml"

    call_command("spectacular", "--fail-on-warn", "--file", str(schema_file))

    schema = schema_file.read_text()
    for path in (
        "/api/v1/programmes/{id}/eligibility/:",
        "/api/v1/programmes/eligible/:",
        "/api/v1/applications/{id}/submit/:",
        "/api/v1/applications/{id}/materials/:",
        "/api/v1/review-cases/{id}/decide/:",
        "/api/v1/notices/{id}/objections/:",
        "/api/v1/objections/{id}/answer/:",
    ):
        assert path in schema


def test_the_catalogue_is_public_and_searchable_in_chinese(api, programme):
    ProgrammeFactory(title="园区租金补贴", programme_type="rent_subsidy")
    ProgrammeFactory(title="未发布的计划", is_published=False)

    everything = api.get(reverse("api:programme-list")).json()
    found = api.get(reverse("api:programme-list"), {"q": "精品"}).json()
    subsidies = api.get(reverse("api:programme-list"), {"programme_type": "rent_subsidy"}).json()

    assert everything["count"] == 2
    assert [row["title"] for row in found["results"]] == ["网络视听精品创作扶持"]
    assert [row["title"] for row in subsidies["results"]] == ["园区租金补贴"]


def test_an_enterprise_sees_what_it_qualifies_for_and_why(api, programme, enterprise, people):
    picky = ProgrammeFactory(title="大型企业专项")
    EligibilityRuleFactory(programme=picky, kind=RuleKind.STAFF_BETWEEN, params={"min": 100})

    response = as_user(api, people["applicant"]).get(reverse("api:programme-eligible"))

    assert response.status_code == 200
    assert {row["programme"]: row["outcome"] for row in response.json()} == {
        picky.pk: "failed",
        programme.pk: "passed",
    }
    detail = api.get(reverse("api:programme-eligibility", args=[picky.pk])).json()
    assert detail["rules"] == [
        {
            "kind": "staff_between",
            "outcome": "failed",
            "explanation": "30 staff, not within at least 100.",
            "requirement": "Staff: at least 100.",
        }
    ]


def test_eligibility_needs_an_enterprise(api, programme, people):
    response = as_user(api, people["park"]).get(reverse("api:programme-eligible"))

    assert response.status_code == 403


def test_an_application_through_the_api_from_draft_to_notice(api, programme, enterprise, people):
    # The enterprise drafts, uploads its plan and submits.
    as_user(api, people["applicant"])
    created = api.post(
        reverse("api:application-list"),
        {"programme": programme.pk, "requested_amount": "300000", "answers": ANSWERS},
        format="json",
    )
    pk = created.json()["id"]
    uploaded = api.post(
        reverse("api:application-materials", args=[pk]),
        {"key": "plan", "file": pdf_file()},
        format="multipart",
    )
    submitted = api.post(reverse("api:application-submit", args=[pk]))
    case = submitted.json()["review_case"]

    # The park passes it on; the government returns it with a comment.
    as_user(api, people["park"]).post(
        reverse("api:review-case-decide", args=[case]),
        {"stage_key": "park_opinion", "decision": "advance"},
        format="json",
    )
    returned = as_user(api, people["chief"]).post(
        reverse("api:review-case-decide", args=[case]),
        {"stage_key": "government_review", "decision": "return", "comment": "请补充预算明细。"},
        format="json",
    )

    # The enterprise fixes it and resubmits; the park passes it on again.
    as_user(api, people["applicant"])
    seen = api.get(reverse("api:application-detail", args=[pk])).json()
    api.patch(
        reverse("api:application-detail", args=[pk]),
        {"requested_amount": "250000", "answers": {**ANSWERS, "episodes": "30"}},
        format="json",
    )
    api.post(reverse("api:application-submit", args=[pk]))
    as_user(api, people["park"]).post(
        reverse("api:review-case-decide", args=[case]),
        {"stage_key": "park_opinion", "decision": "advance"},
        format="json",
    )

    # A reviewer scores it; the chief approves with an amount.
    as_user(api, people["reviewer"]).post(
        reverse("api:review-case-opinion", args=[case]),
        {
            "stage_key": "government_review",
            "recommendation": "approve",
            "comment": "同意支持。",
            "score": "90",
        },
        format="json",
    )
    approved = as_user(api, people["chief"]).post(
        reverse("api:review-case-decide", args=[case]),
        {"stage_key": "government_review", "decision": "approve", "data": {"amount": "240000"}},
        format="json",
    )

    # The government publicises the approved list; it is public.
    notice = api.post(
        reverse("api:notice-list"),
        {"programme": programme.pk, "title": "拟支持名单公示", "objection_days": 5},
        format="json",
    ).json()
    api.post(reverse("api:notice-publish", args=[notice["id"]]))
    api.force_authenticate(None)
    public = api.get(reverse("api:notice-detail", args=[notice["id"]])).json()

    assert (created.status_code, uploaded.status_code, submitted.status_code) == (201, 201, 200)
    assert submitted.json()["state"] == ApplicationState.PARK_REVIEW
    assert returned.status_code == 200
    assert (seen["state"], seen["decisions"][-1]["comment"]) == ("returned", "请补充预算明细。")
    assert approved.json()["state"] == "approved"
    assert approved.json()["decisions"][-1]["data"] == {"amount": "240000"}
    application = Application.objects.get(pk=pk)
    assert (application.state, application.approved_amount, application.review_case.round) == (
        ApplicationState.APPROVED,
        Decimal("240000.00"),
        2,
    )
    assert public["state"] == "publicised"
    assert public["approved"] == [
        {
            "application": pk,
            "enterprise": enterprise.name,
            "credit_code": enterprise.credit_code,
            "amount": "240000.00",
        }
    ]


def test_anyone_may_object_and_the_government_answers(api, programme, enterprise, people):
    from tests.factories.programs import approved, publicised_notice

    approved(programme, enterprise)
    notice = publicised_notice(programme)

    objected = api.post(
        reverse("api:notice-objections", args=[notice.pk]),
        {"text": "该企业项目尚未开机。", "contact": "13900001111"},
        format="json",
    )
    listed = as_user(api, people["chief"]).get(reverse("api:objection-list")).json()
    answered = api.post(
        reverse("api:objection-answer", args=[objected.json()["id"]]),
        {"answer": "经核实，项目已开机。"},
        format="json",
    )
    public = (
        APIClient(HTTP_ACCEPT_LANGUAGE="en")
        .get(reverse("api:notice-detail", args=[notice.pk]))
        .json()
    )

    assert objected.status_code == 201
    assert [row["contact"] for row in listed["results"]] == ["13900001111"]
    assert answered.status_code == 200
    assert [(row["text"], row["answer"]) for row in public["objections"]] == [
        ("该企业项目尚未开机。", "经核实，项目已开机。")
    ]
    assert "contact" not in public["objections"][0]


@pytest.fixture
def programme_manager_without_personal_data(government):
    return MembershipFactory(
        organization=government,
        role=org_enums.Role.STAFF,
        extra_capabilities=[org_enums.Capability.MANAGE_PROGRAMMES],
    ).user


def _objection_to(programme, enterprise, **values):
    from tests.factories import ObjectionFactory
    from tests.factories.programs import approved, publicised_notice

    approved(programme, enterprise)
    return ObjectionFactory(notice=publicised_notice(programme), **values)


def personal_data_views():
    from cloudpark.core.models import AuditEntry

    return list(
        AuditEntry.objects.filter(action="core.personal_data.viewed").values_list(
            "object_id", "data"
        )
    )


def test_objectors_contacts_are_masked_for_those_without_the_right(
    api, programme, enterprise, programme_manager_without_personal_data
):
    _objection_to(programme, enterprise, contact="13900001111")
    _objection_to(ProgrammeFactory(policy=programme.policy), enterprise, contact="wang@example.cn")

    response = as_user(api, programme_manager_without_personal_data).get(
        reverse("api:objection-list")
    )

    assert [row["contact"] for row in response.json()["results"]] == [
        "139****1111",
        "w***@example.cn",
    ]
    assert personal_data_views() == []


def test_objectors_contacts_seen_in_full_are_logged_per_notice(api, programme, enterprise, people):
    from tests.factories import ObjectionFactory

    first = _objection_to(programme, enterprise, contact="13900001111")
    ObjectionFactory(notice=first.notice, contact="13900002222")

    response = as_user(api, people["chief"]).get(reverse("api:objection-list"))

    assert [row["contact"] for row in response.json()["results"]] == [
        "13900001111",
        "13900002222",
    ]
    assert personal_data_views() == [(str(first.notice_id), {"fields": ["objection.contact"]})]


def test_the_answer_shows_the_contact_as_the_list_does(
    api, programme, enterprise, programme_manager_without_personal_data
):
    objection = _objection_to(programme, enterprise, contact="13900001111")

    response = as_user(api, programme_manager_without_personal_data).post(
        reverse("api:objection-answer", args=[objection.pk]),
        {"answer": "经核实，符合条件。"},
        format="json",
    )

    assert (response.status_code, response.json()["contact"]) == (200, "139****1111")
    assert personal_data_views() == []


def test_a_refused_rule_is_a_400_with_its_message(api, programme, enterprise, people):
    as_user(api, people["applicant"])
    pk = api.post(
        reverse("api:application-list"),
        {"programme": programme.pk, "answers": {}},
        format="json",
    ).json()["id"]

    response = api.post(reverse("api:application-submit", args=[pk]))

    assert response.status_code == 400
    assert response.json()["detail"].startswith("The application is not complete.")
    assert Application.objects.get(pk=pk).state == ApplicationState.DRAFT


@pytest.mark.parametrize(
    ("make", "step", "message"),
    [
        (
            "submitted",
            "submit",
            "This application has already been submitted and is Submitted, with the park.",
        ),
        ("approved", "withdraw", "An application that is Approved cannot be withdrawn."),
    ],
)
def test_a_step_the_state_does_not_allow_is_a_400_with_the_reason(
    api, programme, enterprise, people, make, step, message
):
    from tests.factories import programs as made

    application = getattr(made, make)(programme, enterprise)
    before = (application.state, application.review_case.state, application.review_case.round)

    response = as_user(api, people["applicant"]).post(
        reverse(f"api:application-{step}", args=[application.pk])
    )

    application.refresh_from_db()
    application.review_case.refresh_from_db()
    assert (response.status_code, response.json()) == (400, {"detail": message})
    assert (
        application.state,
        application.review_case.state,
        application.review_case.round,
    ) == before


def test_editing_a_submitted_application_is_a_400_with_the_reason(
    api, programme, enterprise, people
):
    from tests.factories.programs import submitted

    application = submitted(programme, enterprise)

    response = as_user(api, people["applicant"]).patch(
        reverse("api:application-detail", args=[application.pk]),
        {"requested_amount": "1000"},
        format="json",
    )

    assert (response.status_code, response.json()) == (
        400,
        {"detail": "An application that is Submitted, with the park cannot be changed."},
    )
    assert Application.objects.get(pk=application.pk).requested_amount == Decimal("200000.00")


def test_a_duplicate_application_is_refused(api, programme, people):
    as_user(api, people["applicant"])
    api.post(reverse("api:application-list"), {"programme": programme.pk}, format="json")

    response = api.post(reverse("api:application-list"), {"programme": programme.pk}, format="json")

    assert response.status_code == 400
    assert "already has an application" in response.json()["detail"]
    assert Application.objects.count() == 1


def test_a_file_of_the_wrong_type_is_refused(api, programme, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    as_user(api, people["applicant"])
    pk = api.post(
        reverse("api:application-list"), {"programme": programme.pk}, format="json"
    ).json()["id"]

    response = api.post(
        reverse("api:application-materials", args=[pk]),
        {"key": "plan", "file": SimpleUploadedFile("plan.pdf", b"MZ\x90 not a pdf")},
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "plan.pdf is not a real PDF: its content does not match its name.",
        "field": "file",
    }


def test_approving_over_the_budget_is_a_400_and_changes_nothing(api, programme, enterprise, people):
    application = at_government(programme, enterprise)
    as_user(api, people["chief"])

    missing = api.post(
        reverse("api:review-case-decide", args=[application.review_case_id]),
        {"stage_key": "government_review", "decision": "approve"},
        format="json",
    )
    over = api.post(
        reverse("api:review-case-decide", args=[application.review_case_id]),
        {"stage_key": "government_review", "decision": "approve", "data": {"amount": "2000000"}},
        format="json",
    )

    assert (missing.status_code, over.status_code) == (400, 400)
    assert missing.json() == {"data": {"amount": ["Give the amount approved, in yuan."]}}
    assert over.json()["detail"] == "The amount approved cannot exceed the 200,000 yuan requested."
    assert Application.objects.get(pk=application.pk).state == ApplicationState.GOVERNMENT_REVIEW


def test_a_decision_on_a_case_that_moved_on_is_a_400(api, programme, enterprise, people):
    application = at_government(programme, enterprise)

    response = as_user(api, people["park"]).post(
        reverse("api:review-case-decide", args=[application.review_case_id]),
        {"stage_key": "park_opinion", "decision": "advance"},
        format="json",
    )

    assert (response.status_code, response.json()) == (
        400,
        {"detail": "This case has moved on since you opened it."},
    )
    assert Application.objects.get(pk=application.pk).state == ApplicationState.GOVERNMENT_REVIEW


def test_a_second_chiefs_decision_after_the_first_is_a_400(api, programme, enterprise, people):
    from tests.factories.programs import decide_at_government

    application = decide_at_government(
        at_government(programme, enterprise), "reject", actor=people["chief"], comment="不符合"
    )
    second_chief = MembershipFactory(organization=programme.issuer).user

    response = as_user(api, second_chief).post(
        reverse("api:review-case-decide", args=[application.review_case_id]),
        {"stage_key": "government_review", "decision": "return", "comment": "再看看"},
        format="json",
    )

    application.refresh_from_db()
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "This case has moved on since you opened it."},
    )
    assert (application.state, application.review_case.decisions.count()) == (
        ApplicationState.REJECTED,
        2,
    )


def test_a_decision_at_a_stage_the_caller_does_not_decide_is_a_403(
    api, programme, enterprise, people
):
    application = at_government(programme, enterprise)

    response = as_user(api, people["park"]).post(
        reverse("api:review-case-decide", args=[application.review_case_id]),
        {"stage_key": "government_review", "decision": "reject", "comment": "越权"},
        format="json",
    )

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "You may not decide this stage."},
    )
    assert Application.objects.get(pk=application.pk).state == ApplicationState.GOVERNMENT_REVIEW


def test_a_decision_seen_in_an_earlier_round_is_a_400(api, programme, enterprise, people):
    from cloudpark.programs import services
    from tests.factories.programs import decide_at_government

    application = decide_at_government(
        at_government(programme, enterprise), "return", comment="请补充预算明细。"
    )
    services.submit_application(application, actor=people["applicant"])

    response = as_user(api, people["park"]).post(
        reverse("api:review-case-decide", args=[application.review_case_id]),
        {"stage_key": "park_opinion", "round": 1, "decision": "advance"},
        format="json",
    )

    application.refresh_from_db()
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "This case has moved on since you opened it."},
    )
    assert (application.state, application.review_case.round) == (
        ApplicationState.PARK_REVIEW,
        2,
    )


@pytest.mark.parametrize(
    ("who", "shown"),
    [("applicant", []), ("park", []), ("reviewer", ["同意支持。"]), ("chief", ["同意支持。"])],
)
def test_reviewers_opinions_are_shown_to_the_government_reviewers_only(
    api, programme, enterprise, people, who, shown
):
    from cloudpark.reviews import services as reviews

    application = at_government(programme, enterprise)
    reviews.record_opinion(
        application.review_case,
        actor=people["reviewer"],
        stage_key="government_review",
        recommendation="approve",
        comment="同意支持。",
        score=Decimal("90"),
    )

    response = as_user(api, people[who]).get(
        reverse("api:review-case-detail", args=[application.review_case_id])
    )

    assert response.status_code == 200
    assert [opinion["comment"] for opinion in response.json()["opinions"]] == shown


def test_another_enterprises_application_is_not_found(api, programme, park, people):
    other = at_government(programme, EnterpriseFactory(park=park))
    outsider = MembershipFactory(organization=EnterpriseFactory()).user

    response = as_user(api, outsider).get(reverse("api:application-detail", args=[other.pk]))

    assert response.status_code == 404


def test_enterprise_staff_may_not_submit(api, programme, enterprise, people):
    from tests.factories.programs import complete_draft

    application = complete_draft(programme, enterprise)

    response = as_user(api, people["enterprise_staff"]).post(
        reverse("api:application-submit", args=[application.pk])
    )

    assert response.status_code == 403
    assert Application.objects.get(pk=application.pk).state == ApplicationState.DRAFT


def test_the_park_sees_its_enterprises_submitted_applications_only(
    api, programme, enterprise, people
):
    from tests.factories.programs import complete_draft, submitted

    complete_draft(programme, EnterpriseFactory(park=enterprise.park))
    shown = submitted(programme, enterprise)

    response = as_user(api, people["park"]).get(reverse("api:application-list"))

    assert [row["id"] for row in response.json()["results"]] == [shown.pk]


def test_the_issuer_sees_who_qualifies_and_invites_them(api, programme, enterprise, people):
    as_user(api, people["chief"])

    qualifying = api.get(reverse("api:programme-qualifying", args=[programme.pk])).json()
    invited = api.post(reverse("api:programme-invite", args=[programme.pk]), {}, format="json")

    assert [row["enterprise"] for row in qualifying] == [enterprise.pk]
    assert invited.json() == {"invited": [enterprise.pk]}


@pytest.mark.parametrize(
    ("role", "status"),
    [(org_enums.Role.REVIEWER, 200), (org_enums.Role.STAFF, 200), (org_enums.Role.JUROR, 403)],
)
def test_who_qualifies_is_open_to_those_who_see_the_applications(
    api, programme, enterprise, government, role, status
):
    person = MembershipFactory(organization=government, role=role).user

    response = as_user(api, person).get(reverse("api:programme-qualifying", args=[programme.pk]))

    assert response.status_code == status


def test_another_bodys_people_do_not_see_who_qualifies(api, programme):
    from tests.factories import GovernmentBodyFactory

    outsider = MembershipFactory(organization=GovernmentBodyFactory()).user

    response = as_user(api, outsider).get(reverse("api:programme-qualifying", args=[programme.pk]))

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("who", "url", "target", "body", "message"),
    [
        (
            "enterprise_staff",
            "api:application-submit",
            "pk",
            None,
            "您在本机构中的角色无权执行此操作。",
        ),
        (
            "park",
            "api:review-case-decide",
            "review_case_id",
            {"stage_key": "government_review", "decision": "reject", "comment": "越权"},
            "您无权对本环节作出结论。",
        ),
    ],
)
def test_refusals_are_given_in_the_callers_language(
    programme, enterprise, people, who, url, target, body, message
):
    application = at_government(programme, enterprise)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="zh-hans")

    response = as_user(api, people[who]).post(
        reverse(url, args=[getattr(application, target)]), body, format="json"
    )

    assert (response.status_code, response.json()) == (403, {"detail": message})


def test_the_issuer_creates_a_programme_with_rules(api, government, people, media_root):
    policy = PolicyFactory(owner=government)

    response = as_user(api, people["chief"]).post(
        reverse("api:programme-list"),
        {
            "policy": policy.pk,
            "title": "视听企业宣传推广服务",
            "programme_type": "publicity",
            "budget": "0",
            "opens_at": "2026-01-01T00:00:00+08:00",
            "closes_at": "2027-12-31T23:59:00+08:00",
            "is_published": True,
            "combinator": "any",
            "rules": [{"kind": "has_tag", "params": {"tag": "high-tech"}}],
            "required_materials": [{"key": "licence", "label_zh": "营业执照"}],
        },
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["combinator"], body["requirements"]) == (
        "any",
        ["Holds the qualification: High-tech enterprise."],
    )
    assert body["required_materials"] == [
        {"key": "licence", "label_zh": "营业执照", "label_en": "", "required": True}
    ]


def test_a_programme_change_with_a_bad_rule_changes_nothing(api, programme, people):
    from cloudpark.core.models import AuditEntry

    before = (
        list(programme.rules.values_list("kind", "params")),
        programme.title,
        AuditEntry.objects.count(),
    )

    response = as_user(api, people["chief"]).patch(
        reverse("api:programme-detail", args=[programme.pk]),
        {
            "title": "改过的标题",
            "combinator": "any",
            "rules": [{"kind": "has_tag", "params": {"tag": "unicorn"}}],
            "required_materials": [{"key": "licence", "label_zh": "营业执照"}],
        },
        format="json",
    )

    programme.refresh_from_db()
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "No qualification has the key unicorn."},
    )
    assert (
        list(programme.rules.values_list("kind", "params")),
        programme.title,
        AuditEntry.objects.count(),
    ) == before
    assert programme.combinator == "all"


def test_a_new_programme_with_a_bad_rule_is_not_created(api, government, people, media_root):
    from cloudpark.programs.models import Programme

    policy = PolicyFactory(owner=government)

    response = as_user(api, people["chief"]).post(
        reverse("api:programme-list"),
        {
            "policy": policy.pk,
            "title": "视听企业宣传推广服务",
            "programme_type": "publicity",
            "budget": "0",
            "opens_at": "2026-01-01T00:00:00+08:00",
            "closes_at": "2027-12-31T23:59:00+08:00",
            "rules": [{"kind": "staff_between", "params": {"min": "many"}}],
        },
        format="json",
    )

    assert response.status_code == 400
    assert not Programme.objects.filter(policy=policy).exists()


def test_only_the_issuer_publicises_its_notice(api, programme, enterprise, people, park):
    from tests.factories import PublicNoticeFactory
    from tests.factories.programs import approved

    approved(programme, enterprise)
    notice = PublicNoticeFactory(programme=programme)

    response = as_user(api, people["park"]).post(reverse("api:notice-publish", args=[notice.pk]))

    assert response.status_code == 404
    assert PublicNotice.objects.get(pk=notice.pk).state == "draft"


def test_the_issuer_changes_a_draft_notice(api, programme, people):
    from tests.factories import PublicNoticeFactory

    notice = PublicNoticeFactory(programme=programme)

    response = as_user(api, people["chief"]).patch(
        reverse("api:notice-detail", args=[notice.pk]),
        {"title": "更正后的公示", "objection_days": 10},
        format="json",
    )

    notice.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["title"] == "更正后的公示"
    assert (notice.title, notice.objection_days) == ("更正后的公示", 10)


def test_a_publicised_notice_is_not_changed_through_the_api(api, programme, enterprise, people):
    from tests.factories.programs import approved, publicised_notice

    approved(programme, enterprise)
    notice = publicised_notice(programme)
    title = notice.title

    response = as_user(api, people["chief"]).patch(
        reverse("api:notice-detail", args=[notice.pk]), {"title": "改名"}, format="json"
    )

    notice.refresh_from_db()
    assert response.status_code == 400
    assert response.json()["detail"] == "A publicised notice is not edited."
    assert notice.title == title


def test_another_bodys_draft_notice_is_not_found(api, programme):
    from tests.factories import GovernmentBodyFactory, PublicNoticeFactory

    notice = PublicNoticeFactory(programme=programme)
    title = notice.title
    stranger = MembershipFactory(organization=GovernmentBodyFactory()).user

    response = as_user(api, stranger).patch(
        reverse("api:notice-detail", args=[notice.pk]), {"title": "改名"}, format="json"
    )

    notice.refresh_from_db()
    assert response.status_code == 404
    assert notice.title == title
