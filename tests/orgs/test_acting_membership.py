"""The one answer to "which organisation am I acting for", shared by the pages and the API."""

import pytest
from django.urls import reverse

from cloudpark.orgs import enums, selectors, services
from tests.factories import MembershipFactory, ParkFactory, UserFactory

pytestmark = pytest.mark.django_db

PARK = [enums.OrganizationKind.PARK]


@pytest.fixture
def parks():
    return ParkFactory(name="甲园区"), ParkFactory(name="乙园区")


def _member(user, organization, role):
    return MembershipFactory(user=user, organization=organization, role=role)


def test_the_chosen_organisation_is_acted_for_when_the_user_belongs_to_it(parks):
    user = UserFactory()
    _member(user, parks[0], enums.Role.ADMIN)
    second = _member(user, parks[1], enums.Role.ADMIN)

    membership = selectors.acting_membership(user, PARK, parks[1].pk)

    assert membership == second


def test_a_choice_the_user_does_not_belong_to_falls_back_to_the_first(parks, other_park):
    user = UserFactory()
    first = _member(user, parks[0], enums.Role.ADMIN)

    membership = selectors.acting_membership(user, PARK, other_park.pk)

    assert membership == first


def test_without_a_choice_the_preferred_capability_wins(parks):
    user = UserFactory()
    _member(user, parks[0], enums.Role.JUROR)
    organiser = _member(user, parks[1], enums.Role.ADMIN)

    membership = selectors.acting_membership(
        user, PARK, None, preferring=enums.Capability.MANAGE_EVENTS
    )

    assert membership == organiser


def test_no_organisation_of_the_kinds_is_none(parks):
    user = UserFactory()
    _member(user, parks[0], enums.Role.ADMIN)

    membership = selectors.acting_membership(user, [enums.OrganizationKind.GOVERNMENT], None)

    assert membership is None


def test_a_removed_membership_is_refused_on_the_next_request(client, parks):
    person = UserFactory()
    admin = _member(UserFactory(), parks[0], enums.Role.ADMIN).user
    membership = _member(person, parks[0], enums.Role.STAFF)
    client.force_login(person)
    before = client.get(reverse("park:home"))

    services.remove_member(membership, actor=admin)
    after = client.get(reverse("park:home"))

    assert (before.status_code, after.status_code) == (200, 403)
