"""Every list page runs the same number of queries for one row as for three. A guard test
fails when a list page or list endpoint is missing from the tables."""

import pytest
from django.urls import URLResolver, get_resolver, reverse
from rest_framework.mixins import ListModelMixin

from cloudpark.core import search as core_search
from cloudpark.orgs import enums
from cloudpark.orgs.models import Enterprise
from cloudpark.portals.base import ListMixin
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
    # The enterprise lists' totals: the parks' stored totals summed (and, in the public
    # lists, the enterprises in no park counted) unless a filter narrows them. Each reads
    # the names of the categories, parks (and, public, regions) it shows once; the park
    # names are the park filter's choices, read once for both.
    ("public:enterprise_list", None, 8),
    ("public:park_list", None, 3),
    ("park:enterprise_list", "park", 13),
    ("park:members", "park", 10),
    ("government:enterprise_list", "government", 14),
    ("government:park_list", "government", 11),
    ("government:members", "government", 10),
    # With the cache empty: the categories and regions shown are read once, then kept.
    ("api:enterprise-list", None, 5),
    ("api:park-list", None, 3),
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


@pytest.mark.parametrize(
    ("name", "who", "queries"),
    [
        ("public:enterprise_list", None, 3),
        ("park:enterprise_list", "park", 5),
        ("government:enterprise_list", "government", 5),
    ],
)
def test_an_enterprise_list_warm_reads_its_rows_without_their_category_park_or_region(
    client, park_with, django_assert_num_queries, name, who, queries
):
    park, government = park_with(3)
    if who is not None:
        client.force_login(_admin_of({"park": park, "government": government}[who]))
    url = reverse(name)
    client.get(url)

    with django_assert_num_queries(queries) as captured:
        response = client.get(url)

    # The page: 25 rows, and one more to tell whether another page follows.
    page_query = next(q["sql"] for q in captured if q["sql"].endswith("LIMIT 26"))
    assert "orgs_industrycategory" not in page_query
    assert '"orgs_park"' not in page_query
    assert "orgs_region" not in page_query
    enterprise = Enterprise.objects.filter(park=park).select_related("category").first()
    assert enterprise.category.display_name in response.content.decode()


