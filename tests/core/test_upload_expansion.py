"""Workbooks that unpack to far more than they weigh are refused before any reader parses
them, and reading stops at the first row past a limit, blank rows counted."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from cloudpark.core import excel, uploads
from cloudpark.core.errors import DomainError

ROWS_MESSAGE = (
    "A workbook may hold %d rows at most, counting blank rows below the table. "
    "Delete the rows you do not need and check it again."
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def plain_workbook(rows=(("name",), ("之江影视",))):
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewritten(content, change_sheet):
    """``content`` with its first sheet's XML passed through ``change_sheet``, packed tight."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = change_sheet(data)
            archive.writestr(member.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def with_dimension(xml, ref):
    """The sheet declaring ``ref`` as its dimension, or none at all if ``ref`` is empty."""
    return re.sub(
        rb'<dimension ref="[^"]*" ?/>', f'<dimension ref="{ref}"/>'.encode() if ref else b"", xml
    )


def with_blank_rows(xml, count):
    return xml.replace(b"</sheetData>", b"<row/>" * count + b"</sheetData>")


def blank_rows_bomb(size=20 * uploads.MEGABYTE):
    """About 35 KB holding ``size`` bytes of blank rows, with a dimension that hides them."""
    return rewritten(
        plain_workbook(), lambda xml: with_blank_rows(with_dimension(xml, "A1"), size // 6)
    )


def upload(content):
    return SimpleUploadedFile("enterprises.xlsx", content, content_type=excel.XLSX_CONTENT_TYPE)


def refusal(content):
    with pytest.raises(DomainError) as caught:
        excel.read_rows(upload(content))
    return caught.value


@pytest.fixture
def bytes_unpacked(monkeypatch):
    """How many bytes of zip members were unpacked, and whether the sheet's parser was
    reached."""
    seen = {"bytes": 0, "parsed": False}
    read = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):
        data = read(self, n)
        seen["bytes"] += len(data)
        return data

    def no_parsing(*args, **kwargs):
        seen["parsed"] = True
        raise AssertionError("the workbook reached the parser")

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    monkeypatch.setattr(excel, "sheet_rows", no_parsing)
    return seen


def test_a_small_workbook_of_twenty_megabytes_of_blank_rows_is_refused_unread(bytes_unpacked):
    content = blank_rows_bomb()
    assert len(content) < 64 * 1024
    bytes_unpacked["bytes"] = 0

    error = refusal(content)

    assert (str(error), error.field) == (
        "The workbook is packed unusually tightly (a part of it grows more than 200 times when "
        "unpacked), as large empty areas do. Copy the table into a new workbook and check "
        "that one.",
        "workbook",
    )
    assert bytes_unpacked == {"bytes": 0, "parsed": False}


def test_blank_rows_past_the_limit_are_refused_after_reading_a_small_part(
    monkeypatch, bytes_unpacked
):
    # Even packed loosely enough to pass the ratio, the rows are counted from the raw XML and
    # the scan stops at the first megabyte that passes the limit.
    monkeypatch.setattr(uploads, "XLSX_MAX_COMPRESSION_RATIO", 10**9)
    content = blank_rows_bomb()
    bytes_unpacked["bytes"] = 0

    error = refusal(content)

    assert (str(error), error.field) == (ROWS_MESSAGE % excel.MAX_ROWS, "workbook")
    assert bytes_unpacked["bytes"] <= 2 * uploads.SCAN_CHUNK
    assert not bytes_unpacked["parsed"]


def test_a_declared_dimension_past_the_limit_is_refused_before_reading_rows(bytes_unpacked):
    content = rewritten(
        plain_workbook(),
        lambda xml: with_dimension(xml, "A1:K1048576"),
    )

    assert str(refusal(content)) == ROWS_MESSAGE % excel.MAX_ROWS
    assert not bytes_unpacked["parsed"]


def test_a_far_row_number_counts_the_blank_rows_before_it():
    content = rewritten(
        plain_workbook(),
        lambda xml: xml.replace(
            b"</sheetData>", b'<row r="500000"><c r="A500000" t="n"><v>1</v></c></row></sheetData>'
        ),
    )

    assert str(refusal(content)) == ROWS_MESSAGE % excel.MAX_ROWS


def test_too_many_cells_are_refused(monkeypatch):
    monkeypatch.setattr(excel, "MAX_CELLS", 20)
    content = plain_workbook([("name", "code")] + [("之江", "1")] * 10)

    error = refusal(content)

    assert str(error) == (
        "A workbook may hold 20 cells at most, counting blank ones. "
        "Delete the rows and columns you do not need and check it again."
    )


def test_a_workbook_unpacking_past_the_total_limit_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "XLSX_MAX_UNCOMPRESSED_BYTES", 2 * 1024)

    error = refusal(plain_workbook())

    assert str(error).startswith("The workbook unpacks to more than")


def test_the_parser_stops_at_the_first_row_past_the_limit_counting_blank_ones(monkeypatch):
    # Should a sheet get past the scan, the reader still stops: blank rows count as rows.
    monkeypatch.setattr(excel, "MAX_ROWS", 10)
    monkeypatch.setattr(
        uploads, "check_xlsx_expansion", lambda *args, **kwargs: uploads.SheetSize(0, 0)
    )
    content = rewritten(
        plain_workbook(),
        lambda xml: with_blank_rows(with_dimension(xml, ""), 1000),
    )
    rows_read = []
    sheet_rows = excel.sheet_rows

    def counting(archive):
        for row in sheet_rows(archive):
            rows_read.append(row)
            yield row

    monkeypatch.setattr(excel, "sheet_rows", counting)

    assert str(refusal(content)) == ROWS_MESSAGE % 10
    assert len(rows_read) == 12  # the heading, ten rows, and the first one too many


def test_an_ordinary_workbook_passes_and_reports_its_size():
    uploaded = upload(plain_workbook([("name", "code")] + [("之江", "1")] * 3))

    size = uploads.check_xlsx_expansion(uploaded, max_rows=3, max_cells=8)

    assert (size, uploaded.tell()) == (uploads.SheetSize(rows=4, cells=8), 0)
