"""Supply and demand from a posted venue to a closed deal, as the people would do it.

The studio company's administrator posts a venue offer and publishes it. The film company,
which needs a venue in the same park on overlapping days, finds it among its matches with
the reason, and proposes an introduction. The studio company accepts; each side now sees the
other's contact in full. The film company closes the introduction with the deal's value.
"""

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from cloudpark.market.enums import IntroductionState
from cloudpark.market.models import Introduction, Post
from cloudpark.orgs import enums as org_enums
from tests.e2e.dialogs import answer_confirmation
from tests.factories import EnterpriseFactory, MembershipFactory, ParkFactory, UserFactory
from tests.factories.market import published_need

PASSWORD = "Zhijiang-market-2026"


def expected_texts(language):
    with translation.override(language):
        return SimpleNamespace(
            within_budget=translation.gettext("within budget"),
            deal=translation.gettext("Closed with a deal"),
        )


def sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_venue_offer_is_matched_introduced_accepted_and_closed_with_a_deal(
    live_server, page, language, browser_errors
):
    # Arrange: two companies of one park, each with its administrator; the film company
    # needs a venue on days that overlap the studio's, within its budget.
    today = timezone.localdate()
    park = ParkFactory(name="之江文化产业园", name_en="Zhijiang Cultural Industry Park")
    studio_company = EnterpriseFactory(park=park, name="之江影棚服务有限公司")
    film_company = EnterpriseFactory(park=park, name="之江光影传媒有限公司")
    studio_owner = UserFactory(email="zhou@studio.example.cn", password=PASSWORD)
    MembershipFactory(user=studio_owner, organization=studio_company, role=org_enums.Role.ADMIN)
    film_owner = UserFactory(
        email="lin@film.example.cn", password=PASSWORD, mobile="13806712345", name="林思远"
    )
    MembershipFactory(user=film_owner, organization=film_company, role=org_enums.Role.ADMIN)
    published_need(
        film_company,
        park=park,
        available_from=today + timedelta(days=15),
        available_until=today + timedelta(days=25),
    )
    texts = expected_texts(language)
    shared_days = f"{today + timedelta(days=15):%Y-%m-%d} – {today + timedelta(days=20):%Y-%m-%d}"

    # Act 1: the studio company posts a venue offer and publishes it.
    sign_in(page, live_server, studio_owner)
    page.goto(f"{live_server.url}/enterprise/market/posts/new/")
    form = page.locator("form.cp-form")
    form.locator("select[name=direction]").select_option("offer")
    form.locator("select[name=kind]").select_option("venue")
    form.locator("input[name=title]").fill("二号摄影棚出租")
    form.locator("input[name=title_en]").fill("Studio 2 to let")
    form.locator("input[name=price_min]").fill("6000")
    form.locator("input[name=price_max]").fill("9000")
    form.locator("input[name=available_from]").fill((today + timedelta(days=5)).isoformat())
    form.locator("input[name=available_until]").fill((today + timedelta(days=20)).isoformat())
    form.locator("input[name=valid_until]").fill((today + timedelta(days=40)).isoformat())
    form.locator("input[name=contact_name]").fill("周晓岚")
    form.locator("input[name=contact_phone]").fill("13957100211")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/enterprise/market/posts/*/")
    page.locator("form[action$='/publish/'] button[type=submit]").click()
    offer = Post.objects.get(enterprise=studio_company)
    assert offer.is_live

    # Assert 1: the film company sees the offer among its matches, with the reason.
    sign_in(page, live_server, film_owner)
    page.goto(f"{live_server.url}/enterprise/market/matches/")
    match = page.locator("article", has_text="二号摄影棚出租" if language != "en" else "Studio 2")
    expect(match).to_be_visible()
    reason = match.locator(".cp-match-reason")
    expect(reason).to_contain_text(shared_days)
    expect(reason).to_contain_text(texts.within_budget)

    # Act 2: it proposes an introduction; the studio's contact is still masked.
    match.locator("a[href*='/enterprise/market/propose/']").click()
    expect(page.get_by_text("139****0211")).to_be_visible()
    page.locator("form.cp-form textarea[name=message]").fill("剧组想看棚，下周可否？")
    page.locator("form.cp-form button[type=submit]").click()
    page.wait_for_url("**/enterprise/market/introductions/*/")
    introduction = Introduction.objects.get()
    assert introduction.state == IntroductionState.PROPOSED

    # Act 3: the studio company accepts, and sees the film company's contact in full.
    sign_in(page, live_server, studio_owner)
    page.goto(f"{live_server.url}/enterprise/market/introductions/{introduction.pk}/")
    page.locator("form[action$='/accept/'] button[type=submit]").click()
    expect(page.locator("[data-contact=revealed]")).to_contain_text("13806712345")

    # Act 4: the film company sees the studio's contact and closes with the deal's value.
    sign_in(page, live_server, film_owner)
    page.goto(f"{live_server.url}/enterprise/market/introductions/{introduction.pk}/")
    expect(page.locator("[data-contact=revealed]")).to_contain_text("13957100211")
    page.locator("input[name=deal_value]").fill("42000")
    page.locator("form[action$='/close/'] button[type=submit]").click()
    answer_confirmation(page)

    # Assert 2: closed with the deal, both reveals audited.
    expect(page.locator(".badge", has_text=texts.deal)).to_be_visible()
    introduction.refresh_from_db()
    assert (introduction.state, introduction.deal_value) == (
        IntroductionState.DEAL,
        Decimal("42000.00"),
    )
    assert browser_errors == []
