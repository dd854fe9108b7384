"""The programme pages doing their job: forms calling the services, refusals shown and
changing nothing, the Excel export with the review details, and the public notice."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cloudpark.orgs import enums as org_enums
from cloudpark.programs.enums import ApplicationState, Combinator, NoticeState, RuleKind
from cloudpark.programs.models import (
    Application,
    ApplicationMaterial,
    EligibilityRule,
    Invitation,
    Objection,
    PublicNotice,
)
from cloudpark.reviews import services as reviews
from tests.factories import EnterpriseFactory, MembershipFactory, PublicNoticeFactory
from tests.factories.programs import (
    ApplicationFactory,
    ApplicationMaterialFactory,
    approved,
    at_government,
    complete_draft,
    pdf_file,
    publicised_notice,
    submitted,
)
from tests.helpers import changed_models, stored_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_en(client):
    """Pages in English, the source language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def signed_in(client, user):
    client.force_login(user)
    return client


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_an_enterprise_drafts_from_the_programme_page(client_en, programme, enterprise, people):
    client = signed_in(client_en, people["applicant"])

    response = client.post(
        reverse("enterprise:application_create", args=[programme.pk]),
        {"requested_amount": "250000", "answer_project": "《钱塘潮》", "answer_episodes": "12"},
    )

    application = Application.objects.get()
    assert response["Location"] == reverse("enterprise:application_detail", args=[application.pk])
    assert (application.requested_amount, application.answers) == (
        Decimal("250000.00"),
        {"project": "《钱塘潮》", "episodes": "12"},
    )


