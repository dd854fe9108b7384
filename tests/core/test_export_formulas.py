"""No export carries a formula: text that starts like one stays text."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cloudpark.core import excel
from tests.factories import EnterpriseFactory, EventFactory, MembershipFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x")'


def cells_holding(content, text):
    """(value, data type, quote prefix) of each cell of the saved workbook holding ``text``."""
    sheet = load_workbook(io.BytesIO(content)).active
    return [
        (cell.value, cell.data_type, cell.quotePrefix)
        for row in sheet.iter_rows()
        for cell in row
        if cell.value == text
    ]


@pytest.mark.parametrize(
    ("text", "read_back"),
    [
        (FORMULA, FORMULA),
        ("+1+1", "+1+1"),
        ("-2+3", "-2+3"),
        ("@SUM(A1)", "@SUM(A1)"),
        ("\tx", "\tx"),
        ("\rx", "\rx"),
    ],
)
def test_text_that_starts_like_a_formula_is_written_as_text(text, read_back):
    content = excel.workbook_bytes("Sheet", ["Name", "Staff"], [[text, 3]])

    assert cells_holding(content, read_back) == [(read_back, "s", True)]


def test_plain_text_numbers_and_dates_keep_their_types():
    content = excel.workbook_bytes("Sheet", ["Name", "Staff"], [["之江", 3]])

    sheet = load_workbook(io.BytesIO(content)).active
    assert [(cell.value, cell.data_type, cell.quotePrefix) for cell in sheet[2]] == [
        ("之江", "s", False),
        (3, "n", False),
    ]


def test_an_enterprise_named_like_a_formula_is_exported_as_text(client, park):
    EnterpriseFactory(park=park, name=FORMULA, name_en=FORMULA)

    response = client.get(reverse("public:enterprise_list"), {"format": "xlsx"})

    content = b"".join(response.streaming_content)  # streamed from a temporary file
    assert cells_holding(content, FORMULA) == [(FORMULA, "s", True)]


def test_a_registration_named_like_a_formula_is_exported_as_text(client, park):
    registration = RegistrationFactory(
        event=EventFactory(owner=park, published=True, registration_enabled=True), name=FORMULA
    )
    client.force_login(MembershipFactory(organization=park).user)

    response = client.get(
        reverse("park:event_registrations", args=[registration.event.pk]), {"format": "xlsx"}
    )

    assert cells_holding(response.content, FORMULA) == [(FORMULA, "s", True)]
