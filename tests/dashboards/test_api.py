"""The metric series through the API: a park sees its own, a government body its
jurisdiction; the values are the dashboards'."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.dashboards.figures import LAST, build_zone, category
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def zone(db):
    return build_zone()


def points(response):
    return {point["year"]: point for point in response.json()["points"]}


def test_the_metrics_carry_their_definitions(api, zone):
    api.force_authenticate(admin_of(zone.park))

    response = api.get(reverse("api:park-figures-metric-list"))

    metrics = {metric["code"]: metric for metric in response.json()}
    assert metrics["revenue_yoy"]["formula"]["kind"] == "growth"
    assert "可比" in metrics["revenue_yoy"]["note"]
    assert metrics["revenue"]["unit_en"] == "10,000 yuan"


def test_a_park_reads_its_own_series(api, zone):
    api.force_authenticate(admin_of(zone.park))

    response = api.get(reverse("api:park-figures-series"), {"metric": "revenue"})

    assert response.status_code == 200
    assert points(response)[LAST]["value"] == "6580.00"
    assert points(response)[LAST]["reporting_rate"] == "100.00"


def test_a_park_cannot_read_another_parks_series(api, zone):
    api.force_authenticate(admin_of(zone.park))

    response = api.get(
        reverse("api:park-figures-series"), {"metric": "revenue", "park": zone.second_park.pk}
    )

    assert response.status_code == 404


def test_the_government_reads_its_jurisdiction_and_narrows_it(api, zone):
    api.force_authenticate(admin_of(zone.government))
    url = reverse("api:government-figures-series")

    whole = api.get(url, {"metric": "revenue"})
    narrowed = api.get(url, {"metric": "revenue_yoy", "in_park": zone.second_park.pk})
    by_category = api.get(url, {"metric": "enterprises", "category": category("08").pk})
    outside = api.get(url, {"metric": "revenue", "in_park": zone.outside_park.pk})

    assert points(whole)[LAST]["value"] == "9580.00"  # not the outside park's 9,999
    assert points(narrowed)[LAST]["value"] == "20.00"  # the equipment maker, 2,500 -> 3,000
    assert points(by_category)[LAST]["value"] == "1.00"
    assert outside.status_code == 404


def test_an_unknown_metric_is_not_found(api, zone):
    api.force_authenticate(admin_of(zone.government))

    response = api.get(reverse("api:government-figures-series"), {"metric": "nothing"})

    assert response.status_code == 404


def test_the_charts_come_as_the_page_draws_them_live_ones_included(api, zone):
    api.force_authenticate(admin_of(zone.government))

    response = api.get(reverse("api:government-figures-charts"), {"in_park": zone.park.pk})

    assert response.status_code == 200
    charts = {chart["key"]: chart for chart in response.json()}
    assert {"by_category", "revenue_taxes", "filings", "awards", "jobs", "finance"} <= set(charts)
    revenue = {row["label"]: row["cells"] for row in charts["revenue_taxes"]["rows"]}
    assert revenue[str(LAST)][0] == 6580
    assert charts["revenue_taxes"]["definitions"][0] == "revenue"
    assert charts["jobs"]["takeaway"]


def test_one_chart_is_asked_for_by_its_key_and_an_unknown_one_is_not_found(api, zone):
    api.force_authenticate(admin_of(zone.park))

    one = api.get(reverse("api:park-figures-charts"), {"chart": "by_category"})
    unknown = api.get(reverse("api:park-figures-charts"), {"chart": "nope"})
    other_park = api.get(reverse("api:park-figures-charts"), {"in_park": zone.second_park.pk})

    assert [chart["key"] for chart in one.json()] == ["by_category"]
    assert unknown.status_code == 404
    assert other_park.status_code == 404


def revenue_of(response):
    charts = {chart["key"]: chart for chart in response.json()}
    return {row["label"]: row["cells"][0] for row in charts["revenue_taxes"]["rows"]}[str(LAST)]


def test_the_kept_figures_show_the_new_ones_on_the_next_request(api, zone):
    from cloudpark.dashboards import services
    from tests.dashboards.figures import report

    api.force_authenticate(admin_of(zone.government))
    series_url = reverse("api:government-figures-series")
    charts_url = reverse("api:government-figures-charts")
    series_before = api.get(series_url, {"metric": "revenue"})
    charts_before = api.get(charts_url)
    stored_before = api.get(reverse("api:government-charts-detail", args=["revenue_taxes"]))

    report(zone.silent, LAST, 500, 20, 8)
    services.refresh_figures()
    series_after = api.get(series_url, {"metric": "revenue"})
    charts_after = api.get(charts_url)
    stored_after = api.get(reverse("api:government-charts-detail", args=["revenue_taxes"]))

    assert points(series_before)[LAST]["value"] == "9580.00"
    assert points(series_after)[LAST]["value"] == "10080.00"
    assert revenue_of(charts_before) == 9580
    assert revenue_of(charts_after) == 10080
    assert stored_before.json()["rows"][-1]["cells"][0] == 9580
    assert stored_after.json()["rows"][-1]["cells"][0] == 10080


def test_a_kept_live_chart_shows_a_new_record_on_the_next_request(api, zone):
    from tests.factories.jobs import published_posting

    api.force_authenticate(admin_of(zone.park))
    url = reverse("api:park-charts-detail", args=["jobs"])
    before = api.get(url).json()

    published_posting(zone.film)
    after = api.get(url).json()

    assert sum(row["cells"][0] for row in before["rows"]) == 0
    assert sum(row["cells"][0] for row in after["rows"]) == 1


def test_the_kept_figures_are_never_served_to_another_organisation(api, zone):
    api.force_authenticate(admin_of(zone.government))
    zone_series = api.get(reverse("api:government-figures-series"), {"metric": "revenue"})
    zone_charts = api.get(reverse("api:government-figures-charts"))

    api.force_authenticate(admin_of(zone.park))
    park_series = api.get(reverse("api:park-figures-series"), {"metric": "revenue"})
    park_charts = api.get(reverse("api:park-figures-charts"))
    asking_for_the_zone = api.get(
        reverse("api:government-figures-series"),
        {"metric": "revenue", "government": zone.government.pk},
    )

    assert points(zone_series)[LAST]["value"] == "9580.00"
    assert revenue_of(zone_charts) == 9580
    assert points(park_series)[LAST]["value"] == "6580.00"
    assert revenue_of(park_charts) == 6580
    assert asking_for_the_zone.status_code in {403, 404}
