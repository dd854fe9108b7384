"""A dashboard as one Excel workbook: the filters applied first, then a sheet per chart with
its table, its takeaway and the definition note of each metric it shows, and last a sheet of
the definitions of every metric the workbook holds. One chart exports the same way, alone."""

from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import pgettext

from cloudpark.core import excel


def _cell(value):
    return float(value) if hasattr(value, "as_tuple") else value


def _as_of(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "—"


def chart_rows(chart):
    """The chart's table, then its takeaway, date, reporting share and definitions."""
    rows = [[str(row.label), *(_cell(value) for value in row.cells)] for row in chart.rows]
    rows.append([])
    rows.append([_t("Takeaway"), str(chart.takeaway)])
    rows.append([_t("As of"), _as_of(chart.as_of)])
    if chart.share is not None:
        rows.append([_t("Reporting rate (%)"), _cell(chart.share)])
    for metric in chart.definitions:
        rows.append(
            [
                _t("Definition: %(metric)s") % {"metric": metric.display_name},
                metric.display_note,
                metric.display_source,
                metric.dated.isoformat(),
            ]
        )
    return rows


def _sheet_names(titles):
    """Sheet names Excel accepts: at most 31 characters, none of ``[]:*?/\\``, all different."""
    names = []
    for title in titles:
        name = "".join(" " if char in "[]:*?/\\" else char for char in str(title))[:31].strip()
        candidate, number = name, 2
        while candidate in names:
            suffix = f" ({number})"
            candidate, number = name[: 31 - len(suffix)] + suffix, number + 1
        names.append(candidate)
    return names


def definitions_rows(charts):
    """Each metric of ``charts`` once: its name, unit, definition note, source and date."""
    seen = {}
    for chart in charts:
        for metric in chart.definitions:
            seen.setdefault(metric.code, metric)
    return [
        [
            metric.display_name,
            metric.display_unit,
            metric.display_note,
            metric.display_source,
            metric.dated.isoformat(),
        ]
        for metric in seen.values()
    ]


def board_workbook(board, *, title, charts=None):
    """The board (or only ``charts`` of it) as a workbook: the filters and key figures, a
    sheet per chart, and a sheet of definitions."""
    charts = board.charts if charts is None else charts
    filters = [[label, value] for label, value in board.filters.applied()]
    filters.append([_t("As of"), _as_of(board.as_of)])
    filters.append([])
    filters += [
        [
            kpi.metric.display_name,
            _cell(kpi.value) if kpi.value is not None else "—",
            kpi.metric.display_unit,
        ]
        for kpi in board.kpis
    ]
    names = _sheet_names([str(title), *(chart.title for chart in charts), _t("Definitions")])
    sheets = [
        (name, [str(column) for column in chart.columns], chart_rows(chart))
        for name, chart in zip(names[1:-1], charts, strict=True)
    ]
    sheets.append(
        (
            names[-1],
            [_t("Metric"), _t("Unit"), _t("Definition"), _t("Source"), _t("Dated")],
            definitions_rows(charts),
        )
    )
    return excel.workbook_bytes(
        names[0],
        [_t("Filter"), pgettext("figure", "Value"), _t("Unit")],
        filters,
        more_sheets=sheets,
    )
