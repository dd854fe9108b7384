"""Bulk import of enterprises from Excel: check every row first, then import all or nothing.

A park imports into itself; a government body names, per row, a park in its care (or none).
"""

import re
import unicodedata
from datetime import date, datetime

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit, excel, validators
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.services import enqueue_after_commit
from cloudpark.orgs import enums, selectors, services
from cloudpark.orgs.models import (
    Enterprise,
    EnterpriseImport,
    IndustryCategory,
    Park,
    QualificationTag,
    Region,
)

IMPORT_CHECKED = audit.register("orgs.enterprise_import.checked", _("Workbook checked"))
IMPORT_DONE = audit.register("orgs.enterprise_import.imported", _("Enterprises imported"))

TAG_SEPARATORS = re.compile(r"[,;，；、]+")


class Column:
    def __init__(self, key, label, *, required=False, government_only=False, former=()):
        self.key = key
        self.label = label
        # Headings of earlier templates, still recognised in workbooks made from them.
        self.former = former
        self.required = required
        self.government_only = government_only


COLUMNS = [
    Column("name", _("Enterprise name (Chinese)"), required=True),
    Column("name_en", _("English name")),
    Column("credit_code", _("Unified social credit code"), required=True),
    Column("category", _("Industry category code"), required=True),
    Column("founded_on", _("Founded on")),
    Column("registered_capital", _("Registered capital (10,000 yuan)")),
    Column("staff_count", _("Staff")),
    Column("tags", _("Qualifications")),
    Column("contact_name", _("Contact person")),
    Column("contact_mobile", _("Contact phone"), former=(_("Contact mobile"),)),
    # Last of every organisation's columns, so that workbooks made from earlier templates,
    # which had none, line up with the new one where people copy rows across.
    Column("region", _("Region code")),
    Column("park", _("Park"), government_only=True),
]


def _header_key(text):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or ""))).lower()


def columns_for(organization):
    is_government = organization.kind == enums.OrganizationKind.GOVERNMENT
    return [column for column in COLUMNS if is_government or not column.government_only]


def _header_lookup(columns):
    """Each column is recognised by its heading in any of the platform's languages."""
    lookup = {}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for column in columns:
                for heading in (column.label, *column.former):
                    lookup[_header_key(heading)] = column.key
    for column in columns:
        lookup[_header_key(column.key)] = column.key
    return lookup


class Reference:
    """What rows are checked against, read once per workbook: the mid categories, the
    qualifications by either name, the parks in a government body's care (``None`` for a
    park, whose rows go into itself)."""

    def __init__(self, organization):
        self.categories = {
            category.code: category
            for category in IndustryCategory.objects.filter(level=enums.CategoryLevel.MID)
        }
        self.regions = {region.code: region for region in Region.objects.all()}
        self.tags = {}
        for tag in QualificationTag.objects.all():
            self.tags.setdefault(tag.name, tag)
            if tag.name_en:
                self.tags.setdefault(tag.name_en, tag)
        is_government = organization.kind == enums.OrganizationKind.GOVERNMENT
        self.parks = list(selectors.parks_in_care_of(organization)) if is_government else None


