"""A job from the search box to the signed offer, as the people would do it.

A person fills in a résumé, finds a job by a two-character search and applies: first
without the consent (refused at the box), then with it. The enterprise sees the candidate
masked, invites them to an interview; the person accepts it, and the enterprise then sees
the contact; it makes an offer, which the person accepts. A posting past its validity date
leaves the public list by itself.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from cloudpark.core.models import AuditEntry
from cloudpark.jobs.models import Application, JobPosting
from cloudpark.orgs import enums as org_enums
from tests.factories import EnterpriseFactory, MembershipFactory, ParkFactory, UserFactory
from tests.factories.jobs import HANGZHOU, XIHU, JobPostingFactory, region

PASSWORD = "Zhijiang-jobs-2026"
MOBILE = "13912345678"


def expected_texts(language):
    with translation.override(language):
        return SimpleNamespace(
            consent_needed=translation.gettext(
                "Agree to give this employer your résumé: without your consent it cannot be sent."
            ),
        )


def sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_person_finds_a_job_applies_with_consent_and_is_hired(
    live_server, page, language, browser_errors, tmp_path
):
    # Arrange: a film company of a park posts an editor's job and an internship; a person
    # with an account and the company's administrator.
    park = ParkFactory(name="之江文化产业园", name_en="Zhijiang Cultural Industry Park")
    company = EnterpriseFactory(park=park, name="之江光影传媒有限公司")
    employer = UserFactory(email="hr@zhijiang.example.cn", password=PASSWORD)
    MembershipFactory(user=employer, organization=company, role=org_enums.Role.ADMIN)
    person = UserFactory(email="wang@example.cn", name="王梓涵", mobile=MOBILE, password=PASSWORD)
    editor = JobPostingFactory(enterprise=company, published=True, title="网络剧剪辑师")
    internship = JobPostingFactory(
        enterprise=company,
        published=True,
        title="动画实习生",
        category="animation",
        description="协助制作动画分镜。",
        conditions="",
        skills=[],
    )
    texts = expected_texts(language)
    state = page.locator("[data-state]").first

    # Act 1: the person fills in a résumé.
    sign_in(page, live_server, person)
    page.goto(f"{live_server.url}/me/resume/")
    form = page.locator("#resume-form")
    form.locator("input[name=headline]").fill("剧集剪辑师")
    form.locator("select[name=city]").select_option(str(region(HANGZHOU).pk))
    form.locator("select[name=district]").select_option(str(region(XIHU).pk))
    form.locator("input[name=categories][value=editing]").check()
    form.locator("select[name=experience]").select_option("3-5")
    form.locator("select[name=education]").select_option("bachelor")
    form.locator("input[name=skills]").fill("达芬奇，调色")
    form.locator("input[name=visibility][value=on_apply]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator(".cp-messages .alert-success")).to_be_visible()

    # Act 2: it finds the editor's job by a two-character search.
    page.goto(f"{live_server.url}/jobs/")
    # The list's own search box, not the site's in the menu.
    page.locator("#main input[name=q]").fill("剪辑")
    page.locator("#main input[name=q]").press("Enter")
    rows = page.locator("#list-rows li")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("网络剧剪辑师")
    rows.first.locator("a").first.click()
    expect(page.locator("script[type='application/ld+json']")).to_have_count(1)

    # Act 3: it applies, first without ticking the consent, then with it.
    page.locator(f"a[href='/me/jobs/{editor.pk}/apply/']").click()
    page.locator("#apply-form button[type=submit]").click()
    expect(page.locator("#apply-form")).to_contain_text(texts.consent_needed)
    assert Application.objects.count() == 0
    page.locator("#apply-form input[name=consent]").check()
    page.locator("#apply-form button[type=submit]").click()
    expect(state).to_have_attribute("data-state", "applied")
    application = Application.objects.get()

    # Act 4: the enterprise sees the candidate masked and invites them to an interview.
    sign_in(page, live_server, employer)
    page.goto(f"{live_server.url}/enterprise/job-applications/{application.pk}/")
    expect(page.locator("#contact-mobile")).to_have_text("139****5678")
    expect(page.locator("body")).not_to_contain_text(MOBILE)
    move = page.locator("form[action$='/move/']")
    move.locator("select[name=target]").select_option("interview")
    move.locator("textarea[name=note]").fill("周三下午两点，园区A座三楼")
    move.locator("button[type=submit]").click()
    expect(state).to_have_attribute("data-state", "interview")
    expect(page.locator("#contact-mobile")).to_have_text("139****5678")

    # Act 5: the person accepts the interview.
    sign_in(page, live_server, person)
    page.goto(f"{live_server.url}/me/job-applications/{application.pk}/")
    page.locator("form[action$='/accept-interview/'] button").click()
    expect(page.locator(".cp-messages .alert-success")).to_be_visible()

    # Assert 5: the enterprise now sees the contact, and the showing is recorded.
    sign_in(page, live_server, employer)
    page.goto(f"{live_server.url}/enterprise/job-applications/{application.pk}/")
    expect(page.locator("#contact-mobile")).to_have_text(MOBILE)
    assert AuditEntry.objects.filter(action="jobs.application.contact_revealed").count() == 1

    # Act 6: it makes an offer, which the person accepts.
    move = page.locator("form[action$='/move/']")
    move.locator("select[name=target]").select_option("offer")
    move.locator("button[type=submit]").click()
    expect(state).to_have_attribute("data-state", "offer")
    sign_in(page, live_server, person)
    page.goto(f"{live_server.url}/me/job-applications/{application.pk}/")
    page.locator("form[action$='/accept-offer/'] button").click()
    expect(state).to_have_attribute("data-state", "hired")

    # Act 7: the internship runs past its date, as time would have it.
    page.goto(f"{live_server.url}/jobs/")
    expect(page.locator("#list-rows")).to_contain_text("动画实习生")
    JobPosting.objects.filter(pk=internship.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    page.reload()

    # Assert 7: it has left the list; the editor's job is still there.
    expect(page.locator("#list-rows")).not_to_contain_text("动画实习生")
    expect(page.locator("#list-rows")).to_contain_text("网络剧剪辑师")
    page.screenshot(path=tmp_path / "jobs.png", full_page=True)
    assert browser_errors == []
