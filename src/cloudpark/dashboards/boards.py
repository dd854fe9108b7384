"""The dashboards, read from the figures store: the charts of the zone (a government body's
parks) and of a park, each with its takeaway, its date, the share of enterprises that
reported, its definition notes, a table and the links to the enterprises behind each row.

A board sums the store in the database (by year, and the chosen year by category and by
park) and works out the derived metrics from those sums (``metrics``). Funds granted and
parks by level are read live from their apps: each is one small aggregate query.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _t

from cloudpark.dashboards import activity, metrics
from cloudpark.dashboards.models import Figure
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import EnterpriseYear, IndustryCategory
from cloudpark.programs import enums as programme_enums
from cloudpark.programs.eligibility import figure as formatted
from cloudpark.programs.models import Application

# The Classification of Cultural and Related Industries (2018): the first six major
# categories are the core fields, the last three the related ones.
CORE_CATEGORIES = frozenset({"01", "02", "03", "04", "05", "06"})
TEN_THOUSAND = Decimal(10000)


@dataclass(frozen=True)
class Filters:
    year: int
    park: object = None  # a Park in the organisation's care, or None for all of them
    category: object = None  # a major IndustryCategory, or None for all

    def applied(self):
        """(label, value) of each filter, for the page and the workbook."""
        return [
            (_t("Year"), str(self.year)),
            (_t("Park"), self.park.display_name if self.park else _t("All parks")),
            (
                _t("Industry category"),
                str(self.category) if self.category else _t("All categories"),
            ),
        ]


@dataclass
class Row:
    label: str
    cells: list
    link: str = ""
    key: str = ""

    def texts(self):
        """The cells as the table shows them."""
        return [_text(value) for value in self.cells]


@dataclass
class Chart:
    key: str
    title: str
    takeaway: str
    description: str
    columns: list
    rows: list
    definitions: list  # Metric
    kind: str = "bar"
    series: list = field(default_factory=list)  # (name, column index) drawn from the rows
    share: object = None  # Decimal percentage of enterprises that reported, or None
    as_of: object = None

    @property
    def data_id(self):
        return f"chart-data-{self.key}"

    def spec(self):
        """What the chart script draws: plain JSON, no code."""
        return {
            "kind": self.kind,
            "title": str(self.title),
            "description": str(self.description),
            "categories": [str(row.label) for row in self.rows],
            "series": [
                {"name": str(name), "data": [_number(row.cells[index]) for row in self.rows]}
                for name, index in self.series
            ],
            "links": [row.link for row in self.rows],
        }


@dataclass
class Board:
    filters: Filters
    as_of: object
    kpis: list
    charts: list
    years: list


def _number(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    return value


def _text(value):
    if value is None:
        return "—"
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return formatted(value)
    return str(value)


@dataclass(frozen=True)
class Kpi:
    metric: object
    value: object

    def text(self):
        if self.value is None:
            return "—"
        if self.metric.display_unit == "%":
            return f"{formatted(self.value)}%"
        return f"{formatted(self.value)} {self.metric.display_unit}"


def _percent(value):
    return "—" if value is None else f"{formatted(value)}%"


def _change(value):
    """Growth in words: "up 12.50%", "down 3%", or that there is no comparable base."""
    if value is None:
        return _t("with no comparable base")
    if value >= 0:
        return _t("up %(percent)s%%") % {"percent": formatted(value)}
    return _t("down %(percent)s%%") % {"percent": formatted(-value)}


def _sums(stored, field):
    """``{value of field: {metric: sum}}`` of the stored figures ``stored``, summed by the
    database: one query."""
    grouped = defaultdict(lambda: defaultdict(Decimal))
    for row in stored.values(field, "metric").annotate(total=Sum("value")).order_by():
        grouped[row[field]][row["metric"]] = row["total"]
    return grouped


def _share(totals):
    return metrics.get("reporting_rate").value(totals)


def stored_years():
    last = Figure.objects.order_by("-year").values_list("year", flat=True).first()
    return list(range(last, last - 5, -1)) if last else []


def _stored(parks, filters):
    """The stored figures of ``parks`` under ``filters``, up to its year."""
    stored = Figure.objects.filter(park__in=list(parks), year__lte=filters.year)
    if filters.park is not None:
        stored = stored.filter(park=filters.park)
    if filters.category is not None:
        stored = stored.filter(category=filters.category)
    return stored


def _yearly(stored):
    """The sums of ``stored`` by year, and the date of the newest: one query."""
    by_year = defaultdict(lambda: defaultdict(Decimal))
    as_of = None
    rows = stored.values("year", "metric").annotate(total=Sum("value"), newest=Max("as_of"))
    for row in rows.order_by():
        by_year[row["year"]][row["metric"]] = row["total"]
        as_of = max(as_of, row["newest"]) if as_of else row["newest"]
    return by_year, as_of


@dataclass(frozen=True)
class Point:
    year: int
    value: object
    reporting_rate: object


def series(organization, metric, filters):
    """The yearly values of ``metric`` (a stored or derived one) for the parks in
    ``organization``'s care under ``filters``, oldest first, and their date."""
    parks = org_selectors.parks_in_care_of(organization).values_list("pk", flat=True)
    by_year, as_of = _yearly(_stored(parks, filters))
    points = [
        Point(year=year, value=metric.value(totals), reporting_rate=_share(totals))
        for year, totals in sorted(by_year.items())
    ]
    return points, as_of


