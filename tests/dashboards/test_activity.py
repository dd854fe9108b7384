"""The live charts of the boards (job postings and hires, culture-finance grants,
supply-and-demand deals, drama filings, awards, event attendance) against the records behind
them, the enterprise's own activity, the export of one chart, and the refresh enqueued once
per transaction."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cloudpark.core.errors import DomainError
from cloudpark.dashboards import boards, services
from cloudpark.finance import enums as finance_enums
from cloudpark.finance.models import Introduction
from cloudpark.jobs import enums as job_enums
from cloudpark.jobs.models import Application, JobPosting
from cloudpark.market import services as market_services
from cloudpark.portals.base import Portal
from cloudpark.portals.shared.dashboards import records_address
from tests.dashboards.figures import LAST, build_zone
from tests.factories import EnterpriseFactory
from tests.factories.finance import published_need, requested_introduction
from tests.factories.jobs import ApplicationFactory, published_posting
from tests.factories.market import accepted_introduction, published_post
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def zone(db):
    return build_zone()


def charts(organization, **filters):
    board = boards.build(
        organization,
        boards.Filters(year=LAST, **filters),
        drill=lambda park=None, category=None: "/",
    )
    return {chart.key: chart for chart in board.charts}


def charts_of_page(response):
    return {chart.key: chart for chart in response.context["board"].charts}


def month_of(moment):
    return timezone.localtime(moment).strftime("%Y-%m")


def test_jobs_and_finance_count_the_records_of_the_enterprises_in_care(zone):
    # Arrange: postings and a hire in both parks and one outside the body's care, and a
    # financing granted to an enterprise of the first park.
    posting = published_posting(zone.film)
    published_posting(zone.equipment)
    published_posting(zone.outsider)
    hire = ApplicationFactory(posting=posting)
    Application.objects.filter(pk=hire.pk).update(
        state=job_enums.ApplicationState.HIRED, decided_at=timezone.now()
    )
    introduction = requested_introduction(need=published_need(zone.film))
    Introduction.objects.filter(pk=introduction.pk).update(
        state=finance_enums.IntroductionState.GRANTED,
        granted_on=timezone.localdate(),
        granted_amount=Decimal("180.00"),
    )

    # Act
    zone_charts = charts(zone.government)
    park_charts = charts(zone.government, park=zone.second_park)

    # Assert: the rows are the records', month by month, and the filters narrow them.
    expected = {}
    for published_at in JobPosting.objects.filter(
        enterprise__park__in=[zone.park, zone.second_park], published_at__isnull=False
    ).values_list("published_at", flat=True):
        expected[month_of(published_at)] = expected.get(month_of(published_at), 0) + 1
    jobs = zone_charts["jobs"]
    assert {row.label: row.cells[0] for row in jobs.rows} == expected
    assert sum(row.cells[1] for row in jobs.rows) == 1
    assert "hired 1 people" in jobs.takeaway
    assert sum(row.cells[0] for row in park_charts["jobs"].rows) == 1
    assert sum(row.cells[1] for row in park_charts["jobs"].rows) == 0
    finance = zone_charts["finance"]
    assert [row.cells for row in finance.rows] == [[Decimal("180.00"), 1]]
    assert park_charts["finance"].rows == []
    assert "No financing" in park_charts["finance"].takeaway


def test_deals_count_once_for_the_enterprise_whose_post_it_was(zone):
    # Arrange: the film company's offer closed with a deal by a proposer in the second park,
    # and a deal on an outsider's post, which is not in the body's care.
    for owner, value in ((zone.film, "86000"), (zone.outsider, "5000")):
        post = published_post(owner)
        introduction = accepted_introduction(post, proposer=zone.equipment)
        market_services.close_introduction(
            introduction, owner, actor=admin_of(owner), deal_value=Decimal(value)
        )

    # Act
    zone_charts = charts(zone.government)
    first_park = charts(zone.government, park=zone.park)
    second_park = charts(zone.government, park=zone.second_park)

    # Assert: 86,000 yuan is 8.6 (10,000 yuan), counted in the offering company's park only.
    month = timezone.localdate().strftime("%Y-%m")
    assert [(row.label, row.cells) for row in zone_charts["deals"].rows] == [
        (month, [Decimal("8.6"), 1])
    ]
    assert [row.cells for row in first_park["deals"].rows] == [[Decimal("8.6"), 1]]
    assert second_park["deals"].rows == []
    assert "No supply-and-demand deal" in second_park["deals"].takeaway
    assert zone_charts["deals"].definitions[0].code == "market_deals"


def test_every_chart_carries_its_date_share_definitions_and_description(zone):
    for chart in charts(zone.government).values():
        assert chart.as_of is not None, chart.key
        assert chart.share is not None, chart.key
        assert chart.definitions, chart.key
        assert chart.description, chart.key
        assert chart.takeaway, chart.key


def test_one_chart_exports_alone_with_its_filters_and_definitions(client, zone):
    client.force_login(admin_of(zone.government))

    response = client.get(
        reverse("government:dashboard"),
        {"year": LAST, "park": zone.park.pk, "format": "xlsx", "chart": "revenue_taxes"},
    )

    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["Zone dashboard", "Revenue and taxes", "Definitions"]
    filters = dict(row[:2] for row in workbook["Zone dashboard"].iter_rows(values_only=True))
    assert filters["Park"] == zone.park.display_name
    table = {
        str(row[0]): row[1]
        for row in workbook["Revenue and taxes"].iter_rows(min_row=2, values_only=True)
        if row[0] and str(row[0]).isdigit()
    }
    assert table[str(LAST)] == 6580
    definitions = [row[0] for row in workbook["Definitions"].iter_rows(values_only=True)]
    assert "Revenue" in definitions
    assert (
        client.get(reverse("government:dashboard"), {"format": "xlsx", "chart": "nope"}).status_code
        == 404
    )


def test_the_whole_board_exports_a_sheet_per_chart_and_a_sheet_of_definitions(client, zone):
    client.force_login(admin_of(zone.government))

    response = client.get(reverse("government:dashboard"), {"format": "xlsx"})

    workbook = load_workbook(BytesIO(response.content))
    page = client.get(reverse("government:dashboard"))
    assert len(workbook.sheetnames) == len(page.context["board"].charts) + 2
    assert workbook.sheetnames[-1] == "Definitions"
    assert len(set(workbook.sheetnames)) == len(workbook.sheetnames)


def test_the_enterprise_board_shows_its_own_activity(client, zone):
    published_need(zone.film)
    client.force_login(admin_of(zone.film))

    response = client.get(reverse("enterprise:dashboard"))

    keys = [chart.key for chart in response.context["board"].charts]
    assert keys == ["against_park", "our_activity"]
    assert "Our applications, funds, filings, awards and events" in response.content.decode()


def test_a_transaction_reporting_many_figures_enqueues_one_refresh(
    django_capture_on_commit_callbacks,
):
    enterprises = [EnterpriseFactory(), EnterpriseFactory()]

    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for enterprise in enterprises:
            services.report_figures(
                enterprise, year=LAST, actor=admin_of(enterprise), revenue=10, staff_count=2
            )

    assert [callback.__name__ for callback in callbacks] == ["_enqueue_refresh"]


@transaction.atomic
def report_a_good_and_a_future_year(enterprise):
    services.report_figures(
        enterprise, year=LAST, actor=admin_of(enterprise), revenue=10, staff_count=2
    )
    services.report_figures(
        enterprise, year=LAST + 1, actor=admin_of(enterprise), revenue=10, staff_count=2
    )


def test_a_rolled_back_report_leaves_no_refresh_waiting(django_capture_on_commit_callbacks):
    enterprise = EnterpriseFactory()

    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(DomainError):
            report_a_good_and_a_future_year(enterprise)
        services.report_figures(
            enterprise, year=LAST, actor=admin_of(enterprise), revenue=11, staff_count=2
        )

    assert [callback.__name__ for callback in callbacks] == ["_enqueue_refresh"]


def test_the_reviewed_filings_list_filters_by_the_month_a_bar_gives(client, zone):
    client.force_login(admin_of(zone.government))

    response = client.get(reverse("government:filing_list"), {"month": f"{LAST}-03"})

    assert response.status_code == 200
    assert response.context["filter_form"].is_valid()
    assert (
        client.get(reverse("government:filing_list"), {"month": "March"}).context["filter_form"]
    ).errors


def test_a_live_chart_bar_drills_to_its_records_with_the_boards_filters(zone):
    filters = boards.Filters(year=LAST, park=zone.park)

    filings = records_address(Portal.GOVERNMENT, "filings", f"{LAST}-03", filters)
    events = records_address(Portal.PARK, "attendance", LAST - 2, filters)

    address = reverse("government:dashboard_records", args=["filings"])
    assert filings == f"{address}?year={LAST}&park={zone.park.pk}&month={LAST}-03"
    # A park's own list takes no park; the events' bar is a year of its own.
    assert events == f"{reverse('park:dashboard_records', args=['attendance'])}?year={LAST - 2}"
