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
