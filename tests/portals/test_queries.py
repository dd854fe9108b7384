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


@pytest.fixture
def events_with(db):
    """``events_with(n)``: a park and a government body with ``n`` published events each, each
    with a host and an exhibition part; a person registered for every one of them (the
    park's first event also has ``n`` other registrations), and an enterprise exhibiting at
    each exhibition."""
    from cloudpark.events import enums as event_enums
    from cloudpark.events import services as event_services
    from tests.factories import (
        EventFactory,
        OrganizerFactory,
        PartFactory,
        RegistrationFactory,
        UserFactory,
    )

    def make(count):
        park = ParkFactory()
        government = GovernmentBodyFactory(jurisdiction=[park])
        enterprise = enterprise_in(park)
        person = UserFactory()
        events = []
        for owner in (park, government):
            for _ in range(count):
                event = EventFactory(owner=owner, registration_enabled=True)
                OrganizerFactory(event=event)
                exhibition = PartFactory(parent=event, kind=event_enums.EventKind.EXHIBITION)
                event_services.publish_event(event, actor=None)
                event_services.apply_to_exhibit(exhibition, enterprise, actor=None, exhibits="8K")
                RegistrationFactory(event=event, user=person)
                events.append(event)
        for _ in range(count):
            RegistrationFactory(event=events[0])
        return {
            "park": park,
            "government": government,
            "enterprise": enterprise,
            "person": person,
            "event": events[0],
        }

    return make


EVENT_LIST_PAGES = [
    # (url name, who signs in, whether the url takes the park's first event, expected queries)
    ("public:event_list", None, False, 5),
    ("park:event_list", "park", False, 10),
    ("government:event_list", "government", False, 10),
    ("park:event_registrations", "park", True, 14),
    ("individual:registration_list", "person", False, 6),
    ("enterprise:exhibition_list", "enterprise", False, 10),
    ("api:event-list", None, False, 2),
    ("api:registration-list", "person", False, 4),
    ("api:event-managed", "park", False, 5),
    ("api:event-registrations", "park", True, 8),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "takes_event", "queries"), EVENT_LIST_PAGES)
def test_event_lists_query_count_does_not_grow_with_rows(
    client, events_with, django_assert_num_queries, rows, name, who, takes_event, queries
):
    world = events_with(rows)
    if who == "person":
        client.force_login(world["person"])
    elif who is not None:
        client.force_login(_admin_of(world[who]))
    url = reverse(name, args=[world["event"].pk] if takes_event else [])

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


BASE_LIST_PAGES = [
    # (url name, who signs in, whether the url takes the round, expected queries)
    ("public:base_list", None, False, 4),
    ("park:base_round_list", "park", False, 13),
    ("park:base_declaration_list", "park", False, 11),
    ("park:base_annual_list", "park", False, 12),
    ("government:base_round_list", "government", False, 10),
    ("government:base_round_detail", "government", True, 13),
    ("government:base_annual_list", "government", False, 10),
    ("api:base-round-list", None, False, 2),
    ("api:base-declaration-list", "park", False, 6),
    ("api:base-list", None, False, 2),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "takes_round", "queries"), BASE_LIST_PAGES)
def test_accreditation_lists_query_count_does_not_grow_with_rows(
    client, db, media_root, django_assert_num_queries, rows, name, who, takes_round, queries
):
    from tests.bases.world import bases_with

    world = bases_with(rows)
    if who is not None:
        client.force_login(_admin_of(world[who]))
    url = reverse(name, args=[world["round"].pk] if takes_round else [])

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


PROGRAMME_LIST_PAGES = [
    # (url name, who signs in, whether the url takes the first programme, expected queries)
    ("public:programme_list", None, False, 3),
    ("public:policy_list", None, False, 2),
    ("public:notice_list", None, False, 2),
    ("enterprise:programme_list", "enterprise", False, 15),
    ("enterprise:application_list", "enterprise", False, 11),
    ("park:application_list", "park", False, 11),
    ("government:policy_list", "government", False, 10),
    ("government:programme_list", "government", False, 10),
    ("government:programme_qualifying", "government", True, 16),
    ("government:application_list", "government", False, 13),
    ("government:notice_list", "government", False, 10),
    ("api:programme-list", None, False, 2),
    ("api:policy-list", None, False, 2),
    ("api:notice-list", None, False, 2),
    ("api:programme-eligible", "enterprise", False, 9),
    ("api:application-list", "enterprise", False, 6),
    ("api:application-list", "government", False, 8),
    ("api:review-case-list", "government", False, 5),
    ("api:objection-list", "government", False, 6),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "takes_programme", "queries"), PROGRAMME_LIST_PAGES)
def test_programme_lists_query_count_does_not_grow_with_rows(
    client, db, media_root, django_assert_num_queries, rows, name, who, takes_programme, queries
):
    from tests.programs.world import programmes_with

    world = programmes_with(rows)
    if who is not None:
        client.force_login(world[f"{who}_admin"])
    url = reverse(name, args=[world["programme"].pk] if takes_programme else [])

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200
