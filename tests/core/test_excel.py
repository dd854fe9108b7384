import io
import re
import zipfile
import zoneinfo
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import MAC_EPOCH

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


# The reader against openpyxl's, which gave the imports their values before it -------------------


def openpyxl_rows(content):
    """The first worksheet's rows as openpyxl reads them in read-only, data-only mode."""
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def our_rows(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return list(excel.sheet_rows(archive))


def saved(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_parts(content, change):
    """``content`` with each part's bytes passed through ``change(name, data)``; parts for
    which it returns ``None`` are left out."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = change(name, source.read(name))
            if data is not None:
                target.writestr(name, data)
    return out.getvalue()


def varied_workbook(epoch=None):
    workbook = Workbook()
    if epoch is not None:
        workbook.epoch = epoch
    sheet = workbook.active
    sheet.append(["名称", "Code", "Founded", "Capital", "Staff", "Flag", "Note"])
    sheet.append(["之江影视", "91350100M000100Y43", date(2019, 5, 20), 1500.5, 30, True, None])
    sheet.append(["西湖文化", 913301, datetime(2024, 1, 2, 3, 4, 5), 1e20, -7, False, "  x  "])
    sheet.append([None, None, None, 0.1 + 0.2, 2**40, None, "a < b & c"])
    sheet.append([])  # row 5 stays blank
    sheet.cell(row=7, column=2, value="gap before me")  # row 6 missing, column A missing
    sheet.cell(row=7, column=7, value=12.0)
    formats = [
        ("yyyy-mm-dd", datetime(2020, 1, 2)),
        ("yyyy/m/d h:mm", datetime(2020, 1, 2, 13, 45)),
        ('yyyy"年"m"月"d"日"', datetime(2021, 12, 31)),
        ("mm-dd-yy", datetime(1900, 2, 28)),
        ("h:mm:ss", time(8, 30, 15)),
        ("[h]:mm:ss", timedelta(hours=30, minutes=5)),
        ('"Day "0', 45),  # quoted letters: a number
        ("[Red]0.00", 3.25),  # a colour in brackets: a number
        ("0.00%", 0.125),
        ("@", "text format"),
    ]
    for column, (number_format, value) in enumerate(formats, start=1):
        cell = sheet.cell(row=8, column=column, value=value)
        cell.number_format = number_format
    sheet.cell(row=9, column=1, value=CellRichText("之江", TextBlock(InlineFont(b=True), "影视")))
    return saved(workbook)


INLINE_CELL = re.compile(rb'<c ([^>]*)t="inlineStr"([^>]*)><is>(.*?)</is></c>')


def with_shared_strings(content):
    """``content`` with the first sheet's inline strings moved to a shared strings part, as
    Excel keeps them, each with a phonetic reading that a reader leaves out."""
    strings = []

    def shared(match):
        strings.append(match.group(3))
        return b'<c %st="s"%s><v>%d</v></c>' % (match.group(1), match.group(2), len(strings) - 1)

    sheet = {}

    def change(name, data):
        if name == "xl/worksheets/sheet1.xml":
            sheet["data"] = INLINE_CELL.sub(shared, data)
            return sheet["data"]
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.'
                b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
                b"</Relationships>",
            )
        if name == "[Content_Types].xml":
            return data.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            )
        return data

    content = with_parts(content, change)
    items = b"".join(b'<si>%s<rPh sb="0" eb="1"><t>zhi</t></rPh></si>' % text for text in strings)
    part = b'<sst xmlns="%s" count="%d">%s</sst>' % (
        excel.MAIN_NS.encode(),
        len(strings),
        items,
    )
    out = io.BytesIO(content)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", part)
    return out.getvalue()


def with_formula_results(content):
    """The first sheet given a row 10 (its dimension too) of formulas with their last
    results, as Excel saves them."""
    cells = (
        b'<row r="10"><c r="A10"><f>1+1</f><v>2</v></c>'
        b'<c r="B10" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
        b'<c r="C10" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        b'<c r="D10" t="b"><f>TRUE()</f><v>1</v></c>'
        b'<c r="E10"><f>NOW()</f></c>'
        b'<c r="F10" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c></row>'
    )
    return with_parts(
        content,
        lambda name, data: (
            re.sub(rb'(<dimension ref="A1:[A-Z]+)\d+"', rb'\g<1>10"', data).replace(
                b"</sheetData>", cells + b"</sheetData>"
            )
            if name == "xl/worksheets/sheet1.xml"
            else data
        ),
    )


@pytest.mark.parametrize("epoch", [None, MAC_EPOCH], ids=["1900", "1904"])
def test_the_reader_gives_what_openpyxl_gives_for_a_varied_workbook(epoch):
    content = with_formula_results(with_shared_strings(varied_workbook(epoch)))

    rows = our_rows(content)

    assert rows == openpyxl_rows(content)
    assert rows[7][:6] == [
        datetime(2020, 1, 2),
        datetime(2020, 1, 2, 13, 45),
        datetime(2021, 12, 31),
        datetime(1900, 2, 28),
        time(8, 30, 15),
        timedelta(hours=30, minutes=5),
    ]
    assert [row[:6] for row in rows[8:]] == [
        ["之江影视", None, None, None, None, None],
        [2, "ab", "#DIV/0!", True, None, "inline"],
    ]


def test_the_reader_gives_what_openpyxl_gives_for_a_written_workbook():
    content = excel.workbook_bytes(
        "企业",
        ["名称", "成立日期", "注册资本", "人数"],
        [
            ["之江影视", date(2019, 5, 20), 1500.5, 30],
            ["=1+1", datetime(2024, 1, 2, 3, 4, 5), Decimal("12.30"), True],
            [],
            ["  padded  ", None, "", "a\r\nb"],
        ],
        more_sheets=[("其他", ["x"], [["not read"]])],
    )

    rows = our_rows(content)

    assert rows == openpyxl_rows(content)
    assert rows[1:3] == [
        ["之江影视", datetime(2019, 5, 20), 1500.5, 30],
        ["=1+1", datetime(2024, 1, 2, 3, 4, 5), 12.3, True],
    ]


def with_dimension(ref):
    workbook = Workbook()
    for row in [["a", "b", "c"], ["d"], [], [None, None, None, "e"]]:
        workbook.active.append(row)
    return with_parts(
        saved(workbook),
        lambda name, data: re.sub(
            rb'<dimension ref="[^"]*"', b'<dimension ref="%s"' % ref.encode(), data
        ),
    )


def test_a_declared_dimension_pads_and_cuts_rows_as_openpyxl_does():
    content = with_dimension("A1:B3")

    rows = our_rows(content)

    assert rows == openpyxl_rows(content) == [["a", "b"], ["d", None], [None, None]]


@pytest.mark.parametrize("ref", ["B2", "$A$1:$E$9", "1:3", "A:B", ""])
def test_other_dimensions_give_what_openpyxl_gives(ref):
    content = with_dimension(ref)

    assert our_rows(content) == openpyxl_rows(content)


@pytest.mark.parametrize("ref", ["A1:C", "A1:", "AAAA1", "A1:B2:C3"])
def test_a_dimension_that_is_not_a_range_is_refused(ref):
    assert refusal_at_file(with_dimension(ref)) == (
        "This is not an Excel workbook (.xlsx).",
        "file",
    )


def test_the_first_worksheet_is_found_through_the_relationships_and_without_them():
    workbook = Workbook()
    workbook.active.append(["in sheet1.xml"])
    workbook.create_sheet("second").append(["in sheet2.xml"])
    # The first sheet listed is kept in sheet2.xml.
    content = with_parts(
        saved(workbook),
        lambda name, data: (
            data.replace(b'"rId1"', b'"swap"')
            .replace(b'"rId2"', b'"rId1"')
            .replace(b'"swap"', b'"rId2"')
            if name == "xl/workbook.xml"
            else data
        ),
    )
    without = with_parts(
        content, lambda name, data: None if name == "xl/_rels/workbook.xml.rels" else data
    )

    assert (our_rows(content), openpyxl_rows(content), our_rows(without)) == (
        [["in sheet2.xml"]],
        [["in sheet2.xml"]],
        [["in sheet1.xml"]],
    )


def test_read_rows_gives_the_values_the_imports_had_from_openpyxl():
    content = with_formula_results(with_shared_strings(varied_workbook()))
    expected = openpyxl_rows(content)

    headers, body = excel.read_rows(upload(content))

    assert headers == ["名称", "Code", "Founded", "Capital", "Staff", "Flag", "Note", "", "", ""]
    assert body == [
        (number, values)
        for number, values in enumerate(expected[1:], start=2)
        if any(value is not None and str(value).strip() for value in values)
    ]


@pytest.mark.parametrize("built_in", [14, 27, 31, 36, 50, 57, 58])
def test_a_date_under_a_built_in_format_of_chinese_excel_is_read_as_a_date(built_in):
    workbook = Workbook()
    workbook.active.append(["Founded"])
    workbook.active.append([datetime(2019, 5, 20)])
    workbook.active["A2"].number_format = "yyyy-mm-dd"
    # Chinese Excel names such a format by its built-in number alone, with no format code.
    content = with_parts(
        saved(workbook),
        lambda name, data: (
            re.sub(
                rb'numFmtId="16\d"',
                b'numFmtId="%d"' % built_in,
                re.sub(rb"<numFmts .*?</numFmts>", b"", data),
            )
            if name == "xl/styles.xml"
            else data
        ),
    )

    rows = our_rows(content)

    assert rows == [["Founded"], [datetime(2019, 5, 20)]]


def billion_laughs(root):
    entities = "".join(f'<!ENTITY l{level} "{f"&l{level - 1};" * 10}">' for level in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE {root} [<!ENTITY l0 "ha">{entities}]>').encode()


@pytest.mark.parametrize(
    ("part", "root"),
    [
        ("xl/worksheets/sheet1.xml", "worksheet"),
        ("xl/sharedStrings.xml", "sst"),
        ("xl/workbook.xml", "workbook"),
        ("xl/styles.xml", "styleSheet"),
    ],
)
def test_a_part_declaring_a_document_type_is_refused_unexpanded(part, root):
    def change(name, data):
        if name != part:
            return data
        return billion_laughs(root) + data.replace(b"</t>", b"&l9;</t>", 1)

    content = with_parts(saved_strings_workbook(), change)

    assert refusal_at_file(content) == ("This is not an Excel workbook (.xlsx).", "file")


def refusal_at_file(content):
    """The message and field of the refusal of ``content`` read for the field ``file``."""
    with pytest.raises(DomainError) as caught:
        excel.read_rows(upload(content), field="file")
    return str(caught.value), caught.value.field


def saved_strings_workbook():
    workbook = Workbook()
    workbook.active.append(["name", "code"])
    workbook.active.append(["之江影视", "913301"])
    return with_shared_strings(saved(workbook))


SHEET = "xl/worksheets/sheet1.xml"


def in_part(part, change):
    """A change for ``with_parts`` that passes only ``part`` through ``change``."""
    return lambda name, data: change(data) if name == part else data


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(in_part(SHEET, lambda data: data[:-40]), id="sheet cut short"),
        pytest.param(in_part(SHEET, lambda data: None), id="sheet missing"),
        pytest.param(in_part("xl/workbook.xml", lambda data: None), id="no workbook part"),
        pytest.param(
            in_part(SHEET, lambda data: data.replace(b"<v>0</v>", b"<v>99</v>")),
            id="shared string out of range",
        ),
        pytest.param(
            in_part(SHEET, lambda data: data.replace(b'r="A1"', b'r="1A"')),
            id="cell reference not a reference",
        ),
        pytest.param(
            in_part(SHEET, lambda data: data.replace(b'r="B2"', b'r="ABCD2"')),
            id="column past three letters",
        ),
    ],
)
def test_a_broken_part_is_refused_as_not_a_workbook_at_the_field(change):
    content = with_parts(saved_strings_workbook(), change)

    assert refusal_at_file(content) == ("This is not an Excel workbook (.xlsx).", "file")
