"""The enterprise export at scale: a query per chunk of rows with only the columns shown,
written row by row so that memory does not grow with the number of rows."""

import io
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from cloudpark.orgs import exports, services
from cloudpark.orgs.models import Enterprise, IndustryCategory
from tests.factories import credit_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def register(count, park, first=1):
    category = IndustryCategory.objects.get(code="022")
    services.register_enterprises(
        [
            (
                {
                    "name": f"之江影视{serial}号有限公司",
                    "name_en": f"Zhijiang Film {serial}",
                    "credit_code": credit_code(serial, prefix="91330106MD"),
                    "category": category,
                    "contact_mobile": "13812345678",
                },
                park,
                [],
            )
            for serial in range(first, first + count)
        ],
        actor=None,
    )


def exported(queryset, columns=None):
    response = exports.export_enterprises(queryset, columns or exports.enterprise_private_columns())
    return b"".join(response.streaming_content)


def test_the_export_streams_a_workbook_of_what_the_list_shows(client, park):
    register(3, park)

    response = client.get(reverse("public:enterprise_list"), {"format": "xlsx", "q": "之江影视2号"})

    content = b"".join(response.streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert rows == [
        ("Name", "Unified social credit code", "Industry category", "Park", "Region", "Founded on"),
        (
            "Zhijiang Film 2",
            credit_code(2, prefix="91330106MD"),
            "022 Radio, film and television programme production",
            "Zhijiang Cultural Industry Park",
            None,
            None,
        ),
    ]


def test_exporting_asks_one_query_whatever_the_rows_with_only_the_columns_shown(park):
    register(10, park)
    few = Enterprise.objects.filter(credit_code__startswith="91330106MD")
    with CaptureQueriesContext(connection) as few_queries:
        exported(few)
    register(200, park, first=1000)
    with CaptureQueriesContext(connection) as many_queries:
        content = exported(few)

    assert len(few_queries) == len(many_queries) == 1
    sql = many_queries[0]["sql"]
    assert [
        column for column in ("contact_mobile", "search_text", "description") if column in sql
    ] == []
    assert load_workbook(io.BytesIO(content)).active.max_row == 211


def peak_memory_of_export(count, park, first):
    register(count, park, first=first)
    queryset = Enterprise.objects.filter(
        credit_code__gte=credit_code(first, prefix="91330106MD"),
        credit_code__lte=credit_code(first + count - 1, prefix="91330106MD"),
    )
    tracemalloc.start()
    try:
        response = exports.export_enterprises(queryset, exports.enterprise_private_columns())
        size = sum(len(chunk) for chunk in response.streaming_content)
        return tracemalloc.get_traced_memory()[1], size
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_as_the_rows_grow_fourfold(park, monkeypatch):
    # Past a few chunks (and the zip's own buffers), rows go to a temporary file, not memory.
    monkeypatch.setattr(exports, "EXPORT_CHUNK", 100)

    small_peak, small_size = peak_memory_of_export(1500, park, first=1)
    large_peak, large_size = peak_memory_of_export(6000, park, first=10000)

    assert large_size > 3 * small_size
    assert large_peak < 1.25 * small_peak