def no_records(kind, value):
    return ""


def build(organization, filters, *, drill, records=no_records):
    """The board of ``organization`` (a park or a government body) under ``filters``.
    ``drill(park=None, category=None)`` gives the address of the enterprise list behind a
    row, and ``records(key, value)`` that of the list of a live chart's records behind one
    bar (the chart's key and the bar's month, level or year, ``drill.BAR_PARAMETERS``), or
    "" where there is none; the portal knows both."""
    parks = {park.pk: park for park in org_selectors.parks_in_care_of(organization)}
    categories = {
        category.pk: category
        for category in IndustryCategory.objects.filter(level=org_enums.CategoryLevel.MAJOR)
    }
    stored = _stored(parks, filters)
    this_year = stored.filter(year=filters.year)
    by_year, as_of = _yearly(stored)
    year_totals = by_year.get(filters.year, {})
    share = _share(year_totals)

    def chart(**kwargs):
        return Chart(share=share, as_of=as_of, **kwargs)

    charts = [
        _by_category(chart, this_year, categories, filters, drill),
        _revenue_and_taxes(chart, by_year, filters, drill),
        _per_enterprise(chart, by_year, filters, drill),
    ]
    if len(parks) > 1 and filters.park is None:
        charts.insert(1, _by_park(chart, this_year, parks, filters, drill))
        charts.append(_parks_by_level(chart, parks.values(), as_of))
    funds = _funds(chart, organization, filters, drill)
    if funds is not None:
        charts.append(funds)
    charts += _live_charts(organization, filters, share, records)
    for each in charts:
        # The share of the enterprises that reported the year, on every chart of the board.
        if each.share is None:
            each.share = share
    values = metrics.values(year_totals)
    kpis = [
        Kpi(metrics.get(code), values[code])
        for code in (
            "enterprises",
            "reporting_rate",
            "revenue",
            "revenue_yoy",
            "taxes",
            "taxes_yoy",
            "above_size",
            "revenue_per_enterprise",
            "output_per_worker",
        )
    ]
    return Board(
        filters=filters,
        as_of=as_of,
        kpis=kpis,
        charts=charts,
        years=sorted(by_year),
    )


