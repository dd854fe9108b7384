"""A work from its entry in the register to a pledge the bank verifies, as the people would
do it.

The film company's administrator enters a registered series with its number in the wrong
form (refused at the box), then in the right one; grants an exclusive online licence for the
mainland; tries a second, overlapping one (refused, with the licence it collides with);
records the pledge of the series to the bank. The bank's loan officer, at the finance desk of
My Cloud Park, looks the pledge up by its number and sees the holder, the work and the amount.
"""

from types import SimpleNamespace

import pytest
from django.utils import translation
from playwright.sync_api import expect

from cloudpark.copyright.models import Licence, Pledge, Work
from cloudpark.orgs import enums as org_enums
from tests.e2e.test_finance import PASSWORD, sign_in
from tests.factories import EnterpriseFactory, MembershipFactory, ParkFactory, UserFactory
from tests.factories.finance import FinancialInstitutionFactory

NUMBER = "国作登字-2025-L-00418236"
PLEDGE = "ZQ-2026-330106-0099"


def expected_texts(language):
    with translation.override(language):
        return SimpleNamespace(
            number_form=translation.gettext(
                "A work registration number reads 国作登字-year-letter-eight digits, "
                "as %(example)s."
            )
            % {"example": "国作登字-2026-A-00037559"},
            overlap=translation.gettext(
                "This overlaps the exclusive licence to %(licensee)s (%(start)s to %(end)s) in "
                "medium, territory and term."
            )
            % {"licensee": "鲸影视频科技有限公司", "start": "2026-01-01", "end": "2027-12-31"},
            in_force=translation.pgettext("pledge", "In force"),
        )


def fill_licence(page, *, licensee, starts_on, ends_on):
    form = page.locator("form.cp-form")
    form.locator("input[name=licensee_name]").fill(licensee)
    form.locator("input[name=exclusive]").check()
    form.locator("input[name=media][value=online]").check()
    form.locator("input[name=territory][value=mainland]").check()
    form.locator("input[name=starts_on]").fill(starts_on)
    form.locator("input[name=ends_on]").fill(ends_on)
    form.locator("input[name=fee]").fill("180")
    form.locator("button[type=submit]").click()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_enterprise_registers_licenses_and_pledges_a_work_and_the_bank_verifies_it(
    live_server, page, language, browser_errors
):
    # Arrange: a film company and its administrator; a bank and its loan officer.
    park = ParkFactory(name="之江文化产业园", name_en="Zhijiang Cultural Industry Park")
    company = EnterpriseFactory(park=park, name="之江光影传媒有限公司")
    owner = UserFactory(email="shen@zhijiang.example.cn", password=PASSWORD)
    MembershipFactory(user=owner, organization=company, role=org_enums.Role.ADMIN)
    bank = FinancialInstitutionFactory()
    officer = UserFactory(email="he@bank.example.cn", password=PASSWORD)
    MembershipFactory(user=officer, organization=bank.organization, role=org_enums.Role.STAFF)
    texts = expected_texts(language)

    # Act 1: the administrator enters the series, first with its number in the wrong form.
    sign_in(page, live_server, owner)
    page.goto(f"{live_server.url}/enterprise/copyright/works/new/")
    form = page.locator("form.cp-form")
    form.locator("input[name=title]").fill("转塘夜话")
    form.locator("select[name=category]").select_option("audiovisual")
    form.locator("select[name=audiovisual_kind]").select_option("tv_series")
    form.locator("input[name=owner_name]").fill("之江光影传媒有限公司")
    form.locator("input[name=authors]").fill("沈若溪")
    form.locator("input[name=completed_on]").fill("2024-08-30")
    form.locator("input[name=registration_number]").fill("国作登字2025L00418236")
    form.locator("button[type=submit]").click()
    expect(page.locator("input[name=registration_number].is-invalid")).to_be_visible()
    expect(page.get_by_text(texts.number_form)).to_be_visible()
    assert not Work.objects.exists()
    page.locator("form.cp-form input[name=registration_number]").fill(NUMBER)
    page.locator("form.cp-form button[type=submit]").click()
    page.wait_for_url("**/enterprise/copyright/works/*/")
    work = Work.objects.get()
    assert work.is_registered

    # Act 2: an exclusive online licence for the mainland, then a second overlapping one.
    page.goto(f"{live_server.url}/enterprise/copyright/works/{work.pk}/licences/new/")
    fill_licence(
        page, licensee="鲸影视频科技有限公司", starts_on="2026-01-01", ends_on="2027-12-31"
    )
    page.wait_for_url(f"**/enterprise/copyright/works/{work.pk}/")
    page.goto(f"{live_server.url}/enterprise/copyright/works/{work.pk}/licences/new/")
    fill_licence(page, licensee="另一家视频平台", starts_on="2027-01-01", ends_on="2028-06-30")
    expect(page.get_by_text(texts.overlap)).to_be_visible()
    assert Licence.objects.count() == 1

    # Act 3: the series is pledged to the bank.
    page.goto(f"{live_server.url}/enterprise/copyright/works/{work.pk}/pledges/new/")
    form = page.locator("form.cp-form")
    form.locator("select[name=pledgee]").select_option(str(bank.pk))
    form.locator("input[name=number]").fill(PLEDGE)
    form.locator("input[name=amount]").fill("600")
    form.locator("input[name=starts_on]").fill("2026-01-01")
    form.locator("input[name=ends_on]").fill("2027-06-30")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**/enterprise/copyright/works/{work.pk}/")
    assert Pledge.objects.get().number == PLEDGE

    # Assert: the loan officer verifies the pledge by its number at the finance desk.
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/me/finance/pledges/")
    page.locator("input[name=number]").fill(PLEDGE)
    page.locator("main form button[type=submit]").click()
    result = page.locator("section", has_text=PLEDGE)
    expect(result).to_be_visible()
    with translation.override(language):
        holder = company.display_name
    expect(result.get_by_text(holder)).to_be_visible()
    expect(result.get_by_text("600.00")).to_be_visible()
    expect(result.locator(".badge", has_text=texts.in_force)).to_be_visible()
    assert browser_errors == []
