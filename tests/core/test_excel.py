import io
import zipfile
import zoneinfo
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
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


def written(rows, headers=("Name", "Value"), title="Sheet", more_sheets=()):
    content = excel.workbook_bytes(title, list(headers), rows, more_sheets=more_sheets)
    return load_workbook(io.BytesIO(content))


def test_a_written_workbook_gives_back_the_values_written():
    local = timezone.make_aware(datetime(2024, 5, 6, 7, 8, 9), zoneinfo.ZoneInfo("UTC"))
    long_text = "之江影视" * 5000

    sheet = written(
        [
            ["之江影视传媒有限公司", 42],
            ["Zhijiang Film", -7.25],
            ["capital", Decimal("1500.50")],
            ["founded", date(2019, 5, 20)],
            ["before March 1900", date(1900, 2, 1)],
            ["signed", datetime(2024, 1, 2, 3, 4, 5)],
            ["aware", local],
            ["nothing", None],
            ["empty", ""],
            ["yes", True],
            ["long", long_text],
            ["markup", 'a < b & "c" > d'],
            ["controls", "a\x00b\x07c\x1fd\ttab\nline\rreturn"],
            ["spaces", "  padded  "],
        ]
    ).active

    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [
        ("之江影视传媒有限公司", 42),
        ("Zhijiang Film", -7.25),
        ("capital", 1500.5),
        ("founded", datetime(2019, 5, 20)),
        ("before March 1900", datetime(1900, 2, 1)),
        ("signed", datetime(2024, 1, 2, 3, 4, 5)),
        ("aware", timezone.localtime(local).replace(tzinfo=None)),
        ("nothing", None),
        ("empty", None),
        ("yes", True),
        ("long", long_text),
        ("markup", 'a < b & "c" > d'),
        ("controls", "abcd\ttab\nline\rreturn"),
        ("spaces", "  padded  "),
    ]


def test_dates_carry_a_date_format_and_text_is_stored_inline_as_text():
    sheet = written([[date(2019, 5, 20), datetime(2024, 1, 2, 3, 4, 5)], ["=1+1", "1"]]).active

    assert [(cell.data_type, cell.number_format, cell.quotePrefix) for cell in sheet[2]] == [
        ("d", "yyyy-mm-dd", False),
        ("d", "yyyy-mm-dd hh:mm:ss", False),
    ]
    assert [(cell.value, cell.data_type, cell.quotePrefix) for cell in sheet[3]] == [
        ("=1+1", "s", True),
        ("1", "s", False),
    ]


def test_the_header_row_is_bold_frozen_and_sets_the_column_widths():
    sheet = written([["之江影视", 3]], headers=("Name", "Registered capital (10,000 yuan)")).active

    assert (
        [cell.font.b for cell in sheet[1]],
        [cell.font.b for cell in sheet[2]],
        sheet.freeze_panes,
        sheet.column_dimensions["A"].width,
        sheet.column_dimensions["B"].width,
    ) == ([True, True], [False, False], "A2", 12, 64)


def test_more_sheets_follow_the_first_with_titles_excel_accepts():
    workbook = written(
        [["之江影视", 1]],
        title="Parks: [A/B] 2024?",
        more_sheets=[
            ("Parks: [A/B] 2024?", ["Code"], [["022"]]),
            ("行业代码" * 10, ["Code", "Name"], [["8710", "广播"], ["8720", "电视"]]),
        ],
    )

    assert [
        (sheet.title, sheet.freeze_panes, list(sheet.iter_rows(values_only=True)))
        for sheet in workbook.worksheets
    ] == [
        ("Parks_ _A_B_ 2024_", "A2", [("Name", "Value"), ("之江影视", 1)]),
        ("Parks_ _A_B_ 2024_ (2)", "A2", [("Code",), ("022",)]),
        ("行业代码" * 7 + "行业代", "A2", [("Code", "Name"), ("8710", "广播"), ("8720", "电视")]),
    ]


def test_rows_longer_than_the_headers_and_given_as_generators_are_written_whole():
    sheet = written([(value for value in range(30))], headers=("A",)).active

    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [tuple(range(30))]