def _by_category(chart, this_year, categories, filters, drill):
    grouped = _sums(this_year, "category_id")
    table = []
    for pk, totals in sorted(grouped.items(), key=lambda item: categories[item[0]].code):
        category = categories[pk]
        field_label = _t("Core") if category.code in CORE_CATEGORIES else _t("Related")
        table.append(
            Row(
                label=category.display_name,
                cells=[
                    field_label,
                    int(totals["enterprises"]),
                    int(totals["reported"]),
                    totals["revenue"],
                    int(totals["above_size"]),
                ],
                link=drill(park=filters.park, category=category),
                key=category.code,
            )
        )
    total = sum(row.cells[1] for row in table)
    core = sum(row.cells[1] for row in table if row.key in CORE_CATEGORIES)
    above = sum(row.cells[4] for row in table)
    if table:
        top = max(table, key=lambda row: row.cells[1])
        takeaway = _t(
            "Most enterprises are in %(category)s (%(count)s of %(total)s); the core cultural "
            "fields hold %(core)s of them, and %(above)s are above designated size."
        ) % {
            "category": top.label,
            "count": top.cells[1],
            "total": total,
            "core": _percent((Decimal(core) * 100 / total).quantize(Decimal("0.1"))),
            "above": above,
        }
    else:
        takeaway = _t("No enterprises in these filters yet.")
    return chart(
        key="by_category",
        title=_t("Enterprises by category"),
        takeaway=takeaway,
        description=_t(
            "Bar chart of the number of enterprises in each major category of the cultural "
            "industries in %(year)s."
        )
        % {"year": filters.year},
        columns=[
            _t("Major category"),
            _t("Field"),
            _t("Enterprises"),
            _t("Reported"),
            _t("Revenue (10,000 yuan)"),
            _t("Above designated size"),
        ],
        rows=table,
        definitions=[
            metrics.get("enterprises"),
            metrics.get("revenue"),
            metrics.get("above_size"),
        ],
        series=[(_t("Enterprises"), 1), (_t("Above designated size"), 4)],
    )


def _by_park(chart, this_year, parks, filters, drill):
    grouped = _sums(this_year, "park_id")
    table = [
        Row(
            label=parks[pk].display_name,
            cells=[
                int(totals["enterprises"]),
                int(totals["reported"]),
                totals["revenue"],
                metrics.get("revenue_yoy").value(totals),
            ],
            link=drill(park=parks[pk], category=filters.category),
            key=str(pk),
        )
        for pk, totals in sorted(grouped.items(), key=lambda item: parks[item[0]].name)
    ]
    if table:
        top = max(table, key=lambda row: row.cells[2])
        takeaway = _t(
            "%(park)s earned the most revenue in %(year)s: %(revenue)s (10,000 yuan)."
        ) % {
            "park": top.label,
            "year": filters.year,
            "revenue": formatted(top.cells[2]),
        }
    else:
        takeaway = _t("No enterprises in these filters yet.")
    return chart(
        key="by_park",
        title=_t("Enterprises and revenue by park"),
        takeaway=takeaway,
        description=_t("Bar chart of the enterprises and the revenue of each park in %(year)s.")
        % {"year": filters.year},
        columns=[
            _t("Park"),
            _t("Enterprises"),
            _t("Reported"),
            _t("Revenue (10,000 yuan)"),
            _t("Revenue growth (%)"),
        ],
        rows=table,
        definitions=[
            metrics.get("enterprises"),
            metrics.get("revenue"),
            metrics.get("revenue_yoy"),
        ],
        series=[(_t("Enterprises"), 0)],
    )


def _yearly_rows(by_year, codes, filters, drill):
    """A row a year of the metrics ``codes``, each opening the enterprises in the filters."""
    rows = []
    for year in sorted(by_year):
        values = metrics.values(by_year[year])
        rows.append(
            Row(
                label=str(year),
                cells=[values[code] for code in codes],
                link=drill(park=filters.park, category=filters.category),
                key=str(year),
            )
        )
    return rows


def _revenue_and_taxes(chart, by_year, filters, drill):
    codes = ("revenue", "revenue_yoy", "taxes", "taxes_yoy", "reporting_rate")
    table = _yearly_rows(by_year, codes, filters, drill)
    values = metrics.values(by_year.get(filters.year, {}))
    takeaway = _t(
        "Revenue was %(revenue)s (10,000 yuan) in %(year)s, %(change)s on a comparable basis; "
        "taxes were %(taxes)s."
    ) % {
        "revenue": formatted(values["revenue"]),
        "year": filters.year,
        "change": _change(values["revenue_yoy"]),
        "taxes": formatted(values["taxes"]),
    }
    return chart(
        key="revenue_taxes",
        title=_t("Revenue and taxes"),
        takeaway=takeaway,
        description=_t(
            "Bar chart of the revenue and the taxes of the enterprises that reported, year by "
            "year up to %(year)s."
        )
        % {"year": filters.year},
        columns=[
            _t("Year"),
            _t("Revenue (10,000 yuan)"),
            _t("Revenue growth (%)"),
            _t("Taxes (10,000 yuan)"),
            _t("Tax growth (%)"),
            _t("Reporting rate (%)"),
        ],
        rows=table,
        definitions=[
            metrics.get(code)
            for code in ("revenue", "revenue_yoy", "taxes", "taxes_yoy", "reporting_rate")
        ],
        series=[(_t("Revenue"), 0), (_t("Taxes paid"), 2)],
    )


