"""A support programme from the catalogue to the public notice, as the people would do it.

An enterprise finds a programme it qualifies for (and sees why it does not qualify for
another), applies with a document, and submits; its park passes it on; the government returns
it with a comment; the enterprise fixes it and resubmits; the park passes it on again; the
government approves it with an amount and publicises the approved list, which anyone can read.
Elements are found by id, name and role; the texts expected on screen come from the platform's
own translations, so the scenario holds in Chinese and in English.
"""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation
from playwright.sync_api import expect

from cloudpark.orgs import enums as org_enums
from cloudpark.programs.enums import ApplicationState, NoticeState, RuleKind
from cloudpark.programs.models import Application, Objection, PublicNotice
from tests.e2e.conftest import EVERY_LANGUAGE_AND_WIDTH
from tests.e2e.dialogs import answer_confirmation, confirm_decision
from tests.factories import (
    EligibilityRuleFactory,
    EnterpriseFactory,
    GovernmentBodyFactory,
    MembershipFactory,
    ObjectionFactory,
    ParkFactory,
    PolicyFactory,
    ProgrammeFactory,
    UserFactory,
)
from tests.factories.programs import approved, pdf_file, publicised_notice

PASSWORD = "Zhijiang-fund-2026"
COMMENT = "请补充项目预算明细。"
PROJECT = "《钱塘潮》网络剧"
REVISED = "《钱塘潮》网络剧（修订版）"


def expected_texts(language):
    with translation.override(language):
        return SimpleNamespace(
            submitted=str(ApplicationState.PARK_REVIEW.label),
            returned=str(ApplicationState.RETURNED.label),
            approved=str(ApplicationState.APPROVED.label),
            publicised=str(NoticeState.PUBLICISED.label),
            decided=translation.gettext("Your decision has been recorded."),
            uploaded=translation.gettext("The file is uploaded."),
            you_qualify=translation.gettext("You qualify"),
        )


def sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def decide(page, live_server, portal, application, decision, texts, comment="", amount=None):
    """In the review room: the case of ``application``, decided as ``decision``."""
    application.refresh_from_db()
    page.goto(f"{live_server.url}/{portal}/reviews/")
    page.locator(f"a[href='/{portal}/reviews/{application.review_case_id}/']").first.click()
    form = page.locator("form:has(input[name=action][value=decide])")
    form.locator(f"input[name=decision][value={decision}]").check()
    form.locator("textarea[name=comment]").fill(comment)
    if amount is not None:
        form.locator("input[name=extra-amount]").fill(amount)
    form.locator("button[type=submit]").click()
    confirm_decision(page)
    expect(page.locator(".cp-messages .alert-success")).to_have_text(texts.decided)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(("browser_locale", "browser_width"), EVERY_LANGUAGE_AND_WIDTH)
