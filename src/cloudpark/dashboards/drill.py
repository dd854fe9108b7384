"""The records behind one bar of a live chart: the filings of a month, the awards of a level,
the events of a year, the postings and hires of a month, the financings and the deals of a
month, for the enterprises (or the event hosts) in the organisation's care under the board's
park and category filters. They are read through the same querysets as the chart
(``activity``), so that the list counts what the bar shows.

Each chart's bar is named by one address parameter (``BAR_PARAMETERS``): a month
``YYYY-MM``, an award level, or the year the events started. The awards of a level are those
of the five years to the end of the board's ``year``, as the chart counts them. Without the
parameter, the list holds the records behind the whole chart.
"""

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.awards import enums as award_enums
from cloudpark.dashboards import activity
from cloudpark.events import enums as event_enums

BAR_PARAMETERS = {
    "filings": "month",
    "awards": "level",
    "attendance": "year",
    "jobs": "month",
    "finance": "month",
    "deals": "month",
}
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class BadBar(ValueError):
    """The bar named in the address is not one the chart can have."""


@dataclass
class Section:
    title: str
    columns: list
    rows: list  # a list of cells per record
    totals: list = field(default_factory=list)  # the footer's cells, when the bar sums a column

    @property
    def count(self):
        return len(self.rows)


@dataclass
class Records:
    key: str
    title: str
    bar: str  # the bar's label as the chart shows it
    sections: list


def _month(value):
    match = MONTH.match(value or "")
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1900:
        raise BadBar(value)
    year, month = int(match[1]), int(match[2])
    last = calendar.monthrange(year, month)[1]
    return activity.Period(date(year, month, 1), date(year, month, last))


def _year(value):
    if not (value or "").isdigit() or not 1900 <= int(value) <= 9999:
        raise BadBar(value)
    return activity.Period(date(int(value), 1, 1), date(int(value), 12, 31))


def records(organization, filters, key, value):
    """The records behind the bar ``value`` of the live chart ``key`` on ``organization``'s
    board under ``filters``, or with no ``value`` those behind the whole chart. An unknown
    chart is a ``KeyError``, a bar it cannot have a ``BadBar``."""
    chart = CHARTS[key]
    period = activity.Period.of(filters)
    narrow = None
    if key in ("attendance", "awards"):
        period = activity.award_span(period)
    if key == "attendance":
        scope = activity.hosts_in_scope(organization, filters)
    else:
        scope = activity.enterprises_in_scope(organization, filters)
    if key == "awards":
        if value and value not in award_enums.AwardLevel.values:
            raise BadBar(value)
        bar = period.text()
        if value:
            bar = f"{award_enums.AwardLevel(value).label} ({period.text()})"
            narrow = {"level": value}
    elif not value:
        bar = period.text()
    else:
        bar = value
        period = _year(value) if key == "attendance" else _month(value)
    return Records(
        key=key,
        title=str(chart.title),
        bar=bar,
        sections=[listing.section(scope, period, narrow) for listing in chart.listings],
    )


@dataclass(frozen=True)
class Listing:
    """One table of a chart's records: how they are read (through ``activity``, as the chart
    counts them, in the order shown) and what each row and the footer show."""

    title: str
    columns: tuple
    read: Callable  # (scope, period) -> the records
    cells: Callable  # a record -> its row's cells
    totals: Callable = None  # (the records, scope, period) -> the footer's cells

    def section(self, scope, period, narrow=None):
        found = self.read(scope, period)
        if narrow:
            found = found.filter(**narrow)
        found = list(found)
        return Section(
            str(self.title),
            [str(column) for column in self.columns],
            [self.cells(record) for record in found],
            totals=self.totals(found, scope, period) if self.totals else [],
        )


@dataclass(frozen=True)
class ChartListings:
    """A live chart's records: its title and the tables under it."""

    title: str
    listings: tuple


def _planning(enterprises, period):
    return (
        activity.planning_filings(enterprises, period)
        .select_related("project__enterprise")
        .order_by("submitted_on", "pk")
    )


def _release(enterprises, period):
    return (
        activity.release_filings(enterprises, period)
        .select_related("planning__project__enterprise")
        .order_by("submitted_on", "pk")
    )


def _awarded(enterprises, span):
    return (
        activity.awarded_entries(enterprises, span)
        .select_related("submitter", "scheme")
        .order_by("-scheme__results_published_on", "pk")
    )


def _events(hosts, period):
    confirmed = Q(registrations__status=event_enums.RegistrationStatus.CONFIRMED)
    return (
        activity.events_held(hosts, period)
        .select_related("owner")
        .annotate(
            registered=Count("registrations", filter=confirmed, distinct=True),
            checked_in=Count("check_ins__registration", distinct=True),
        )
        .order_by("starts_at", "pk")
    )


