"""Writes of the figures: an enterprise reports its yearly figures, and the figures store is
recomputed from the records. Pages, the API, commands and the demo all come here.

The yearly figures are ``orgs.EnterpriseYear`` rows, the same ones the enterprise's profile
and the programmes' eligibility rules read: there is one record of an enterprise's year.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.core.services import apply_changes, locked, validated
from cloudpark.dashboards import cache, computation
from cloudpark.dashboards.models import Figure
from cloudpark.orgs.models import EnterpriseYear

FIGURES_REPORTED = audit.register("dashboards.figures.reported", _("Yearly figures reported"))
FIGURES_CHANGED = audit.register("dashboards.figures.changed", _("Yearly figures changed"))

MONEY_FIELDS = ("revenue", "output", "taxes")
FIELDS = (*MONEY_FIELDS, "staff_count")
# A revenue this many times last year's, or this fraction of it, needs a word of explanation.
JUMP = Decimal(100)
CENT = Decimal("0.01")


def last_reportable_year(today=None):
    """Figures are reported for a year that has ended."""
    return (today or timezone.localdate()).year - 1


def field_label(name):
    return {
        "revenue": _t("Revenue"),
        "output": _t("Output value"),
        "taxes": _t("Taxes paid"),
        "staff_count": _t("Staff"),
    }[name]


def _checked_values(year, values):
    if year > last_reportable_year():
        raise DomainError(
            _t("Figures are reported for a year that has ended; %(year)s has not.")
            % {"year": year},
            field="year",
        )
    checked = {}
    for name in FIELDS:
        value = values.get(name)
        if value is None:
            if name in ("revenue", "staff_count"):
                raise DomainError(
                    _t("%(field)s is needed.") % {"field": field_label(name)}, field=name
                )
            checked[name] = None
            continue
        value = Decimal(str(value))
        if value < 0:
            raise DomainError(
                _t("%(field)s cannot be negative.") % {"field": field_label(name)}, field=name
            )
        if name == "staff_count":
            if value != value.to_integral_value():
                raise DomainError(_t("Staff is counted in whole people."), field=name)
            value = int(value)
        checked[name] = value
    return checked


def _check_jump(enterprise, year, revenue, note):
    """A hundredfold rise or fall of revenue from last year is refused without a note."""
    if note or not revenue:
        return
    previous = (
        EnterpriseYear.objects.filter(enterprise=enterprise, year=year - 1)
        .values_list("revenue", flat=True)
        .first()
    )
    if not previous:
        return
    if revenue >= previous * JUMP or revenue * JUMP <= previous:
        raise DomainError(
            _t(
                "Revenue of %(revenue)s is a hundredfold change from %(previous)s in %(year)s; "
                "check the unit (10,000 yuan) or explain the change in the note."
            )
            % {"revenue": revenue, "previous": previous, "year": year - 1},
            field="revenue",
        )


@transaction.atomic
def report_figures(enterprise, *, year, actor, note="", **values):
    """Record (or correct) the enterprise's figures of ``year``: revenue, output value and
    taxes in 10,000 yuan, staff at the year's end. Returns the ``EnterpriseYear``."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"Not reported here: {sorted(unknown)}")
    note = (note or "").strip()
    checked = _checked_values(year, values)
    enterprise = locked(enterprise)
    _check_jump(enterprise, year, checked["revenue"], note)
    row = EnterpriseYear.objects.filter(enterprise=enterprise, year=year).first()
    created = row is None
    if created:
        row = EnterpriseYear(enterprise=enterprise, year=year)
    before = {name: getattr(row, name) for name in FIELDS}
    changed = apply_changes(row, checked, allowed=FIELDS)
    if not created and not changed:
        return row
    validated(row)
    row.save()
    audit.log_action(
        row,
        FIGURES_REPORTED if created else FIGURES_CHANGED,
        actor=actor,
        data={
            "year": year,
            "changes": {name: [before[name], getattr(row, name)] for name in changed},
            "note": note,
        },
    )
    schedule_refresh()
    return row


def _enqueue_refresh():
    # The task module imports this one: the task is looked up when a change needs it.
    from cloudpark.dashboards.tasks import refresh_figures

    refresh_figures.enqueue()


def schedule_refresh(using=None):
    """Recompute the figures store once the transaction has committed: once, however many
    figures the transaction changed (the pending callbacks are looked at, so a rolled-back
    transaction leaves nothing behind)."""
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(
        callback is _enqueue_refresh for _, callback, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(_enqueue_refresh, using=using)


@transaction.atomic
def refresh_figures(now=None, *, last_year=None):
    """Recompute every stored figure from the records, up to ``last_year`` (the last year
    that has ended); returns how many were stored."""
    now = now or timezone.now()
    last_year = last_year or last_reportable_year(timezone.localdate(now))
    rows = [Figure(as_of=now, **cell) for cell in computation.cells(last_year=last_year)]
    Figure.objects.all().delete()
    Figure.objects.bulk_create(rows, batch_size=1000)
    cache.forget()
    return len(rows)