class EnterpriseRowForm(forms.Form):
    """One row of the workbook; field names are the column keys. Coded values are looked up
    in the workbook's ``Reference``, so that checking a row asks the database nothing."""

    name = forms.CharField(max_length=200)
    name_en = forms.CharField(max_length=300, required=False)
    credit_code = forms.CharField(max_length=40, validators=[validators.validate_credit_code])
    category = forms.CharField(
        error_messages={
            "invalid_choice": _("No mid category of the 2018 classification has this code.")
        },
    )
    region = forms.CharField(
        required=False,
        error_messages={
            "invalid_choice": _(
                "No region of the platform's list has this code: see the sheet of regions "
                "in the template."
            )
        },
    )
    founded_on = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"],
        validators=[validators.validate_plausible_date],
    )
    registered_capital = forms.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False
    )
    staff_count = forms.IntegerField(min_value=0, required=False)
    tags = forms.CharField(required=False)
    contact_name = forms.CharField(max_length=50, required=False)
    contact_mobile = forms.CharField(required=False, validators=[validators.validate_phone])
    park = forms.CharField(required=False)

    def __init__(self, *args, reference, **kwargs):
        self.reference = reference
        super().__init__(*args, **kwargs)

    def bind(self, data):
        """This form with another row's ``data``, its errors and cleaned data cleared: one
        form checks every row of a workbook, so that its fields, widgets and bound fields are
        made once, not copied for each row. Nothing cached on them depends on the data."""
        self.data = data
        self.is_bound = True
        self._errors = None
        return self

    def clean_credit_code(self):
        return validators.normalize_credit_code(self.cleaned_data["credit_code"])

    def _coded(self, field, choices):
        """The row's ``field`` looked up by its code in ``choices``."""
        code = self.cleaned_data[field]
        if not code and not self.fields[field].required:
            return None
        found = choices.get(code)
        if found is None:
            raise forms.ValidationError(
                self.fields[field].error_messages["invalid_choice"], code="invalid_choice"
            )
        return found

    def clean_category(self):
        return self._coded("category", self.reference.categories)

    def clean_region(self):
        return self._coded("region", self.reference.regions)

    def clean_contact_mobile(self):
        value = self.cleaned_data["contact_mobile"]
        return validators.normalize_phone(value) if value else ""

    def clean_tags(self):
        names = [name.strip() for name in TAG_SEPARATORS.split(self.cleaned_data["tags"] or "")]
        names = [name for name in names if name]
        unknown = [name for name in names if name not in self.reference.tags]
        if unknown:
            raise forms.ValidationError(
                _("Unknown qualification: %(names)s."), params={"names": "、".join(unknown)}
            )
        return list(
            {self.reference.tags[name].pk: self.reference.tags[name] for name in names}.values()
        )

    def clean_park(self):
        name = (self.cleaned_data.get("park") or "").strip()
        parks = self.reference.parks
        if parks is None or not name:
            return None
        for park in parks:
            if name in {park.name, park.name_en}:
                return park
        raise forms.ValidationError(
            _("%(name)s is not a park in your care."), params={"name": name}
        )


