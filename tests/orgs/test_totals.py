"""The totals lists show without counting: each park's resident enterprises and the
platform's enterprise count."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cloudpark.orgs import services, totals
from cloudpark.orgs.models import Park
from tests.factories import EnterpriseFactory, IndustryCategoryFactory


def total_of(park):
    return Park.objects.get(pk=park.pk).enterprise_total


def test_admitting_releasing_and_deleting_keep_the_park_total(park, other_park):
    first = EnterpriseFactory(park=park)
    EnterpriseFactory(park=park)
    assert (total_of(park), total_of(other_park)) == (2, 0)

    services.release_enterprise(first, actor=None)
    assert total_of(park) == 1
    services.admit_enterprise(other_park, first, actor=None)
    assert (total_of(park), total_of(other_park)) == (1, 1)

    first.delete()
    assert (total_of(park), total_of(other_park)) == (1, 0)


def test_an_enterprise_saved_without_moving_leaves_the_totals_alone(park):
    enterprise = EnterpriseFactory(park=park)
    enterprise.staff_count = 12

    with CaptureQueriesContext(connection) as queries:
        enterprise.save(update_fields=["staff_count"])

    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert [sql for sql in writes if "enterprise_total" in sql] == []
    assert total_of(park) == 1


def test_registering_many_at_once_counts_them(park):
    category = IndustryCategoryFactory()
    rows = [
        ({"name": f"批量企业{n}号有限公司", "credit_code": f"91330106MA2B{n:05d}X"}, park, [])
        for n in range(3)
    ]
    rows = [({**values, "category": category}, p, tags) for values, p, tags in rows]

    services.register_enterprises(rows, actor=None)

    assert total_of(park) == 3


@pytest.mark.parametrize("name", ["public:park_list", "government:park_list"])
def test_the_park_lists_count_no_enterprises(name, park, government, member, client):
    for _ in range(3):
        EnterpriseFactory(park=park)
    client.force_login(member(government))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name))

    assert [row.enterprise_total for row in response.context["rows"]] == [3]
    # The signed-in user's memberships are read with each organisation's own row.
    counting = [
        q["sql"]
        for q in queries
        if "orgs_enterprise" in q["sql"] and 'FROM "orgs_membership"' not in q["sql"]
    ]
    assert counting == []


def test_the_platform_count_is_cached_and_forgotten_when_an_enterprise_arrives(
    park, django_assert_num_queries, django_capture_on_commit_callbacks
):
    cache.delete(totals.ENTERPRISE_COUNT_KEY)
    assert totals.enterprise_count() == 0
    with django_assert_num_queries(0):
        assert totals.enterprise_count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        EnterpriseFactory(park=park)

    assert totals.enterprise_count() == 1
