"""A park administrator imports enterprises from Excel, as a person would in the browser.

Sign in, check a workbook with a typing error in one credit code, see the mistake by row, fix
the file, check it again, import it, then find the film company by a two-character search.
Elements are found by id, name and role; the texts expected on screen are taken from the
platform's own translations, so the scenario holds in Chinese and in English.
"""

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import Workbook
from playwright.sync_api import expect

from cloudpark.core import validators
from cloudpark.orgs import enums
from cloudpark.orgs.models import Enterprise, EnterpriseImport
from tests.e2e.conftest import EVERY_LANGUAGE_AND_WIDTH
from tests.e2e.dialogs import answer_confirmation
from tests.factories import MembershipFactory, ParkFactory, UserFactory, credit_code
from tests.portals.workbooks import HEADERS

PASSWORD = "Zhijiang-film-2024"
FILM = "之江影视制作有限公司"
ANIMATION = "西溪数字动漫有限公司"
MEDIA = "钱塘文化传媒有限公司"
ENTERPRISES = [
    (FILM, "Zhijiang Film Production Co., Ltd.", credit_code(101, prefix="91330106MB")),
    (ANIMATION, "Xixi Digital Animation Co., Ltd.", credit_code(102, prefix="91330106MB")),
    (MEDIA, "Qiantang Culture Media Co., Ltd.", credit_code(103, prefix="91330106MB")),
]
GOOD_CODES = [code for _name, _name_en, code in ENTERPRISES]
NAME_COLUMN = {"zh-hans": 0, "en": 1}  # enterprises are listed by their name in the language


def mistyped(code):
    """``code`` with a wrong check character, as after a typing error in the last place."""
    return code[:17] + ("2" if code[17] == "1" else "1")


def write_workbook(path, codes):
    """The three enterprises, with ``codes`` as their credit codes, under English headings."""
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for (name, name_en, _code), code in zip(ENTERPRISES, codes, strict=True):
        sheet.append([name, name_en, code, "022", "2019-05-20"])
    book.save(path)
    return path


def validation_message(validator, value):
    try:
        validator(value)
    except ValidationError as error:
        return error.messages[0]
    raise AssertionError(f"{value!r} passed {validator.__name__}")


def expected_texts(language, bad_code):
    """What the pages say, in the language the browser is served."""
    with translation.override(language):
        return SimpleNamespace(
            shown={row[0]: row[NAME_COLUMN[language]] for row in ENTERPRISES},
            rejected=str(enums.ImportStatus.REJECTED.label),
            checked=str(enums.ImportStatus.CHECKED.label),
            code_problem=[
                "3",
                translation.gettext("Unified social credit code"),
                bad_code,
                validation_message(validators.validate_credit_code, bad_code),
            ],
            check_again=translation.gettext("Check a corrected workbook"),
            confirm=translation.gettext("Import these enterprises now?"),
            imported=translation.ngettext(
                "%(count)d enterprise imported.", "%(count)d enterprises imported.", 3
            )
            % {"count": 3},
            one_found=translation.ngettext("%(counter)s enterprise", "%(counter)s enterprises", 1)
            % {"counter": 1},
        )


def table_rows(table):
    return [row.locator("td").all_inner_texts() for row in table.locator("tbody tr").all()]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(("browser_locale", "browser_width"), EVERY_LANGUAGE_AND_WIDTH)
def test_park_admin_imports_enterprises_from_excel(
    live_server, page, language, browser_errors, media_root, tmp_path
):
    # Arrange: a park, its administrator, and a workbook with a typing error on row 3.
    park = ParkFactory(name="之江文化产业园", name_en="Zhijiang Cultural Industry Park")
    admin = UserFactory(email="admin@zhijiang.example.cn", password=PASSWORD)
    MembershipFactory(user=admin, organization=park, role=enums.Role.ADMIN)
    bad_codes = [GOOD_CODES[0], mistyped(GOOD_CODES[1]), GOOD_CODES[2]]
    workbook = write_workbook(tmp_path / "enterprises.xlsx", bad_codes)
    texts = expected_texts(language, bad_codes[1])
    upload = page.locator("input[name=workbook]")
    check_button = page.locator("form:has(input[name=workbook]) button[type=submit]")
    status = page.locator("#import-status")

    # Act 1: sign in through the real form.
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(admin.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()

    # Assert 1: signing in leads through /portal/ to the park portal.
    expect(page).to_have_url(f"{live_server.url}/park/")

    # Act 2: check the workbook with the mistyped code on row 3.
    page.goto(f"{live_server.url}/park/imports/")
    upload.set_input_files(workbook)
    check_button.click()
    expect(status).to_have_text(texts.rejected)
    page.screenshot(path=tmp_path / "1-rejected.png", full_page=True)

    # Assert 2: the one mistake by row, column, value and problem; nothing is imported.
    rejected = EnterpriseImport.objects.get()
    assert page.url == f"{live_server.url}/park/imports/{rejected.pk}/"
    assert table_rows(page.locator("#import-errors")) == [texts.code_problem]
    assert (rejected.organization_id, rejected.status, rejected.row_count) == (
        park.pk,
        enums.ImportStatus.REJECTED,
        3,
    )
    assert Enterprise.objects.count() == 0

    # Act 3: correct the file, check it again, and import it.
    write_workbook(workbook, GOOD_CODES)
    page.get_by_role("link", name=texts.check_again, exact=True).click()
    upload.set_input_files(workbook)
    check_button.click()
    expect(status).to_have_text(texts.checked)
    checked_url = page.url
    errors_shown = page.locator("#import-errors").count()
    page.locator("form[data-confirm] button[type=submit]").click()
    question = answer_confirmation(page)
    expect(page).to_have_url(f"{live_server.url}/park/enterprises/")

    # Assert 3: ready with no errors, asked once, told of the import; the three are the park's.
    checked = EnterpriseImport.objects.exclude(pk=rejected.pk).get()
    assert checked_url == f"{live_server.url}/park/imports/{checked.pk}/"
    assert errors_shown == 0
    assert question == texts.confirm
    expect(page.locator(".cp-messages .alert-success")).to_have_text(texts.imported)
    assert (checked.status, checked.row_count) == (enums.ImportStatus.IMPORTED, 3)
    assert sorted(Enterprise.objects.values_list("name", "credit_code", "park")) == [
        (FILM, GOOD_CODES[0], park.pk),
        (ANIMATION, GOOD_CODES[1], park.pk),
        (MEDIA, GOOD_CODES[2], park.pk),
    ]
    names = page.locator("#list-rows tbody tr td:first-child")
    expect(names).to_have_count(3)
    assert sorted(names.all_inner_texts()) == sorted(texts.shown.values())

    # Act 4: search the park's enterprises for 影视 (the list's own search, not the site's).
    search = page.locator("#main").get_by_role("search")
    search.locator("input[name=q]").fill("影视")
    search.locator("button[type=submit]").click()

    # Assert 4: only the film company is listed, the address keeps the search, and no page
    # logged an error or broke the Content-Security-Policy.
    expect(names).to_have_text([texts.shown[FILM]])
    expect(page.locator("#list-rows [role=status]")).to_have_text(texts.one_found)
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("q") == ["影视"])
    page.screenshot(path=tmp_path / "2-search.png", full_page=True)
    assert browser_errors == []
