"""The zone's and a park's dashboards: what they say, in both languages, the filters and the
drill-through, what another park cannot see, the workbook, and the queries a page costs."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.dashboards.figures import LAST, build_zone, category
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def zone(db):
    return build_zone()


def charts_of(response):
    return {chart.key: chart for chart in response.context["board"].charts}


@pytest.mark.parametrize(
    ("language", "takeaway"),
    [("en", "on a comparable basis"), ("zh-hans", "按可比口径")],
)
def test_the_zone_dashboard_speaks_the_readers_language(client, zone, language, takeaway):
    client.force_login(admin_of(zone.government))

    response = client.get(reverse("government:dashboard"), HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    page = response.content.decode()
    assert takeaway in page
    assert 'id="chart-data-revenue_taxes"' in page
    assert "<script>" not in page  # data only, drawn by the static script


def test_the_zone_dashboard_counts_only_the_parks_in_its_care(client, zone):
    client.force_login(admin_of(zone.government))

    charts = charts_of(client.get(reverse("government:dashboard")))

    parks = {row.label for row in charts["by_park"].rows}
    assert parks == {zone.park.display_name, zone.second_park.display_name}
    revenue = charts["revenue_taxes"].rows[-1]
    assert revenue.label == str(LAST)
    assert revenue.cells[0] == 1200 + 380 + 5000 + 3000  # not the outside park's 9,999


def test_filters_narrow_the_board_and_the_rows_drill_to_the_enterprise_list(client, zone):
    client.force_login(admin_of(zone.government))
    media = category("02")

    response = client.get(
        reverse("government:dashboard"), {"park": zone.park.pk, "category": media.pk}
    )

    charts = charts_of(response)
    assert "by_park" not in charts
    row = charts["by_category"].rows[0]
    assert row.cells[1] == 3  # film, studio and the newcomer
    assert row.link == (
        reverse("government:enterprise_list") + f"?park={zone.park.pk}&category={media.pk}"
    )
    listed = client.get(row.link)
    assert set(listed.context["rows"]) == {zone.film, zone.studio, zone.newcomer}


def test_a_park_sees_its_own_board_and_another_park_is_not_found(client, zone):
    client.force_login(admin_of(zone.park))

    response = client.get(reverse("park:dashboard"))

    charts = charts_of(response)
    assert charts["revenue_taxes"].rows[-1].cells[0] == 1200 + 380 + 5000
    government = admin_of(zone.government)
    client.force_login(government)
    outside = client.get(reverse("government:dashboard"), {"park": zone.outside_park.pk})
    assert outside.status_code == 404


def test_the_workbook_holds_each_chart_with_its_definitions_and_the_filters(client, zone):
    client.force_login(admin_of(zone.government))

    response = client.get(reverse("government:dashboard"), {"park": zone.park.pk, "format": "xlsx"})

    workbook = load_workbook(BytesIO(response.content))
    first = [[cell.value for cell in row] for row in workbook.worksheets[0].iter_rows()]
    assert [str(LAST)] == [row[1] for row in first if row[0] == "Year"]
    assert [zone.park.display_name] == [row[1] for row in first if row[0] == "Park"]
    sheet = workbook["Revenue and taxes"]
    values = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2) if row[0].value}
    assert values[str(LAST)] == 1200 + 380 + 5000
    assert any(str(key).startswith("Definition: Revenue") for key in values)


def test_an_empty_store_still_shows_a_board(client, park):
    client.force_login(admin_of(park))

    response = client.get(reverse("park:dashboard"))

    assert response.status_code == 200
    assert "No figures have been computed yet" in response.content.decode()


@pytest.mark.parametrize("more", [0, 4])
@pytest.mark.parametrize(
    ("name", "who", "queries", "kept"),
    [
        ("government:dashboard", "government", 26, 3),
        ("park:dashboard", "park", 23, 3),
        ("enterprise:dashboard", "film", 13, 3),
    ],
)
def test_a_dashboard_costs_the_same_queries_however_many_enterprises(
    client, zone, django_assert_num_queries, more, name, who, queries, kept
):
    """The first request works the board out; the next one reads it from the cache."""
    from cloudpark.dashboards import services
    from tests.factories import EnterpriseFactory
    from tests.factories.jobs import published_posting

    for _ in range(more):
        enterprise = EnterpriseFactory(park=zone.park, category=category("031"))
        services.report_figures(
            enterprise, year=LAST, actor=admin_of(zone.park), revenue=10, staff_count=1
        )
        # Records behind the live charts cost no more queries either.
        published_posting(enterprise)
        published_posting(zone.film)
    services.refresh_figures()
    client.force_login(admin_of(getattr(zone, who)))

    with django_assert_num_queries(queries):
        first = client.get(reverse(name))
    with django_assert_num_queries(kept):
        again = client.get(reverse(name))

    assert first.status_code == again.status_code == 200
    assert again.context["board"] == first.context["board"]
    assert charts_markup(again) == charts_markup(first)


def charts_markup(response):
    """The rendered charts (the page around them carries a nonce of its own per request)."""
    page = response.content.decode()
    return page[page.index('<div class="row g-4">') : page.index("vendor/echarts")]


def kpi_value(board, code):
    return next(kpi.value for kpi in board.kpis if kpi.metric.code == code)


def test_a_kept_board_shows_the_new_figures_once_the_store_is_refreshed(client, zone):
    from cloudpark.dashboards import services
    from tests.dashboards.figures import report

    client.force_login(admin_of(zone.government))
    before = client.get(reverse("government:dashboard"))

    report(zone.silent, LAST, 500, 20, 8)
    services.refresh_figures()
    after = client.get(reverse("government:dashboard"))

    assert kpi_value(before.context["board"], "revenue") == Decimal("9580.00")
    assert kpi_value(after.context["board"], "revenue") == Decimal("10080.00")
    assert 'data-metric="revenue">10,080' in after.content.decode()


def test_a_kept_board_shows_a_new_record_of_a_live_chart(client, zone):
    from tests.factories.jobs import published_posting

    client.force_login(admin_of(zone.park))
    before = charts_of(client.get(reverse("park:dashboard")))["jobs"]

    published_posting(zone.film)
    after = charts_of(client.get(reverse("park:dashboard")))["jobs"]

    assert sum(row.cells[0] for row in before.rows) == 0
    assert sum(row.cells[0] for row in after.rows) == 1


def test_a_board_is_kept_for_its_own_organisation_only(client, zone):
    client.force_login(admin_of(zone.government))
    client.get(reverse("government:dashboard"))
    client.force_login(admin_of(zone.second_park))

    board = client.get(reverse("park:dashboard")).context["board"]

    assert kpi_value(board, "enterprises") == 2


def test_the_filters_reload_the_whole_board(client, zone):
    client.force_login(admin_of(zone.government))

    page = client.get(reverse("government:dashboard")).content.decode()
    listing = client.get(reverse("government:enterprise_list")).content.decode()

    assert 'role="search" hx-get' not in page
    assert 'role="search" hx-get' in listing


def test_an_enterprise_sees_its_figures_against_its_parks_median(client, zone):
    client.force_login(admin_of(zone.film))

    response = client.get(reverse("enterprise:dashboard"))

    chart = charts_of(response)["against_park"]
    last = chart.rows[-1]
    assert last.label == str(LAST)
    # The park's three reports of the last year: 380, 1,200 and 5,000.
    assert last.cells[:2] == [1200, 1200]
    assert "1,200" in chart.takeaway
    # Only two of the park's enterprises reported the year before: no median is shown.
    assert chart.rows[0].cells[1] is None


def test_the_enterprise_board_downloads_as_a_workbook(client, zone):
    client.force_login(admin_of(zone.film))

    response = client.get(reverse("enterprise:dashboard"), {"format": "xlsx"})

    sheet = load_workbook(BytesIO(response.content)).worksheets[1]
    assert [cell.value for cell in sheet[2]][:3] == [str(LAST - 1), 1000, None]


def test_funds_granted_are_charted_by_year_and_programme_type(client, zone, media_root):
    from decimal import Decimal

    from django.utils import timezone

    from tests.factories.programs import ProgrammeFactory, approved

    granted = approved(ProgrammeFactory(), zone.film, amount=Decimal("150000"))
    approved(ProgrammeFactory(), zone.outsider, amount=Decimal("180000"))  # outside the care
    client.force_login(admin_of(zone.government))

    latest = client.get(reverse("government:dashboard"), {"year": LAST})
    earlier = client.get(reverse("government:dashboard"), {"year": LAST - 1})

    # Granted this year: on the latest year's board, not on an earlier year's.
    assert granted.decided_at.year == timezone.localdate().year
    assert "funds" not in charts_of(earlier)
    funds = charts_of(latest)["funds"]
    assert [(row.label, row.cells) for row in funds.rows] == [
        (str(granted.decided_at.year), [Decimal("15.00")])
    ]
    assert "15" in funds.takeaway
