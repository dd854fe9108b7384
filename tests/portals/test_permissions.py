"""The permission matrix over every portal URL.

For each page: anonymous -> sign in; no membership in that portal -> 403; the object of
another organisation -> 404; a member without the right -> 403; a member with it -> 200.
Every URL that takes a POST is refused the same way, and a refused POST leaves every stored
row as it was. Guard tests fail when a portal URL, or one that takes a POST, is missing from
the matrix.
"""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from cloudpark.orgs import enums
from cloudpark.orgs.models import Membership
from tests.factories import (
    MembershipFactory,
    UserFactory,
)
from tests.helpers import changed_models, sign_in, stored_state
from tests.portals.pages import (
    NOT_A_PAGE,
    OBJECT_PAGES,
    OBJECT_POSTS,
    ORGANIZATION_PAGES,
    ORGANIZATION_POSTS,
    PAGES,
    POST_RIGHTS,
    POSTS,
    RESTRICTED_PAGES,
    RESTRICTED_POSTS,
)


@pytest.fixture
def world(copied_world):
    """The module's one world, built once (see ``shared_world``)."""
    return copied_world


PORTAL_NAMESPACES = ("government", "park", "enterprise", "individual", "portals")


def _portal_url_names():
    names = set()
    resolver = get_resolver()
    for namespace in PORTAL_NAMESPACES:
        sub = resolver.namespace_dict[namespace][1]
        for key in sub.reverse_dict:
            if isinstance(key, str):
                names.add(f"{namespace}:{key}")
    return names


def _portal_routes():
    """(url name, view callback) of every named portal URL."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, namespace)
            elif pattern.name:
                yield f"{namespace}:{pattern.name}", pattern.callback

    resolver = get_resolver()
    for namespace in PORTAL_NAMESPACES:
        yield from walk(resolver.namespace_dict[namespace][1].url_patterns, namespace)


def _takes_post(callback):
    view_class = getattr(callback, "view_class", None)
    return hasattr(view_class, "post") and "post" in view_class.http_method_names


def test_every_portal_url_is_in_the_matrix():
    in_matrix = {page.name for page in PAGES} | NOT_A_PAGE

    missing = _portal_url_names() - in_matrix

    assert missing == set()


def test_every_portal_url_taking_a_post_is_in_the_post_matrix():
    # Views that are not pages (NOT_A_PAGE) say what they take in their own tests.
    posting = {name for name, callback in _portal_routes() if _takes_post(callback)} - NOT_A_PAGE

    assert posting ^ set(POST_RIGHTS) == set()


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_anonymous_visitors_are_sent_to_sign_in(client, world, page):
    url = page.url(world)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("page", ORGANIZATION_PAGES, ids=lambda page: page.name)
def test_people_outside_the_portal_are_refused(client, world, page):
    client.force_login(world.people["outsider"])

    response = client.get(page.url(world))

    assert response.status_code == 403


@pytest.mark.parametrize("page", OBJECT_PAGES, ids=lambda page: page.name)
def test_another_organisations_object_is_not_found(client, world, page):
    client.force_login(world.people[(page.portal, enums.Role.ADMIN)])

    response = client.get(page.url(world, other=True))

    assert response.status_code == 404


@pytest.mark.parametrize("page", RESTRICTED_PAGES, ids=lambda page: page.name)
def test_members_without_the_right_are_refused(client, world, page):
    client.force_login(world.people[(page.portal, page.role_without_right)])

    response = client.get(page.url(world))

    assert response.status_code == 403


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_members_with_the_right_see_the_page(client, world, page):
    client.force_login(world.people[(page.portal, enums.Role.ADMIN)])

    response = client.get(page.url(world))

    assert response.status_code == 200


@pytest.mark.parametrize("post", POSTS, ids=lambda post: post.name)
def test_anonymous_posts_are_sent_to_sign_in_and_change_nothing(client, world, post):
    url = post.url(world)
    before = stored_state()

    response = client.post(url, {})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert changed_models(before, stored_state()) == []


@pytest.mark.parametrize("post", ORGANIZATION_POSTS, ids=lambda post: post.name)
def test_posts_from_outside_the_portal_are_refused_and_change_nothing(client, world, post):
    sign_in(client, user=world.people["outsider"])
    url = post.url(world)
    before = stored_state()

    response = client.post(url, {})

    assert response.status_code == 403
    assert changed_models(before, stored_state()) == []


@pytest.mark.parametrize("post", OBJECT_POSTS, ids=lambda post: post.name)
def test_posts_to_another_organisations_object_are_not_found_and_change_nothing(
    client, world, post
):
    sign_in(client, user=world.people[(post.portal, enums.Role.ADMIN)])
    url = post.url(world, other=True)
    before = stored_state()

    response = client.post(url, {})

    assert response.status_code == 404
    assert changed_models(before, stored_state()) == []


@pytest.mark.parametrize("post", RESTRICTED_POSTS, ids=lambda post: post.name)
def test_posts_without_the_right_are_refused_and_change_nothing(client, world, post):
    sign_in(client, user=world.people[(post.portal, post.role_without_right)])
    url = post.url(world)
    before = stored_state()

    response = client.post(url, {})

    assert response.status_code == 403
    assert changed_models(before, stored_state()) == []


def _admin_of_the_park_signed_in(client, world):
    """The park's admin, signed in and shown the import page their right opens."""
    person = world.people[("park", enums.Role.ADMIN)]
    sign_in(client, user=person)
    assert client.get(reverse("park:import_list")).status_code == 200
    return Membership.objects.get(user=person, organization=world.park)


