"""The directory as Excel workbooks: enterprises (public or private columns) and parks."""

from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import excel
from cloudpark.core import exports as queued_exports
from cloudpark.core.errors import DomainError
from cloudpark.core.i18n import localizer
from cloudpark.orgs import selectors
from cloudpark.orgs.models import IndustryCategory


def enterprise_public_columns():
    """The public directory's columns, ``(label, value of a row)`` in the active language, a
    row being an enterprise's ``EXPORT_FIELDS`` read as a dict (``export_rows``)."""
    text = localizer()
    return [
        (_("Name"), lambda e: text(e["name"], e["name_en"])),
        (_("Unified social credit code"), lambda e: e["credit_code"]),
        (
            _("Industry category"),
            lambda e: IndustryCategory.label(
                e["category__code"], text(e["category__name"], e["category__name_en"])
            ),
        ),
        (_("Park"), lambda e: text(e["park__name"], e["park__name_en"])),
        (_("Region"), lambda e: text(e["region__name"], e["region__name_en"])),
        (_("Founded on"), lambda e: e["founded_on"]),
    ]


def enterprise_private_columns():
    return [
        *enterprise_public_columns(),
        (_("Registered capital (10,000 yuan)"), lambda e: e["registered_capital"]),
        (_("Staff"), lambda e: e["staff_count"]),
    ]


# What the columns above read, and no more: an export may run to a million rows.
EXPORT_FIELDS = (
    "name",
    "name_en",
    "credit_code",
    "founded_on",
    "registered_capital",
    "staff_count",
    *(
        f"{related}__{field}"
        for related in ("category", "park", "region")
        for field in ("name", "name_en")
    ),
    "category__code",
)
EXPORT_CHUNK = 2000


def export_rows(queryset, columns):
    """The rows of an enterprise export, read a chunk at a time with only the columns shown,
    as plain values rather than enterprises (one query, joined)."""
    getters = [getter for _label, getter in columns]
    return (
        [getter(enterprise) for getter in getters]
        for enterprise in queryset.values(*EXPORT_FIELDS).iterator(chunk_size=EXPORT_CHUNK)
    )


def export_enterprises(queryset, columns, filename="enterprises"):
    """The enterprises as a workbook streamed from a temporary file: memory stays flat in the
    number of rows."""
    headers = [label for label, _getter in columns]
    stamp = timezone.localdate().isoformat()
    return excel.workbook_file_response(
        f"{filename}-{stamp}.xlsx", _t("Enterprises"), headers, export_rows(queryset, columns)
    )


def _enterprise_sheet(columns, *, private):
    """The ``ExportSheet`` of an enterprise list kept as an export: the rows rebuilt from its
    filters by the selector the list's page uses, under the rights the person holds now."""

    def sheet(export):
        organization = None
        if private:
            organization = export.organization and selectors.organization_as_kind(
                export.organization
            )
            if organization is None or not export.user.has_perm(
                "orgs.view_enterprises", organization
            ):
                raise DomainError(_t("You may no longer see this organisation's enterprises."))
        queryset = selectors.directory_enterprises(organization, **export.filters)
        shown = columns()
        return queued_exports.ExportSheet(
            title=_t("Enterprises"),
            headers=[str(label) for label, _getter in shown],
            total=queryset.order_by().count(),
            rows=export_rows(queryset, shown),
        )

    return sheet


# The public directory's columns, and those the enterprises' park or government sees.
PUBLIC_ENTERPRISES = queued_exports.register(
    "orgs.enterprises.public",
    filename="enterprises",
    sheet=_enterprise_sheet(enterprise_public_columns, private=False),
)
ENTERPRISES = queued_exports.register(
    "orgs.enterprises",
    filename="enterprises",
    sheet=_enterprise_sheet(enterprise_private_columns, private=True),
)


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