def _plain(value):
    """A cell as the form expects it: text, with dates in ISO form and whole numbers unpadded."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _leading_code(value, digits):
    """The code a cell starts with, as many ``digits`` long: for a category, ``022``, ``22``
    (Excel drops the zero) and ``022 广播影视节目制作`` all mean 022; for a region,
    ``330106 西湖区`` means 330106."""
    match = re.match(rf"\s*(\d{{1,{digits}}})", unicodedata.normalize("NFKC", value))
    return match.group(1).zfill(digits) if match else value


class CheckedRows:
    def __init__(self):
        self.rows = []  # (row_number, cleaned_data)
        self.errors = []  # {"row", "column", "message"}

    def error(self, row, column, message, value=""):
        self.errors.append(
            {"row": row, "column": str(column), "value": str(value)[:100], "message": str(message)}
        )


# How often a check in the background records how far it has got.
PROGRESS_EVERY = 500


def check_rows(organization, uploaded, *, progress=None):
    """Read and validate every row; nothing is written. ``progress(rows_checked, rows)`` is
    called every ``PROGRESS_EVERY`` rows."""
    columns = columns_for(organization)
    labels = {column.key: column.label for column in columns}
    headers, body = excel.read_rows(uploaded)
    lookup = _header_lookup(columns)
    positions = {}
    for index, header in enumerate(headers):
        key = lookup.get(_header_key(header))
        if key:
            positions[key] = index
    result = CheckedRows()
    for column in columns:
        if column.required and column.key not in positions:
            result.error(1, column.label, _t("This column is missing."))
    if result.errors:
        return result
    if not body:
        result.error(2, "", _t("The workbook has no rows of enterprises."))
        return result

    form = EnterpriseRowForm(reference=Reference(organization))
    seen_codes = {}
    for done, (number, values) in enumerate(body, start=1):
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, len(body))
        data = {
            key: _plain(values[index]) if index < len(values) else ""
            for key, index in positions.items()
        }
        if _is_example(data):
            continue
        if "category" in data:
            data["category"] = _leading_code(data["category"], 3)
        if "region" in data:
            data["region"] = _leading_code(data["region"], 6)
        if not form.bind(data).is_valid():
            for field, messages in form.errors.items():
                for message in messages:
                    result.error(number, labels.get(field, field), message, data.get(field, ""))
            continue
        cleaned = form.cleaned_data
        code = cleaned["credit_code"]
        if code in seen_codes:
            result.error(
                number,
                labels["credit_code"],
                _t("The same code is already on row %(row)d.") % {"row": seen_codes[code]},
                code,
            )
            continue
        seen_codes[code] = number
        result.rows.append((number, cleaned))

    if not result.rows and not result.errors:
        result.error(2, "", _t("The workbook has no rows of enterprises."))
        return result
    _check_codes_are_new(result, labels["credit_code"])
    result.errors.sort(key=lambda error: error["row"])
    return result


CODES_PER_QUERY = 1000


def _registered(codes):
    """The names of the enterprises already holding any of ``codes``, by code."""
    codes = list(codes)
    existing = {}
    for start in range(0, len(codes), CODES_PER_QUERY):
        existing.update(
            Enterprise.objects.filter(
                credit_code__in=codes[start : start + CODES_PER_QUERY]
            ).values_list("credit_code", "name")
        )
    return existing


def _check_codes_are_new(result, label):
    existing = _registered(cleaned["credit_code"] for _number, cleaned in result.rows)
    for number, cleaned in result.rows:
        if cleaned["credit_code"] in existing:
            result.error(
                number,
                label,
                _t("Already registered on the platform as %(name)s.")
                % {"name": existing[cleaned["credit_code"]]},
                cleaned["credit_code"],
            )


def _in_background(rows):
    return rows > settings.ENTERPRISE_IMPORT_BACKGROUND_ROWS


def check_workbook(organization, uploaded, *, actor):
    """Keep the upload with its check result: ready to import, or the errors by row.

    A workbook of more than ``ENTERPRISE_IMPORT_BACKGROUND_ROWS`` rows is kept as being
    checked, and the task worker checks it (``orgs.tasks.check_enterprise_import``); its page
    shows the progress.
    """
    rows = excel.inspect(uploaded)
    background = _in_background(rows)
    enterprise_import = EnterpriseImport(
        organization=organization,
        uploaded_by=actor,
        original_name=uploaded.name[:200],
        status=enums.ImportStatus.CHECKING,
        row_count=rows,
    )
    if not background:
        _record_check(enterprise_import, check_rows(organization, uploaded))
    uploaded.seek(0)
    with transaction.atomic():
        enterprise_import.workbook.save("workbook.xlsx", ContentFile(uploaded.read()), save=False)
        enterprise_import.save()
        if background:
            # The tasks module imports this one to run the check.
            from cloudpark.orgs.tasks import check_enterprise_import

            enqueue_after_commit(
                check_enterprise_import, enterprise_import.pk, translation.get_language()
            )
        else:
            _log_check(enterprise_import)
    return enterprise_import


def _record_check(enterprise_import, result):
    enterprise_import.status = (
        enums.ImportStatus.REJECTED if result.errors else enums.ImportStatus.CHECKED
    )
    enterprise_import.row_count = len(
        {row for row, _ in result.rows} | {error["row"] for error in result.errors}
    )
    enterprise_import.rows_done = enterprise_import.row_count
    enterprise_import.errors = result.errors


def _log_check(enterprise_import):
    audit.log_action(
        enterprise_import,
        IMPORT_CHECKED,
        actor=enterprise_import.uploaded_by,
        data={"rows": enterprise_import.row_count, "errors": len(enterprise_import.errors)},
    )


def _progress_of(enterprise_import):
    """A ``progress`` for ``check_rows`` that records, outside any transaction the work is
    in, how far it has got, so that the import's page sees it."""
    pk = enterprise_import.pk

    def record(done, total):
        EnterpriseImport.objects.filter(pk=pk).update(rows_done=done, row_count=total)

    return record