def _per_enterprise(chart, by_year, filters, drill):
    table = _yearly_rows(by_year, ("revenue_per_enterprise", "output_per_worker"), filters, drill)
    values = metrics.values(by_year.get(filters.year, {}))
    if values["revenue_per_enterprise"] is None:
        takeaway = _t("No enterprise has reported for %(year)s yet.") % {"year": filters.year}
    else:
        takeaway = _t(
            "An enterprise that reported earned %(value)s (10,000 yuan) on average in %(year)s."
        ) % {"value": formatted(values["revenue_per_enterprise"]), "year": filters.year}
    return chart(
        key="per_enterprise",
        kind="line",
        title=_t("Revenue per enterprise and output per worker"),
        takeaway=takeaway,
        description=_t(
            "Line chart of the revenue per enterprise and the output per worker, year by year "
            "up to %(year)s."
        )
        % {"year": filters.year},
        columns=[
            _t("Year"),
            _t("Revenue per enterprise (10,000 yuan)"),
            _t("Output per worker (10,000 yuan)"),
        ],
        rows=table,
        definitions=[metrics.get("revenue_per_enterprise"), metrics.get("output_per_worker")],
        series=[(_t("Revenue per enterprise"), 0), (_t("Output per worker"), 1)],
    )


def _parks_by_level(chart, parks, as_of):
    counts = defaultdict(int)
    for park in parks:
        counts[park.level] += 1
    table = [
        Row(label=str(level.label), cells=[counts[level.value]], key=level.value)
        for level in org_enums.ParkLevel
        if counts[level.value]
    ]
    accredited = sum(row.cells[0] for row in table if row.key != org_enums.ParkLevel.UNRATED)
    return Chart(
        key="parks_by_level",
        title=_t("Parks by accreditation level"),
        takeaway=_t("%(accredited)s of the %(total)s parks in your care are accredited bases.")
        % {"accredited": accredited, "total": sum(counts.values())},
        description=_t("Bar chart of the parks in your care by their accreditation level."),
        columns=[_t("Level"), _t("Parks")],
        rows=table,
        definitions=[metrics.get("parks_by_level")],
        series=[(_t("Parks"), 0)],
        as_of=timezone.now(),
    )


def _funds(chart, organization, filters, drill):
    """Support granted to the enterprises in care, by year of the decision and programme type
    (10,000 yuan); ``None`` when nothing has been granted. Decisions are not reported a year
    late: the latest year's board shows this year's grants so far too."""
    today = timezone.localdate()
    until = today.year if filters.year >= today.year - 1 else filters.year
    enterprises = activity.enterprises_in_scope(organization, filters)
    granted = (
        Application.objects.filter(
            org_selectors.among(enterprises),
            state=programme_enums.ApplicationState.APPROVED,
            approved_amount__isnull=False,
            decided_at__isnull=False,
        )
        .annotate(year=ExtractYear("decided_at"))
        .filter(year__lte=until)
        .values("year", "programme__programme_type")
        .annotate(total=Sum("approved_amount"), count=Count("pk"))
        .order_by("year")
    )
    totals = defaultdict(lambda: defaultdict(Decimal))
    for row in granted:
        amount = (row["total"] / TEN_THOUSAND).quantize(Decimal("0.01"))
        totals[row["year"]][row["programme__programme_type"]] += amount
    if not totals:
        return None
    kinds = [
        kind
        for kind in programme_enums.ProgrammeType
        if any(kind.value in t for t in totals.values())
    ]
    table = [
        Row(
            label=str(year),
            cells=[totals[year].get(kind.value, Decimal(0)) for kind in kinds],
            link=drill(park=filters.park, category=filters.category),
            key=str(year),
        )
        for year in sorted(totals)
    ]
    latest = max(totals)
    return Chart(
        key="funds",
        title=_t("Funds granted by programme type"),
        takeaway=_t("%(amount)s (10,000 yuan) of support was granted in %(year)s.")
        % {"amount": formatted(sum(totals[latest].values())), "year": latest},
        description=_t(
            "Stacked bar chart of the support granted each year, by programme type, in 10,000 yuan."
        ),
        columns=[_t("Year"), *[str(kind.label) for kind in kinds]],
        rows=table,
        definitions=[metrics.get("funds_granted")],
        series=[(kind.label, index) for index, kind in enumerate(kinds)],
        kind="stack",
        as_of=timezone.now(),
    )


