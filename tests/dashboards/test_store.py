"""The figures store: each stored figure against a recomputation from the records, growth
on a comparable basis, and the refresh when figures change."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum

from cloudpark.dashboards import computation, metrics, services
from cloudpark.dashboards.models import Figure
from cloudpark.orgs.models import Enterprise, EnterpriseYear
from tests.dashboards.figures import LAST, build_zone, category, report

pytestmark = pytest.mark.django_db


def recomputed(figure):
    """The figure worked out again, one query at a time, from the records."""
    metric = metrics.get(figure.metric)
    formula = metric.formula
    enterprises = Enterprise.objects.filter(
        park=figure.park, category__parent=figure.category
    ).exclude(founded_on__year__gt=figure.year)
    reports = EnterpriseYear.objects.filter(
        enterprise__in=enterprises, year=figure.year, revenue__isnull=False
    )
    if metric.kind == "count":
        return enterprises.count()
    if metric.kind == "reported":
        return reports.count()
    if metric.kind == "sum":
        return reports.aggregate(total=Sum(formula["field"]))["total"] or 0
    if metric.kind == "above_size":
        return sum(
            computation.is_above_size(
                formula,
                (row.enterprise.category.code, row.enterprise.category.parent.code),
                {"revenue": row.revenue, "staff_count": row.staff_count},
            )
            for row in reports.select_related("enterprise__category__parent")
        )
    both = reports.filter(
        enterprise__years__year=figure.year - 1, enterprise__years__revenue__isnull=False
    )
    year = figure.year - formula["years_back"]
    rows = EnterpriseYear.objects.filter(
        enterprise__in=both.values("enterprise"), year=year, revenue__isnull=False
    )
    return rows.aggregate(total=Sum(formula["field"]))["total"] or 0


def test_every_stored_figure_matches_a_recomputation_from_the_records():
    build_zone()

    figures = list(Figure.objects.select_related("park", "category"))

    assert figures
    assert {figure.metric for figure in figures} == set(metrics.STORED)
    for figure in figures:
        assert figure.value == Decimal(recomputed(figure)), figure
        assert figure.population == recomputed(
            Figure(**{**vars_of(figure), "metric": "enterprises"})
        )


def vars_of(figure):
    return {
        "metric": figure.metric,
        "year": figure.year,
        "park": figure.park,
        "category": figure.category,
    }


def totals_for(**filters):
    totals = {}
    for figure in Figure.objects.filter(**filters):
        totals[figure.metric] = totals.get(figure.metric, Decimal(0)) + figure.value
    return totals


def test_growth_is_on_a_comparable_basis():
    zone = build_zone()

    totals = totals_for(year=LAST, park=zone.park)
    values = metrics.values(totals)

    # The newcomer reported only the last year: it is in the total, not in the growth.
    assert values["revenue"] == Decimal(1200 + 380 + 5000)
    assert values["revenue_yoy"] == ((Decimal(1580) / Decimal(1400) - 1) * 100).quantize(
        Decimal("0.01")
    )
    assert values["revenue_per_enterprise"] == (Decimal(6580) / 3).quantize(Decimal("0.01"))
    assert values["reporting_rate"] == Decimal("100.00")


def test_the_above_size_count_follows_the_thresholds_of_the_definition():
    zone = build_zone()

    # 022 film (1200, 45 staff): not above size; the newcomer (5000) is; equipment
    # manufacturing (3000, 081 under 08) needs 2000 and is.
    assert totals_for(year=LAST, park=zone.park)["above_size"] == 2
    assert totals_for(year=LAST, park=zone.second_park)["above_size"] == 1
    assert totals_for(year=LAST - 1, park=zone.second_park)["above_size"] == 1
    assert category("081").parent.code == "08"


def test_a_report_refreshes_the_store_once_it_is_committed(
    enterprise, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report(enterprise, LAST, 700, 30, 20)

    stored = Figure.objects.get(metric="revenue", year=LAST, park=enterprise.park)
    assert stored.value == 700
    assert (stored.population, stored.reported) == (1, 1)


def test_the_nightly_command_recomputes_the_store(enterprise, capsys):
    report(enterprise, LAST, 700, 30, 20)
    Figure.objects.all().delete()

    call_command("refresh-figures")

    assert "Stored" in capsys.readouterr().out
    assert Figure.objects.filter(metric="revenue", value=700).exists()
    assert services.refresh_figures() == Figure.objects.count()


def test_every_metric_has_its_definition_in_both_languages():
    for metric in metrics.METRICS.values():
        for field in ("name", "unit", "note", "source"):
            assert getattr(metric, field), (metric.code, field)
            assert getattr(metric, f"{field}_en"), (metric.code, field)
        assert metric.dated.year >= 2026
