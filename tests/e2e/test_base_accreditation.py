"""A park is accredited as a provincial base, as the people involved would do it in the browser.

The park's administrator declares for the bureau's open round and attaches the materials; the
bureau returns the declaration because the proof of the premises is missing; the park attaches
it and resubmits; the bureau approves, recording its site survey; and the base appears on the
public list under its level and batch. Elements are found by id, name and role; the texts
expected on screen come from the platform's own translations, so the scenario holds in Chinese
and in English.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from cloudpark.bases import enums, services
from cloudpark.bases.models import Accreditation, Declaration
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.models import Park
from cloudpark.reviews.enums import CaseState, Decision
from tests.e2e.dialogs import confirm_decision
from tests.factories import GovernmentBodyFactory, MembershipFactory, ParkFactory, UserFactory

PASSWORD = "Binjiang-base-2024"
PARK = ("杭州滨江数字视听产业园", "Hangzhou Binjiang Digital Audiovisual Industrial Park")
BATCH = (
    "浙江省第二批省级广播电视和网络视听产业基地（园区）",
    "Second batch of Zhejiang provincial bases (parks)",
)
RETURN_REASON = "缺少园区产权证明或租赁合同，请补充后重新提交。"
SURVEY_NOTES = "现场查看共享摄影棚和孵化空间，入驻企业情况属实。"
FIGURES = {
    "operator": "杭州滨江数字文化产业发展有限公司",
    "area": "180000",
    "enterprise_count": "136",
    "output": "268000",
    "focus": "动漫游戏、网络视听、视听科技",
    "support_measures": "滨江区数字文化产业专项资金；房租补贴；视听科技实验室。",
}


def expected_texts(language):
    with translation.override(language):
        return SimpleNamespace(
            park=PARK[1] if language == "en" else PARK[0],
            batch=BATCH[1] if language == "en" else BATCH[0],
            level=str(enums.RoundLevel.PROVINCIAL.label),
            in_review=str(enums.DeclarationState.SUBMITTED.label),
            returned=str(CaseState.RETURNED.label),
            approved=str(CaseState.APPROVED.label),
            confirm_return=translation.gettext("Record “%(decision)s”?")
            % {"decision": Decision.RETURN.label},
            confirm_approval=translation.gettext("Record “%(decision)s”?")
            % {"decision": Decision.APPROVE.label},
        )


def write_pdf(path, text):
    path.write_bytes(b"%PDF-1.7\n" + text.encode() + b"\n%%EOF\n")
    return path


def sign_in(page, live_server, user, portal):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/{portal}/")


def attach(page, kind, path):
    form = page.locator("#material-form")
    form.locator("select[name=kind]").select_option(kind)
    form.locator("input[name=file]").set_input_files(path)
    form.locator("button[type=submit]").click()


def submit_declaration(page):
    page.locator("#submit-declaration").click()
    page.locator("form.cp-form button[type=submit]").click()


def decide(page, decision, **fields):
    form = page.locator("form:has(input[name=decision])")
    form.locator(f"input[name=decision][value={decision}]").check()
    for name, value in fields.items():
        form.locator(f"[name='{name}']").fill(value)
    form.locator("button[type=submit]").click()
    return confirm_decision(page)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("browser_locale", ["zh-CN", "en-US"])
def test_a_park_is_accredited_as_a_provincial_base(
    live_server, page, language, browser_errors, media_root, tmp_path
):
    # Arrange: the bureau, the park in its care (not yet rated), their people, an open round.
    park = ParkFactory(name=PARK[0], name_en=PARK[1], level=org_enums.ParkLevel.UNRATED)
    bureau = GovernmentBodyFactory(
        name="浙江省广播电视局",
        name_en="Zhejiang Provincial Radio and Television Bureau",
        level=org_enums.GovernmentLevel.PROVINCIAL,
        jurisdiction=[park],
    )
    park_admin = UserFactory(email="admin@binjiang.example.cn", password=PASSWORD)
    MembershipFactory(user=park_admin, organization=park, role=org_enums.Role.ADMIN)
    chief = UserFactory(email="chief@bureau.example.cn", password=PASSWORD)
    MembershipFactory(user=chief, organization=bureau, role=org_enums.Role.ADMIN)
    today = timezone.localdate()
    accreditation_round = services.open_round(
        organiser=bureau,
        actor=chief,
        level="provincial",
        batch=BATCH[0],
        batch_en=BATCH[1],
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=25),
        criteria="园区主导产业为广播电视和网络视听；入驻相关企业不少于20家。",
        required_materials=[
            ("申报书", "Application form"),
            ("入驻企业名录", "List of enterprises"),
        ],
    )
    application, enterprises = (kind.key for kind in accreditation_round.materials)
    texts = expected_texts(language)
    asked = []
    state = page.locator("#declaration-state [data-state]")
    case_state = page.locator("#case-state")

    # Act 1: the park's administrator declares for the round with its two materials.
    sign_in(page, live_server, park_admin, "park")
    page.goto(f"{live_server.url}/park/bases/rounds/")
    page.locator("#rounds").get_by_role("link", name=texts.batch, exact=True).click()
    page.locator("#declare").click()
    for name, value in FIGURES.items():
        page.locator(f"form.cp-form [name={name}]").fill(value)
    page.locator("form.cp-form button[type=submit]").click()
    attach(page, application, write_pdf(tmp_path / "申报书.pdf", "application"))
    attach(page, enterprises, write_pdf(tmp_path / "入驻企业名录.pdf", "enterprises"))
    submit_declaration(page)

    # Assert 1: the declaration is in review, before the bureau.
    declaration = Declaration.objects.get()
    expect(state).to_have_attribute("data-state", "submitted")
    expect(state).to_have_text(texts.in_review)
    assert page.url == f"{live_server.url}/park/bases/declarations/{declaration.pk}/"
    assert declaration.materials.count() == 2

    # Act 2: the bureau returns it from the review room: the proof of premises is missing.
    sign_in(page, live_server, chief, "gov")
    page.goto(f"{live_server.url}/gov/reviews/")
    page.get_by_role("link", name=f"{texts.park} · {texts.batch}").first.click()
    asked.append(decide(page, "return", comment=RETURN_REASON))

    # Assert 2: returned, with the reason kept on the declaration.
    expect(case_state).to_have_text(texts.returned)
    declaration.refresh_from_db()
    assert (declaration.state, declaration.decision_comment) == (
        enums.DeclarationState.RETURNED,
        RETURN_REASON,
    )

    # Act 3: the park reads why, attaches the proof and resubmits.
    sign_in(page, live_server, park_admin, "park")
    page.goto(f"{live_server.url}/park/bases/declarations/{declaration.pk}/")
    reason_shown = page.locator("#return-reason").inner_text()
    attach(page, "supplement", write_pdf(tmp_path / "园区产权证明.pdf", "lease"))
    submit_declaration(page)

    # Assert 3: in review again.
    expect(state).to_have_attribute("data-state", "submitted")
    assert RETURN_REASON in reason_shown

    # Act 4: the bureau approves, recording its site survey.
    sign_in(page, live_server, chief, "gov")
    page.goto(f"{live_server.url}/gov/reviews/")
    page.get_by_role("link", name=f"{texts.park} · {texts.batch}").first.click()
    asked.append(
        decide(
            page,
            "approve",
            **{"extra-surveyed_on": today.isoformat(), "extra-survey_notes": SURVEY_NOTES},
        )
    )

    # Assert 4: approved; the park carries the level and batch, with today as its date.
    expect(case_state).to_have_text(texts.approved)
    park = Park.objects.get(pk=park.pk)
    assert (park.level, park.batch, park.approved_on) == ("provincial", BATCH[0], today)
    assert Accreditation.objects.get().declaration_id == declaration.pk
    assert asked == [texts.confirm_return, texts.confirm_approval]

    # Act 5: anyone opens the public list of accredited bases.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/bases/")

    # Assert 5: the base is listed under its level and batch, and its page says so too; no page
    # logged an error or broke the Content-Security-Policy.
    expect(page.locator("#list-rows h2")).to_have_text([texts.level])
    expect(page.locator("#list-rows h3")).to_have_text([texts.batch])
    expect(page.locator("#list-rows tbody tr td:first-child")).to_have_text([texts.park])
    page.get_by_role("link", name=texts.park, exact=True).click()
    expect(page.locator("#accreditation-history")).to_contain_text(texts.batch)
    page.screenshot(path=tmp_path / "public-base.png", full_page=True)
    assert browser_errors == []