@pytest.fixture
def events_with(db):
    """``events_with(n)``: a park and a government body with ``n`` published events each, each
    with a host and an exhibition part; a person registered for every one of them (the
    first event of each also has ``n`` other registrations), and an enterprise exhibiting at
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
            RegistrationFactory(event=events[count])
        return {
            "park": park,
            "government": government,
            "enterprise": enterprise,
            "person": person,
            "event": events[0],
            "government_event": events[count],
        }

    return make


EVENT_LIST_PAGES = [
    # (url name, who signs in, the event the url takes if any, expected queries)
    ("public:event_list", None, None, 6),
    ("park:event_list", "park", None, 9),
    ("government:event_list", "government", None, 9),
    ("park:event_registrations", "park", "event", 13),
    ("government:event_registrations", "government", "government_event", 13),
    ("individual:registration_list", "person", None, 7),
    ("enterprise:exhibition_list", "enterprise", None, 9),
    ("api:event-list", None, None, 2),
    ("api:registration-list", "person", None, 4),
    ("api:event-managed", "park", None, 5),
    ("api:event-registrations", "park", "event", 8),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "event", "queries"), EVENT_LIST_PAGES)
def test_event_lists_query_count_does_not_grow_with_rows(
    client, events_with, django_assert_num_queries, rows, name, who, event, queries
):
    world = events_with(rows)
    if who == "person":
        client.force_login(world["person"])
    elif who is not None:
        client.force_login(_admin_of(world[who]))
    url = reverse(name, args=[world[event].pk] if event else [])

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


BASE_LIST_PAGES = [
    # (url name, who signs in, the object the url takes if any, expected queries)
    # With the cache empty: the batches and regions of the filter are read once, then kept.
    ("public:base_list", None, None, 5),
    ("park:base_round_list", "park", None, 12),
    ("park:base_declaration_list", "park", None, 10),
    ("park:base_annual_list", "park", None, 11),
    ("government:base_round_list", "government", None, 9),
    ("government:base_round_detail", "government", "round", 12),
    ("government:base_annual_list", "government", None, 9),
    ("government:base_detail", "government", "park", 12),
    ("api:base-round-list", None, None, 2),
    ("api:base-declaration-list", "park", None, 6),
    # With the cache empty: the regions and deciding bodies shown are read once, then kept.
    ("api:base-list", None, None, 4),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "target", "queries"), BASE_LIST_PAGES)
def test_accreditation_lists_query_count_does_not_grow_with_rows(
    client, db, media_root, django_assert_num_queries, rows, name, who, target, queries
):
    from tests.bases.world import bases_with

    world = bases_with(rows)
    if who is not None:
        client.force_login(_admin_of(world[who]))
    url = reverse(name, args=[world[target].pk] if target else [])

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


PROGRAMME_LIST_PAGES = [
    # (url name, who signs in, whether the url takes the first programme, expected queries)
    ("public:programme_list", None, False, 3),
    ("public:policy_list", None, False, 2),
    ("public:notice_list", None, False, 2),
    ("enterprise:programme_list", "enterprise", False, 14),
    ("enterprise:application_list", "enterprise", False, 10),
    ("park:application_list", "park", False, 10),
    ("government:policy_list", "government", False, 9),
    ("government:programme_list", "government", False, 9),
    ("government:programme_qualifying", "government", True, 14),
    ("government:application_list", "government", False, 11),
    ("government:notice_list", "government", False, 9),
    ("api:programme-list", None, False, 2),
    ("api:policy-list", None, False, 2),
    ("api:notice-list", None, False, 2),
    ("api:programme-eligible", "enterprise", False, 8),
    ("api:application-list", "enterprise", False, 6),
    ("api:application-list", "government", False, 7),
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


NOTIFICATION_LIST_PAGES = [
    # (url name, expected queries): a person's own notifications.
    ("individual:notifications", 8),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "queries"), NOTIFICATION_LIST_PAGES)
def test_notification_lists_query_count_does_not_grow_with_rows(
    client, db, django_assert_num_queries, rows, name, queries
):
    from cloudpark.notifications import services as notification_services
    from cloudpark.reviews.services import AWAITS_REVIEW
    from tests.factories import UserFactory

    person = UserFactory()
    for _ in range(rows):
        notification_services.notify(
            [person], AWAITS_REVIEW, params={"subject": "申请", "stage": "初审"}
        )
    client.force_login(person)

    with django_assert_num_queries(queries):
        response = client.get(reverse(name))

    assert response.status_code == 200
    assert len(response.context["rows"]) == rows


JOB_LIST_PAGES = [
    # (url name, who signs in, expected queries)
    ("public:job_list", None, 6),
    ("enterprise:job_posting_list", "enterprise_admin", 9),
    ("enterprise:job_application_list", "enterprise_admin", 10),
    ("park:job_posting_list", "park_admin", 10),
    ("individual:job_application_list", "person", 7),
    ("api:job-list", None, 2),
    ("api:enterprise-job-list", "enterprise_admin", 5),
    ("api:enterprise-job-application-list", "enterprise_admin", 6),
    ("api:my-job-application-list", "person", 4),
    ("api:follow-list", "person", 4),
    ("api:park-job-list", "park_admin", 5),
    # The park's review queue, its postings awaiting it among every other review.
    ("park:review_list", "park_admin", 9),
    ("api:review-case-list", "park_admin", 5),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), JOB_LIST_PAGES)
def test_job_lists_query_count_does_not_grow_with_rows(
    client, db, django_assert_num_queries, rows, name, who, queries
):
    from tests.jobs.world import jobs_with

    world = jobs_with(rows)
    if who is not None:
        client.force_login(world[who])

    with django_assert_num_queries(queries):
        response = client.get(reverse(name))

    assert response.status_code == 200


def _list_routes():
    """``(url name, view)`` of every portal list page (a ``ListMixin`` view) and every API
    list endpoint (the ``list`` action of a ``ListModelMixin`` viewset)."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                yield from walk(pattern.url_patterns, ":".join(filter(None, [namespace, inner])))
            elif pattern.name:
                yield f"{namespace}:{pattern.name}", pattern.callback

    for name, callback in walk(get_resolver().url_patterns, ""):
        view_class = getattr(callback, "view_class", None)
        viewset = getattr(callback, "cls", None)
        if view_class is not None and issubclass(view_class, ListMixin):
            yield name, view_class
        lists = getattr(callback, "actions", {}).get("get") == "list"
        if viewset is not None and issubclass(viewset, ListModelMixin) and lists:
            yield name, viewset


