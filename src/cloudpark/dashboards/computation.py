"""The stored metrics computed from the records: the reported yearly figures of the
enterprises resident in a park, per park, major category and year."""

from collections import defaultdict
from decimal import Decimal

from cloudpark.dashboards import metrics
from cloudpark.orgs.models import Enterprise, EnterpriseYear

# How many years the store keeps, up to the last year that has ended.
YEARS = 5
FIELDS = ("revenue", "output", "taxes", "staff_count")


def is_above_size(formula, category_codes, figures):
    """Whether an enterprise with ``figures`` (an ``EnterpriseYear``'s values) is above
    designated size by the thresholds of ``formula`` (``metrics.json``, ``above_size``)."""
    revenue = figures["revenue"] or 0
    if set(category_codes) & set(formula["manufacturing"]):
        return revenue >= formula["manufacturing_revenue"]
    staff = figures["staff_count"] or 0
    return revenue >= formula["services_revenue"] or staff >= formula["services_staff"]


def _value(metric, enterprise, year, reports):
    """The enterprise's contribution to a stored metric in ``year``."""
    formula = metric.formula
    this = reports.get((enterprise["pk"], year))
    if metric.kind == "count":
        return 1
    if this is None:
        return 0
    if metric.kind == "reported":
        return 1
    if metric.kind == "sum":
        return this[formula["field"]] or 0
    if metric.kind == "above_size":
        codes = (enterprise["category__code"], enterprise["category__parent__code"])
        return 1 if is_above_size(formula, codes, this) else 0
    # comparable: only when both this year and last were reported
    previous = reports.get((enterprise["pk"], year - 1))
    if previous is None:
        return 0
    chosen = previous if formula["years_back"] else this
    return chosen[formula["field"]] or 0


def cells(*, last_year):
    """The stored figures of the ``YEARS`` years up to ``last_year``, as dicts of ``Figure``
    fields (without ``as_of``): every stored metric of every park, major category and year
    that holds an enterprise."""
    years = range(last_year - YEARS + 1, last_year + 1)
    enterprises = list(
        Enterprise.objects.filter(park__isnull=False).values(
            "pk",
            "park_id",
            "founded_on",
            "category__code",
            "category__parent__code",
            "category__parent_id",
        )
    )
    reports = {
        (row["enterprise_id"], row["year"]): row
        for row in EnterpriseYear.objects.filter(
            enterprise__park__isnull=False,
            year__gte=years[0] - 1,
            year__lte=last_year,
            revenue__isnull=False,
        ).values("enterprise_id", "year", *FIELDS)
    }
    stored = [metrics.get(code) for code in metrics.STORED]
    totals = defaultdict(lambda: defaultdict(Decimal))
    for year in years:
        for enterprise in enterprises:
            founded = enterprise["founded_on"]
            if founded is not None and founded.year > year:
                continue
            key = (year, enterprise["park_id"], enterprise["category__parent_id"])
            for metric in stored:
                totals[key][metric.code] += Decimal(_value(metric, enterprise, year, reports))
    counted = next(metric.code for metric in stored if metric.kind == "count")
    reporting = next(metric.code for metric in stored if metric.kind == "reported")
    for (year, park_id, category_id), values in totals.items():
        population = int(values[counted])
        reported = int(values[reporting])
        for code, value in values.items():
            yield {
                "metric": code,
                "year": year,
                "park_id": park_id,
                "category_id": category_id,
                "value": value,
                "population": population,
                "reported": reported,
            }
