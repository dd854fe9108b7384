"""Reading and writing the Excel workbooks that government and park users work in."""

import io
import math
import posixpath
import re
import tempfile
import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from xml.etree.ElementTree import ParseError, XMLPullParser
from xml.parsers import expat

from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _t

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

# The workbook is written by hand rather than through openpyxl, whose cell objects cost more
# than the values they hold: a zip of a few fixed XML parts and one part per sheet, each
# sheet written row by row straight into its zip entry (ECMA-376 Part 1, SpreadsheetML).
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOCUMENT_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

# Cell styles: their places in the ``cellXfs`` of ``STYLES``.
HEADER_STYLE, DATE_STYLE, DATETIME_STYLE, QUOTED_STYLE = 1, 2, 3, 4
STYLES = (
    f'{XML_DECLARATION}<styleSheet xmlns="{MAIN_NS}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

# Characters XML 1.0 cannot hold at all (dropped), and those to escape in text.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Text written as it is: not empty, nothing to escape or drop, no space at either end (which
# Excel keeps only when told to) and no formula's first character.
PLAIN_TEXT = re.compile(
    f"(?![{re.escape(''.join(FORMULA_TRIGGERS))}\\s])"
    "[^&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]+(?<!\\s)",
    re.DOTALL,
)
# What Excel refuses in a sheet's name, which holds 31 characters at most.
NOT_IN_SHEET_TITLE = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
SHEET_TITLE_LENGTH = 31
# Day 0 of Excel's dates (1899-12-30, so that 1900-03-01 is day 61) as a proleptic ordinal.
EXCEL_DAY_ZERO = date(1899, 12, 30).toordinal()
# The rows gathered before they go to the zip entry in one write.
ROWS_PER_WRITE = 500


def write_workbook(target, title, headers, rows, *, more_sheets=()):
    """Write to ``target`` (a path or a binary file) a sheet with a bold, frozen header row,
    then ``rows`` (iterables of cell values); then each of ``more_sheets``, ``(title,
    headers, rows)``, the same way. Each sheet is written into the zip as its rows come:
    memory stays flat whatever the number of rows.

    Text is stored as text, never as a formula; numbers, dates and date-times (in local time)
    as numbers in a date format; ``None`` and empty text leave the cell empty."""
    sheets = [(title, headers, rows), *more_sheets]
    titles = sheet_titles([sheet_title for sheet_title, _headers, _rows in sheets])
    # The fastest compression: a third of the time of zlib's default for a file a quarter
    # larger (sheets of repeated markup still shrink about eightfold).
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _content_types(len(sheets)))
        archive.writestr("_rels/.rels", _package_relationships())
        archive.writestr("xl/workbook.xml", _workbook(titles))
        archive.writestr("xl/_rels/workbook.xml.rels", _workbook_relationships(len(sheets)))
        archive.writestr("xl/styles.xml", STYLES)
        for number, (_title, sheet_headers, sheet_rows) in enumerate(sheets, start=1):
            with archive.open(f"xl/worksheets/sheet{number}.xml", "w") as entry:
                _write_sheet(entry, sheet_headers, sheet_rows, selected=number == 1)


def workbook_bytes(title, headers, rows, *, more_sheets=()):
    """``write_workbook`` into bytes, for small workbooks."""
    buffer = io.BytesIO()
    write_workbook(buffer, title, headers, rows, more_sheets=more_sheets)
    return buffer.getvalue()


def sheet_titles(titles):
    """Names Excel accepts for sheets titled ``titles``: at most 31 characters, none of
    ``[]:*?/\\``, no quote at either end, none empty, no two alike."""
    taken = set()
    names = []
    for number, title in enumerate(titles, start=1):
        base = NOT_IN_SHEET_TITLE.sub("_", str(title)).strip("'")[:SHEET_TITLE_LENGTH]
        base = base or f"Sheet{number}"
        name, copy = base, 1
        while name.casefold() in taken:
            copy += 1
            suffix = f" ({copy})"
            name = base[: SHEET_TITLE_LENGTH - len(suffix)] + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _content_types(sheets):
    parts = "".join(
        f'<Override PartName="/xl/worksheets/sheet{number}.xml" '
        f'ContentType="{SHEET_CONTENT_TYPE}"/>'
        for number in range(1, sheets + 1)
    )
    package = "application/vnd.openxmlformats-package.relationships+xml"
    document = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    return (
        f"{XML_DECLARATION}"
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="{package}"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{document}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{document}.styles+xml"/>'
        f"{parts}</Types>"
    )