LIVE_CHARTS = {
    # key: (the chart, whether it counts the hosts' events rather than the enterprises')
    "filings": (activity.filings, False),
    "awards": (activity.awards, False),
    "attendance": (activity.attendance, True),
    "jobs": (activity.jobs, False),
    "finance": (activity.finance, False),
    "deals": (activity.deals, False),
}


# The chart that serves each live metric's figures, which are not a yearly series.
CHART_OF_LIVE_METRIC = {
    "funds_granted": "funds",
    "parks_by_level": "parks_by_level",
    "drama_filings": "filings",
    "awards_won": "awards",
    "event_attendance": "attendance",
    "jobs_hires": "jobs",
    "finance_granted": "finance",
    "market_deals": "deals",
}


def has_yearly_series(metric):
    """Whether ``series`` tells the metric (a stored or derived one); a live one's figures
    are its chart's (``CHART_OF_LIVE_METRIC``)."""
    return metric.code not in CHART_OF_LIVE_METRIC


def _live_charts(organization, filters, share, records, keys=tuple(LIVE_CHARTS)):
    """The charts read from the other apps' records, in the order the board shows them."""
    now = timezone.now()

    def make(**kwargs):
        rows = [
            Row(label=label, cells=cells, link=link, key=label)
            for label, cells, link in kwargs.pop("rows")
        ]
        return Chart(share=share, as_of=now, rows=rows, **kwargs)

    period = activity.Period.of(filters)
    enterprises = activity.enterprises_in_scope(organization, filters)
    hosts = activity.hosts_in_scope(organization, filters)
    charts = []
    for key in keys:
        draw, of_hosts = LIVE_CHARTS[key]
        link = lambda value, key=key: records(key, value)  # noqa: E731
        charts.append(draw(make, hosts if of_hosts else enterprises, period, link))
    return charts


def chart(organization, filters, key, *, drill, records=no_records):
    """One chart of ``organization``'s board under ``filters``, or ``None`` when the board has
    no such chart. A live chart is read alone (with the reporting share of the year, one
    query of the store); a stored one is taken from the board."""
    if key in LIVE_CHARTS:
        parks = org_selectors.parks_in_care_of(organization).values_list("pk", flat=True)
        this_year = _stored(parks, filters).filter(year=filters.year)
        share = _share(_sums(this_year, "year").get(filters.year, {}))
        return _live_charts(organization, filters, share, records, keys=(key,))[0]
    board = build(organization, filters, drill=drill, records=records)
    return next((each for each in board.charts if each.key == key), None)


# An enterprise against its park ------------------------------------------------------------

# Fewer reporting enterprises than this and a median would tell one enterprise's figures.
MEDIAN_MINIMUM = 3
COMPARED = ("revenue", "taxes", "staff_count")


def _median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return ((ordered[middle - 1] + ordered[middle]) / 2).quantize(Decimal("0.01"))