def test_every_list_page_and_endpoint_is_in_a_query_count_table():
    from tests.awards.test_api import API_LISTS as API_AWARD_LISTS
    from tests.awards.test_pages import LIST_PAGES as AWARD_LISTS
    from tests.bases.test_api import API_LISTS
    from tests.benefits.test_api import API_LISTS as API_BENEFIT_LISTS
    from tests.benefits.test_pages import LIST_PAGES as BENEFIT_LISTS
    from tests.benefits.test_partners import API_PARTNER_LISTS, PARTNER_LIST_PAGES
    from tests.copyright.test_api import API_LISTS as API_COPYRIGHT_LISTS
    from tests.copyright.test_pages import LIST_PAGES as COPYRIGHT_LISTS
    from tests.dashboards.test_pages import LIST_PAGES as FIGURE_LISTS
    from tests.filings.test_api import API_FILING_LISTS
    from tests.filings.test_pages import FILING_LISTS
    from tests.finance.test_api import API_LISTS as API_FINANCE_LISTS
    from tests.finance.test_pages import LIST_PAGES as FINANCE_LISTS
    from tests.market.test_api import API_LISTS as API_MARKET_LISTS
    from tests.market.test_pages import LIST_PAGES as MARKET_LISTS
    from tests.news.test_api import API_LISTS as API_NEWS_LISTS
    from tests.news.test_queries import LIST_PAGES as NEWS_LISTS

    tables = (
        LIST_PAGES,
        EVENT_LIST_PAGES,
        BASE_LIST_PAGES,
        PROGRAMME_LIST_PAGES,
        NOTIFICATION_LIST_PAGES,
        JOB_LIST_PAGES,
        API_LISTS,
        FILING_LISTS,
        API_FILING_LISTS,
        NEWS_LISTS,
        API_NEWS_LISTS,
        AWARD_LISTS,
        API_AWARD_LISTS,
        FIGURE_LISTS,
        FINANCE_LISTS,
        API_FINANCE_LISTS,
        BENEFIT_LISTS,
        API_BENEFIT_LISTS,
        PARTNER_LIST_PAGES,
        API_PARTNER_LISTS,
        MARKET_LISTS,
        API_MARKET_LISTS,
        COPYRIGHT_LISTS,
        API_COPYRIGHT_LISTS,
    )
    counted = {row[0] for table in tables for row in table}
    routes = dict(_list_routes())
    # One view mounted in several portals (``urlpatterns_for``) is counted through one mount.
    counted_views = {routes[name] for name in counted if name in routes}

    assert {name for name, view in routes.items() if view not in counted_views} - counted == set()


SEARCH_PAGES = [
    # (url name, who signs in, expected queries): counts, candidates, the page's documents;
    # a member's search also reads their session, account and memberships.
    ("public:search", None, 3),
    ("public:search", "park", 7),
    ("api:search-list", None, 3),
    # A searched enterprise list of a few matches: the highest id, one range of ids read off
    # the index (every match, so no count of its own), the page's rows; and the names of
    # the categories, parks (and, public, regions) it shows (then kept).
    ("public:enterprise_list", None, 8),
    ("park:enterprise_list", "park", 14),
    ("government:enterprise_list", "government", 15),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), SEARCH_PAGES)
def test_search_query_count_does_not_grow_with_results(
    client, park_with, django_assert_num_queries, monkeypatch, rows, name, who, queries
):
    # One range of ids holds every row, whatever ids the database gave them.
    monkeypatch.setattr(core_search, "FIRST_SPAN", 2**62)
    park, government = park_with(rows)
    if who is not None:
        client.force_login(_admin_of({"park": park, "government": government}[who]))

    with django_assert_num_queries(queries):
        response = client.get(reverse(name), {"q": "文化企业"})

    assert response.status_code == 200
    from cloudpark.orgs.models import Enterprise  # the rows the search should list

    html = response.content.decode()
    pks = list(Enterprise.objects.values_list("pk", flat=True))
    assert len(pks) == rows
    assert all(f"/enterprises/{pk}/" in html for pk in pks)


def test_a_care_list_shows_a_renamed_category_or_park_at_once(client, park_with):
    park, government = park_with(1)
    client.force_login(_admin_of(government))
    url = reverse("government:enterprise_list")
    client.get(url)
    enterprise = Enterprise.objects.filter(park=park).select_related("category").first()
    category = enterprise.category
    category.name = "重命名的门类"
    category.save()
    park.name = "重命名的园区"
    park.save()

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "重命名的门类" in page
    assert "重命名的园区" in page
