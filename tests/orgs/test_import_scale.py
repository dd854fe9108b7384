"""Imports at scale: checking reads the reference data once per workbook, and importing
writes a batch of rows per query, whatever the number of rows."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from cloudpark.core import excel, search
from cloudpark.core.models import AuditEntry
from cloudpark.orgs import choices, enums, imports
from cloudpark.orgs.models import Enterprise, ParkResidence
from tests.factories import credit_code
from tests.portals import workbooks

pytestmark = pytest.mark.django_db

HEADERS = [*workbooks.HEADERS, "Qualifications", "Contact phone", "Park"]


@pytest.fixture(autouse=True)
def english(media_root):
    with translation.override("en"):
        yield


def row(serial, park=""):
    return [
        f"之江影视{serial}号有限公司",
        f"Zhijiang Film {serial}",
        credit_code(serial, prefix="91330106MC"),
        "022" if serial % 2 else "024",
        "2019-05-20",
        "高新技术企业、上市企业" if serial % 3 == 0 else "",
        "0571-88886666",
        park,
    ]


def workbook(count, park="", first=1):
    return workbooks.workbook_file(
        [row(serial, park) for serial in range(first, first + count)], headers=HEADERS
    )


def fresh(instance):
    """``instance`` read again, as a new request would, with nothing cached on it."""
    return type(instance).objects.get(pk=instance.pk)


def queries_of(action):
    # As cold for one as for the other.
    ContentType.objects.clear_cache()
    choices.forget()
    with CaptureQueriesContext(connection) as captured:
        result = action()
    return len(captured), result


@pytest.mark.parametrize("organization_name", ["park", "government"])
def test_checking_asks_the_database_the_same_few_questions_for_10_rows_or_200(
    request, organization_name
):
    organization = request.getfixturevalue(organization_name)
    park_name = "之江文化产业园" if organization_name == "government" else ""
    few = workbook(10, park_name)
    many = workbook(200, park_name, first=1000)

    few_queries, few_result = queries_of(lambda: imports.check_rows(fresh(organization), few))
    many_queries, many_result = queries_of(lambda: imports.check_rows(fresh(organization), many))

    assert (few_result.errors, many_result.errors) == ([], [])
    assert (len(few_result.rows), len(many_result.rows)) == (10, 200)
    assert few_queries == many_queries <= 10


@pytest.mark.parametrize("organization_name", ["park", "government"])
def test_importing_writes_in_batches_not_per_row(request, user, organization_name):
    organization = request.getfixturevalue(organization_name)
    park_name = "之江文化产业园" if organization_name == "government" else ""
    few = imports.check_workbook(organization, workbook(10, park_name), actor=user)
    many = imports.check_workbook(organization, workbook(200, park_name, first=1000), actor=user)

    few_queries, few_done = queries_of(lambda: imports.run_import(fresh(few), actor=user))
    many_queries, many_done = queries_of(lambda: imports.run_import(fresh(many), actor=user))

    assert (few_done.status, many_done.status) == (enums.ImportStatus.IMPORTED,) * 2
    assert few_queries == many_queries <= 32  # 6 of them for the search index
    assert Enterprise.objects.filter(credit_code__startswith="91330106MC").count() == 210


def test_the_worker_checks_and_imports_50_rows_with_the_queries_of_10(park, user, settings):
    """A workbook above the background threshold, as the task worker deals with it: the
    check, then the import (which reads and checks the rows again before writing)."""
    settings.ENTERPRISE_IMPORT_BACKGROUND_ROWS = 5
    few = imports.check_workbook(park, workbook(10), actor=user)
    many = imports.check_workbook(park, workbook(50, first=1000), actor=user)
    assert (few.status, many.status) == (enums.ImportStatus.CHECKING,) * 2

    few_check, few = queries_of(lambda: imports.check_in_background(fresh(few)))
    many_check, many = queries_of(lambda: imports.check_in_background(fresh(many)))
    few = imports.run_import(fresh(few), actor=user)
    many = imports.run_import(fresh(many), actor=user)
    few_import, few = queries_of(lambda: imports.import_in_background(fresh(few), actor=user))
    many_import, many = queries_of(lambda: imports.import_in_background(fresh(many), actor=user))

    assert (few.status, many.status) == (enums.ImportStatus.IMPORTED,) * 2
    assert (few.rows_done, many.rows_done) == (10, 50)
    assert few_check == many_check <= 14
    assert few_import == many_import <= 30


def test_a_bulk_import_writes_what_registering_one_by_one_would(park, user):
    enterprise_import = imports.check_workbook(park, workbook(3), actor=user)

    imports.run_import(enterprise_import, actor=user)

    third = Enterprise.objects.get(credit_code=credit_code(3, prefix="91330106MC"))
    assert (
        third.kind,
        third.park,
        third.category.code,
        third.contact_mobile,
        sorted(third.tags.values_list("slug", flat=True)),
        list(third.residences.values_list("park", "started_on", "ended_on")),
    ) == (
        enums.OrganizationKind.ENTERPRISE,
        park,
        "022",
        "0571-88886666",
        ["high-tech", "listed"],
        [(park.pk, timezone.localdate(), None)],
    )
    assert list(search.search(Enterprise.objects.all(), "之江影视3号")) == [third]
    assert list(
        AuditEntry.objects.filter(object_id=str(third.pk))
        .order_by("action")
        .values_list("action", "object_repr", "data", "actor")
    ) == [
        (
            "orgs.enterprise.admitted",
            "之江影视3号有限公司",
            {"park": park.pk, "park_name": park.name, "on": timezone.localdate().isoformat()},
            user.pk,
        ),
        (
            "orgs.enterprise.created",
            "之江影视3号有限公司",
            {"credit_code": third.credit_code, "park": park.pk},
            user.pk,
        ),
    ]
    assert ParkResidence.objects.filter(park=park, ended_on=None).count() == 3


def test_a_park_that_lost_its_accreditation_admits_no_one_in_bulk(park, user):
    enterprise_import = imports.check_workbook(park, workbook(3), actor=user)
    park.status = enums.ParkStatus.REVOKED
    park.save(update_fields=["status"])

    with pytest.raises(Exception, match="admits no one"):
        imports.run_import(enterprise_import, actor=user)

    assert not Enterprise.objects.filter(credit_code__startswith="91330106MC").exists()
    assert excel.MAX_ROWS == 100_000
