"""The live charts of a board: what the enterprises and the organisation did on the platform,
month by month, read from each app's records when the page is served (one or two aggregate
queries a chart): drama filings by stage and state, awards by level, event attendance, job
postings and hires, culture-finance grants, and supply-and-demand deals.

The period is the year chosen; when it is the last completed year, the current year so far
follows it, as the funds chart does, since these records are not reported a year late.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _t

from cloudpark.awards import enums as award_enums
from cloudpark.awards.models import Entry
from cloudpark.dashboards import metrics
from cloudpark.events import enums as event_enums
from cloudpark.events.models import CheckIn, Event, Registration
from cloudpark.filings import enums as filing_enums
from cloudpark.filings.models import PlanningFiling, ReleaseFiling
from cloudpark.finance import enums as finance_enums
from cloudpark.finance.models import Introduction
from cloudpark.jobs import enums as job_enums
from cloudpark.jobs.models import Application as JobApplication
from cloudpark.jobs.models import JobPosting
from cloudpark.market import selectors as market_selectors
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.programs import enums as programme_enums
from cloudpark.programs.eligibility import figure as formatted
from cloudpark.programs.models import Application

# A filing's present state, grouped as the chart tells it.
PLANNING_GROUPS = {
    "in_review": (filing_enums.PlanningState.SUBMITTED, filing_enums.PlanningState.RETURNED),
    "approved": (filing_enums.PlanningState.APPROVED, filing_enums.PlanningState.SUPERSEDED),
    "not_approved": (
        filing_enums.PlanningState.REJECTED,
        filing_enums.PlanningState.WITHDRAWN,
        filing_enums.PlanningState.REVOKED,
    ),
}
RELEASE_GROUPS = {
    "in_review": (filing_enums.ReleaseState.SUBMITTED, filing_enums.ReleaseState.RETURNED),
    "approved": (filing_enums.ReleaseState.LICENSED,),
    "not_approved": (
        filing_enums.ReleaseState.REJECTED,
        filing_enums.ReleaseState.WITHDRAWN,
        filing_enums.ReleaseState.REVOKED,
    ),
}
TEN_THOUSAND = Decimal(10000)


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @classmethod
    def of(cls, filters, today=None):
        today = today or timezone.localdate()
        until = today.year if filters.year >= today.year - 1 else filters.year
        return cls(date(filters.year, 1, 1), date(until, 12, 31))

    def text(self):
        if self.first.year == self.last.year:
            return str(self.first.year)
        return f"{self.first.year}–{self.last.year}"


def enterprises_in_scope(organization, filters):
    """The enterprises in ``organization``'s care under the park and category filters."""
    enterprises = org_selectors.enterprises_in_care_of(organization)
    if filters.park is not None:
        enterprises = enterprises.filter(park=filters.park)
    if filters.category is not None:
        enterprises = enterprises.filter(category__parent=filters.category)
    return enterprises


def hosts_in_scope(organization, filters):
    """The organisations whose events count: the organisation itself (a government body with
    the bodies below it) and the parks in its care, or the one park filtered to: a condition
    on the event's owner."""
    if filters.park is not None:
        return Q(owner_id=filters.park.pk)
    parks = org_selectors.parks_in_care_of(organization).values("pk")
    if organization.kind == org_enums.OrganizationKind.GOVERNMENT:
        bodies = org_selectors.government_subtree(organization)
    else:
        bodies = {organization.pk}
    return Q(owner_id__in=bodies) | Q(owner_id__in=parks)


def _month(value):
    return value.strftime("%Y-%m")


def _by_month(queryset, field, **aggregates):
    """``{"YYYY-MM": {name: value}}`` of ``queryset`` grouped by the month of ``field``."""
    rows = (
        queryset.annotate(month=TruncMonth(field))
        .values("month")
        .annotate(**aggregates)
        .order_by("month")
    )
    return {_month(row.pop("month")): row for row in rows}


def _amount_and_count_by_month(queryset, field, amount, link, divisor=1):
    """A chart's rows ``(month, [sum of amount / divisor, count], link)`` of ``queryset``
    grouped by the month of ``field``, in month order."""
    totals = _by_month(queryset, field, amount=Sum(amount), count=Count("pk"))
    return [
        (month, [(values["amount"] or Decimal(0)) / divisor, values["count"]], link(month))
        for month, values in sorted(totals.items())
    ]


def _timestamp_range(period):
    """The period as aware datetimes, from its first day's start to its last day's end."""
    first = timezone.make_aware(datetime.combine(period.first, time.min))
    last = timezone.make_aware(datetime.combine(period.last, time.max))
    return first, last


def _group_counts(groups, prefix):
    return {
        f"{prefix}_{name}": Count("pk", filter=Q(state__in=states))
        for name, states in groups.items()
    }