def _attendance_totals(listed, hosts, period):
    # The chart's own counts: a ticket let in at two doors counts once.
    events = activity.events_held(hosts, period)
    registered = activity.confirmed_registrations(events).count()
    checked_in = activity.check_ins(events).values("registration").distinct().count()
    return [_t("Total"), "", "", registered, checked_in]


def _postings(enterprises, period):
    return (
        activity.postings_published(enterprises, period)
        .select_related("enterprise")
        .order_by("published_at", "pk")
    )


def _hires(enterprises, period):
    return (
        activity.hires(enterprises, period)
        .select_related("posting__enterprise")
        .order_by("decided_at", "pk")
    )


def _grants(enterprises, period):
    return (
        activity.grants(enterprises, period)
        .select_related("need__enterprise", "product__institution__organization")
        .order_by("granted_on", "pk")
    )


def _deals(enterprises, period):
    return (
        activity.deals_closed(enterprises, period)
        .select_related("post__enterprise")
        .order_by("closed_on", "pk")
    )


def _deal_value(deal):
    return (deal.deal_value or Decimal(0)) / activity.TEN_THOUSAND


def _total_of(amount, column, width):
    """A footer summing ``amount(record)`` in ``column`` of ``width`` columns."""

    def totals(found, scope, period):
        cells = [_t("Total"), *[""] * (width - 1)]
        cells[column] = sum((amount(record) for record in found), Decimal(0))
        return cells

    return totals


FILING_COLUMNS = (_("Title"), _("Enterprise"), _("Submitted on"), _("State"))

CHARTS = {
    "filings": ChartListings(
        _("Drama filings by stage and state"),
        (
            Listing(
                _("Planning filings"),
                FILING_COLUMNS,
                _planning,
                lambda f: [
                    str(f),
                    f.project.enterprise.display_name,
                    f.submitted_on,
                    f.get_state_display(),
                ],
            ),
            Listing(
                _("Release filings"),
                FILING_COLUMNS,
                _release,
                lambda f: [
                    str(f),
                    f.planning.project.enterprise.display_name,
                    f.submitted_on,
                    f.get_state_display(),
                ],
            ),
        ),
    ),
    "awards": ChartListings(
        _("Awards by level"),
        (
            Listing(
                _("Awards"),
                (
                    _("Work"),
                    _("Enterprise"),
                    _("Award scheme"),
                    _("Level"),
                    _("Results published on"),
                ),
                _awarded,
                lambda entry: [
                    entry.display_title,
                    entry.submitter.display_name,
                    entry.scheme.display_title,
                    entry.get_level_display(),
                    entry.scheme.results_published_on,
                ],
            ),
        ),
    ),
    "attendance": ChartListings(
        _("Event attendance"),
        (
            Listing(
                _("Events"),
                (
                    _("Event"),
                    _("Host"),
                    _("Starts"),
                    _("Confirmed registrations"),
                    _("Checked in"),
                ),
                _events,
                lambda event: [
                    event.display_title,
                    event.owner.display_name,
                    event.starts_at,
                    event.registered,
                    event.checked_in,
                ],
                _attendance_totals,
            ),
        ),
    ),
    "jobs": ChartListings(
        _("Job postings and hires"),
        (
            Listing(
                _("Postings published"),
                (_("Posting"), _("Enterprise"), _("Published")),
                _postings,
                lambda posting: [
                    posting.title,
                    posting.enterprise.display_name,
                    posting.published_at,
                ],
            ),
            Listing(
                _("Hires"),
                (_("Posting"), _("Enterprise"), _("Hired on")),
                _hires,
                lambda hire: [
                    hire.posting.title,
                    hire.posting.enterprise.display_name,
                    hire.decided_at,
                ],
            ),
        ),
    ),
    "finance": ChartListings(
        _("Culture-finance grants"),
        (
            Listing(
                _("Financings granted"),
                (
                    _("Enterprise"),
                    _("Financing product"),
                    _("Amount granted (10,000 yuan)"),
                    _("Granted on"),
                ),
                _grants,
                lambda grant: [
                    grant.need.enterprise.display_name,
                    f"{grant.product.institution} · {grant.product}",
                    grant.granted_amount,
                    grant.granted_on,
                ],
                _total_of(lambda grant: grant.granted_amount or Decimal(0), 2, 4),
            ),
        ),
    ),
    "deals": ChartListings(
        _("Supply-and-demand deals"),
        (
            Listing(
                _("Deals closed"),
                (
                    _("Post"),
                    _("Enterprise"),
                    _("Deal value (10,000 yuan)"),
                    _("Deal closed on"),
                ),
                _deals,
                lambda deal: [
                    deal.post.display_title,
                    deal.post.enterprise.display_name,
                    _deal_value(deal),
                    deal.closed_on,
                ],
                _total_of(_deal_value, 2, 4),
            ),
        ),
    ),
}
