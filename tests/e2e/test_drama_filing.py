"""A drama is filed, approved and found in the public archive, as the people involved would do
it in the browser.

The company's administrator drafts a planning filing whose statement of themes is too short;
the submission page lists that problem and offers no way round it; the administrator lengthens
it and submits; the bureau's chief approves in the review room; and anyone finds the work in
the month's public notice, with its planning number, which the verify endpoint confirms. After
production the company attaches the finished film to its release filing and submits it; the
chief watches it in the screening room under a watermark of their name, comments on a moment
of it, and licenses the work.
"""

import json

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from cloudpark.demo.files import webm_film
from cloudpark.filings import enums, services
from cloudpark.filings.models import PlanningFiling
from cloudpark.orgs import enums as org_enums
from cloudpark.reviews.enums import CaseState
from tests.e2e.dialogs import confirm_decision
from tests.e2e.test_base_accreditation import PASSWORD, sign_in
from tests.factories import (
    EnterpriseFactory,
    GovernmentBodyFactory,
    MembershipFactory,
    ParkFactory,
    RegionFactory,
    UserFactory,
)
from tests.factories.filings import chinese_text, release_values

TITLE = "西溪晨光"


def fill(page, values):
    for name, value in values.items():
        page.locator(f"form.cp-form [name={name}]").fill(value)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("browser_locale", ["zh-CN", "en-US"])