def _package_relationships():
    return (
        f'{XML_DECLARATION}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
        f'<Relationship Id="rId1" Type="{DOCUMENT_RELATIONSHIPS}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    )


def _workbook(titles):
    sheets = "".join(
        f'<sheet name="{_xml_attribute(title)}" sheetId="{number}" r:id="rId{number}"/>'
        for number, title in enumerate(titles, start=1)
    )
    return (
        f'{XML_DECLARATION}<workbook xmlns="{MAIN_NS}" xmlns:r="{DOCUMENT_RELATIONSHIPS}">'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets>'
        "</workbook>"
    )


def _workbook_relationships(sheets):
    # The sheets are rId1 to rIdN, as ``_workbook`` names them; the styles come after.
    links = "".join(
        f'<Relationship Id="rId{number}" Type="{DOCUMENT_RELATIONSHIPS}/worksheet" '
        f'Target="worksheets/sheet{number}.xml"/>'
        for number in range(1, sheets + 1)
    )
    return (
        f'{XML_DECLARATION}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{links}'
        f'<Relationship Id="rId{sheets + 1}" Type="{DOCUMENT_RELATIONSHIPS}/styles" '
        'Target="styles.xml"/></Relationships>'
    )


def _write_sheet(entry, headers, rows, *, selected):
    headers = [str(header) for header in headers]
    letters = _column_letters([], len(headers))
    widths = "".join(
        f'<col min="{number}" max="{number}" width="{max(12, len(header) * 2)}" customWidth="1"/>'
        for number, header in enumerate(headers, start=1)
    )
    heading = "".join(
        _text_cell(f"{letters[index]}1", header, HEADER_STYLE)
        for index, header in enumerate(headers)
    )
    pending = [
        f'{XML_DECLARATION}<worksheet xmlns="{MAIN_NS}" xmlns:r="{DOCUMENT_RELATIONSHIPS}">'
        f'<sheetViews><sheetView workbookViewId="0"{' tabSelected="1"' if selected else ""}>'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"{f'<cols>{widths}</cols>' if widths else ''}"
        f'<sheetData><row r="1">{heading}</row>'
    ]
    for number, values in enumerate(rows, start=2):
        pending.append(_row(number, values, letters))
        if len(pending) >= ROWS_PER_WRITE:
            entry.write("".join(pending).encode())
            pending.clear()
    pending.append("</sheetData></worksheet>")
    entry.write("".join(pending).encode())


def _row(number, values, letters):
    if not isinstance(values, list | tuple):
        values = list(values)
    if len(values) > len(letters):
        _column_letters(letters, len(values))
    cells = [f'<row r="{number}">']
    append = cells.append
    plain = PLAIN_TEXT.fullmatch
    for letter, value in zip(letters, values, strict=False):
        kind = type(value)
        if kind is str:
            if plain(value) is not None:
                append(f'<c r="{letter}{number}" t="inlineStr"><is><t>{value}</t></is></c>')
            elif value:
                append(_text_cell(f"{letter}{number}", value))
        elif kind is int or (kind is float and math.isfinite(value)):
            append(f'<c r="{letter}{number}"><v>{value}</v></c>')
        elif value is not None:
            append(_other_cell(f"{letter}{number}", value))
    append("</row>")
    return "".join(cells)


def _text_cell(reference, text, style=0):
    """An inline string: text is never read as a formula. Text that starts like one also
    carries the quote prefix, so that editing it in Excel keeps it text."""
    text = NOT_IN_XML.sub("", text)
    if not text:
        return ""
    if not style and text.startswith(FORMULA_TRIGGERS):
        style = QUOTED_STYLE
    styled = f' s="{style}"' if style else ""
    # A carriage return written as itself would be read back as a line feed.
    text = _xml_text(text).replace("\r", "&#13;")
    return (
        f'<c r="{reference}"{styled} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    )


def _other_cell(reference, value):
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        day = value.toordinal() - EXCEL_DAY_ZERO
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return _date_cell(reference, value, day, seconds / 86400, DATETIME_STYLE)
    if isinstance(value, date):
        return _date_cell(reference, value, value.toordinal() - EXCEL_DAY_ZERO, 0, DATE_STYLE)
    if isinstance(value, int | float | Decimal) and math.isfinite(value):
        return f'<c r="{reference}"><v>{value}</v></c>'
    return _text_cell(reference, str(value))


def _date_cell(reference, value, day, fraction, style):
    if day < 2:
        # Before 1900-01-01, which Excel cannot count to: the date as text.
        return _text_cell(reference, value.isoformat(sep=" ") if fraction else value.isoformat())
    if day < 61:
        # Excel counts a 29 February 1900 that never was: days before it are one lower.
        day -= 1
    return f'<c r="{reference}" s="{style}"><v>{day + fraction if fraction else day}</v></c>'


def _xml_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attribute(text):
    return _xml_text(NOT_IN_XML.sub("", text)).replace('"', "&quot;")


def _column_letters(letters, count):
    """``letters`` (A, B, ... Z, AA, ...) made at least ``count`` long."""
    while len(letters) < count:
        number, name = len(letters) + 1, ""
        while number:
            number, remainder = divmod(number - 1, 26)
            name = chr(65 + remainder) + name
        letters.append(name)
    return letters


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
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _read_first_sheet(sheet_rows(archive), field)
    except UNREADABLE:
        raise DomainError(_t("This is not an Excel workbook (.xlsx)."), field=field) from None


def _read_first_sheet(rows, field):
    try:
        headers = [str(value).strip() if value is not None else "" for value in next(rows)]
    except StopIteration:
        raise DomainError(_t("The workbook is empty."), field=field) from None
    body = []
    cells = len(headers)
    for number, values in enumerate(rows, start=2):
        # Every row counts, blank or not: a reader walks blank ones too.
        cells += len(values)
        if number > MAX_ROWS + 1:
            raise uploads.rows_limit_error(MAX_ROWS, field)
        if cells > MAX_CELLS:
            raise uploads.cells_limit_error(MAX_CELLS, field)
        if all(value is None or str(value).strip() == "" for value in values):
            continue
        body.append((number, values))
    return headers, body


# Reading -----------------------------------------------------------------------------------------
#
# The first sheet is read straight from the zip too, row by row, keeping no object per cell:
# the shared strings as a list, the styles that show a number as a date or a duration as sets,
# then the sheet's rows as lists of values. The values are those openpyxl gives in read-only,
# data-only mode (a formula's last result, dates as ``datetime``), which the imports rely on.

# What a part that cannot be read raises on the way: refused as not being a workbook.
UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    ParseError,
    expat.ExpatError,
    KeyError,
    IndexError,
    OSError,
    EOFError,
    ValueError,
    OverflowError,
)
PACKAGE_TAG = f"{{{PACKAGE_RELATIONSHIPS}}}Relationship"
SHEET_TAG = f"{{{MAIN_NS}}}sheet"
WORKBOOK_PROPERTIES_TAG = f"{{{MAIN_NS}}}workbookPr"
RELATIONSHIP_ID = f"{{{DOCUMENT_RELATIONSHIPS}}}id"
SHARED_STRING_TAG = f"{{{MAIN_NS}}}si"
TEXT_TAG = f"{{{MAIN_NS}}}t"
RUN_TAG = f"{{{MAIN_NS}}}r"
NUMBER_FORMAT_TAG = f"{{{MAIN_NS}}}numFmt"
CELL_FORMATS_TAG = f"{{{MAIN_NS}}}cellXfs"
FORMAT_TAG = f"{{{MAIN_NS}}}xf"
DIMENSION_TAG = f"{{{MAIN_NS}}}dimension"
ROW_TAG = f"{{{MAIN_NS}}}row"
VALUE_TAG = f"{{{MAIN_NS}}}v"
INLINE_TAG = f"{{{MAIN_NS}}}is"
# Excel's own number formats that show a date or a time (ECMA-376 Part 1, 18.8.30), and among
# them the one that shows a duration.
DATE_FORMATS = {
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    # The dates and times that Chinese (PRC) Excel keeps under built-in numbers of their own,
    # written without a format code of their own: 年/月/日 and 时/分/秒.
    27: 'yyyy"年"m"月"',
    28: 'm"月"d"日"',
    29: 'm"月"d"日"',
    30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"',
    33: 'h"时"mm"分"ss"秒"',
    34: '上午/下午h"时"mm"分"',
    35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"',
    50: 'yyyy"年"m"月"',
    51: 'm"月"d"日"',
    52: 'yyyy"年"m"月"',
    53: 'm"月"d"日"',
    54: 'm"月"d"日"',
    55: '上午/下午h"时"mm"分"',
    56: '上午/下午h"时"mm"分"ss"秒"',
    57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
}
# A format shows a date when its first section, quoted text and bracketed colours or locales
# left out, has a letter of a date or time not escaped by ``\`` or ``_``; a duration when it
# has an elapsed hour, minute or second in brackets.
FORMAT_LITERALS = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
DATE_TOKEN = re.compile(r"(?<![_\\])[dmhysDMHYS]")
DURATION_TOKEN = re.compile(
    r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.IGNORECASE
)
WINDOWS_EPOCH = datetime(1899, 12, 30)
MAC_EPOCH = datetime(1904, 1, 1)
# A sheet's ``dimension``: its last column and row are what a reader pads and cuts rows to.
RANGE = re.compile(r"\$?([A-Za-z]{1,3})?\$?(\d+)?(:\$?([A-Za-z]{1,3})?\$?(\d+)?)?")
# The bytes of a part handed to the XML parser at a time.
PARSE_CHUNK = 64 * 1024
DIGITS = "0123456789"
# A column is named by three letters at most (XFD is Excel's last).
COLUMN_LETTERS = 3


class _Prolog(Exception):
    """The XML prolog of a part has been read: its root element starts."""


def sheet_rows(archive):
    """The values of the first worksheet of ``archive``, a row at a time as lists in column
    order (a missing cell is ``None``): from row 1 to the last row that holds an element,
    rows missing in between given as blank ones. Raises one of ``UNREADABLE`` on a part
    that is not what a workbook holds."""
    paths = _workbook_parts(archive)
    strings = _shared_strings(archive, paths["strings"]) if paths["strings"] else []
    if paths["styles"]:
        dates, durations = _date_styles(archive, paths["styles"])
    else:
        dates, durations = frozenset(), frozenset()
    return _rows(archive, paths["sheet"], strings, dates, durations, paths["epoch"])


def _parse(archive, name, events=("end",)):
    """``(event, element)`` as ElementTree's ``iterparse`` gives them over the part ``name``,
    once its prolog is known to declare no document type: no entity of any kind can be
    defined, so none can expand."""
    _refuse_document_type(archive, name)
    parser = XMLPullParser(events)
    with archive.open(name) as handle:
        while chunk := handle.read(PARSE_CHUNK):
            parser.feed(chunk)
            yield from parser.read_events()
    parser.close()
    yield from parser.read_events()


def _refuse_document_type(archive, name):
    parser = expat.ParserCreate()

    def document_type(*_args):
        raise ValueError("a document type declaration")

    def root(*_args):
        raise _Prolog

    parser.StartDoctypeDeclHandler = document_type
    parser.StartElementHandler = root
    with archive.open(name) as handle:
        try:
            while chunk := handle.read(4096):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except _Prolog:
            return


def _part_path(base, target):
    """The zip name of the part a relationship of ``base`` (``xl/workbook.xml``) points to."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _workbook_parts(archive):
    """The first worksheet's part, the shared strings' and the styles' (or ``None``), and the
    epoch of the workbook's dates."""
    workbook = "xl/workbook.xml"
    relationships = "xl/_rels/workbook.xml.rels"
    names = set(archive.namelist())
    targets, kinds = {}, {}
    if relationships in names:
        for _event, element in _parse(archive, relationships):
            if element.tag == PACKAGE_TAG:
                path = _part_path(workbook, element.get("Target", ""))
                kind = element.get("Type", "").rpartition("/")[2]
                targets[element.get("Id")] = (kind, path)
                kinds.setdefault(kind, path)
    sheets, epoch = [], WINDOWS_EPOCH
    for _event, element in _parse(archive, workbook):
        if element.tag == SHEET_TAG:
            sheets.append(element.get(RELATIONSHIP_ID))
        elif element.tag == WORKBOOK_PROPERTIES_TAG and element.get("date1904", "").lower() in (
            "1",
            "true",
        ):
            epoch = MAC_EPOCH
    if targets:
        # The first sheet that is a worksheet: a chart sheet holds no cells.
        sheet = next(
            (
                targets[key][1]
                for key in sheets
                if key in targets and targets[key][0] == "worksheet"
            ),
            None,
        )
        if sheet is None:
            raise KeyError("no worksheet")
    else:
        sheet = "xl/worksheets/sheet1.xml"
    strings = kinds.get("sharedStrings", "xl/sharedStrings.xml")
    styles = kinds.get("styles", "xl/styles.xml")
    return {
        "sheet": sheet,
        "strings": strings if strings in names else None,
        "styles": styles if styles in names else None,
        "epoch": epoch,
    }


def _text(element):
    """The text of a string item (``si``) or an inline string (``is``): its own ``t``, then
    the ``t`` of each of its runs; phonetic readings (``rPh``) are left out."""
    parts = []
    for child in element:
        if child.tag == TEXT_TAG:
            if child.text:
                parts.append(child.text)
        elif child.tag == RUN_TAG:
            text = child.findtext(TEXT_TAG)
            if text:
                parts.append(text)
    return "".join(parts)


def _shared_strings(archive, name):
    strings = []
    for _event, element in _parse(archive, name):
        if element.tag == SHARED_STRING_TAG:
            # An underscore written as ``_x005F_`` comes back as openpyxl gives it.
            strings.append(_text(element).replace("x005F_", ""))
            element.clear()
    return strings


def _date_styles(archive, name):
    """The cell styles (places in ``cellXfs``) whose number format shows a date, and those
    whose format shows a duration."""
    custom, formats = {}, []
    within = False
    for event, element in _parse(archive, name, events=("start", "end")):
        if element.tag == CELL_FORMATS_TAG:
            within = event == "start"
        elif event == "end" and element.tag == NUMBER_FORMAT_TAG:
            custom[int(element.get("numFmtId", ""))] = element.get("formatCode", "")
        elif event == "end" and within and element.tag == FORMAT_TAG:
            formats.append(int(element.get("numFmtId", 0)))
    dates, durations = set(), set()
    for style, number_format in enumerate(formats):
        code = custom[number_format] if number_format in custom else DATE_FORMATS.get(number_format)
        if code is None:
            continue
        first = code.split(";")[0]
        if DATE_TOKEN.search(FORMAT_LITERALS.sub("", first)):
            dates.add(style)
        if DURATION_TOKEN.search(first):
            durations.add(style)
    return frozenset(dates), frozenset(durations)


def _from_serial(serial, epoch, duration):
    """An Excel date serial as openpyxl gives it: a ``timedelta`` in a duration's format, a
    ``time`` below one day, else a ``datetime``; ``#VALUE!`` out of their range."""
    try:
        if duration:
            span = timedelta(days=serial)
            if span.microseconds:
                # To the millisecond, which is all Excel keeps.
                span = timedelta(
                    seconds=span.total_seconds() // 1, microseconds=round(span.microseconds, -3)
                )
            return span
        day, fraction = divmod(serial, 1)
        clock = timedelta(milliseconds=round(fraction * 86400 * 1000))
        if 0 <= serial < 1 and clock.days == 0:
            minutes, seconds = divmod(clock.seconds, 60)
            return time(minutes // 60, minutes % 60, seconds, clock.microseconds)
        if 0 < serial < 60 and epoch == WINDOWS_EPOCH:
            # Excel counts a 29 February 1900 that never was.
            day += 1
        return epoch + timedelta(days=day) + clock
    except (OverflowError, ValueError):
        return "#VALUE!"


def _column(reference, columns):
    """The column number of a cell reference such as ``AB12``, remembered in ``columns`` by
    its letters."""
    letters = reference.rstrip(DIGITS)
    if len(letters) > COLUMN_LETTERS:
        raise ValueError(f"not a cell reference: {reference}")
    number = 0
    for letter in letters.upper():
        if not "A" <= letter <= "Z":
            raise ValueError(f"not a cell reference: {reference}")
        number = number * 26 + ord(letter) - 64
    if not number:
        raise ValueError(f"not a cell reference: {reference}")
    columns[letters] = number
    return number


def _dimension(element):
    """The last column and row a sheet declares, each ``None`` when it does not say."""
    match = RANGE.fullmatch(element.get("ref", ""))
    if match is None:
        raise ValueError("not a range")
    first_column, first_row, separator, last_column, last_row = match.groups()
    if separator and not (
        all((first_column, first_row, last_column, last_row))
        or (first_column and last_column and not first_row and not last_row)
        or (first_row and last_row and not first_column and not last_column)
    ):
        raise ValueError("not a range")
    last_column = last_column or first_column
    last_row = last_row or first_row
    return (
        _column(last_column, {}) if last_column else None,
        int(last_row) if last_row else None,
    )


def _other_value(kind, text):
    """A cell's cached value of a kind other than a number or a string: a boolean, an ISO
    date, or text (a formula's text result, an error such as ``#N/A``)."""
    if kind == "b":
        return bool(int(text))
    if kind == "d":
        return _iso_date(text)
    return text


def _iso_date(text):
    """A date cell written as ISO 8601 text (``t="d"``)."""
    if "T" not in text and ":" in text:
        return time.fromisoformat(text)
    if "T" not in text:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text)


def _rows(archive, name, strings, dates, durations, epoch):
    """The rows of the sheet ``name``, as ``sheet_rows`` describes them. When the sheet declares
    its dimension, rows are padded or cut to its last column and reading stops at its last
    row, as openpyxl does; otherwise a row ends at its last cell."""
    last_column = last_row = None
    columns = {}
    expected = 1
    number = 0
    for _event, element in _parse(archive, name):
        tag = element.tag
        if tag != ROW_TAG:
            if tag == DIMENSION_TAG:
                last_column, last_row = _dimension(element)
            continue
        position = element.get("r")
        number = _row_number(position) if position else number + 1
        if last_row is not None and number > last_row:
            for _missing in range(expected, last_row + 1):
                yield [None] * (last_column or 0)
            return
        values = []
        column = 0
        for cell in element:
            reference = cell.get("r")
            if reference:
                column = columns.get(reference.rstrip(DIGITS)) or _column(reference, columns)
            else:
                column += 1
            kind = cell.get("t")
            if kind == "inlineStr":
                inline = cell.find(INLINE_TAG)
                value = None if inline is None else _text(inline)
            else:
                value = cell.findtext(VALUE_TAG)
                if not value:
                    value = None
                elif kind is None or kind == "n":
                    style = cell.get("s")
                    serial = (
                        float(value) if "." in value or "e" in value or "E" in value else int(value)
                    )
                    if style and int(style) in dates:
                        value = _from_serial(serial, epoch, int(style) in durations)
                    else:
                        value = serial
                elif kind == "s":
                    value = strings[int(value)]
                else:
                    value = _other_value(kind, value)
            count = len(values)
            if column == count + 1:
                values.append(value)
            elif column > count:
                values.extend([None] * (column - count - 1))
                values.append(value)
            else:
                # Out of order or given twice: the last one given stands.
                values[column - 1] = value
        element.clear()
        if number < expected:
            # A row given again or out of order: the first one stands.
            continue
        for _missing in range(expected, number):
            yield [None] * (last_column or 0)
        expected = number + 1
        # The row's width: the sheet's, or its last cell's column.
        width = last_column or column
        if len(values) > width:
            del values[width:]
        elif len(values) < width:
            values.extend([None] * (width - len(values)))
        yield values


def _row_number(text):
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if not number.is_integer():
            raise
        return int(number)
