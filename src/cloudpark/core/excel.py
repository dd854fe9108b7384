"""Reading and writing the Excel workbooks that government and park users work in."""

import io
import tempfile
import zipfile
from datetime import date, datetime
from xml.etree.ElementTree import ParseError

from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _t
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from cloudpark.core import uploads
from cloudpark.core.errors import DomainError

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What an uploaded workbook may hold (docs/security.md, Uploads): rows below the heading, blank
# ones included; cells on a sheet, blank ones included; the file's own size.
MAX_ROWS = 100_000
MAX_CELLS = 3_000_000
MAX_BYTES = 20 * 1024 * 1024


# Text a spreadsheet program may run as a formula, here or after a copy to CSV (CWE-1236).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, date | int | float) or value is None:
        return value
    return str(value)


def write_workbook(target, title, headers, rows, *, more_sheets=()):
    """Write to ``target`` (a path or a binary file) a sheet with a bold header row, then
    ``rows`` (iterables of cell values); then each of ``more_sheets``, ``(title, headers,
    rows)`` the same way. Written row by row (openpyxl's write-only mode, which keeps the
    rows in a temporary file): memory stays flat whatever the number of rows."""
    workbook = Workbook(write_only=True)
    _fill(workbook.create_sheet(), title, headers, rows)
    for more_title, more_headers, more_rows in more_sheets:
        _fill(workbook.create_sheet(), more_title, more_headers, more_rows)
    workbook.save(target)


def workbook_bytes(title, headers, rows, *, more_sheets=()):
    """``write_workbook`` into bytes, for small workbooks."""
    buffer = io.BytesIO()
    write_workbook(buffer, title, headers, rows, more_sheets=more_sheets)
    return buffer.getvalue()


def _fill(sheet, title, headers, rows):
    sheet.title = str(title)[:31]
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(str(header)) * 2)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=str(header))
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for row in rows:
        sheet.append([_as_text(sheet, _cell(value)) for value in row])


def _as_text(sheet, value):
    """Keep text that looks like a formula as text: stored as a string, not a formula, and
    marked with Excel's quote prefix so that editing the cell does not turn it into one. The
    reader sees the text unchanged."""
    if not (isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def workbook_response(filename, title, headers, rows):
    response = HttpResponse(workbook_bytes(title, headers, rows), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def workbook_file_response(filename, title, headers, rows):
    """The workbook streamed from a temporary file, for exports of any size: neither the rows
    nor the finished file are held in memory."""
    # Closed, and so removed, when the response is: it cannot be a context manager here.
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        write_workbook(spool, title, headers, rows)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )


def inspect(uploaded, *, field="workbook"):
    """Refuse, with a message for the user at ``field``, a file too large or that unpacks to
    too much (``core.uploads.check_xlsx_expansion``), without parsing it; otherwise the
    number of rows below the heading row it may hold, blank ones included."""
    if uploaded.size > MAX_BYTES:
        raise DomainError(
            _t("The file is larger than %(limit)d MB.") % {"limit": MAX_BYTES // (1024 * 1024)},
            field=field,
        )
    size = uploads.check_xlsx_expansion(
        uploaded, max_rows=MAX_ROWS, max_cells=MAX_CELLS, field=field
    )
    return max(size.rows - 1, 0)


def read_rows(uploaded, *, field="workbook"):
    """``(headers, [(row_number, [values])])`` of the first sheet; blank rows are skipped.

    Refuses, with a message for the user at ``field``, a file that is not an .xlsx workbook,
    is too large, or unpacks to too much: the zip and the sheets' XML are inspected before
    the workbook is parsed (``inspect``), and reading stops at the first row past a limit,
    blank rows counted.
    """
    inspect(uploaded, field=field)
    data = uploaded.read()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, ParseError, KeyError, OSError, ValueError):
        raise DomainError(_t("This is not an Excel workbook (.xlsx)."), field=field) from None
    try:
        return _read_first_sheet(workbook, field)
    finally:
        workbook.close()


def _read_first_sheet(workbook, field):
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        headers = [str(value).strip() if value is not None else "" for value in next(rows)]
    except StopIteration:
        raise DomainError(_t("The workbook is empty."), field=field) from None
    except ParseError:
        raise DomainError(_t("This is not an Excel workbook (.xlsx)."), field=field) from None
    body = []
    cells = len(headers)
    try:
        for number, values in enumerate(rows, start=2):
            # Every row counts, blank or not: a reader walks blank ones too.
            cells += len(values)
            if number > MAX_ROWS + 1:
                raise uploads.rows_limit_error(MAX_ROWS, field)
            if cells > MAX_CELLS:
                raise uploads.cells_limit_error(MAX_CELLS, field)
            if all(value is None or str(value).strip() == "" for value in values):
                continue
            body.append((number, list(values)))
    except ParseError:
        raise DomainError(_t("This is not an Excel workbook (.xlsx)."), field=field) from None
    return headers, body
