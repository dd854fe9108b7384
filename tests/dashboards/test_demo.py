"""The demo's figures: three years for the enterprises of every park, stored for the
dashboards, so that each chart has something true to say."""

from datetime import date

import pytest

from cloudpark.dashboards import boards, metrics
from cloudpark.dashboards.models import Figure
from cloudpark.orgs.models import GovernmentBody, Park

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)


def test_the_demo_stores_three_years_of_figures_and_every_chart_says_something(demo):
    years = set(
        Figure.objects.filter(metric="reported", value__gt=0).values_list("year", flat=True)
    )
    assert years == {2023, 2024, 2025}
    parks_with_revenue = set(
        Figure.objects.filter(metric="revenue", year=2025, value__gt=0).values_list(
            "park", flat=True
        )
    )
    assert parks_with_revenue == set(
        Park.objects.filter(enterprises__isnull=False).values_list("pk", flat=True)
    )
    government = GovernmentBody.objects.filter(jurisdiction__isnull=False).first()

    board = boards.build(
        government, boards.Filters(year=2025), drill=lambda park=None, category=None: "/"
    )

    assert {chart.key for chart in board.charts} >= {
        "by_category",
        "by_park",
        "revenue_taxes",
        "per_enterprise",
    }
    for chart in board.charts:
        assert chart.rows, chart.key
    values = {kpi.metric.code: kpi.value for kpi in board.kpis}
    assert values["revenue"] > 0
    assert values["revenue_yoy"] is not None
    assert metrics.get("revenue_yoy").display_note
