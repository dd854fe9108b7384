"""A work is entered for an award, found eligible and scored, as the people involved would do it
in the browser.

An enterprise's administrator enters a documentary with its sealed recommendation and submits
it; the scheme's secretariat finds it eligible in the review room, and it shows on the public
notice. Once its notice has run, the secretariat starts the judging and assigns the round; a
juror opens the work in their workspace, is refused a score off the scale, then scores it.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cloudpark.awards import enums
from cloudpark.awards.models import Entry, Objection, Score
from cloudpark.orgs import enums as org_enums
from tests.e2e.dialogs import confirm_decision
from tests.factories import EnterpriseFactory, GovernmentBodyFactory, MembershipFactory, UserFactory
from tests.factories.awards import jury, open_scheme, published_scheme

PASSWORD = "Awards-scenario-2024"
TITLE = "《钱塘江上的摆渡人》"


def sign_in(page, live_server, user, landing):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/{landing}/")


def fill_scores(page, value):
    for field in page.locator("#score-form input[name^=criterion_]").all():
        field.fill(value)
    page.locator("#score-form button[type=submit]").click()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_work_is_entered_found_eligible_and_scored(
    live_server, page, browser_errors, media_root, tmp_path
):
    # Arrange: a scheme open for entries, its secretariat's chief, an enterprise, a jury.
    secretariat = GovernmentBodyFactory(name="推选活动秘书处", name_en="Selection secretariat")
    chief = UserFactory(email="chief@secretariat.example.cn", password=PASSWORD)
    MembershipFactory(user=chief, organization=secretariat, role=org_enums.Role.ADMIN)
    scheme = open_scheme(secretariat)
    enterprise = EnterpriseFactory()
    entrant = UserFactory(email="entrant@studio.example.cn", password=PASSWORD)
    MembershipFactory(user=entrant, organization=enterprise, role=org_enums.Role.ADMIN)
    jurors = jury(scheme, 5)
    juror = jurors[0].user
    juror.email = "juror@example.cn"
    juror.set_password(PASSWORD)
    juror.save()
    scan = tmp_path / "推荐表.pdf"
    scan.write_bytes(b"%PDF-1.7\nsealed\n%%EOF\n")
    page.on("dialog", lambda dialog: dialog.accept())

    # Act 1: the enterprise enters the work and submits it.
    sign_in(page, live_server, entrant, "enterprise")
    page.goto(f"{live_server.url}/enterprise/awards/schemes/{scheme.pk}/enter/")
    form = page.locator("form.cp-form")
    form.locator("[name=category]").select_option(str(scheme.categories.get(code="DOC").pk))
    for name, value in {
        "title": TITLE,
        "recommender_name": "浙江省广播电视局",
        "broadcast_on": (scheme.eligible_from + timedelta(days=40)).isoformat(),
        "column": "行业视点",
        "minutes": "27",
        "seconds": "45",
        "credits": "导演: 李明\n摄像: 周婷",
        "recommendation": "该片反映基层交通工作者的坚守，同意推荐。",
        "media_url": "https://video.example.cn/ferry",
    }.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("[name=recommendation_scan]").set_input_files(scan)
    form.locator("button[type=submit]").click()
    page.locator("#submit-entry").click()
    page.locator("form.cp-form button[type=submit]").click()

    # Assert 1: submitted, before the secretariat.
    expect(page.locator("#entry-state [data-state]")).to_have_attribute("data-state", "submitted")
    entry = Entry.objects.get()

    # Act 2: the secretariat finds it eligible in the review room.
    sign_in(page, live_server, chief, "gov")
    page.goto(f"{live_server.url}/gov/reviews/")
    page.get_by_role("link", name=f"{TITLE} · {enterprise.name}").first.click()
    decision = page.locator("form:has(input[name=decision])")
    decision.locator("input[name=decision][value=approve]").check()
    decision.locator("button[type=submit]").click()
    confirm_decision(page)
    expect(page.locator("#case-state")).to_be_visible()

    # Assert 2: eligible and on the public notice.
    entry.refresh_from_db()
    assert entry.state == enums.EntryState.ELIGIBLE
    page.goto(f"{live_server.url}/awards/{scheme.pk}/entries/")
    expect(page.locator("#notice tbody tr td:first-child")).to_have_text([TITLE])

    # Act 3: the notice has run; the secretariat starts the judging and assigns the round.
    Entry.objects.filter(pk=entry.pk).update(
        notice_ends_on=timezone.localdate() - timedelta(days=1)
    )
    page.goto(f"{live_server.url}/gov/awards/{scheme.pk}/")
    page.locator("#start-judging").click()
    page.goto(f"{live_server.url}/gov/awards/rounds/{scheme.rounds.get().pk}/")
    page.locator("#assign-round").click()
    expect(page.locator("#round-state")).to_have_attribute("data-state", "open")

    # Act 4: a juror scores it from their workspace, first off the scale.
    sign_in(page, live_server, juror, "me")
    page.goto(f"{live_server.url}/me/jury/")
    page.locator("#assignments").get_by_role("link", name=TITLE).click()
    fill_scores(page, "12")
    refused = page.locator("#score-form .invalid-feedback").first.inner_text()
    fill_scores(page, "8.5")

    # Assert 4: the refusal named the scale; the scores are saved; no page broke the CSP.
    assert ("12" in refused, "10" in refused) == (True, True)
    expect(page).to_have_url(f"{live_server.url}/me/jury/")
    assert sorted(
        Score.objects.filter(assignment__juror__user=juror).values_list("value", flat=True)
    ) == [8.5, 8.5, 8.5]
    assert browser_errors == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_anyone_objects_to_a_published_result_and_follows_it(live_server, page, browser_errors):
    # Arrange: a scheme whose results are on public notice.
    scheme, (first, _second) = published_scheme()

    # Act: a visitor opens the results, objects to the first work and looks the objection up.
    page.goto(f"{live_server.url}/awards/{scheme.pk}/results/")
    page.locator(f"#objectable a[href$='/awards/entries/{first.pk}/objection/']").click()
    page.locator("input[name=name]").fill("赵强")
    page.locator("input[name=organization_name]").fill("某市融媒体中心")
    page.locator("input[name=contact]").fill("13812345678")
    page.locator("textarea[name=text]").fill("该片播出日期与推荐表所填不一致，请核实。")
    page.locator("textarea[name=evidence]").fill("该台节目单第12页，播出日期为3月5日。")
    page.locator("form.cp-form button[type=submit]").click()
    reference = page.locator("#objection-reference").inner_text()
    page.goto(f"{live_server.url}/awards/objections/")
    page.locator("input[name=reference]").fill(reference)
    page.locator("input[name=contact]").fill("13812345678")
    page.locator("form.cp-form button[type=submit]").click()

    # Assert: the objection is bound to the work with its scores; the contact shows masked.
    objection = Objection.objects.get()
    assert (objection.entry_id, objection.reference) == (first.pk, reference)
    assert objection.scores_seen["final"]["rank"] == 1
    expect(page.locator("#objection-status")).to_contain_text("138****5678")
    assert browser_errors == []