# The records each chart counts, from ``enterprises`` (or the events of ``hosts``) over a
# period: the charts and the lists behind their bars read the same querysets.


def planning_filings(enterprises, period):
    return PlanningFiling.objects.filter(
        org_selectors.among(enterprises, "project__enterprise"),
        submitted_on__range=(period.first, period.last),
    )


def release_filings(enterprises, period):
    return ReleaseFiling.objects.filter(
        org_selectors.among(enterprises, "planning__project__enterprise"),
        submitted_on__range=(period.first, period.last),
    )


def awarded_entries(enterprises, period):
    return Entry.objects.filter(
        org_selectors.among(enterprises, "submitter"),
        state=award_enums.EntryState.AWARDED,
        scheme__results_published_on__range=(period.first, period.last),
    )


def events_held(hosts, period):
    """The hosts' events that started in the period and were not cancelled."""
    start, end = _timestamp_range(period)
    return Event.objects.filter(hosts, starts_at__range=(start, end)).exclude(
        status=event_enums.EventStatus.CANCELLED
    )


def confirmed_registrations(events):
    return Registration.objects.filter(
        event__in=events, status=event_enums.RegistrationStatus.CONFIRMED
    )


def check_ins(events):
    return CheckIn.objects.filter(door__in=events)


def postings_published(enterprises, period):
    return JobPosting.objects.filter(
        org_selectors.among(enterprises), published_at__range=_timestamp_range(period)
    )


def hires(enterprises, period):
    return JobApplication.objects.filter(
        org_selectors.among(enterprises, "posting__enterprise"),
        state=job_enums.ApplicationState.HIRED,
        decided_at__range=_timestamp_range(period),
    )


def grants(enterprises, period):
    return Introduction.objects.filter(
        org_selectors.among(enterprises, "need__enterprise"),
        state=finance_enums.IntroductionState.GRANTED,
        granted_on__range=(period.first, period.last),
    )


def deals_closed(enterprises, period):
    return market_selectors.closed_deals(enterprises).filter(
        closed_on__range=(period.first, period.last)
    )


def filings(make, enterprises, period, link):
    """Planning and release filings submitted in the period, by month, stage and state."""
    planning = _by_month(
        planning_filings(enterprises, period),
        "submitted_on",
        **_group_counts(PLANNING_GROUPS, "planning"),
    )
    release = _by_month(
        release_filings(enterprises, period),
        "submitted_on",
        **_group_counts(RELEASE_GROUPS, "release"),
    )
    names = [f"planning_{name}" for name in PLANNING_GROUPS] + [
        f"release_{name}" for name in RELEASE_GROUPS
    ]
    rows = []
    for month in sorted(set(planning) | set(release)):
        values = {**planning.get(month, {}), **release.get(month, {})}
        rows.append((month, [values.get(name, 0) for name in names], link(month)))
    planning_total = sum(sum(cells[:3]) for _, cells, _ in rows)
    release_total = sum(sum(cells[3:]) for _, cells, _ in rows)
    approved = sum(cells[1] for _, cells, _ in rows)
    if rows:
        takeaway = _t(
            "%(planning)s planning filings and %(release)s release filings were submitted in "
            "%(period)s; %(approved)s of the planning filings are approved."
        ) % {
            "planning": planning_total,
            "release": release_total,
            "period": period.text(),
            "approved": approved,
        }
    else:
        takeaway = _t("No drama filing was submitted in %(period)s.") % {"period": period.text()}
    return make(
        key="filings",
        kind="stack",
        title=_t("Drama filings by stage and state"),
        takeaway=takeaway,
        description=_t(
            "Stacked bar chart of the drama filings submitted each month of %(period)s, by "
            "stage (planning or release) and present state."
        )
        % {"period": period.text()},
        columns=[
            _t("Month"),
            _t("Planning: in review"),
            _t("Planning: approved"),
            _t("Planning: not approved"),
            _t("Release: in review"),
            _t("Release: licensed"),
            _t("Release: not approved"),
        ],
        rows=rows,
        definitions=[metrics.get("drama_filings")],
        series=[
            (_t("Planning: in review"), 0),
            (_t("Planning: approved"), 1),
            (_t("Planning: not approved"), 2),
            (_t("Release: in review"), 3),
            (_t("Release: licensed"), 4),
            (_t("Release: not approved"), 5),
        ],
    )


AWARD_YEARS = 5


def award_span(period):
    """The five years to the period's end, over which the awards and the events count."""
    return Period(date(period.last.year - AWARD_YEARS + 1, 1, 1), period.last)


