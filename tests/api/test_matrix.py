"""The API permission matrix, generated from the router: every routed action and method is
refused to anonymous callers, to people outside the acting organisation, on another
organisation's object and to a role without the right, each time changing nothing; and it
lets the role with the right through. A guard keeps ``tests/api/routes.py`` complete. Every
response on the way is checked against the published OpenAPI schema."""

import pytest
from rest_framework.test import APIClient

from cloudpark.api.base import INPUT
from cloudpark.api.urls import router
from cloudpark.orgs import enums
from tests.api import openapi
from tests.api.routes import OBJECTS, RIGHTS, routes
from tests.helpers import changed_models, stored_state


@pytest.fixture
def world(copied_world):
    """The module's one world, built once (see ``shared_world``)."""
    return copied_world


pytestmark = pytest.mark.django_db

ROUTES = routes(router)
GUARDED = [route for route in ROUTES if not route.rule.anonymous]
# The individual's own actions have no organisation for an outsider to stand outside of.
NAMED = [route for route in GUARDED if route.rule.name and route.actor != "individual"]
OF_ANOTHER = [route for route in GUARDED if route.detail and route.objects.other]
RESTRICTED = [route for route in NAMED if route.role_without_right]


@pytest.fixture
def api():
    return APIClient()


def _call(api, route, url, body):
    """Call ``url``; its response must be as the OpenAPI schema documents it."""
    response = getattr(api, route.method)(url, body, format="json")
    assert openapi.mismatches(route.method, url, response) == []
    return response


def _refused(api, route, url, body):
    """Call ``url`` and return its status, asserting that nothing was stored."""
    before = stored_state()
    status = _call(api, route, url, body).status_code
    assert changed_models(before, stored_state()) == []
    return status


def test_every_routed_action_is_in_the_matrix():
    served = {route.key for route in ROUTES}

    assert served - RIGHTS.keys() == set()
    assert RIGHTS.keys() - served == set()
    assert {route.basename for route in ROUTES} == OBJECTS.keys()


def test_the_matrix_reaches_every_capability_and_method():
    assert {route.method for route in ROUTES} == {"get", "post", "put", "patch", "delete"}
    assert len(OF_ANOTHER) > 40


def _sign_in(api, person):
    """Authenticate as ``person`` read afresh, as a request reads its user: the world's copy
    keeps what earlier requests learnt of its memberships, from before the capability's part
    of the world (built on demand by the route) changed them."""
    api.force_authenticate(type(person).objects.get(pk=person.pk))


@pytest.mark.parametrize("route", GUARDED, ids=str)
def test_anonymous_callers_are_refused_and_change_nothing(api, world, route):
    url, body = route.url(world), route.body(world)

    assert _refused(api, route, url, body) in {401, 403}


@pytest.mark.parametrize("route", NAMED, ids=str)
def test_people_outside_the_acting_organisation_are_refused_and_change_nothing(api, world, route):
    url, body = route.url(world), route.body(world)
    _sign_in(api, world.people["outsider"])

    # A new object's organisation, named in the body, is refused at its field when the
    # caller may not use it.
    expected = {400, 403} if route.rule.on == INPUT and not route.detail else {403, 404}
    assert _refused(api, route, url, body) in expected


@pytest.mark.parametrize("route", OF_ANOTHER, ids=str)
def test_another_organisations_object_is_refused_and_changes_nothing(api, world, route):
    url, body = route.url(world, other=True), route.body(world)
    _sign_in(api, world.people[(route.actor, enums.Role.ADMIN)])

    expected = {403, 404} if route.objects.other_visible else {404}
    assert _refused(api, route, url, body) in expected


@pytest.mark.parametrize("route", RESTRICTED, ids=str)
def test_members_without_the_right_are_refused_and_change_nothing(api, world, route):
    url, body = route.url(world), route.body(world)
    _sign_in(api, world.people[(route.actor, route.role_without_right)])

    # Objections are shown only to those who answer them: to the others they are not there;
    # a new object's organisation the role may not use is refused at its field.
    expected = {400, 403} if route.rule.on == INPUT and not route.detail else {403, 404}
    assert _refused(api, route, url, body) in expected


@pytest.mark.parametrize("route", GUARDED, ids=str)
def test_members_with_the_right_are_let_through(api, world, route):
    url, body = route.url(world), route.body(world)
    _sign_in(api, world.people[(route.actor, enums.Role.ADMIN)])

    response = _call(api, route, url, body)

    assert response.status_code not in {401, 403, 404, 405}, response.content[:300]
