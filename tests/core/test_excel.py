import io
import zipfile
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook

from cloudpark.core import excel
from cloudpark.core.errors import DomainError


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def upload(content, name="enterprises.xlsx"):
    return SimpleUploadedFile(name, content, content_type=excel.XLSX_CONTENT_TYPE)


def workbook_upload(cells):
    """``cells``: ``{(row, column): value}`` on the first sheet; untouched rows stay missing."""
    workbook = Workbook()
    sheet = workbook.active
    for (row, column), value in cells.items():
        sheet.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return upload(buffer.getvalue())


def test_read_rows_gives_headers_and_numbered_rows_without_blank_ones():
    uploaded = workbook_upload(
        {
            (1, 1): " 企业名称 ",
            (1, 2): "Credit code",
            (1, 3): None,
            (2, 1): "之江影视",
            (2, 2): "91350100M000100Y43",
            (3, 1): "   ",  # only spaces: blank
            (3, 2): "",
            (5, 1): "西湖文化",  # row 4 is missing altogether
            (5, 3): datetime(2020, 1, 2),
        }
    )

    headers, body = excel.read_rows(uploaded)

    assert headers == ["企业名称", "Credit code", ""]
    assert body == [
        (2, ["之江影视", "91350100M000100Y43", None]),
        (5, ["西湖文化", None, datetime(2020, 1, 2)]),
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"name,code\n\xe4\xb9\x8b,1\n",  # a CSV file renamed
        b"",
        b"PK\x03\x04 truncated zip",
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused(content):
    with pytest.raises(DomainError) as caught:
        excel.read_rows(upload(content))

    assert str(caught.value) == "This is not an Excel workbook (.xlsx)."


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")

    with pytest.raises(DomainError) as caught:
        excel.read_rows(upload(buffer.getvalue()))

    assert str(caught.value) == "This is not an Excel workbook (.xlsx)."


def test_a_zip_with_broken_xml_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<<< not xml")
        archive.writestr("xl/workbook.xml", "<<< not xml")

    with pytest.raises(DomainError) as caught:
        excel.read_rows(upload(buffer.getvalue()))

    assert str(caught.value) == "This is not an Excel workbook (.xlsx)."


def test_an_empty_workbook_is_refused():
    with pytest.raises(DomainError) as caught:
        excel.read_rows(workbook_upload({}))

    assert str(caught.value) == "The workbook is empty."


def test_a_file_over_the_size_limit_is_refused_before_reading():
    uploaded = upload(b"x" * (excel.MAX_BYTES + 1))

    with pytest.raises(DomainError) as caught:
        excel.read_rows(uploaded)

    assert (str(caught.value), uploaded.tell()) == ("The file is larger than 20 MB.", 0)


def test_a_workbook_over_the_row_limit_is_refused(monkeypatch):
    monkeypatch.setattr(excel, "MAX_ROWS", 2)
    uploaded = workbook_upload({(1, 1): "name", (2, 1): "a", (3, 1): "b", (4, 1): "c"})

    with pytest.raises(DomainError) as caught:
        excel.read_rows(uploaded)

    assert str(caught.value) == (
        "A workbook may hold 2 rows at most, counting blank rows below the table. "
        "Delete the rows you do not need and check it again."
    )


def test_workbook_bytes_round_trips_through_read_rows():
    content = excel.workbook_bytes(
        "企业名录", ["名称", "成立日期", "人数"], [["之江影视", datetime(2020, 1, 2), 30]]
    )

    headers, body = excel.read_rows(upload(content))

    assert (load_workbook(io.BytesIO(content)).active.title, headers, body) == (
        "企业名录",
        ["名称", "成立日期", "人数"],
        [(2, ["之江影视", datetime(2020, 1, 2), 30])],
    )
