"""Excel columns of enterprise benefits."""

from django.utils.translation import gettext as _t

from cloudpark.core import excel


def export_statistics(rows):
    return excel.workbook_response(
        "benefits-statistics.xlsx",
        _t("Benefits by park"),
        [
            _t("Park"),
            _t("Offers"),
            _t("Partners’ offers"),
            _t("Claims by its people"),
            _t("Redemptions"),
        ],
        [
            [
                str(park),
                park.offer_total,
                park.partner_offer_total,
                park.claim_total,
                park.redemption_total,
            ]
            for park in rows
        ],
    )
