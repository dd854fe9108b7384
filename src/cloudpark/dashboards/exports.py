"""A dashboard as one Excel workbook: the filters applied first, then a sheet per chart with
its table, its takeaway and the definition note of each metric it shows."""

from django.utils import timezone
from django.utils.translation import gettext as _t

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


def board_workbook(board, *, title):
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
    return excel.workbook_bytes(
        str(title)[:31],
        [_t("Filter"), _t("Value"), _t("Unit")],
        filters,
        more_sheets=[
            (chart.title, [str(column) for column in chart.columns], chart_rows(chart))
            for chart in board.charts
        ],
    )