def _refusal(error):
    """A refusal of the whole workbook, as a row of its errors."""
    return [{"row": 1, "column": "", "value": "", "message": str(error)}]


def check_in_background(enterprise_import):
    """What the task worker does with a workbook kept as being checked."""
    organization = selectors.organization_as_kind(enterprise_import.organization)
    try:
        with enterprise_import.workbook.open("rb") as handle:
            result = check_rows(organization, handle, progress=_progress_of(enterprise_import))
    except DomainError as error:
        result = CheckedRows()
        result.errors = _refusal(error)
    with transaction.atomic():
        locked = EnterpriseImport.objects.select_for_update().get(pk=enterprise_import.pk)
        if locked.status != enums.ImportStatus.CHECKING:
            return locked
        _record_check(locked, result)
        locked.save(update_fields=["status", "row_count", "rows_done", "errors", "updated_at"])
        _log_check(locked)
    return locked


def run_import(enterprise_import, *, actor):
    """Import every row of a checked workbook, or none of them.

    The rows are checked again, since the directory may have changed since the first check.
    A workbook of more than ``ENTERPRISE_IMPORT_BACKGROUND_ROWS`` rows is marked as being
    imported and left to the task worker (``orgs.tasks.import_enterprises``).
    """
    if not _in_background(enterprise_import.row_count):
        return _import(enterprise_import, actor=actor, expected=enums.ImportStatus.CHECKED)
    # The tasks module imports this one to run the import.
    from cloudpark.orgs.tasks import import_enterprises

    with transaction.atomic():
        locked = _locked_in(enterprise_import, enums.ImportStatus.CHECKED)
        locked.status = enums.ImportStatus.IMPORTING
        locked.rows_done = 0
        locked.save(update_fields=["status", "rows_done", "updated_at"])
        enqueue_after_commit(import_enterprises, locked.pk, actor.pk, translation.get_language())
    return locked


def _locked_in(enterprise_import, status):
    locked = EnterpriseImport.objects.select_for_update().get(pk=enterprise_import.pk)
    if locked.status != status:
        raise TransitionNotAllowed(_t("This workbook has already been dealt with."))
    return locked


def fail(enterprise_import):
    """Record that the worker could not finish a workbook in progress: nothing is written."""
    EnterpriseImport.objects.filter(
        pk=enterprise_import.pk, status__in=enums.ImportStatus.in_progress()
    ).update(
        status=enums.ImportStatus.REJECTED,
        errors=_refusal(
            _t("The workbook could not be processed, and nothing was imported. Try again later.")
        ),
    )


def import_in_background(enterprise_import, *, actor):
    """What the task worker does with a workbook marked as being imported: the import, or on
    any refusal the refusal recorded as the workbook's error."""
    try:
        return _import(enterprise_import, actor=actor, expected=enums.ImportStatus.IMPORTING)
    except TransitionNotAllowed:
        return enterprise_import
    except DomainError as error:
        EnterpriseImport.objects.filter(
            pk=enterprise_import.pk, status=enums.ImportStatus.IMPORTING
        ).update(status=enums.ImportStatus.REJECTED, errors=_refusal(error))
        return EnterpriseImport.objects.get(pk=enterprise_import.pk)