def test_a_drama_is_filed_approved_and_verified(
    live_server, page, language, browser_errors, tmp_path
):
    # Arrange: the bureau, a park in its care, a production company there, their people.
    park = ParkFactory()
    bureau = GovernmentBodyFactory(
        name="浙江省广播电视局",
        level=org_enums.GovernmentLevel.PROVINCIAL,
        region=RegionFactory(code="330000"),
        jurisdiction=[park],
    )
    company = EnterpriseFactory(name="杭州之江光影文化传媒有限公司", park=park)
    filer = UserFactory(email="filer@zhijiang.example.cn", password=PASSWORD)
    MembershipFactory(user=filer, organization=company, role=org_enums.Role.ADMIN)
    chief = UserFactory(email="chief@bureau.example.cn", password=PASSWORD)
    MembershipFactory(user=chief, organization=bureau, role=org_enums.Role.ADMIN)
    page.on("dialog", lambda dialog: dialog.accept())

    # Act 1: the company drafts the filing, its statement of themes too short, and opens the
    # submission page.
    sign_in(page, live_server, filer, "enterprise")
    page.goto(f"{live_server.url}/enterprise/filings/new/")
    page.locator("form.cp-form [name=kind]").select_option("micro")
    page.locator("form.cp-form [name=era]").select_option("contemporary")
    page.locator("form.cp-form [name=subject]").select_option("urban")
    fill(
        page,
        {
            "title": f"《{TITLE}》",
            "episodes": "3",
            "minutes_per_episode": "3",
            "planned_investment": "60",
            "shoot_starts_on": "2026-03-01",
            "shoot_ends_on": "2026-04-30",
            "synopsis": chinese_text(1500),
            "themes": "太短",
            "episode_synopses": "\n".join(chinese_text(100) for _ in range(3)),
            "producers": f"{company.credit_code} | （浙）字第00318号 | 2030-06-30",
            "people": "\n".join(
                [
                    "writer | 许知远",
                    "director | 陈一苇",
                    "actor | 叶青禾 | 林晓",
                    "actor | 顾南城 | 摄影师",
                ]
            ),
        },
    )
    page.locator("form.cp-form button[type=submit]").click()
    page.locator("#submit-filing").click()

    # Assert 1: the problem is listed and the filing is still a draft.
    filing = PlanningFiling.objects.get()
    expect(page.locator("#problems [data-field=themes]")).to_have_count(1)
    expect(page.locator("#blocked")).to_be_visible()
    assert (filing.title, filing.state) == (TITLE, enums.PlanningState.DRAFT)

    # Act 2: the statement is written out and the filing submitted.
    page.goto(f"{live_server.url}/enterprise/filings/{filing.pk}/edit/")
    fill(page, {"themes": chinese_text(300)})
    page.locator("form.cp-form button[type=submit]").click()
    page.locator("#submit-filing").click()
    expect(page.locator("#ready")).to_be_visible()
    page.locator("form.cp-form button[type=submit]").click()

    # Assert 2: in review with the bureau, in this month's batch or the next.
    expect(page.locator("#batch")).to_be_visible()
    filing.refresh_from_db()
    assert (filing.state, filing.review_case.reviewing_organization_id) == (
        enums.PlanningState.SUBMITTED,
        bureau.pk,
    )

    # Act 3: the chief approves in the review room.
    sign_in(page, live_server, chief, "gov")
    page.goto(f"{live_server.url}/gov/reviews/{filing.review_case_id}/")
    form = page.locator("form:has(input[name=decision])")
    form.locator("input[name=decision][value=approve]").check()
    form.locator("button[type=submit]").click()
    confirm_decision(page)

    # Assert 3: approved, with a planning number of the bureau.
    with translation.override(language):
        approved = str(CaseState.APPROVED.label)
    expect(page.locator("#case-state")).to_have_text(approved)
    number = filing.numbers.get()
    assert number.number.startswith("（浙）网微剧规备字")

    # Act 4: anyone opens the month's notice, the work's page and its number's verification.
    page.context.clear_cookies()
    month = timezone.localdate()
    page.goto(f"{live_server.url}/filings/notices/{month.year}/{month.month}/")
    page.locator("#works").get_by_role("link", name=f"《{TITLE}》").click()
    expect(page.locator("#numbers")).to_contain_text(number.number)
    response = page.request.get(
        f"{live_server.url}/filings/verify/", params={"number": number.number}
    )

    # Assert 4: the number is real, valid and covers the work.
    body = json.loads(response.text())
    assert (response.status, body["valid"], body["covers"]["title"]) == (200, True, TITLE)

    # Act 5: the company drafts the release filing, attaches the film and submits.
    filing.refresh_from_db()
    release = services.create_release_filing(filing, actor=filer, **release_values(filing))
    film = tmp_path / "xixi-cut-1.webm"
    film.write_bytes(webm_film(film.name, "Xixi Morning").read())
    sign_in(page, live_server, filer, "enterprise")
    page.goto(f"{live_server.url}/enterprise/filings/releases/{release.pk}/")
    page.locator("#attach-cut").click()
    page.locator("form.cp-form [name=file]").set_input_files(str(film))
    fill(page, {"duration": "00:00:20"})
    page.locator("form.cp-form button[type=submit]").click()
    expect(page.locator("#cuts")).to_contain_text(film.name)
    page.locator("#submit-release").click()
    page.locator("form.cp-form button[type=submit]").click()

    # Act 6: the chief opens the screening room, watches under the watermark and comments.
    sign_in(page, live_server, chief, "gov")
    page.goto(f"{live_server.url}/gov/filings/releases/{release.pk}/screening/")
    page.locator("#open-session").click()
    expect(page.locator("#film")).to_be_visible()
    tile = page.locator("#watermark .cp-watermark-tile").first
    expect(tile).to_be_visible()
    expect(tile).to_contain_text(chief.name or chief.email)
    # Waited for inside the page, not polled with a string predicate: polling evaluates the
    # string again, which the page's script policy (no 'unsafe-eval') refuses.
    page.locator("#film").evaluate(
        "film => film.readyState >= 1 || new Promise(resolve =>"
        " film.addEventListener('loadedmetadata', () => resolve(true), {once: true}))"
    )
    fill(page, {"start": "00:00:05", "end": "00:00:08", "text": "追逐镜头撞击特写过长。"})
    page.locator("form.cp-form [name=category]").select_option("obscenity_violence")
    page.locator("#comment-form button[type=submit]").click()
    expect(page.locator("#comments .cp-seek")).to_have_text("00:00:05–00:00:08")

    # Act 7: the chief licenses the work in the review room.
    release.refresh_from_db()
    page.goto(f"{live_server.url}/gov/reviews/{release.review_case_id}/")
    form = page.locator("form:has(input[name=decision])")
    form.locator("input[name=decision][value=approve]").check()
    form.locator("button[type=submit]").click()
    confirm_decision(page)
    expect(page.locator("#case-state")).to_have_text(approved)

    # Assert 7: licensed by the bureau, the comment kept with its time code; no page broke
    # the CSP.
    release.refresh_from_db()
    assert release.state == enums.ReleaseState.LICENSED
    assert release.licence.number.startswith("（浙）网微剧审字")
    assert list(release.timed_comments.values_list("start_seconds", "end_seconds")) == [(5, 8)]
    assert browser_errors == []
