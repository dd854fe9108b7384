"""The round's declarations and outcomes as an Excel workbook, for the organiser's page and
the API alike."""

from django.utils import timezone
from django.utils.translation import gettext as _t

from cloudpark.core import excel


def export_declarations(accreditation_round, declarations):
    """The round's declarations and outcomes, one row each, as the bureau files them."""
    headers = [
        _t("Park"),
        _t("Region"),
        _t("State"),
        _t("Submitted on"),
        _t("Operator"),
        _t("Area (m²)"),
        _t("Enterprises in the park"),
        _t("Output value last year (10,000 yuan)"),
        _t("Focus"),
        _t("Support measures"),
        _t("Site survey on"),
        _t("Site survey notes"),
        _t("Provincial review decided on"),
        _t("Decided on"),
        _t("Reasons given"),
        _t("Level granted"),
        _t("Batch"),
    ]
    rows = (
        [
            declaration.park.display_name,
            declaration.park.region.display_name if declaration.park.region else "",
            declaration.get_state_display(),
            declaration.submitted_on,
            declaration.operator,
            float(declaration.area),
            declaration.enterprise_count,
            float(declaration.output),
            declaration.focus,
            declaration.support_measures,
            declaration.surveyed_on,
            declaration.survey_notes,
            declaration.provincial_decided_on,
            declaration.decided_on,
            declaration.decision_comment,
            _accreditation_of(declaration, "get_level_display"),
            _accreditation_of(declaration, "display_batch"),
        ]
        for declaration in declarations
    )
    stamp = timezone.localdate().isoformat()
    return excel.workbook_response(
        f"declarations-{accreditation_round.pk}-{stamp}.xlsx", _t("Declarations"), headers, rows
    )


def _accreditation_of(declaration, attribute):
    accreditation = getattr(declaration, "accreditation", None)
    if accreditation is None:
        return ""
    value = getattr(accreditation, attribute)
    return value() if callable(value) else value
