"""Every list page runs the same number of queries for one row as for three."""

import pytest
from django.urls import reverse

from cloudpark.orgs import enums
from tests.factories import (
    GovernmentBodyFactory,
    MembershipFactory,
    ParkFactory,
    enterprise_in,
)


@pytest.fixture
def park_with(db):
    """``park_with(n)``: a park overseen by a government body, with ``n`` enterprises."""

    def make(count):
        park = ParkFactory()
        government = GovernmentBodyFactory(jurisdiction=[park])
        for _ in range(count):
            enterprise_in(park)
            MembershipFactory(organization=park, role=enums.Role.STAFF)
        return park, government

    return make


def _admin_of(organization):
    return MembershipFactory(organization=organization, role=enums.Role.ADMIN).user


LIST_PAGES = [
    # (url name, who signs in: "park", "government" or None, expected queries)
    ("public:enterprise_list", None, 5),
    ("public:park_list", None, 3),
    ("park:enterprise_list", "park", 12),
    ("park:members", "park", 11),
    ("government:enterprise_list", "government", 15),
    ("government:park_list", "government", 13),
    ("government:members", "government", 11),
    ("api:enterprise-list", None, 2),
    ("api:park-list", None, 2),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), LIST_PAGES)
def test_list_pages_query_count_does_not_grow_with_rows(
    client, park_with, django_assert_num_queries, rows, name, who, queries
):
    park, government = park_with(rows)
    signed_in = {"park": park, "government": government}.get(who)
    if signed_in is not None:
        client.force_login(_admin_of(signed_in))
    url = reverse(name)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200