def enterprise_board(enterprise, filters, records=no_records):
    """The enterprise's own reported figures, year by year up to ``filters.year``, against
    the median of the enterprises of its park that reported; a median of fewer than
    ``MEDIAN_MINIMUM`` is not shown. Read from the records: one query."""
    # The park's enterprises include this one; without a park there is only its own. (One
    # condition, not the two joined by OR, which made SQLite read every enterprise.)
    if enterprise.park_id:
        whose = Q(enterprise__park_id=enterprise.park_id)
    else:
        whose = Q(enterprise_id=enterprise.pk)
    reports = list(
        EnterpriseYear.objects.filter(whose, year__lte=filters.year, revenue__isnull=False).values(
            "enterprise_id", "year", *COMPARED
        )
    )
    own = {row["year"]: row for row in reports if row["enterprise_id"] == enterprise.pk}
    by_year = defaultdict(list)
    for row in reports:
        by_year[row["year"]].append(row)
    table = []
    for year in sorted(own):
        peers = by_year[year]
        cells = []
        for name in COMPARED:
            cells.append(own[year][name])
            values = [Decimal(row[name]) for row in peers if row[name] is not None]
            cells.append(_median(values) if len(values) >= MEDIAN_MINIMUM else None)
        table.append(Row(label=str(year), cells=cells, key=str(year)))
    latest = own.get(filters.year)
    median = table[-1].cells[1] if table and latest else None
    if latest is None:
        takeaway = _t("The figures of %(year)s have not been reported yet.") % {
            "year": filters.year
        }
    elif median is None:
        takeaway = _t(
            "Too few enterprises of the park reported %(year)s for a median to be shown."
        ) % {"year": filters.year}
    else:
        takeaway = _t(
            "Your revenue of %(revenue)s (10,000 yuan) in %(year)s is %(side)s the park's "
            "median of %(median)s."
        ) % {
            "revenue": formatted(latest["revenue"]),
            "year": filters.year,
            "side": _t("above") if latest["revenue"] > median else _t("at or below"),
            "median": formatted(median),
        }
    chart = Chart(
        key="against_park",
        kind="line",
        title=_t("Our figures against the park's median"),
        takeaway=takeaway,
        description=_t(
            "Line chart of the enterprise's revenue and the median revenue of the enterprises "
            "of its park that reported, year by year up to %(year)s."
        )
        % {"year": filters.year},
        columns=[
            _t("Year"),
            _t("Revenue (10,000 yuan)"),
            _t("Park median"),
            _t("Taxes (10,000 yuan)"),
            _t("Park median"),
            _t("Staff"),
            _t("Park median"),
        ],
        rows=table,
        definitions=[metrics.get("revenue"), metrics.get("taxes"), metrics.get("staff")],
        series=[(_t("Revenue"), 0), (_t("Park median"), 1)],
        as_of=timezone.now(),
    )
    charts = [chart, _enterprise_activity(enterprise, filters, records, chart.as_of)]
    return Board(filters=filters, as_of=chart.as_of, kpis=[], charts=charts, years=sorted(own))


ACTIVITY = ("applications", "funds", "filings", "awards", "events")


def _enterprise_activity(enterprise, filters, records, as_of):
    """The enterprise's applications, funds, filings, awards and events, year by year."""
    period = activity.Period.of(filters)
    done = activity.of_enterprise(enterprise, period.last.year)
    table = [
        Row(
            label=str(year),
            cells=[done[year].get(name, Decimal(0) if name == "funds" else 0) for name in ACTIVITY],
            link=records("applications", year),
            key=str(year),
        )
        for year in sorted(done)
    ]
    if table:
        takeaway = _t(
            "In %(year)s: %(applications)s applications, %(funds)s (10,000 yuan) of support "
            "granted, %(filings)s drama filings, %(awards)s awards and %(events)s exhibitions."
        ) % {
            "year": table[-1].label,
            "applications": table[-1].cells[0],
            "funds": formatted(table[-1].cells[1]),
            "filings": table[-1].cells[2],
            "awards": table[-1].cells[3],
            "events": table[-1].cells[4],
        }
    else:
        takeaway = _t("Nothing applied for, filed, won or exhibited on the platform yet.")
    return Chart(
        key="our_activity",
        title=_t("Our applications, funds, filings, awards and events"),
        takeaway=takeaway,
        description=_t(
            "Bar chart of the enterprise's applications, drama filings, awards and "
            "exhibitions, year by year up to %(year)s."
        )
        % {"year": period.last.year},
        columns=[
            _t("Year"),
            _t("Applications"),
            _t("Funds granted (10,000 yuan)"),
            _t("Drama filings"),
            _t("Awards"),
            _t("Exhibitions"),
        ],
        rows=table,
        definitions=[
            metrics.get("funds_granted"),
            metrics.get("drama_filings"),
            metrics.get("awards_won"),
        ],
        series=[
            (_t("Applications"), 0),
            (_t("Drama filings"), 2),
            (_t("Awards"), 3),
            (_t("Exhibitions"), 4),
        ],
        as_of=as_of,
    )
