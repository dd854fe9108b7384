"""Financing from a published need to a granted loan, as the people would do it.

The film company's administrator publishes a need without its amount (refused at the box),
then with it; the need's page shows the bank's copyright loan with the reasons it fits and
the company qualifies; she requests an introduction. The bank's loan officer, at the finance
desk of My Cloud Park, moves it to contacted, then into review, then to granted with the
amount, the all-in cost and the date; the company sees the grant.
"""

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from cloudpark.finance.enums import IntroductionState
from cloudpark.finance.models import Introduction
from cloudpark.orgs import enums as org_enums
from tests.factories import EnterpriseFactory, MembershipFactory, ParkFactory, UserFactory
from tests.factories.finance import FinancialInstitutionFactory, published_product

PASSWORD = "Zhijiang-finance-2026"


def expected_texts(language):
    with translation.override(language):
        return SimpleNamespace(
            amount_needed=translation.gettext("Say how much the enterprise needs to raise."),
            staff_reason=translation.gettext("%(staff)s staff, within %(range)s.")
            % {
                "staff": 30,
                "range": translation.gettext("%(min)s to %(max)s") % {"min": 5, "max": 500},
            },
            granted=translation.gettext("Granted"),
        )


def sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_enterprise_publishes_a_need_and_the_bank_grants_the_loan(
    live_server, page, language, browser_errors
):
    # Arrange: a film company of a park and its administrator; a bank with a published
    # copyright loan, and its loan officer.
    park = ParkFactory(name="之江文化产业园", name_en="Zhijiang Cultural Industry Park")
    company = EnterpriseFactory(park=park, name="之江光影传媒有限公司")
    owner = UserFactory(email="shen@zhijiang.example.cn", password=PASSWORD)
    MembershipFactory(user=owner, organization=company, role=org_enums.Role.ADMIN)
    bank = FinancialInstitutionFactory()
    officer = UserFactory(email="he@bank.example.cn", password=PASSWORD)
    MembershipFactory(user=officer, organization=bank.organization, role=org_enums.Role.STAFF)
    loan = published_product(bank, name="影视版权质押贷", name_en="Film copyright pledge loan")
    texts = expected_texts(language)
    valid_until = (timezone.localdate() + timedelta(days=60)).isoformat()

    # Act 1: the administrator publishes a need, first without its amount.
    sign_in(page, live_server, owner)
    page.goto(f"{live_server.url}/enterprise/finance/needs/new/")
    form = page.locator("form.cp-form")
    form.locator("input[name=term]").fill("12")
    form.locator("input[name=purpose]").fill("网络剧后期制作周转")
    form.locator("select[name=stage]").select_option("growing")
    form.locator("input[name=collateral][value=copyright]").check()
    form.locator("input[name=target_cost]").fill("4.50")
    form.locator("input[name=valid_until]").fill(valid_until)
    form.locator("button[type=submit]").click()
    expect(page.get_by_text(texts.amount_needed)).to_be_visible()
    page.locator("form.cp-form input[name=amount]").fill("200")
    page.locator("form.cp-form button[type=submit]").click()

    # Assert 1: the need's page shows the loan with the reason the company qualifies.
    match = page.locator("article", has_text=loan.name if language != "en" else loan.name_en)
    expect(match).to_be_visible()
    expect(match.get_by_text(texts.staff_reason)).to_be_visible()

    # Act 2: she requests an introduction.
    match.locator("textarea[name=message]").fill("可提供版权登记证书。")
    match.locator("button[type=submit]").click()
    page.wait_for_url("**/enterprise/finance/introductions/*/")
    introduction = Introduction.objects.get()
    assert introduction.state == IntroductionState.SENT

    # Act 3: the loan officer moves it on to granted from the finance desk.
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/me/finance/introductions/")
    page.locator(f"a[href$='/me/finance/introductions/{introduction.pk}/']").click()
    for step in ("contacted", "in_review"):
        page.locator("select[name=target]").select_option(step)
        page.locator("form.cp-form button[type=submit]").click()
        page.wait_for_load_state()
    page.locator("select[name=target]").select_option("granted")
    page.locator("input[name=granted_amount]").fill("180")
    page.locator("input[name=granted_rate]").fill("3.90")
    page.locator("input[name=granted_on]").fill(timezone.localdate().isoformat())
    page.locator("form.cp-form button[type=submit]").click()
    expect(page.locator(".alert-success[role=status]").first).to_be_visible()

    # Assert 2: granted, with its figures; the company sees the grant.
    introduction.refresh_from_db()
    assert (introduction.state, introduction.granted_amount, introduction.granted_rate) == (
        IntroductionState.GRANTED,
        Decimal("180.00"),
        Decimal("3.90"),
    )
    sign_in(page, live_server, owner)
    page.goto(f"{live_server.url}/enterprise/finance/introductions/{introduction.pk}/")
    expect(page.locator(".badge", has_text=texts.granted)).to_be_visible()
    assert browser_errors == []
