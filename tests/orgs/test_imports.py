"""Bulk import from Excel: every row checked, then all imported or none."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook

from cloudpark.core import audit, excel
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.models import AuditEntry
from cloudpark.orgs import enums, imports, services
from cloudpark.orgs.models import Enterprise, EnterpriseImport, ParkResidence
from cloudpark.search import selectors as search_selectors
from cloudpark.search.models import SearchDocument
from tests.factories import EnterpriseFactory, IndustryCategoryFactory, credit_code

pytestmark = pytest.mark.django_db

ENGLISH_HEADERS = [
    "Enterprise name (Chinese)",
    "English name",
    "Unified social credit code",
    "Industry category code",
    "Founded on",
    "Registered capital (10,000 yuan)",
    "Staff",
    "Qualifications",
    "Contact person",
    "Contact mobile",
]
CODE_A = credit_code(1, prefix="92330106MB")
CODE_B = credit_code(2, prefix="92330106MB")
CODE_C = credit_code(3, prefix="92330106MB")
ROW_A = [
    "之江影视传媒有限公司",
    "Zhijiang Film Media",
    CODE_A,
    "022",
    date(2019, 5, 1),
    500,
    30,
    "高新技术企业、上市企业",
    "张三",
    "138 1234 5678",
]
ROW_B = ["西湖动漫有限公司", None, CODE_B, 24, None, None, None, None, None, None]
ROW_C = [
    "滨江数字出版有限公司",
    None,
    CODE_C,
    "026 工艺美术品制造",
    None,
    80.5,
    5,
    None,
    None,
    None,
]


@pytest.fixture(autouse=True)
def english(media_root):
    """Messages and column labels in English, uploads in a temporary folder."""
    with translation.override("en"):
        yield


def workbook(headers, *rows, name="企业名录.xlsx"):
    sheet_book = Workbook()
    sheet = sheet_book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    sheet_book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=excel.XLSX_CONTENT_TYPE)


def with_park_column(row, park_name):
    return [*row, park_name]


def good_rows(result):
    return [number for number, _cleaned in result.rows]


def imported(codes):
    return list(
        Enterprise.objects.filter(credit_code__in=codes)
        .order_by("credit_code")
        .values_list("credit_code", "name", "park__name", "category__code")
    )


# Checking ------------------------------------------------------------------------------------


def test_check_rows_reads_english_headers_into_clean_values(park):
    uploaded = workbook(ENGLISH_HEADERS, ROW_A, ROW_B)

    result = imports.check_rows(park, uploaded)

    assert (result.errors, good_rows(result)) == ([], [2, 3])
    cleaned = result.rows[0][1]
    assert {
        key: cleaned[key]
        for key in ("name", "name_en", "credit_code", "founded_on", "registered_capital")
    } == {
        "name": "之江影视传媒有限公司",
        "name_en": "Zhijiang Film Media",
        "credit_code": CODE_A,
        "founded_on": date(2019, 5, 1),
        "registered_capital": Decimal("500"),
    }
    assert (
        cleaned["category"].code,
        cleaned["staff_count"],
        sorted(tag.slug for tag in cleaned["tags"]),
        cleaned["contact_mobile"],
        cleaned["park"],
    ) == ("022", 30, ["high-tech", "listed"], "13812345678", None)
    assert result.rows[1][1]["category"].code == "024"


def test_the_chinese_template_headers_are_recognised(park):
    with translation.override("zh-hans"):
        template = load_workbook(io.BytesIO(imports.template_workbook(park)))
    headers = [cell.value for cell in template.active[1]]
    uploaded = workbook(headers, ROW_A, ROW_B)

    result = imports.check_rows(park, uploaded)

    assert (result.errors, good_rows(result)) == ([], [2, 3])


def test_header_spelling_variants_are_recognised(park):
    headers = [
        "ENTERPRISE NAME（CHINESE）",  # upper case, full-width brackets
        "english  name",
        " Unified social credit code ",
        "category",  # the column key
        "Founded on",
        "Registered capital (10,000 yuan)",
        "Staff",
        "Qualifications",
        "Contact person",
        "Contact mobile",
    ]
    uploaded = workbook(headers, ROW_A)

    result = imports.check_rows(park, uploaded)

    assert (result.errors, good_rows(result)) == ([], [2])


def test_one_bad_row_is_named_by_number_and_column_and_nothing_is_written(park):
    bad = [*ROW_B]
    bad[2] = "92330106MB00000021"  # CODE_B with a wrong check character
    uploaded = workbook(ENGLISH_HEADERS, ROW_A, bad, ROW_C)
    before = (Enterprise.objects.count(), AuditEntry.objects.count())

    result = imports.check_rows(park, uploaded)

    assert result.errors == [
        {
            "row": 3,
            "column": "Unified social credit code",
            "value": "92330106MB00000021",
            "message": "The check character of this unified social credit code is wrong: "
            "a typing error?",
        }
    ]
    assert good_rows(result) == [2, 4]
    assert (Enterprise.objects.count(), AuditEntry.objects.count()) == before


def test_every_bad_cell_of_a_row_is_reported(park):
    bad = [*ROW_B]
    bad[3] = "099"
    bad[9] = "1234"
    bad[7] = "金牌企业"
    uploaded = workbook(ENGLISH_HEADERS, bad)

    result = imports.check_rows(park, uploaded)

    assert result.errors == [
        {
            "row": 2,
            "column": "Industry category code",
            "value": "099",
            "message": "No mid category of the 2018 classification has this code.",
        },
        {
            "row": 2,
            "column": "Qualifications",
            "value": "金牌企业",
            "message": "Unknown qualification: 金牌企业.",
        },
        {
            "row": 2,
            "column": "Contact phone",
            "value": "1234",
            "message": "Enter a mobile number (11 digits starting with 13 to 19) or a landline "
            "with its area code, e.g. 0571-88886666.",
        },
    ]


def test_the_same_code_twice_in_a_file_is_an_error_on_the_later_row(park):
    again = [*ROW_C]
    again[2] = CODE_A.lower()
    uploaded = workbook(ENGLISH_HEADERS, ROW_A, ROW_B, again)

    result = imports.check_rows(park, uploaded)

    assert result.errors == [
        {
            "row": 4,
            "column": "Unified social credit code",
            "value": CODE_A,
            "message": "The same code is already on row 2.",
        }
    ]


def test_a_code_already_registered_is_an_error(park):
    EnterpriseFactory(credit_code=CODE_B, name="已登记企业")
    uploaded = workbook(ENGLISH_HEADERS, ROW_A, ROW_B)

    result = imports.check_rows(park, uploaded)

    assert result.errors == [
        {
            "row": 3,
            "column": "Unified social credit code",
            "value": CODE_B,
            "message": "Already registered on the platform as 已登记企业.",
        }
    ]


def test_a_code_typed_in_full_width_is_accepted(park):
    typed = [*ROW_A]
    typed[2] = CODE_A.lower().translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    uploaded = workbook(ENGLISH_HEADERS, typed)

    result = imports.check_rows(park, uploaded)

    assert (result.errors, result.rows[0][1]["credit_code"]) == ([], CODE_A)


def test_a_missing_required_column_is_named(park):
    uploaded = workbook(
        ["Enterprise name (Chinese)", "Industry category code"], ["之江影视传媒有限公司", "022"]
    )

    result = imports.check_rows(park, uploaded)

    assert (result.errors, result.rows) == (
        [
            {
                "row": 1,
                "column": "Unified social credit code",
                "value": "",
                "message": "This column is missing.",
            }
        ],
        [],
    )


def test_a_workbook_without_rows_is_an_error(park):
    uploaded = workbook(ENGLISH_HEADERS)

    result = imports.check_rows(park, uploaded)

    assert result.errors == [
        {"row": 2, "column": "", "value": "", "message": "The workbook has no rows of enterprises."}
    ]


def test_check_workbook_keeps_a_rejected_upload_with_its_errors(park, user, media_root):
    EnterpriseFactory(credit_code=CODE_B, name="已登记企业")
    uploaded = workbook(ENGLISH_HEADERS, ROW_A, ROW_B)
    content = uploaded.read()
    uploaded.seek(0)
    before = Enterprise.objects.count()

    enterprise_import = imports.check_workbook(park, uploaded, actor=user)

    enterprise_import.refresh_from_db()
    assert (
        enterprise_import.status,
        enterprise_import.row_count,
        [error["row"] for error in enterprise_import.errors],
        enterprise_import.original_name,
    ) == (enums.ImportStatus.REJECTED, 2, [3], "企业名录.xlsx")
    assert (media_root / enterprise_import.workbook.name).read_bytes() == content
    assert audit.history_of(enterprise_import).values_list("action", "actor", "data").get() == (
        "orgs.enterprise_import.checked",
        user.pk,
        {"rows": 2, "errors": 1},
    )
    assert Enterprise.objects.count() == before


# Importing -----------------------------------------------------------------------------------


def test_run_import_creates_every_row_resident_in_the_park(park, user):
    enterprise_import = imports.check_workbook(
        park, workbook(ENGLISH_HEADERS, ROW_A, ROW_B, ROW_C), actor=user
    )

    result = imports.run_import(enterprise_import, actor=user)

    assert (result.status, result.row_count, result.imported_at.date()) == (
        enums.ImportStatus.IMPORTED,
        3,
        timezone.now().date(),
    )
    assert imported([CODE_A, CODE_B, CODE_C]) == [
        (CODE_A, "之江影视传媒有限公司", "之江文化产业园", "022"),
        (CODE_B, "西湖动漫有限公司", "之江文化产业园", "024"),
        (CODE_C, "滨江数字出版有限公司", "之江文化产业园", "026"),
    ]
    assert (
        ParkResidence.objects.filter(
            park=park, started_on=timezone.localdate(), ended_on=None
        ).count()
        == 3
    )
    assert sorted(
        Enterprise.objects.get(credit_code=CODE_A).tags.values_list("slug", flat=True)
    ) == ["high-tech", "listed"]
    assert sorted(AuditEntry.objects.filter(actor=user).values_list("action", flat=True)) == sorted(
        ["orgs.enterprise.created"] * 3
        + ["orgs.enterprise.admitted"] * 3
        + ["orgs.enterprise_import.checked", "orgs.enterprise_import.imported"]
    )
    assert audit.history_of(result).first().data == {"created": 3}


def test_run_import_of_a_workbook_that_became_invalid_creates_nothing(park, user):
    enterprise_import = imports.check_workbook(
        park, workbook(ENGLISH_HEADERS, ROW_A, ROW_B), actor=user
    )
    services.register_enterprise(
        actor=user, name="抢先登记企业", credit_code=CODE_B, category=IndustryCategoryFactory()
    )

    result = imports.run_import(enterprise_import, actor=user)

    assert (result.status, result.imported_at) == (enums.ImportStatus.REJECTED, None)
    assert EnterpriseImport.objects.get(pk=enterprise_import.pk).errors == [
        {
            "row": 3,
            "column": "Unified social credit code",
            "value": CODE_B,
            "message": "Already registered on the platform as 抢先登记企业.",
        }
    ]
    assert imported([CODE_A, CODE_B]) == [(CODE_B, "抢先登记企业", None, "022")]
    assert found_enterprises("影视") == set()


def found_enterprises(query):
    results = search_selectors.search(query, kind="enterprise")
    return {document.title for document in results.page.object_list}


def test_imported_enterprises_are_found_by_the_platform_search_in_the_same_transaction(park, user):
    enterprise_import = imports.check_workbook(
        park, workbook(ENGLISH_HEADERS, ROW_A, ROW_B, ROW_C), actor=user
    )

    with transaction.atomic():
        imports.run_import(enterprise_import, actor=user)

        assert found_enterprises("影视") == {"之江影视传媒有限公司"}
        assert found_enterprises("动漫") == {"西湖动漫有限公司"}
        assert found_enterprises("出版") == {"滨江数字出版有限公司"}


def test_an_import_refused_after_writing_its_rows_leaves_no_search_document(
    park, user, monkeypatch
):
    enterprise_import = imports.check_workbook(
        park, workbook(ENGLISH_HEADERS, ROW_A, ROW_B), actor=user
    )

    def refused(*args, **kwargs):
        raise DomainError("refused")

    monkeypatch.setattr(audit, "log_action", refused)  # the import's own entry, last
    with pytest.raises(DomainError):
        imports.run_import(enterprise_import, actor=user)

    assert imported([CODE_A, CODE_B]) == []
    assert found_enterprises("影视") == found_enterprises("动漫") == set()
    assert not SearchDocument.objects.filter(kind="enterprise").exists()


def test_a_workbook_is_imported_once(park, user):
    enterprise_import = imports.check_workbook(park, workbook(ENGLISH_HEADERS, ROW_A), actor=user)
    imports.run_import(enterprise_import, actor=user)

    with pytest.raises(TransitionNotAllowed):
        imports.run_import(enterprise_import, actor=user)

    assert Enterprise.objects.filter(credit_code=CODE_A).count() == 1


def test_a_rejected_workbook_cannot_be_imported(park, user):
    enterprise_import = imports.check_workbook(
        park, workbook(ENGLISH_HEADERS, ["缺代码企业", None, None, "022"]), actor=user
    )

    with pytest.raises(TransitionNotAllowed):
        imports.run_import(enterprise_import, actor=user)

    assert (enterprise_import.status, Enterprise.objects.filter(name="缺代码企业").count()) == (
        enums.ImportStatus.REJECTED,
        0,
    )


# A government body names the park of each row --------------------------------------------------


def test_a_government_names_a_park_in_its_care_per_row(government, park, user):
    uploaded = workbook(
        [*ENGLISH_HEADERS, "Park"],
        with_park_column(ROW_A, "之江文化产业园"),
        with_park_column(ROW_B, "Zhijiang Cultural Industry Park"),
        with_park_column(ROW_C, None),
    )
    enterprise_import = imports.check_workbook(government, uploaded, actor=user)

    result = imports.run_import(enterprise_import, actor=user)

    assert result.status == enums.ImportStatus.IMPORTED
    assert imported([CODE_A, CODE_B, CODE_C]) == [
        (CODE_A, "之江影视传媒有限公司", "之江文化产业园", "022"),
        (CODE_B, "西湖动漫有限公司", "之江文化产业园", "024"),
        (CODE_C, "滨江数字出版有限公司", None, "026"),
    ]


def test_a_government_cannot_import_into_a_park_outside_its_care(government, other_park, user):
    uploaded = workbook(
        [*ENGLISH_HEADERS, "Park"],
        with_park_column(ROW_A, "之江文化产业园"),
        with_park_column(ROW_B, "滨江数字文化基地"),
    )

    enterprise_import = imports.check_workbook(government, uploaded, actor=user)

    assert (enterprise_import.status, enterprise_import.errors) == (
        enums.ImportStatus.REJECTED,
        [
            {
                "row": 3,
                "column": "Park",
                "value": "滨江数字文化基地",
                "message": "滨江数字文化基地 is not a park in your care.",
            }
        ],
    )
    assert imported([CODE_A, CODE_B]) == []


def test_a_park_column_means_nothing_in_a_parks_own_import(park, other_park, user):
    uploaded = workbook([*ENGLISH_HEADERS, "Park"], with_park_column(ROW_A, "滨江数字文化基地"))
    enterprise_import = imports.check_workbook(park, uploaded, actor=user)

    imports.run_import(enterprise_import, actor=user)

    assert imported([CODE_A]) == [(CODE_A, "之江影视传媒有限公司", "之江文化产业园", "022")]


def test_a_landline_is_accepted_as_the_contact_phone(park):
    row = [*ROW_A]
    row[9] = "(0571) 8888 6666 转 12"
    uploaded = workbook(ENGLISH_HEADERS, row)

    result = imports.check_rows(park, uploaded)

    assert (result.errors, result.rows[0][1]["contact_mobile"]) == ([], "0571-88886666-12")


def test_the_template_has_an_example_row_that_is_not_imported_and_a_sheet_of_codes(park):
    with translation.override("zh-hans"):
        template = load_workbook(io.BytesIO(imports.template_workbook(park)))
    enterprises, *code_sheets = template.worksheets
    example = [cell.value for cell in enterprises[2]]
    categories = [row for row in code_sheets[0].iter_rows(min_row=2, values_only=True)]
    uploaded = workbook([cell.value for cell in enterprises[1]], example, ROW_A)

    result = imports.check_rows(park, uploaded)

    assert example[0].startswith("示例：")
    assert [sheet.title for sheet in code_sheets] == ["行业类别", "地区", "资质"]
    production = ("022", "广播影视节目制作", "Radio, film and television programme production")
    assert production in categories
    assert (result.errors, good_rows(result)) == ([], [3])


def test_a_workbook_holding_only_the_example_has_no_rows(park):
    template = load_workbook(io.BytesIO(imports.template_workbook(park)))
    sheet = template.worksheets[0]
    uploaded = workbook([cell.value for cell in sheet[1]], [cell.value for cell in sheet[2]])

    result = imports.check_rows(park, uploaded)

    assert result.errors == [
        {"row": 2, "column": "", "value": "", "message": "The workbook has no rows of enterprises."}
    ]


# Regions ---------------------------------------------------------------------------------------


def with_region(row, region):
    return [*row, region]


def test_the_region_is_given_by_its_code_and_imported(park, user):
    uploaded = workbook(
        [*ENGLISH_HEADERS, "Region code"],
        with_region(ROW_A, "330106"),
        with_region(ROW_B, 330108),  # a number, as Excel keeps it
        with_region(ROW_C, "330100 杭州市"),
    )
    enterprise_import = imports.check_workbook(park, uploaded, actor=user)

    imports.run_import(enterprise_import, actor=user)

    assert list(
        Enterprise.objects.filter(credit_code__in=[CODE_A, CODE_B, CODE_C])
        .order_by("credit_code")
        .values_list("region__code", flat=True)
    ) == ["330106", "330108", "330100"]


def test_a_blank_region_is_none_and_an_unknown_one_is_named_by_row_and_column(park):
    uploaded = workbook(
        [*ENGLISH_HEADERS, "地区代码"],  # the heading in Chinese
        with_region(ROW_A, None),
        with_region(ROW_B, "999999"),
    )

    result = imports.check_rows(park, uploaded)

    assert result.rows[0][1]["region"] is None
    assert result.errors == [
        {
            "row": 3,
            "column": "Region code",
            "value": "999999",
            "message": "No region of the platform's list has this code: see the sheet of "
            "regions in the template.",
        }
    ]


def test_the_template_has_a_region_column_and_a_sheet_of_region_codes(park):
    template = load_workbook(io.BytesIO(imports.template_workbook(park)))
    enterprises, _categories, regions, _qualifications = template.worksheets
    headers = [cell.value for cell in enterprises[1]]
    example = dict(zip(headers, [cell.value for cell in enterprises[2]], strict=True))

    assert (regions.title, example["Region code"]) == ("Regions", "330106")
    assert ("330106", "西湖区", "Xihu District") in list(
        regions.iter_rows(min_row=2, values_only=True)
    )