def _import(enterprise_import, *, actor, expected):
    organization = selectors.organization_as_kind(enterprise_import.organization)
    progress = None if expected == enums.ImportStatus.CHECKED else _progress_of(enterprise_import)
    # Reading and checking take the time: done before the transaction, which then only
    # looks again at what others may have changed meanwhile (codes registered since).
    with enterprise_import.workbook.open("rb") as handle:
        result = check_rows(organization, handle, progress=progress)
    with transaction.atomic():
        locked = _locked_in(enterprise_import, expected)
        if not result.errors:
            label = next(c.label for c in columns_for(organization) if c.key == "credit_code")
            _check_codes_are_new(result, label)
        if result.errors:
            locked.status = enums.ImportStatus.REJECTED
            locked.errors = result.errors
            locked.save(update_fields=["status", "errors", "updated_at"])
            return locked
        home_park = organization if isinstance(organization, Park) else None
        services.register_enterprises(
            [
                (values, park or home_park, tags)
                for values, park, tags in (_split(cleaned) for _number, cleaned in result.rows)
            ],
            actor=actor,
        )
        locked.status = enums.ImportStatus.IMPORTED
        locked.rows_done = len(result.rows)
        locked.imported_at = timezone.now()
        locked.save(update_fields=["status", "rows_done", "imported_at", "updated_at"])
        audit.log_action(locked, IMPORT_DONE, actor=actor, data={"created": len(result.rows)})
    return locked


def _split(cleaned):
    """A checked row as ``(values, park, tags)``."""
    values = dict(cleaned)
    return values, values.pop("park", None), values.pop("tags", [])


# The template's example row: its name starts with the marker, and reading skips such rows.
EXAMPLE_MARKERS = ("示例：", "示例:", "Example:")


def _is_example(data):
    return (data.get("name") or "").startswith(EXAMPLE_MARKERS)


def _example_row(columns, parks):
    values = {
        "name": _t("Example: 杭州之江示例影视文化有限公司 (this row is not imported)"),
        "name_en": "Hangzhou Zhijiang Example Film Culture Co., Ltd.",
        "credit_code": "91330106MA2B3C4D5E",
        "category": "022",
        "region": "330106",
        "founded_on": "2019-05-20",
        "registered_capital": 500,
        "staff_count": 36,
        "tags": "、".join(
            QualificationTag.objects.order_by("pk").values_list("name", flat=True)[:2]
        ),
        "contact_name": "王晓明",
        "contact_mobile": "0571-88886666",
        "park": parks[0].name if parks else "",
    }
    return [values[column.key] for column in columns]


def _code_sheets(columns, parks):
    """The codes the columns accept, a sheet each."""
    sheets = [
        (
            _t("Industry categories"),
            [_t("Code"), _t("Name"), _t("English name")],
            IndustryCategory.objects.filter(level=enums.CategoryLevel.MID)
            .order_by("code")
            .values_list("code", "name", "name_en"),
        ),
        (
            _t("Regions"),
            [_t("Code"), _t("Name"), _t("English name")],
            Region.objects.order_by("code").values_list("code", "name", "name_en"),
        ),
        (
            _t("Qualifications"),
            [_t("Name"), _t("English name")],
            QualificationTag.objects.order_by("name").values_list("name", "name_en"),
        ),
    ]
    if any(column.key == "park" for column in columns):
        sheets.append(
            (_t("Parks"), [_t("Name"), _t("English name")], [(p.name, p.name_en) for p in parks])
        )
    return sheets


def template_workbook(organization):
    """The column headings in the user's language, an example row (which reading skips), and a
    sheet of the codes each coded column accepts."""
    columns = columns_for(organization)
    parks = list(selectors.parks_in_care_of(organization).order_by("name"))
    return excel.workbook_bytes(
        _t("Enterprises"),
        [column.label for column in columns],
        [_example_row(columns, parks)],
        more_sheets=_code_sheets(columns, parks),
    )
