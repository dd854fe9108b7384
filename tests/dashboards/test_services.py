"""Reporting yearly figures: what is refused and where, nothing half written, and the history
of who changed what."""

from decimal import Decimal

import pytest

from cloudpark.core.errors import DomainError
from cloudpark.dashboards import selectors, services
from cloudpark.orgs.models import EnterpriseYear
from tests.factories import EnterpriseFactory
from tests.factories.programs import admin_of
from tests.helpers import audit_trail, changed_models, stored_state

pytestmark = pytest.mark.django_db

LAST = services.last_reportable_year()


def report(enterprise, year=LAST, note="", actor=None, **values):
    figures = {"revenue": "1200", "output": "1500", "taxes": "60", "staff_count": 40}
    figures.update(values)
    return services.report_figures(
        enterprise, year=year, actor=actor or admin_of(enterprise), note=note, **figures
    )


def test_a_report_stores_the_figures_and_says_who_reported(enterprise):
    row = report(enterprise)

    assert (row.year, row.revenue, row.staff_count) == (LAST, Decimal("1200"), 40)
    assert audit_trail(row) == [services.FIGURES_REPORTED]
    entry = selectors.figures_history(enterprise)[0]
    assert entry.actor == admin_of(enterprise)
    assert entry.data["changes"]["revenue"] == [None, "1200"]


def test_a_correction_records_the_old_and_the_new_value(enterprise):
    report(enterprise)
    row = report(enterprise, revenue="1300")

    assert EnterpriseYear.objects.filter(enterprise=enterprise).count() == 1
    assert audit_trail(row) == [services.FIGURES_REPORTED, services.FIGURES_CHANGED]
    assert selectors.figures_history(enterprise)[0].data["changes"] == {
        "revenue": ["1200.00", "1300"]
    }


def test_reporting_the_same_figures_again_changes_nothing(enterprise):
    row = report(enterprise)
    before = stored_state()

    report(enterprise)

    assert changed_models(before, stored_state()) == []
    assert audit_trail(row) == [services.FIGURES_REPORTED]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"revenue": "-1"}, "revenue"),
        ({"taxes": "-0.5"}, "taxes"),
        ({"output": "-3"}, "output"),
        ({"staff_count": -2}, "staff_count"),
        ({"staff_count": Decimal("12.5")}, "staff_count"),
        ({"revenue": None}, "revenue"),
        ({"year": LAST + 1}, "year"),
        ({"year": LAST + 5}, "year"),
    ],
)
def test_bad_figures_are_refused_at_their_field_and_nothing_is_written(enterprise, values, field):
    actor = admin_of(enterprise)
    before = stored_state()
    with pytest.raises(DomainError) as refused:
        report(enterprise, actor=actor, **values)
    assert refused.value.field == field
    assert str(refused.value)
    assert changed_models(before, stored_state()) == []


@pytest.mark.parametrize("revenue", ["120000", "12", "11.99"])
def test_a_hundredfold_change_from_last_year_needs_a_note(enterprise, revenue):
    report(enterprise, year=LAST - 1, revenue="1200")

    with pytest.raises(DomainError) as refused:
        report(enterprise, revenue=revenue)
    assert refused.value.field == "revenue"
    assert "10,000" in str(refused.value)

    row = report(enterprise, revenue=revenue, note="并购后合并报表")
    assert row.revenue == Decimal(revenue)
    assert selectors.figures_history(enterprise)[0].data["note"] == "并购后合并报表"


def test_a_change_short_of_a_hundredfold_needs_no_note(enterprise):
    report(enterprise, year=LAST - 1, revenue="1200")
    assert report(enterprise, revenue="119999").revenue == Decimal("119999")


def test_the_park_sees_who_has_not_reported(park, enterprise):
    late = EnterpriseFactory(park=park)
    EnterpriseFactory(park=park, founded_on=f"{LAST + 1}-01-01")
    EnterpriseFactory()  # elsewhere
    report(enterprise)

    assert list(selectors.missing_reports(park, LAST)) == [late]
    assert set(selectors.missing_reports(park, LAST - 1)) == {enterprise, late}
