"""A month's public notice as an Excel workbook, in the columns the regulator's notices use,
for the public page and the API alike."""

from django.utils.translation import gettext as _t

from cloudpark.core import excel


def _producers(filing):
    return "、".join(producer.enterprise.name for producer in filing.producers.all())


def _planning_number(filing):
    numbers = [number for number in filing.numbers.all() if number.series == "planning"]
    return (numbers[-1].number, numbers[-1].get_status_display()) if numbers else ("", "")


def export_notice(month, filings):
    """The filings of ``month``'s notice, one row each (``filings`` from
    ``selectors.filings_in_notice``)."""
    headers = [
        _t("No."),
        _t("Title"),
        _t("Kind"),
        _t("Era"),
        _t("Subject matter"),
        _t("Episodes"),
        _t("Minutes per episode"),
        _t("Producers"),
        _t("Planning number"),
        _t("Status"),
    ]
    rows = (
        [
            index,
            filing.title,
            filing.get_kind_display(),
            filing.era_label,
            filing.subject_label,
            filing.episodes,
            float(filing.minutes_per_episode),
            _producers(filing),
            *_planning_number(filing),
        ]
        for index, filing in enumerate(filings, start=1)
    )
    return excel.workbook_response(
        f"drama-notice-{month:%Y-%m}.xlsx",
        _t("Notice %(month)s") % {"month": f"{month:%Y-%m}"},
        headers,
        rows,
    )
