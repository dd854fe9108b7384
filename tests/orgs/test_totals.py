"""The totals lists show without counting: each park's resident enterprises and the
platform's enterprise count."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cloudpark.orgs import enums, selectors, services, totals
from cloudpark.orgs.models import Enterprise, Park
from cloudpark.portals.base import COUNT_CAP
from tests.factories import (
    EnterpriseFactory,
    GovernmentBodyFactory,
    IndustryCategoryFactory,
    ParkFactory,
    RegionFactory,
    credit_code,
)


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


def _lists_agree_with_a_count(*organizations):
    for organization in [None, *organizations]:
        counted = selectors.directory_enterprises(organization).count()
        assert selectors.directory_enterprise_total(organization, cap=COUNT_CAP) == (
            counted,
            False,
        ), organization
    return selectors.directory_enterprise_total(organizations[0], cap=COUNT_CAP)[0]


def test_the_stored_list_totals_are_what_the_lists_hold(park, other_park, government):
    """The government body's list (its parks and those of the body below it), a park's and
    the public directory's, from the stored totals, against a count, through the services."""
    below = GovernmentBodyFactory(parent=government, jurisdiction=[other_park])
    outside = ParkFactory()
    orgs = (government, below, park, other_park, outside)
    category, region = IndustryCategoryFactory(), RegionFactory()
    assert _lists_agree_with_a_count(*orgs) == 0

    one = services.register_enterprise(
        actor=None,
        park=park,
        name="登记企业",
        credit_code=credit_code(9000001),
        category=category,
        region=region,
    )
    services.register_enterprise(
        actor=None, name="无园企业", credit_code=credit_code(9000002), category=category
    )
    rows = [
        ({"name": f"批量{n}", "credit_code": credit_code(9000100 + n), "category": category}, p, [])
        for n, p in enumerate([park, other_park, outside, None, other_park])
    ]
    many = services.register_enterprises(rows, actor=None)
    assert _lists_agree_with_a_count(*orgs) == 4

    services.release_enterprise(one, actor=None)
    assert _lists_agree_with_a_count(*orgs) == 3
    services.admit_enterprise(other_park, one, actor=None)
    assert _lists_agree_with_a_count(*orgs) == 4
    moved = Enterprise.objects.get(pk=many[1].pk)
    services.release_enterprise(moved, actor=None)
    services.admit_enterprise(outside, moved, actor=None)
    assert _lists_agree_with_a_count(*orgs) == 3
    # A park that exits leaves the public park list; its enterprises stay in the directory.
    Park.objects.filter(pk=outside.pk).update(status=enums.ParkStatus.EXITED)
    assert _lists_agree_with_a_count(*orgs) == 3

    Enterprise.objects.get(pk=many[0].pk).delete()
    Enterprise.objects.filter(pk__in=[many[3].pk, many[4].pk]).delete()
    assert _lists_agree_with_a_count(*orgs) == 1


def test_a_list_narrowed_by_a_filter_has_no_stored_total(park, government):
    EnterpriseFactory(park=park)

    assert selectors.directory_enterprise_total(government, cap=5, query="影视") is None
    assert selectors.directory_enterprise_total(government, cap=5, park=park) is None
    assert selectors.directory_enterprise_total(government, cap=5, query="") == (1, False)


def test_the_enterprises_in_no_park_are_counted_no_further_than_the_cap(park):
    EnterpriseFactory(park=park)
    for _ in range(3):
        EnterpriseFactory()

    with CaptureQueriesContext(connection) as queries:
        assert selectors.directory_enterprise_total(cap=2) == (3, True)
    assert selectors.directory_enterprise_total(cap=None) == (4, False)
    # Counted on the enterprises' own rows, in no order: not in name order, for which the
    # count read every organisation's row through the name index.
    counted = next(query["sql"] for query in queries if "COUNT" in query["sql"])
    assert "ORDER BY" not in counted
    assert "orgs_organization" not in counted


@pytest.mark.parametrize("name", ["public:enterprise_list", "government:enterprise_list"])
def test_the_enterprise_lists_count_no_enterprises_unless_filtered(
    name, park, government, member, client, monkeypatch
):
    monkeypatch.setattr("cloudpark.portals.base.COUNT_CAP", 2)
    for _ in range(3):
        EnterpriseFactory(park=park)
    client.force_login(member(government))

    with CaptureQueriesContext(connection) as queries:
        whole = client.get(reverse(name))
    # The next request empties the log of queries: read it first.
    queries = [q["sql"] for q in queries]
    with CaptureQueriesContext(connection) as filtered:
        narrowed = client.get(reverse(name), {"park": park.pk})
    filtered = [q["sql"] for q in filtered]

    assert whole.context["page"].paginator.count == 3
    assert "3 enterprises" in whole.text
    # Only the public directory's enterprises in no park are counted (none here).
    counting = [sql for sql in queries if "COUNT(" in sql and "orgs_enterprise" in sql]
    assert [sql for sql in counting if "IS NULL" not in sql] == []
    assert any("SUM(" in sql and "enterprise_total" in sql for sql in queries)
    assert "More than 2 enterprises" in narrowed.text
    assert any("COUNT(" in sql and "LIMIT 3" in sql for sql in filtered)


def test_the_enterprise_endpoint_counts_only_a_filtered_list(park, client):
    for _ in range(3):
        EnterpriseFactory(park=park)
    EnterpriseFactory()
    url = reverse("api:enterprise-list")

    with CaptureQueriesContext(connection) as queries:
        whole = client.get(url).json()
    # The next request empties the log of queries: read it first.
    queries = [q["sql"] for q in queries]
    narrowed = client.get(url, {"park": park.pk}).json()

    assert (whole["count"], narrowed["count"]) == (4, 3)
    assert any("SUM(" in sql and "enterprise_total" in sql for sql in queries)
