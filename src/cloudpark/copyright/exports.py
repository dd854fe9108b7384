"""The register and the zone's overview as Excel workbooks (``core.excel``: no cell becomes
a formula)."""

from django.utils.translation import gettext as _t
from django.utils.translation import pgettext

from cloudpark.core import excel


def export_works(works):
    headers = [
        _t("Title"),
        _t("Category"),
        _t("Copyright owner"),
        _t("Authors"),
        _t("Nature of creation"),
        _t("Completed on"),
        _t("First published on"),
        _t("Place of first publication"),
        _t("How the right was acquired"),
        _t("How the right is held"),
        _t("Rights held"),
        pgettext("copyright", "Registration"),
        _t("Work registration number"),
        _t("Software registration number"),
        _t("Software certificate number"),
        _t("Registered on"),
    ]
    rows = (
        [
            work.display_title,
            work.get_category_display(),
            work.owner_name,
            work.authors,
            work.get_creation_nature_display(),
            work.completed_on,
            work.first_published_on,
            work.first_published_place,
            work.get_acquisition_display(),
            work.get_attribution_display(),
            work.get_holding_display(),
            work.get_registration_state_display(),
            work.registration_number,
            work.software_registration_number,
            work.software_certificate_number,
            work.registered_on,
        ]
        for work in works
    )
    return excel.workbook_response("copyright-register.xlsx", _t("Works"), headers, rows)


def export_overview(rows):
    headers = [
        pgettext("copyright", "Holder"),
        _t("Works"),
        _t("Registered works"),
        _t("Licences"),
        _t("Pledges in force"),
    ]
    data = (
        [row["enterprise__name"], row["works"], row["registered"], row["licences"], row["pledges"]]
        for row in rows
    )
    return excel.workbook_response("copyright-overview.xlsx", _t("Copyright"), headers, data)
