"""Excel workbooks for import tests, built in memory."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from cloudpark.orgs import imports
from tests.factories import UserFactory, credit_code

HEADERS = [
    "Enterprise name (Chinese)",
    "English name",
    "Unified social credit code",
    "Industry category code",
    "Founded on",
]


def enterprise_row(serial, *, name=None, category="022"):
    return [
        name or f"之江影视{serial}号有限公司",
        f"Zhijiang Film {serial} Co., Ltd.",
        credit_code(serial, prefix="91330106MB"),
        category,
        "2019-05-20",
    ]


def workbook_file(rows, headers=HEADERS, name="enterprises.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def checked_import(organization, rows=None):
    """A workbook checked for ``organization``: ready to import unless ``rows`` has mistakes."""
    rows = rows if rows is not None else [enterprise_row(organization.pk * 100 + 1)]
    return imports.check_workbook(organization, workbook_file(rows), actor=UserFactory())