def test_an_enterprise_applies_and_the_approved_list_is_publicised(
    live_server, page, language, browser_errors, media_root, tmp_path
):
    # Arrange: a bureau overseeing a park with a film company; a fund it qualifies for and a
    # programme for large companies it does not; the people of the three organisations.
    park = ParkFactory(name="之江文化产业园", name_en="Zhijiang Cultural Industry Park")
    bureau = GovernmentBodyFactory(
        name="浙江省广播电视局", name_en="Zhejiang Radio and TV Bureau", jurisdiction=[park]
    )
    company = EnterpriseFactory(
        park=park, name="之江影视制作有限公司", name_en="Zhijiang Film Production Co., Ltd."
    )
    policy = PolicyFactory(owner=bureau)
    fund = ProgrammeFactory(
        policy=policy, title="大视听产业发展专项资金", title_en="Big Audiovisual Industry Fund"
    )
    EligibilityRuleFactory(programme=fund, kind=RuleKind.CATEGORY_IN, params={"codes": ["02"]})
    EligibilityRuleFactory(programme=fund, kind=RuleKind.RESIDENT_IN_ZONE, params={})
    large = ProgrammeFactory(policy=policy, title="重点企业专项", title_en="Key Enterprises")
    EligibilityRuleFactory(programme=large, kind=RuleKind.STAFF_BETWEEN, params={"min": 500})
    people = {}
    for key, organization in (("enterprise", company), ("park", park), ("chief", bureau)):
        people[key] = UserFactory(email=f"{key}@zhijiang.example.cn", password=PASSWORD)
        MembershipFactory(user=people[key], organization=organization, role=org_enums.Role.ADMIN)
    texts = expected_texts(language)
    plan = tmp_path / "计划书.pdf"
    plan.write_bytes(pdf_file().read())
    state = page.locator("#application-state [data-state]")

    # Act 1: the enterprise looks through the programmes.
    sign_in(page, live_server, people["enterprise"])
    page.goto(f"{live_server.url}/enterprise/programmes/")
    fund_card = page.locator(f"[data-programme='{fund.pk}']")
    large_card = page.locator(f"[data-programme='{large.pk}']")

    # Assert 1: it qualifies for the fund, rule by rule, and not for the other, with the reason.
    expect(fund_card).to_have_attribute("data-outcome", "passed")
    expect(fund_card.locator("#eligibility-result .badge")).to_have_text(texts.you_qualify)
    expect(fund_card.locator("li[data-outcome=passed]")).to_have_count(2)
    expect(large_card).to_have_attribute("data-outcome", "failed")
    expect(large_card.locator("li[data-outcome=failed]")).to_have_count(1)
    page.screenshot(path=tmp_path / "1-catalogue.png", full_page=True)

    # Act 2: it applies with a document and submits.
    fund_card.get_by_role("link", name=fund.title_en if language == "en" else fund.title).click()
    page.locator("#apply-link").click()
    page.locator("input[name=requested_amount]").fill("300000")
    page.locator("textarea[name=answer_project]").fill(PROJECT)
    page.locator("form.cp-form button[type=submit]").click()
    application = Application.objects.get()
    expect(page).to_have_url(f"{live_server.url}/enterprise/applications/{application.pk}/")
    page.goto(f"{live_server.url}/enterprise/applications/{application.pk}/materials/")
    page.locator("select[name=key]").select_option("plan")
    page.locator("input[name=file]").set_input_files(plan)
    page.locator("form:has(input[name=file]) button[type=submit]").click()
    expect(page.locator(".cp-messages .alert-success")).to_have_text(texts.uploaded)
    page.goto(f"{live_server.url}/enterprise/applications/{application.pk}/submit/")
    page.locator("#submit-button").click()
    answer_confirmation(page)

    # Assert 2: submitted, with the park.
    expect(state).to_have_attribute("data-state", ApplicationState.PARK_REVIEW)
    expect(state).to_have_text(texts.submitted)

    # Act 3: the park passes it on; the government returns it with a comment.
    sign_in(page, live_server, people["park"])
    decide(page, live_server, "park", application, "advance", texts)
    sign_in(page, live_server, people["chief"])
    decide(page, live_server, "gov", application, "return", texts, comment=COMMENT)

    # Assert 3: the enterprise sees why it was returned.
    sign_in(page, live_server, people["enterprise"])
    page.goto(f"{live_server.url}/enterprise/applications/{application.pk}/")
    expect(state).to_have_text(texts.returned)
    expect(page.locator("#returned-comment")).to_contain_text(COMMENT)

    # Act 4: it fixes the answer and resubmits; the park passes it on again; the government
    # approves it with an amount.
    page.goto(f"{live_server.url}/enterprise/applications/{application.pk}/edit/")
    page.locator("textarea[name=answer_project]").fill(REVISED)
    page.locator("form.cp-form button[type=submit]").click()
    page.locator("#submit-link").click()
    page.locator("#submit-button").click()
    answer_confirmation(page)
    expect(state).to_have_attribute("data-state", ApplicationState.PARK_REVIEW)
    sign_in(page, live_server, people["park"])
    decide(page, live_server, "park", application, "advance", texts)
    sign_in(page, live_server, people["chief"])
    decide(page, live_server, "gov", application, "approve", texts, amount="240000")

    # Assert 4: approved with the amount, in its second round, with the revised answer.
    application.refresh_from_db()
    assert (application.state, application.approved_amount, application.review_case.round) == (
        ApplicationState.APPROVED,
        Decimal("240000.00"),
        2,
    )
    assert application.answers["project"] == REVISED

    # Act 5: the government drafts and publicises the notice of the approved list.
    page.goto(f"{live_server.url}/gov/programmes/{fund.pk}/notice/")
    page.locator("form.cp-form button[type=submit]").click()
    notice = PublicNotice.objects.get()
    expect(page).to_have_url(f"{live_server.url}/gov/notices/{notice.pk}/")
    page.locator("#publish-button").click()
    answer_confirmation(page)
    expect(page.locator("#notice-state")).to_have_text(texts.publicised)

    # Act 6: anyone opens the public notices.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/notices/")
    page.locator(f"a[href='/notices/{notice.pk}/']").click()

    # Assert 6: the approved list names the company and its amount, and no page logged an
    # error or broke the Content-Security-Policy.
    shown_name = company.name_en if language == "en" else company.name
    expect(page.locator("#approved-list tbody tr td").nth(0)).to_have_text(shown_name)
    expect(page.locator("#approved-list tbody tr td").nth(2)).to_have_text("240,000")
    page.screenshot(path=tmp_path / "2-notice.png", full_page=True)
    assert browser_errors == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("browser_locale", ["en-US"])
def test_an_answer_to_an_objection_is_published_only_once_confirmed(
    live_server, page, browser_errors, media_root
):
    # Arrange: an approved list publicised, with an objection; the bureau's chief.
    park = ParkFactory()
    bureau = GovernmentBodyFactory(jurisdiction=[park])
    programme = ProgrammeFactory(policy=PolicyFactory(owner=bureau))
    approved(programme, EnterpriseFactory(park=park))
    notice = publicised_notice(programme)
    objection = ObjectionFactory(notice=notice)
    chief = UserFactory(email="chief@zhijiang.example.cn", password=PASSWORD)
    MembershipFactory(user=chief, organization=bureau, role=org_enums.Role.ADMIN)
    answer = "经核实，该项目已于2025年开机，符合申报条件。"
    sign_in(page, live_server, chief)
    answer_url = f"{live_server.url}/gov/objections/{objection.pk}/answer/"
    page.goto(answer_url)
    page.locator("textarea[name=answer]").fill(answer)

    # Act 1: the chief presses the button but does not confirm.
    page.locator("#answer-button").click()
    answer_confirmation(page, yes=False)

    # Assert 1: nothing is sent; the objection is unanswered.
    expect(page).to_have_url(answer_url)
    assert not Objection.objects.get(pk=objection.pk).is_answered

    # Act 2: the chief confirms.
    page.locator("#answer-button").click()
    answer_confirmation(page)

    # Assert 2: the answer is published with the objection.
    expect(page).to_have_url(f"{live_server.url}/gov/notices/{notice.pk}/")
    expect(page.locator("#objections")).to_contain_text(answer)
    assert Objection.objects.get(pk=objection.pk).answer == answer
    assert browser_errors == []