def awards(make, enterprises, period, link):
    """Works of the enterprises that won an award, by level and by the year the results were
    published, over the five years to the period's end (schemes do not run every year)."""
    first = award_span(period).first
    counted = (
        awarded_entries(enterprises, award_span(period))
        .annotate(year=ExtractYear("scheme__results_published_on"))
        .values("level", "year")
        .annotate(n=Count("pk"))
    )
    counts = defaultdict(dict)
    for row in counted:
        counts[row["level"]][row["year"]] = row["n"]
    years = sorted({year for by_year in counts.values() for year in by_year})
    rows = [
        (
            str(level.label),
            [sum(counts[level.value].values()), *(counts[level.value].get(y, 0) for y in years)],
            link(level.value),
        )
        for level in award_enums.AwardLevel
        if counts.get(level.value)
    ]
    span = f"{first.year}–{period.last.year}"
    if rows:
        top = rows[0]
        takeaway = _t(
            "The enterprises won %(total)s awards in %(period)s, %(count)s of them at the "
            "highest level won (%(level)s)."
        ) % {
            "total": sum(cells[0] for _, cells, _ in rows),
            "period": span,
            "count": top[1][0],
            "level": top[0],
        }
    else:
        takeaway = _t("No award was won in %(period)s.") % {"period": span}
    return make(
        key="awards",
        title=_t("Awards by level"),
        takeaway=takeaway,
        description=_t(
            "Bar chart of the awards the enterprises won in %(period)s, by level and by the "
            "year the results were published."
        )
        % {"period": span},
        columns=[_t("Level"), _t("Awards"), *(str(year) for year in years)],
        rows=rows,
        definitions=[metrics.get("awards_won")],
        series=[(_t("Awards"), 0)],
    )


def _by_year(queryset, field, **aggregates):
    """``{year: {name: value}}`` of ``queryset`` grouped by the year of ``field``."""
    rows = (
        queryset.annotate(year=ExtractYear(field))
        .values("year")
        .annotate(**aggregates)
        .order_by("year")
    )
    return {row.pop("year"): row for row in rows}


def attendance(make, hosts, period, link):
    """Confirmed registrations and people checked in at the hosts' events, by the year the
    event started, over the five years to the period's end (big events are yearly)."""
    first = award_span(period).first
    events = events_held(hosts, award_span(period))
    registered = _by_year(
        confirmed_registrations(events), "event__starts_at", registered=Count("pk")
    )
    checked = _by_year(
        check_ins(events),
        "door__starts_at",
        checked_in=Count("registration", distinct=True),
    )
    rows = [
        (
            str(year),
            [
                registered.get(year, {}).get("registered", 0),
                checked.get(year, {}).get("checked_in", 0),
            ],
            link(year),
        )
        for year in sorted(set(registered) | set(checked))
    ]
    span = f"{first.year}–{period.last.year}"
    if rows:
        takeaway = _t(
            "%(came)s people checked in at the events of %(period)s, of %(confirmed)s "
            "confirmed registrations."
        ) % {
            "came": sum(cells[1] for _, cells, _ in rows),
            "confirmed": sum(cells[0] for _, cells, _ in rows),
            "period": span,
        }
    else:
        takeaway = _t("No one registered for an event in %(period)s.") % {"period": span}
    return make(
        key="attendance",
        title=_t("Event attendance"),
        takeaway=takeaway,
        description=_t(
            "Bar chart of the confirmed registrations and the people checked in at the events "
            "of each year of %(period)s."
        )
        % {"period": span},
        columns=[_t("Year"), _t("Confirmed registrations"), _t("Checked in")],
        rows=rows,
        definitions=[metrics.get("event_attendance")],
        series=[(_t("Confirmed registrations"), 0), (_t("Checked in"), 1)],
    )


def jobs(make, enterprises, period, link):
    """Postings published and applicants hired in the period, by month."""
    published = _by_month(
        postings_published(enterprises, period), "published_at", postings=Count("pk")
    )
    hired = _by_month(hires(enterprises, period), "decided_at", hires=Count("pk"))
    rows = [
        (
            month,
            [
                published.get(month, {}).get("postings", 0),
                hired.get(month, {}).get("hires", 0),
            ],
            link(month),
        )
        for month in sorted(set(published) | set(hired))
    ]
    if rows:
        takeaway = _t(
            "The enterprises published %(postings)s job postings and hired %(hires)s people "
            "through the platform in %(period)s."
        ) % {
            "postings": sum(cells[0] for _, cells, _ in rows),
            "hires": sum(cells[1] for _, cells, _ in rows),
            "period": period.text(),
        }
    else:
        takeaway = _t("No job posting was published in %(period)s.") % {"period": period.text()}
    return make(
        key="jobs",
        title=_t("Job postings and hires"),
        takeaway=takeaway,
        description=_t(
            "Bar chart of the job postings published and the people hired each month of %(period)s."
        )
        % {"period": period.text()},
        columns=[_t("Month"), _t("Postings published"), _t("Hires")],
        rows=rows,
        definitions=[metrics.get("jobs_hires")],
        series=[(_t("Postings published"), 0), (_t("Hires"), 1)],
    )


