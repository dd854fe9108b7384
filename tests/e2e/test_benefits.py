"""A benefit from the claim to the desk, as the people would do it.

A person who works at a film company of the park opens My benefits, claims the park's gym
month and sees the QR code with its code. The park's desk person types the code at the
benefit desk and it is redeemed; typing it again is refused with the time it was redeemed.

A partner's offer goes to the partner's own desk: the park's desk refuses its code, naming the
partner, and the partner's desk in My Cloud Park redeems it.
"""

from types import SimpleNamespace

import pytest
from django.utils import translation
from playwright.sync_api import expect

from cloudpark.benefits.models import Claim
from cloudpark.orgs import enums as org_enums
from tests.factories import EnterpriseFactory, MembershipFactory, ParkFactory, UserFactory
from tests.factories.benefits import admitted_partner, partner_offer, published_offer

PASSWORD = "Zhijiang-benefits-2026"


def expected_texts(language):
    with translation.override(language):
        return SimpleNamespace(
            claim=translation.gettext("Claim"),
            redeem=translation.gettext("Redeem"),
            already=translation.gettext("Already redeemed: this code was used on %(time)s.")
            .split("%(time)s")[0]
            .strip(),
            own_desk=translation.gettext(
                "This code is for an offer of another provider, %(provider)s: it can be "
                "redeemed only at that provider's own desk."
            )
            .split("%(provider)s")[0]
            .strip(),
        )


def sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_person_claims_a_benefit_and_the_desk_redeems_it_once(
    live_server, page, language, browser_errors
):
    # Arrange: a park's gym month, a person of a film company in the park, the park's desk.
    park = ParkFactory(name="之江文化产业园", name_en="Zhijiang Cultural Industry Park")
    company = EnterpriseFactory(park=park, name="之江光影传媒有限公司")
    person = UserFactory(email="lin@zhijiang.example.cn", password=PASSWORD)
    MembershipFactory(user=person, organization=company, role=org_enums.Role.STAFF)
    desk = UserFactory(email="xu@park.example.cn", password=PASSWORD)
    MembershipFactory(user=desk, organization=park, role=org_enums.Role.STAFF)
    offer = published_offer(park, title="健身月卡", title_en="A month at the gym")
    texts = expected_texts(language)

    # Act 1: the person claims the offer from My benefits.
    sign_in(page, live_server, person)
    page.goto(f"{live_server.url}/me/benefits/")
    card = page.locator(".card", has_text=offer.title if language != "en" else offer.title_en)
    card.get_by_role("button", name=texts.claim).click()
    page.wait_for_url("**/me/benefits/codes/*/")

    # Assert 1: the QR code and the code are shown.
    claim = Claim.objects.get(user=person)
    expect(page.locator("#benefit-qr")).to_be_visible()
    expect(page.locator("#benefit-code")).to_have_text(claim.display_code)

    # Act 2: the desk types the code, then types it again.
    sign_in(page, live_server, desk)
    page.goto(f"{live_server.url}/park/benefits/desk/")
    code_box = page.locator("#checkin-form input[name=code]")
    code_box.fill(claim.display_code)
    page.locator("#checkin-form").get_by_role("button", name=texts.redeem).click()
    expect(page.locator("#checkin-message.alert-success")).to_be_visible()
    claim.refresh_from_db()
    assert claim.redeemed_at is not None
    code_box.fill(claim.display_code)
    page.locator("#checkin-form").get_by_role("button", name=texts.redeem).click()

    # Assert 2: the second redemption is refused with the time of the first.
    refusal = page.locator("#checkin-message.alert-warning")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text(texts.already)
    assert browser_errors == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_partners_code_is_redeemed_at_the_partners_own_desk(
    live_server, page, language, browser_errors
):
    # Arrange: a fitness studio the park admitted, its month, a person of the park, two desks.
    park = ParkFactory(name="之江文化产业园", name_en="Zhijiang Cultural Industry Park")
    company = EnterpriseFactory(park=park, name="之江光影传媒有限公司")
    person = UserFactory(email="lin@zhijiang.example.cn", password=PASSWORD)
    MembershipFactory(user=person, organization=company, role=org_enums.Role.STAFF)
    park_desk = UserFactory(email="xu@park.example.cn", password=PASSWORD)
    MembershipFactory(user=park_desk, organization=park, role=org_enums.Role.STAFF)
    studio = admitted_partner(park, name="山野健身工作室", name_en="Hillside Fitness Studio")
    studio_desk = UserFactory(email="gao@studio.example.cn", password=PASSWORD)
    MembershipFactory(user=studio_desk, organization=studio, role=org_enums.Role.STAFF)
    offer = partner_offer(studio, [park], title="健身月卡", title_en="A month at the studio")
    texts = expected_texts(language)

    # Act 1: the person claims the studio's offer.
    sign_in(page, live_server, person)
    page.goto(f"{live_server.url}/me/benefits/")
    card = page.locator(".card", has_text=offer.title if language != "en" else offer.title_en)
    card.get_by_role("button", name=texts.claim).click()
    page.wait_for_url("**/me/benefits/codes/*/")
    claim = Claim.objects.get(user=person)

    # Act 2: the park's desk is refused; the studio's own desk redeems it.
    sign_in(page, live_server, park_desk)
    page.goto(f"{live_server.url}/park/benefits/desk/")
    page.locator("#checkin-form input[name=code]").fill(claim.display_code)
    page.locator("#checkin-form").get_by_role("button", name=texts.redeem).click()
    refusal = page.locator("#checkin-message.alert-danger")
    expect(refusal).to_contain_text(texts.own_desk)
    sign_in(page, live_server, studio_desk)
    page.goto(f"{live_server.url}/me/partner/benefits/desk/")
    page.locator("#checkin-form input[name=code]").fill(claim.display_code)
    page.locator("#checkin-form").get_by_role("button", name=texts.redeem).click()

    # Assert: redeemed once, at the studio's desk, by its person.
    expect(page.locator("#checkin-message.alert-success")).to_be_visible()
    claim.refresh_from_db()
    assert claim.redeemed_by == studio_desk
    assert browser_errors == []
