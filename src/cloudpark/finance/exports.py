"""Products and introductions as Excel workbooks (``core.excel``: no cell becomes a formula)."""

from django.utils import timezone
from django.utils.translation import gettext as _t

from cloudpark.core import excel


def _range(low, high):
    return f"{low}–{high}"


def export_products(products):
    headers = [
        _t("Institution"),
        _t("Product"),
        _t("Kind"),
        _t("Amount (10,000 yuan)"),
        _t("Term (months)"),
        _t("All-in cost (percent a year)"),
        _t("Collateral accepted"),
    ]
    rows = (
        [
            product.institution.display_name,
            product.display_name,
            product.get_kind_display(),
            _range(product.amount_min, product.amount_max),
            _range(product.term_min, product.term_max),
            _range(product.cost_min, product.cost_max),
            ", ".join(product.collateral_labels),
        ]
        for product in products
    )
    return excel.workbook_response("financing-products.xlsx", _t("Products"), headers, rows)


def export_introductions(introductions):
    headers = [
        _t("Enterprise"),
        _t("Institution"),
        _t("Product"),
        _t("Amount needed (10,000 yuan)"),
        _t("State"),
        _t("Requested on"),
        _t("Amount granted (10,000 yuan)"),
        _t("All-in cost granted (percent a year)"),
        _t("Granted on"),
    ]
    rows = (
        [
            introduction.need.enterprise.display_name,
            introduction.product.institution.display_name,
            introduction.product.display_name,
            introduction.need.amount,
            introduction.get_state_display(),
            timezone.localdate(introduction.created_at),
            introduction.granted_amount,
            introduction.granted_rate,
            introduction.granted_on,
        ]
        for introduction in introductions
    )
    return excel.workbook_response("introductions.xlsx", _t("Introductions"), headers, rows)