def finance(make, enterprises, period, link):
    """Financing granted through the platform's introductions, by month of the grant."""
    rows = _amount_and_count_by_month(
        grants(enterprises, period),
        "granted_on",
        "granted_amount",
        link,
    )
    if rows:
        takeaway = _t(
            "Institutions granted %(amount)s (10,000 yuan) in %(count)s financings through the "
            "platform in %(period)s."
        ) % {
            "amount": formatted(sum(cells[0] for _, cells, _ in rows)),
            "count": sum(cells[1] for _, cells, _ in rows),
            "period": period.text(),
        }
    else:
        takeaway = _t("No financing was granted through the platform in %(period)s.") % {
            "period": period.text()
        }
    return make(
        key="finance",
        title=_t("Culture-finance grants"),
        takeaway=takeaway,
        description=_t(
            "Bar chart of the financing granted through the platform each month of "
            "%(period)s, in 10,000 yuan."
        )
        % {"period": period.text()},
        columns=[_t("Month"), _t("Amount granted (10,000 yuan)"), _t("Financings")],
        rows=rows,
        definitions=[metrics.get("finance_granted")],
        series=[(_t("Amount granted (10,000 yuan)"), 0)],
    )


def deals(make, enterprises, period, link):
    """Supply-and-demand introductions closed with a deal, by month of closing, counted for
    the enterprise whose post each was about (``market.selectors.closed_deals``)."""
    rows = _amount_and_count_by_month(
        deals_closed(enterprises, period),
        "closed_on",
        "deal_value",
        link,
        divisor=TEN_THOUSAND,
    )
    if rows:
        takeaway = _t(
            "%(count)s supply-and-demand deals worth %(value)s (10,000 yuan) were closed "
            "through the platform in %(period)s."
        ) % {
            "count": sum(cells[1] for _, cells, _ in rows),
            "value": formatted(sum(cells[0] for _, cells, _ in rows)),
            "period": period.text(),
        }
    else:
        takeaway = _t(
            "No supply-and-demand deal was closed through the platform in %(period)s."
        ) % {"period": period.text()}
    return make(
        key="deals",
        title=_t("Supply-and-demand deals"),
        takeaway=takeaway,
        description=_t(
            "Bar chart of the value of the supply-and-demand deals closed through the platform "
            "each month of %(period)s, in 10,000 yuan."
        )
        % {"period": period.text()},
        columns=[_t("Month"), _t("Deal value (10,000 yuan)"), _t("Deals")],
        rows=rows,
        definitions=[metrics.get("market_deals")],
        series=[(_t("Deal value (10,000 yuan)"), 0)],
    )


# An enterprise's own activity ------------------------------------------------------------


def of_enterprise(enterprise, until):
    """The enterprise's applications, funds granted, filings, awards and events, a row a
    year up to ``until``: ``{year: {name: value}}``."""
    years = defaultdict(dict)

    def add(name, rows):
        for year, value in rows:
            if year is not None and year <= until:
                years[year][name] = value

    add(
        "applications",
        Application.objects.filter(enterprise=enterprise, submitted_at__isnull=False)
        .annotate(year=ExtractYear("submitted_at"))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n"),
    )
    add(
        "funds",
        [
            (year, (total / TEN_THOUSAND).quantize(Decimal("0.01")))
            for year, total in Application.objects.filter(
                enterprise=enterprise,
                state=programme_enums.ApplicationState.APPROVED,
                approved_amount__isnull=False,
                decided_at__isnull=False,
            )
            .annotate(year=ExtractYear("decided_at"))
            .values("year")
            .annotate(total=Sum("approved_amount"))
            .values_list("year", "total")
        ],
    )
    add(
        "filings",
        PlanningFiling.objects.filter(project__enterprise=enterprise, submitted_on__isnull=False)
        .annotate(year=ExtractYear("submitted_on"))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n"),
    )
    add(
        "awards",
        Entry.objects.filter(
            submitter=enterprise,
            state=award_enums.EntryState.AWARDED,
            scheme__results_published_on__isnull=False,
        )
        .annotate(year=ExtractYear("scheme__results_published_on"))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n"),
    )
    add(
        "events",
        Event.objects.filter(
            exhibitors__organization=enterprise,
            exhibitors__status=event_enums.ExhibitorStatus.CONFIRMED,
        )
        .exclude(status=event_enums.EventStatus.CANCELLED)
        .annotate(year=ExtractYear("starts_at"))
        .values("year")
        .annotate(n=Count("pk", distinct=True))
        .values_list("year", "n"),
    )
    return years
