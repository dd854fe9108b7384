"""The directory as Excel workbooks: enterprises (public or private columns) and parks."""

from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import excel


def enterprise_public_columns():
    return [
        (_("Name"), lambda e: e.display_name),
        (_("Unified social credit code"), lambda e: e.credit_code),
        (_("Industry category"), lambda e: str(e.category)),
        (_("Park"), lambda e: e.park.display_name if e.park else ""),
        (_("Region"), lambda e: e.region.display_name if e.region else ""),
        (_("Founded on"), lambda e: e.founded_on),
    ]


def enterprise_private_columns():
    return [
        *enterprise_public_columns(),
        (_("Registered capital (10,000 yuan)"), lambda e: e.registered_capital),
        (_("Staff"), lambda e: e.staff_count),
    ]


def export_enterprises(queryset, columns, filename="enterprises"):
    headers = [label for label, _getter in columns]
    rows = ([getter(e) for _label, getter in columns] for e in queryset.iterator(chunk_size=500))
    stamp = timezone.localdate().isoformat()
    return excel.workbook_response(f"{filename}-{stamp}.xlsx", _t("Enterprises"), headers, rows)


def export_parks(queryset):
    headers = [
        _("Name"),
        _("Level"),
        _("Batch"),
        _("Approved on"),
        _("Region"),
        _("Operator"),
        _("Enterprises"),
    ]
    rows = (
        [
            park.display_name,
            park.get_level_display(),
            park.display_batch,
            park.approved_on,
            park.region.display_name if park.region else "",
            park.operator,
            park.enterprise_total,
        ]
        for park in queryset
    )
    stamp = timezone.localdate().isoformat()
    return excel.workbook_response(f"parks-{stamp}.xlsx", _t("Parks"), headers, rows)
