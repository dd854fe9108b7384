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
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _t

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
    build = BUILDERS[key]
    enterprises = activity.enterprises_in_scope(organization, filters)
    period = activity.Period.of(filters)
    if key in ("attendance", "awards"):
        period = activity.award_span(period)
    if key == "attendance":
        hosts = activity.hosts_in_scope(organization, filters)
        if not value:
            return build(hosts, period, period.text())
        return build(hosts, _year(value), value)
    if key == "awards":
        if value and value not in award_enums.AwardLevel.values:
            raise BadBar(value)
        return build(enterprises, period, value or None)
    if not value:
        return build(enterprises, period, period.text())
    return build(enterprises, _month(value), value)


def _filings(enterprises, period, value):
    planning = (
        activity.planning_filings(enterprises, period)
        .select_related("project__enterprise")
        .order_by("submitted_on", "pk")
    )
    release = (
        activity.release_filings(enterprises, period)
        .select_related("planning__project__enterprise")
        .order_by("submitted_on", "pk")
    )
    columns = [_t("Title"), _t("Enterprise"), _t("Submitted on"), _t("State")]
    return Records(
        key="filings",
        title=_t("Drama filings by stage and state"),
        bar=value,
        sections=[
            Section(
                _t("Planning filings"),
                columns,
                [
                    [
                        str(f),
                        f.project.enterprise.display_name,
                        f.submitted_on,
                        f.get_state_display(),
                    ]
                    for f in planning
                ],
            ),
            Section(
                _t("Release filings"),
                columns,
                [
                    [
                        str(f),
                        f.planning.project.enterprise.display_name,
                        f.submitted_on,
                        f.get_state_display(),
                    ]
                    for f in release
                ],
            ),
        ],
    )


def _awards(enterprises, span, value):
    entries = (
        activity.awarded_entries(enterprises, span)
        .select_related("submitter", "scheme")
        .order_by("-scheme__results_published_on", "pk")
    )
    if value is not None:
        entries = entries.filter(level=value)
        bar = f"{award_enums.AwardLevel(value).label} ({span.text()})"
    else:
        bar = span.text()
    return Records(
        key="awards",
        title=_t("Awards by level"),
        bar=bar,
        sections=[
            Section(
                _t("Awards"),
                [
                    _t("Work"),
                    _t("Enterprise"),
                    _t("Award scheme"),
                    _t("Level"),
                    _t("Results published on"),
                ],
                [
                    [
                        entry.display_title,
                        entry.submitter.display_name,
                        entry.scheme.display_title,
                        entry.get_level_display(),
                        entry.scheme.results_published_on,
                    ]
                    for entry in entries
                ],
            )
        ],
    )


def _attendance(hosts, period, value):
    events = activity.events_held(hosts, period)
    confirmed = Q(registrations__status=event_enums.RegistrationStatus.CONFIRMED)
    listed = (
        events.select_related("owner")
        .annotate(
            registered=Count("registrations", filter=confirmed, distinct=True),
            checked_in=Count("check_ins__registration", distinct=True),
        )
        .order_by("starts_at", "pk")
    )
    # The totals are the chart's own counts: a ticket let in at two doors counts once.
    registered = activity.confirmed_registrations(events).count()
    checked_in = activity.check_ins(events).values("registration").distinct().count()
    return Records(
        key="attendance",
        title=_t("Event attendance"),
        bar=value,
        sections=[
            Section(
                _t("Events"),
                [
                    _t("Event"),
                    _t("Host"),
                    _t("Starts"),
                    _t("Confirmed registrations"),
                    _t("Checked in"),
                ],
                [
                    [
                        event.display_title,
                        event.owner.display_name,
                        event.starts_at,
                        event.registered,
                        event.checked_in,
                    ]
                    for event in listed
                ],
                totals=[_t("Total"), "", "", registered, checked_in],
            )
        ],
    )


def _jobs(enterprises, period, value):
    postings = (
        activity.postings_published(enterprises, period)
        .select_related("enterprise")
        .order_by("published_at", "pk")
    )
    hired = (
        activity.hires(enterprises, period)
        .select_related("posting__enterprise")
        .order_by("decided_at", "pk")
    )
    return Records(
        key="jobs",
        title=_t("Job postings and hires"),
        bar=value,
        sections=[
            Section(
                _t("Postings published"),
                [_t("Posting"), _t("Enterprise"), _t("Published")],
                [[p.title, p.enterprise.display_name, p.published_at] for p in postings],
            ),
            Section(
                _t("Hires"),
                [_t("Posting"), _t("Enterprise"), _t("Hired on")],
                [[a.posting.title, a.posting.enterprise.display_name, a.decided_at] for a in hired],
            ),
        ],
    )


def _finance(enterprises, period, value):
    granted = list(
        activity.grants(enterprises, period)
        .select_related("need__enterprise", "product__institution__organization")
        .order_by("granted_on", "pk")
    )
    total = sum((grant.granted_amount or Decimal(0) for grant in granted), Decimal(0))
    return Records(
        key="finance",
        title=_t("Culture-finance grants"),
        bar=value,
        sections=[
            Section(
                _t("Financings granted"),
                [
                    _t("Enterprise"),
                    _t("Financing product"),
                    _t("Amount granted (10,000 yuan)"),
                    _t("Granted on"),
                ],
                [
                    [
                        grant.need.enterprise.display_name,
                        f"{grant.product.institution} · {grant.product}",
                        grant.granted_amount,
                        grant.granted_on,
                    ]
                    for grant in granted
                ],
                totals=[_t("Total"), "", total, ""],
            )
        ],
    )


def _deals(enterprises, period, value):
    closed = list(
        activity.deals_closed(enterprises, period)
        .select_related("post__enterprise")
        .order_by("closed_on", "pk")
    )
    values = [(deal.deal_value or Decimal(0)) / activity.TEN_THOUSAND for deal in closed]
    return Records(
        key="deals",
        title=_t("Supply-and-demand deals"),
        bar=value,
        sections=[
            Section(
                _t("Deals closed"),
                [
                    _t("Post"),
                    _t("Enterprise"),
                    _t("Deal value (10,000 yuan)"),
                    _t("Deal closed on"),
                ],
                [
                    [
                        deal.post.display_title,
                        deal.post.enterprise.display_name,
                        amount,
                        deal.closed_on,
                    ]
                    for deal, amount in zip(closed, values, strict=True)
                ],
                totals=[_t("Total"), "", sum(values, Decimal(0)), ""],
            )
        ],
    )


BUILDERS = {
    "filings": _filings,
    "awards": _awards,
    "attendance": _attendance,
    "jobs": _jobs,
    "finance": _finance,
    "deals": _deals,
}