def test_a_wrong_answer_is_shown_at_its_question(client_en, programme, enterprise, people):
    client = signed_in(client_en, people["applicant"])

    response = client.post(
        reverse("enterprise:application_create", args=[programme.pk]),
        {"requested_amount": "2000000"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "requested_amount": [
            "The amount requested cannot exceed the programme's budget of 1,000,000 yuan."
        ]
    }
    assert not Application.objects.exists()


def test_a_file_of_the_wrong_type_is_shown_and_not_kept(client_en, programme, enterprise, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    application = ApplicationFactory(programme=programme, enterprise=enterprise)
    client = signed_in(client_en, people["applicant"])

    response = client.post(
        reverse("enterprise:application_materials", args=[application.pk]),
        {"key": "plan", "file": SimpleUploadedFile("plan.pdf", b"<html>not a pdf</html>")},
    )

    assert response.context["form"].errors == {
        "file": ["plan.pdf is not a real PDF: its content does not match its name."]
    }
    assert not ApplicationMaterial.objects.exists()


def test_submitting_on_the_page_shows_what_is_missing(client_en, programme, enterprise, people):
    application = ApplicationFactory(programme=programme, enterprise=enterprise)
    client = signed_in(client_en, people["applicant"])

    response = client.post(reverse("enterprise:application_submit", args=[application.pk]))

    assert response.status_code == 200
    assert messages_of(response) == ["The application is not complete. Upload: Project plan."]
    assert Application.objects.get().state == ApplicationState.DRAFT


def test_the_submit_button_waits_for_a_complete_checklist(client_en, programme, enterprise, people):
    application = ApplicationFactory(programme=programme, enterprise=enterprise)
    client = signed_in(client_en, people["applicant"])
    url = reverse("enterprise:application_submit", args=[application.pk])

    waiting = client.get(url).content.decode()
    ApplicationMaterialFactory(application=application)
    ready = client.get(url).content.decode()

    button = '<button type="submit" class="btn btn-primary" id="submit-button"'
    assert f'{button} disabled aria-describedby="submit-blocked">' in waiting
    assert f"{button}>" in ready


def test_submitting_and_withdrawing_on_the_pages(client_en, programme, enterprise, people):
    application = complete_draft(programme, enterprise)
    client = signed_in(client_en, people["applicant"])

    client.post(reverse("enterprise:application_submit", args=[application.pk]))
    submitted = Application.objects.get().state
    client.post(reverse("enterprise:application_withdraw", args=[application.pk]))

    assert (submitted, Application.objects.get().state) == (
        ApplicationState.PARK_REVIEW,
        ApplicationState.WITHDRAWN,
    )


def snapshot(application):
    """What a refused step must leave as it was. Take it after signing in: a sign-in is an
    audit entry of its own."""
    from cloudpark.core.models import AuditEntry
    from cloudpark.reviews.models import ReviewCase

    application = Application.objects.get(pk=application.pk)
    return (
        application.state,
        application.answers,
        application.review_case_id,
        list(ReviewCase.objects.values_list("state", "stage_key", "round")),
        AuditEntry.objects.count(),
    )


def test_submitting_again_shows_the_services_reason_and_changes_nothing(
    client_en, programme, enterprise, people
):
    application = submitted(programme, enterprise)
    client = signed_in(client_en, people["applicant"])
    before = snapshot(application)

    response = client.post(reverse("enterprise:application_submit", args=[application.pk]))

    assert response.status_code == 200
    assert response.context["error"] == (
        "This application has already been submitted and is Submitted, with the park."
    )
    assert snapshot(application) == before


def test_withdrawing_a_decided_application_shows_the_reason_and_changes_nothing(
    client_en, programme, enterprise, people
):
    application = approved(programme, enterprise)
    client = signed_in(client_en, people["applicant"])
    before = snapshot(application)

    response = client.post(reverse("enterprise:application_withdraw", args=[application.pk]))

    assert response.status_code == 200
    assert response.context["error"] == "An application that is Approved cannot be withdrawn."
    assert snapshot(application) == before


def test_editing_a_submitted_application_shows_the_reason_and_changes_nothing(
    client_en, programme, enterprise, people
):
    application = submitted(programme, enterprise)
    client = signed_in(client_en, people["applicant"])
    before = snapshot(application)

    response = client.post(
        reverse("enterprise:application_edit", args=[application.pk]),
        {"requested_amount": "100000", "answer_project": "改名"},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "An application that is Submitted, with the park cannot be changed."
    ]
    assert snapshot(application) == before


def test_the_detail_page_offers_only_the_steps_the_state_allows(
    client_en, programme, enterprise, people
):
    application = approved(programme, enterprise)
    client = signed_in(client_en, people["applicant"])

    response = client.get(reverse("enterprise:application_detail", args=[application.pk]))

    assert (response.context["can_edit"], response.context["can_withdraw"]) == (False, False)


@pytest.mark.parametrize("action", ["application_submit", "application_withdraw"])
def test_enterprise_staff_cannot_take_the_steps_by_post(
    client, programme, enterprise, people, action
):
    application = complete_draft(programme, enterprise)
    client = signed_in(client, people["enterprise_staff"])

    response = client.post(reverse(f"enterprise:{action}", args=[application.pk]))

    assert response.status_code == 403
    assert Application.objects.get().state == ApplicationState.DRAFT


def test_another_enterprise_cannot_touch_an_application(client, programme, enterprise, people):
    application = complete_draft(programme, enterprise)
    outsider = MembershipFactory(organization=EnterpriseFactory()).user

    response = signed_in(client, outsider).post(
        reverse("enterprise:application_submit", args=[application.pk])
    )

    assert response.status_code == 404
    assert Application.objects.get().state == ApplicationState.DRAFT


def test_the_park_approves_nothing_it_cannot_see(client, programme, enterprise, people):
    application = at_government(programme, enterprise)
    response = signed_in(client, people["park"]).post(
        reverse("park:review_detail", args=[application.review_case_id]),
        {
            "action": "decide",
            "stage_key": "government_review",
            "decision": "approve",
            "confirmed": "1",
        },
    )

    assert response.status_code == 403
    assert Application.objects.get().state == ApplicationState.GOVERNMENT_REVIEW


def test_the_review_room_refuses_an_amount_over_what_remains(
    client_en, programme, enterprise, park, people
):
    approved(programme, EnterpriseFactory(park=park), amount=Decimal("190000"))
    programme.budget = Decimal("300000")
    programme.save()
    application = at_government(programme, enterprise)
    client = signed_in(client_en, people["chief"])

    response = client.post(
        reverse("government:review_detail", args=[application.review_case_id]),
        {
            "action": "decide",
            "stage_key": "government_review",
            "decision": "approve",
            "confirmed": "1",
            "extra-amount": "200000",
        },
    )

    assert response.context["extra_form"].errors == {
        "amount": ["200,000 yuan exceeds what remains of the programme's budget: 110,000 yuan."]
    }
    assert Application.objects.get(pk=application.pk).state == ApplicationState.GOVERNMENT_REVIEW


def test_the_budget_check_shows_before_the_decision_is_confirmed(
    client_en, programme, enterprise, park, people
):
    approved(programme, EnterpriseFactory(park=park), amount=Decimal("190000"))
    programme.budget = Decimal("300000")
    programme.save()
    application = at_government(programme, enterprise)
    client = signed_in(client_en, people["chief"])
    before = stored_state()

    response = client.post(
        reverse("government:review_detail", args=[application.review_case_id]),
        {
            "stage_key": "government_review",
            "decision": "approve",
            "extra-amount": "200000",
        },
    )

    assert response.context["confirming"] is None
    assert response.context["extra_form"].errors == {
        "amount": ["200,000 yuan exceeds what remains of the programme's budget: 110,000 yuan."]
    }
    assert changed_models(before, stored_state()) == []


def test_a_decision_that_passes_its_checks_asks_to_be_confirmed_and_changes_nothing_yet(
    client_en, programme, enterprise, people
):
    application = at_government(programme, enterprise)
    client = signed_in(client_en, people["chief"])
    url = reverse("government:review_detail", args=[application.review_case_id])
    posted = {"stage_key": "government_review", "decision": "approve", "extra-amount": "90000"}
    before = stored_state()

    asked = client.post(url, posted)

    assert changed_models(before, stored_state()) == []
    confirming = asked.context["confirming"]
    assert confirming["decision"] == "Approve"
    assert dict(confirming["fields"]) == posted
    assert 'id="decision-confirm"' in asked.content.decode()

    recorded = client.post(url, {**posted, "confirmed": "1"})

    assert recorded.status_code == 302
    assert Application.objects.get(pk=application.pk).state == ApplicationState.APPROVED


def test_the_rules_editor_saves_the_rules(client_en, programme, people):
    client = signed_in(client_en, people["chief"])

    response = client.post(
        reverse("government:programme_rules", args=[programme.pk]),
        {
            "combinator": "any",
            "rules-TOTAL_FORMS": "3",
            "rules-INITIAL_FORMS": "0",
            "rules-0-kind": "category_in",
            "rules-0-value": "022, 024",
            "rules-1-kind": "staff_between",
            "rules-1-value": "10-",
            "rules-2-kind": "",
            "rules-2-value": "",
        },
    )

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.combinator == Combinator.ANY
    assert list(EligibilityRule.objects.values_list("kind", "params")) == [
        (RuleKind.CATEGORY_IN, {"codes": ["022", "024"]}),
        (RuleKind.STAFF_BETWEEN, {"min": 10, "max": None}),
    ]


def test_the_rules_editor_shows_a_value_that_does_not_fit(client_en, programme, people):
    client = signed_in(client_en, people["chief"])

    response = client.post(
        reverse("government:programme_rules", args=[programme.pk]),
        {
            "combinator": "all",
            "rules-TOTAL_FORMS": "1",
            "rules-INITIAL_FORMS": "0",
            "rules-0-kind": "founded_before",
            "rules-0-value": "last spring",
        },
    )

    assert response.status_code == 200
    assert response.context["formset"].errors[0]["value"] == [
        "These values do not fit the rule “Founded before”: a date such as 2023-01-01"
    ]
    assert not EligibilityRule.objects.exists()


def test_the_government_invites_the_enterprises_that_qualify(
    client_en, programme, enterprise, people
):
    client = signed_in(client_en, people["chief"])

    response = client.post(
        reverse("government:programme_qualifying", args=[programme.pk]), {"scope": "all"}
    )

    assert response.status_code == 302
    assert list(Invitation.objects.values_list("enterprise", flat=True)) == [enterprise.pk]


def test_government_staff_cannot_invite(client, programme, enterprise, government):
    staff = MembershipFactory(organization=government, role=org_enums.Role.STAFF).user

    response = signed_in(client, staff).post(
        reverse("government:programme_qualifying", args=[programme.pk]), {"scope": "all"}
    )

    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_the_export_carries_the_review_details(client_en, programme, enterprise, people):
    application = at_government(programme, enterprise)
    reviews.record_opinion(
        application.review_case,
        actor=people["reviewer"],
        stage_key="government_review",
        recommendation="approve",
        comment="建议支持。",
        score=Decimal("88"),
    )
    reviews.decide(
        application.review_case,
        actor=people["chief"],
        stage_key="government_review",
        decision="approve",
        data={"amount": "150000"},
    )
    client = signed_in(client_en, people["chief"])

    response = client.get(reverse("government:application_list"), {"format": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = dict(zip(rows[0], rows[1], strict=True))
    assert (
        header["State"],
        header["Amount approved (yuan)"],
        header["Average score (latest round)"],
    ) == (
        "Approved",
        150000,
        88,
    )
    assert "Park's first opinion: Pass to the next stage" in header["Decisions"]
    assert "Government review: Approve" in header["Decisions"]
    assert header["Reviewers' opinions and scores"].endswith("score 88.00 — 建议支持。")


def test_the_parks_export_leaves_out_the_government_reviewers_opinions(
    client_en, programme, enterprise, people
):
    application = at_government(programme, enterprise)
    reviews.record_opinion(
        application.review_case,
        actor=people["reviewer"],
        stage_key="government_review",
        recommendation="approve",
        comment="建议支持。",
        score=Decimal("88"),
    )
    client = signed_in(client_en, people["park"])

    response = client.get(reverse("park:application_list"), {"format": "xlsx"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["Reviewers' opinions and scores"], row["Average score (latest round)"]) == (
        None,
        None,
    )
    assert "Park's first opinion: Pass to the next stage" in row["Decisions"]


@pytest.mark.parametrize(
    ("who", "portal", "shown"), [("park", "park", 0), ("reviewer", "government", 1)]
)
def test_the_application_page_shows_opinions_to_the_government_reviewers_only(
    client_en, programme, enterprise, people, who, portal, shown
):
    application = at_government(programme, enterprise)
    reviews.record_opinion(
        application.review_case,
        actor=people["reviewer"],
        stage_key="government_review",
        recommendation="approve",
        comment="建议支持。",
        score=Decimal("88"),
    )
    client = signed_in(client_en, people[who])

    response = client.get(reverse(f"{portal}:application_detail", args=[application.pk]))

    assert len(response.context["opinions"]) == shown


def test_the_government_publicises_and_finalises_on_the_notice_page(
    client_en, programme, enterprise, people
):
    approved(programme, enterprise)
    notice = PublicNoticeFactory(programme=programme)
    client = signed_in(client_en, people["chief"])

    client.post(reverse("government:notice_detail", args=[notice.pk]), {"action": "publish"})
    refused = client.post(
        reverse("government:notice_detail", args=[notice.pk]), {"action": "finalise"}, follow=True
    )

    notice.refresh_from_db()
    assert notice.state == NoticeState.PUBLICISED
    assert messages_of(refused)[-1].startswith("Objections are open until")


def test_the_notice_edit_page_shows_the_drafts_text(client_en, programme, people):
    notice = PublicNoticeFactory(programme=programme, title="拟支持名单公示")
    client = signed_in(client_en, people["chief"])

    response = client.get(reverse("government:notice_edit", args=[notice.pk]))

    assert response.status_code == 200
    assert response.context["form"].initial["title"] == "拟支持名单公示"


def test_the_government_edits_a_draft_notice(client_en, programme, people):
    notice = PublicNoticeFactory(programme=programme)
    client = signed_in(client_en, people["chief"])

    response = client.post(
        reverse("government:notice_edit", args=[notice.pk]),
        {
            "title": "更正后的公示",
            "title_en": "",
            "body": "正文",
            "body_en": "",
            "objection_days": 10,
        },
    )

    notice.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("government:notice_detail", args=[notice.pk])
    assert (notice.title, notice.body, notice.objection_days) == ("更正后的公示", "正文", 10)


def test_a_publicised_notice_is_not_edited(client_en, programme, enterprise, people):
    approved(programme, enterprise)
    notice = publicised_notice(programme)
    title = notice.title
    client = signed_in(client_en, people["chief"])

    response = client.post(
        reverse("government:notice_edit", args=[notice.pk]),
        {"title": "改名", "title_en": "", "body": "", "body_en": "", "objection_days": 7},
    )

    notice.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["A publicised notice is not edited."]
    assert notice.title == title


@pytest.mark.parametrize(
    ("extra_capabilities", "shown", "logged"),
    [
        ([org_enums.Capability.MANAGE_PROGRAMMES], "139****1111", 0),
        (
            [org_enums.Capability.MANAGE_PROGRAMMES, org_enums.Capability.VIEW_PERSONAL_DATA],
            "13900001111",
            1,
        ),
    ],
)
def test_the_notice_page_masks_objectors_contacts_unless_entitled(
    client_en, programme, enterprise, government, extra_capabilities, shown, logged
):
    from cloudpark.core.models import AuditEntry
    from tests.factories import ObjectionFactory

    approved(programme, enterprise)
    notice = publicised_notice(programme)
    ObjectionFactory(notice=notice, contact="13900001111")
    viewer = MembershipFactory(
        organization=government,
        role=org_enums.Role.STAFF,
        extra_capabilities=extra_capabilities,
    ).user

    response = signed_in(client_en, viewer).get(
        reverse("government:notice_detail", args=[notice.pk])
    )

    assert [contact for _objection, contact in response.context["objections"]] == [shown]
    assert AuditEntry.objects.filter(action="core.personal_data.viewed").count() == logged


def test_answering_an_objection_asks_for_confirmation_first(
    client_en, programme, enterprise, people
):
    from tests.factories import ObjectionFactory

    approved(programme, enterprise)
    objection = ObjectionFactory(notice=publicised_notice(programme))

    response = signed_in(client_en, people["chief"]).get(
        reverse("government:objection_answer", args=[objection.pk])
    )

    html = response.content.decode()
    assert 'id="answer-form"' in html
    assert 'data-confirm="Publish this answer? It is final and public."' in html
    assert not Objection.objects.get(pk=objection.pk).is_answered


def test_anyone_objects_on_the_public_notice(client_en, programme, enterprise, people):
    approved(programme, enterprise)
    notice = publicised_notice(programme)

    response = client_en.post(
        reverse("public:notice_detail", args=[notice.pk]),
        {"text": "请核实该企业资质。", "name": "", "contact": "someone@example.cn"},
    )

    assert response.status_code == 302
    objection = Objection.objects.get()
    assert (objection.text, objection.contact, objection.submitted_by) == (
        "请核实该企业资质。",
        "someone@example.cn",
        None,
    )


def test_the_public_notice_shows_the_list_but_not_the_objectors(client_en, programme, enterprise):
    approved(programme, enterprise, amount=Decimal("150000"))
    notice = publicised_notice(programme)
    from tests.factories import ObjectionFactory

    ObjectionFactory(notice=notice, contact="13900001111", name="王先生")

    response = client_en.get(reverse("public:notice_detail", args=[notice.pk]))

    html = response.content.decode()
    assert enterprise.credit_code in html
    assert "150,000" in html
    assert "13900001111" not in html
    assert "王先生" not in html


def test_the_public_catalogue_filters_open_programmes(client_en, programme, policy, media_root):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import ProgrammeFactory

    ProgrammeFactory(
        policy=policy,
        title="已截止计划",
        opens_at=timezone.now() - timedelta(days=40),
        closes_at=timezone.now() - timedelta(days=1),
    )

    response = client_en.get(reverse("public:programme_list"), {"open_now": "on"})

    assert [row.pk for row in response.context["rows"]] == [programme.pk]


def test_a_draft_notice_is_not_public(client, programme):
    notice = PublicNoticeFactory(programme=programme)

    response = client.get(reverse("public:notice_detail", args=[notice.pk]))

    assert response.status_code == 404
    assert PublicNotice.objects.get().state == NoticeState.DRAFT


def test_a_material_is_downloaded_by_those_who_see_the_application(
    client, programme, enterprise, people
):
    application = complete_draft(programme, enterprise)
    material = application.materials.get()

    response = signed_in(client, people["applicant"]).get(
        reverse("enterprise:application_material", args=[application.pk, material.pk])
    )

    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert pdf_file  # the factory's file is what was uploaded
