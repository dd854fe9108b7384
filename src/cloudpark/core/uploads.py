"""Checking uploaded documents: size, the name's extension, and that the content is what the
name says (a renamed executable is not a PDF). Any capability that takes materials uses it."""

import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core.errors import DomainError

MEGABYTE = 1024 * 1024
DOCUMENT_MAX_BYTES = 10 * MEGABYTE


@dataclass(frozen=True)
class FileType:
    label: object
    content_type: str
    # The first bytes every such file starts with.
    signature: bytes
    # For zip-based Office files: a member the archive must hold.
    zip_member: str = ""
    # Where the signature starts (an MP4 file opens with its first box's size, then "ftyp").
    signature_offset: int = 0


PDF = FileType(_("PDF"), "application/pdf", b"%PDF-")
DOCX = FileType(
    _("Word document (.docx)"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    b"PK\x03\x04",
    "word/document.xml",
)
XLSX = FileType(
    _("Excel workbook (.xlsx)"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    b"PK\x03\x04",
    "xl/workbook.xml",
)
JPEG = FileType(_("JPEG image"), "image/jpeg", b"\xff\xd8\xff")
PNG = FileType(_("PNG image"), "image/png", b"\x89PNG\r\n\x1a\n")

DOCUMENT_TYPES = {"pdf": PDF, "docx": DOCX, "xlsx": XLSX, "jpg": JPEG, "jpeg": JPEG, "png": PNG}

# Films a browser plays in a <video> element.
WEBM = FileType(_("WebM video"), "video/webm", b"\x1a\x45\xdf\xa3")
MP4 = FileType(_("MP4 video"), "video/mp4", b"ftyp", signature_offset=4)
VIDEO_TYPES = {"mp4": MP4, "webm": WEBM}


def extension_of(name):
    _stem, dot, extension = str(name or "").rpartition(".")
    return extension.lower() if dot else ""


def accept_attribute(types=None):
    """The ``accept`` attribute of a file input for ``types``."""
    return ",".join(f".{extension}" for extension in (types or DOCUMENT_TYPES))


def _content_matches(uploaded, file_type):
    uploaded.seek(0)
    head = uploaded.read(file_type.signature_offset + len(file_type.signature))
    head = head[file_type.signature_offset :]
    uploaded.seek(0)
    if head != file_type.signature:
        return False
    if not file_type.zip_member:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(uploaded.read())) as archive:
            return file_type.zip_member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        uploaded.seek(0)


def check_document(uploaded, *, types=None, max_bytes=DOCUMENT_MAX_BYTES):
    """The ``FileType`` of ``uploaded``, or a ``DomainError`` saying what is wrong with it."""
    types = types or DOCUMENT_TYPES
    name = getattr(uploaded, "name", "") or ""
    if uploaded.size > max_bytes:
        raise DomainError(
            _t("%(name)s is larger than %(limit)d MB.")
            % {"name": name, "limit": max_bytes // MEGABYTE},
            field="file",
        )
    if uploaded.size == 0:
        raise DomainError(_t("%(name)s is empty.") % {"name": name}, field="file")
    file_type = types.get(extension_of(name))
    if file_type is None:
        raise DomainError(
            _t("%(name)s is not an accepted type. Send one of: %(types)s.")
            % {"name": name, "types": ", ".join(f".{ext}" for ext in types)},
            field="file",
        )
    if not _content_matches(uploaded, file_type):
        raise DomainError(
            _t("%(name)s is not a real %(type)s: its content does not match its name.")
            % {"name": name, "type": file_type.label},
            field="file",
        )
    return file_type


# Excel workbooks that are read, not only kept --------------------------------------------------
#
# An .xlsx file is a zip of XML. A few kilobytes of it can unpack to gigabytes, or declare a
# million blank rows that a reader walks one by one. ``check_xlsx_expansion`` looks at the zip
# and the sheets' XML as raw bytes before any workbook reader parses them, and stops at the
# first limit passed. The limits are in docs/security.md (Uploads).

XLSX_MAX_UNCOMPRESSED_BYTES = 256 * MEGABYTE
# A part that grows more than this many times when unpacked is not what a spreadsheet program
# writes; parts under ``XLSX_RATIO_FLOOR`` unpacked are not judged (tiny parts pack oddly).
XLSX_MAX_COMPRESSION_RATIO = 200
XLSX_RATIO_FLOOR = MEGABYTE
SCAN_CHUNK = MEGABYTE

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_ROW = re.compile(rb"<" + _PREFIX + rb"row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_CELL = re.compile(rb"<" + _PREFIX + rb"c[\s/>]")
_DIMENSION = re.compile(
    rb"<" + _PREFIX + rb'dimension\b[^>]*\bref="([A-Za-z]*)(\d*):?([A-Za-z]*)(\d*)"'
)


def _column_number(letters):
    number = 0
    for letter in letters.upper():
        number = number * 26 + (ord(letter) - 64)
    return number or 1


@dataclass(frozen=True)
class SheetSize:
    """What a scan of one sheet found: rows (the highest row number or the count of row
    elements, whichever is larger) and cell elements."""

    rows: int
    cells: int


def rows_limit_error(limit, field):
    return DomainError(
        _t(
            "A workbook may hold %(limit)d rows at most, counting blank rows below the table. "
            "Delete the rows you do not need and check it again."
        )
        % {"limit": limit},
        field=field,
    )


def cells_limit_error(limit, field):
    return DomainError(
        _t(
            "A workbook may hold %(limit)d cells at most, counting blank ones. "
            "Delete the rows and columns you do not need and check it again."
        )
        % {"limit": limit},
        field=field,
    )


def _scan_sheet(handle, *, max_rows, max_cells, heading_rows, field):
    """Count a sheet's rows and cells from its raw XML, a chunk at a time; raise as soon as a
    limit is passed (or the sheet's declared dimension already passes one)."""
    rows = cells = highest = 0
    carry = b""
    first = True
    while True:
        chunk = handle.read(SCAN_CHUNK)
        buffer = carry + chunk
        if chunk:
            cut = buffer.rfind(b"<")
            # Keep an element cut in two for the next round, unless no element starts in
            # a long stretch (then there is nothing to cut).
            if cut <= 0 or len(buffer) - cut > 64 * 1024:
                cut = len(buffer)
            buffer, carry = buffer[:cut], buffer[cut:]
        if first:
            first = False
            _check_dimension(
                buffer,
                max_rows=max_rows,
                max_cells=max_cells,
                heading_rows=heading_rows,
                field=field,
            )
        for match in _ROW.finditer(buffer):
            rows += 1
            number = _ROW_NUMBER.search(match.group(1))
            if number:
                highest = max(highest, int(number.group(1)))
        cells += len(_CELL.findall(buffer))
        if max(rows, highest) > max_rows + heading_rows:
            raise rows_limit_error(max_rows, field)
        if cells > max_cells:
            raise cells_limit_error(max_cells, field)
        if not chunk:
            return SheetSize(rows=max(rows, highest), cells=cells)


def _check_dimension(head, *, max_rows, max_cells, heading_rows, field):
    match = _DIMENSION.search(head)
    if not match:
        return
    first_column, first_row, last_column, last_row = (part.decode() for part in match.groups())
    top = int(first_row or 1)
    bottom = int(last_row or top)
    left = _column_number(first_column)
    right = _column_number(last_column or first_column)
    if bottom > max_rows + heading_rows:
        raise rows_limit_error(max_rows, field)
    if (bottom - top + 1) * (right - left + 1) > max_cells:
        raise cells_limit_error(max_cells, field)


def check_xlsx_expansion(uploaded, *, max_rows, max_cells, heading_rows=1, field="workbook"):
    """Refuse, before any reader parses it, a workbook that unpacks too large, packs
    suspiciously tightly, or whose sheets hold or declare more than ``max_rows`` rows below
    ``heading_rows`` (blank ones included) or more than ``max_cells`` cells. Returns the
    ``SheetSize`` of its largest sheet. ``uploaded`` is left at its start."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
            total = sum(member.file_size for member in members)
            if total > XLSX_MAX_UNCOMPRESSED_BYTES:
                raise DomainError(
                    _t(
                        "The workbook unpacks to more than %(limit)d MB, which is more than "
                        "a workbook of enterprises needs."
                    )
                    % {"limit": XLSX_MAX_UNCOMPRESSED_BYTES // MEGABYTE},
                    field=field,
                )
            for member in members:
                if (
                    member.file_size >= XLSX_RATIO_FLOOR
                    and member.file_size > XLSX_MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
                ):
                    raise DomainError(
                        _t(
                            "The workbook is packed unusually tightly (a part of it grows more "
                            "than %(ratio)d times when unpacked), as large empty areas do. "
                            "Copy the table into a new workbook and check that one."
                        )
                        % {"ratio": XLSX_MAX_COMPRESSION_RATIO},
                        field=field,
                    )
            largest = SheetSize(rows=0, cells=0)
            for member in members:
                if member.filename.startswith("xl/worksheets/") and member.filename.endswith(
                    ".xml"
                ):
                    with archive.open(member) as handle:
                        size = _scan_sheet(
                            handle,
                            max_rows=max_rows,
                            max_cells=max_cells,
                            heading_rows=heading_rows,
                            field=field,
                        )
                    largest = max(largest, size, key=lambda found: found.rows)
            return largest
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DomainError(_t("This is not an Excel workbook (.xlsx)."), field=field) from None
    finally:
        uploaded.seek(0)