def test_a_role_lowered_after_sign_in_is_refused_on_the_next_request(client, world):
    membership = _admin_of_the_park_signed_in(client, world)
    Membership.objects.filter(pk=membership.pk).update(role=enums.Role.STAFF)
    before = stored_state()

    response = client.post(reverse("park:import_detail", args=[world.park_import.pk]))

    world.park_import.refresh_from_db()
    assert response.status_code == 403
    assert world.park_import.status == enums.ImportStatus.CHECKED
    assert changed_models(before, stored_state()) == []


def test_a_membership_ended_after_sign_in_is_refused_on_the_next_request(client, world):
    membership = _admin_of_the_park_signed_in(client, world)
    Membership.objects.filter(pk=membership.pk).update(is_active=False)
    before = stored_state()

    response = client.post(
        reverse("park:enterprise_release", args=[world.enterprise.pk]), {"note": "x"}
    )

    world.enterprise.refresh_from_db()
    assert response.status_code == 403
    assert world.enterprise.park_id == world.park.pk
    assert changed_models(before, stored_state()) == []


def test_staff_cannot_release_an_enterprise_by_post(client, world):
    client.force_login(world.people[("park", enums.Role.STAFF)])

    response = client.post(
        reverse("park:enterprise_release", args=[world.enterprise.pk]), {"note": "x"}
    )

    world.enterprise.refresh_from_db()
    assert response.status_code == 403
    assert world.enterprise.park_id == world.park.pk


def test_staff_cannot_run_an_import_by_post(client, world):
    client.force_login(world.people[("park", enums.Role.STAFF)])

    response = client.post(reverse("park:import_detail", args=[world.park_import.pk]))

    world.park_import.refresh_from_db()
    assert response.status_code == 403
    assert world.park_import.status == enums.ImportStatus.CHECKED


def test_staff_cannot_edit_the_enterprise_profile_by_post(client, world):
    client.force_login(world.people[("enterprise", enums.Role.STAFF)])
    name = world.enterprise.name

    response = client.post(reverse("enterprise:profile_edit"), {"name": "改名"})

    world.enterprise.refresh_from_db()
    assert response.status_code == 403
    assert world.enterprise.name == name


def test_a_park_cannot_release_another_parks_enterprise(client, world):
    client.force_login(world.people[("park", enums.Role.ADMIN)])

    response = client.post(reverse("park:enterprise_release", args=[world.other_enterprise.pk]), {})

    world.other_enterprise.refresh_from_db()
    assert response.status_code == 404
    assert world.other_enterprise.park_id == world.other_park.pk


def test_switching_to_a_membership_opens_its_portal(client, world):
    person = world.people[("park", enums.Role.ADMIN)]
    membership = MembershipFactory(user=person, organization=world.enterprise)
    client.force_login(person)

    response = client.post(reverse("portals:switch", args=[membership.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("enterprise:home")
    assert client.session["cloudpark_membership"] == membership.pk


def test_switching_to_someone_elses_membership_is_not_found(client, world):
    others = MembershipFactory(organization=world.park)
    client.force_login(world.people[("enterprise", enums.Role.ADMIN)])

    response = client.post(reverse("portals:switch", args=[others.pk]))

    assert response.status_code == 404
    assert "cloudpark_membership" not in client.session


def test_the_way_in_leads_to_the_portal_last_acted_for(client, world):
    person = world.people[("park", enums.Role.ADMIN)]
    membership = MembershipFactory(user=person, organization=world.enterprise)
    client.force_login(person)
    client.post(reverse("portals:switch", args=[membership.pk]))

    response = client.get(reverse("portals:home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("enterprise:home")


def test_the_way_in_leads_a_person_without_organisations_to_their_own_page(client, db):
    client.force_login(UserFactory())

    response = client.get(reverse("portals:home"))

    assert response["Location"] == reverse("individual:home")


def test_the_way_in_asks_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("portals:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
