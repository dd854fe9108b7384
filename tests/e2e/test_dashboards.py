"""A government user reads the zone's dashboard in the browser: a takeaway in their
language, a filter to one park, a drill-through to the enterprises behind a row, and the
workbook, whose figures are the table's.
"""

from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook
from playwright.sync_api import expect

from cloudpark.orgs import enums as org_enums
from tests.dashboards.figures import LAST, build_zone
from tests.factories import MembershipFactory, UserFactory

PASSWORD = "Dashboards-scenario-2024"


def sign_in(page, live_server, user, landing):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/{landing}/")


def number(text):
    return None if text.strip() in ("—", "") else Decimal(text.replace(",", "").rstrip("%"))


@pytest.mark.parametrize("browser_locale", ["zh-CN", "en-US"])
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_zone_dashboard_is_read_filtered_drilled_and_downloaded(
    live_server, page, language, browser_errors, tmp_path
):
    # Arrange: two parks in the bureau's care with three years of reported figures.
    zone = build_zone()
    officer = UserFactory(email="officer@bureau.example.cn", password=PASSWORD)
    MembershipFactory(user=officer, organization=zone.government, role=org_enums.Role.STAFF)
    with translation.override(language):
        comparable = (
            translation.gettext("on a comparable basis") if language == "en" else "按可比口径"
        )
        park_name = zone.park.display_name
        film_name = zone.film.display_name

    # Act 1: the officer opens the dashboard and reads the revenue chart's takeaway.
    sign_in(page, live_server, officer, "gov")
    page.goto(f"{live_server.url}/gov/dashboard/")
    revenue = page.locator("#chart-revenue_taxes")
    expect(revenue.locator(".cp-takeaway")).to_contain_text(comparable)
    expect(
        page.locator("#chart-by_park .cp-chart svg, #chart-by_park .cp-chart canvas").first
    ).to_be_visible()

    # Act 2: they narrow the board to one park with the filters.
    page.locator("form.cp-filter select[name=park]").select_option(str(zone.park.pk))
    page.locator("form.cp-filter button[type=submit]").click()
    expect(page).to_have_url(
        f"{live_server.url}/gov/dashboard/?year={LAST}&park={zone.park.pk}&category="
    )
    expect(page.locator("#chart-by_park")).to_have_count(0)
    expect(page.locator('.cp-kpis [data-metric="revenue"]')).to_contain_text("6,580")

    # Act 3: the workbook of the filtered board holds the table's figures.
    revenue.locator("summary").first.click()
    cells = revenue.locator("table tbody tr").all()
    table = {
        row.locator("th").inner_text(): [
            number(cell.inner_text()) for cell in row.locator("td").all()
        ]
        for row in cells
    }
    with page.expect_download() as download:
        page.get_by_role(
            "link", name="Export to Excel" if language == "en" else "导出Excel"
        ).click()
    path = tmp_path / "dashboard.xlsx"
    download.value.save_as(path)
    workbook = load_workbook(path)
    with translation.override(language):
        sheet = workbook[translation.gettext("Revenue and taxes")]
    rows = {
        str(row[0]): [None if value is None else Decimal(str(value)) for value in row[1:6]]
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[0] and str(row[0]).isdigit()
    }
    assert rows == table
    assert table[str(LAST)][0] == 6580
    assert any(park_name == row[1] for row in workbook.worksheets[0].iter_rows(values_only=True))

    # Act 4: a year's row drills through to the enterprises of that park.
    revenue.locator(f"table tbody tr:has-text('{LAST}') a").click()
    expect(page).to_have_url(f"{live_server.url}/gov/enterprises/?park={zone.park.pk}")
    expect(page.locator("#list-rows")).to_contain_text(film_name)
    expect(page.locator("#list-rows")).not_to_contain_text(zone.silent.display_name)

    assert browser_errors == []
