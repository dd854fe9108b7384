"""Predicate tables: who may do what with events."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cloudpark.events import services
from tests.factories import EventFactory, ExhibitionFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["admin", "staff", "reviewer", "juror"]
T, F = True, False

# Permission -> allowed for (admin, staff, reviewer, juror, non-member), per kind.
ORGANIZATION_PERMISSIONS = {
    "park": {
        "events.view_events": (T, T, F, F, F),
        "events.manage_events": (T, F, F, F, F),
        "events.apply_to_exhibit": (F, F, F, F, F),
    },
    "government": {
        "events.view_events": (T, T, F, F, F),
        "events.manage_events": (T, F, F, F, F),
        "events.apply_to_exhibit": (F, F, F, F, F),
    },
    "enterprise": {
        "events.view_events": (F, F, F, F, F),
        "events.manage_events": (F, F, F, F, F),
        "events.apply_to_exhibit": (T, F, F, F, F),
    },
}
EVENT_PERMISSIONS = {
    "events.view_event": (T, T, F, F, F),
    "events.manage_event": (T, F, F, F, F),
    "events.check_in_event": (T, T, F, F, F),
}


def people_of(organization, member):
    return [member(organization, role=role) for role in ROLES] + [UserFactory()]


@pytest.mark.parametrize(
    ("kind", "permission", "expected"),
    [
        (kind, permission, expected)
        for kind, table in ORGANIZATION_PERMISSIONS.items()
        for permission, expected in table.items()
    ],
)
def test_organisation_permissions_by_role(request, member, kind, permission, expected):
    organization = request.getfixturevalue(kind)
    people = people_of(organization, member)

    allowed = tuple(person.has_perm(permission, organization) for person in people)

    assert allowed == expected


@pytest.mark.parametrize("kind", ["park", "government"])
@pytest.mark.parametrize(("permission", "expected"), EVENT_PERMISSIONS.items())
def test_event_permissions_follow_the_owning_organisation(
    request, member, kind, permission, expected
):
    organization = request.getfixturevalue(kind)
    event = EventFactory(owner=organization)
    people = people_of(organization, member)

    allowed = tuple(person.has_perm(permission, event) for person in people)

    assert allowed == expected


@pytest.mark.parametrize("permission", sorted(EVENT_PERMISSIONS))
def test_another_organisations_administrator_has_no_event_rights(
    park, other_park, member, permission
):
    event = EventFactory(owner=park)
    outsider = member(other_park, role="admin")

    allowed = (outsider.has_perm(permission, event), AnonymousUser().has_perm(permission, event))

    assert allowed == (False, False)


@pytest.mark.parametrize("permission", sorted(EVENT_PERMISSIONS))
def test_no_event_means_no_right(park, member, permission):
    admin = member(park)

    assert admin.has_perm(permission, None) is False


def test_a_registration_is_cancelled_by_its_person_or_the_organiser(park, member):
    registration = RegistrationFactory(event__owner=park)
    people = [
        registration.user,
        member(park, role="admin"),
        member(park, role="staff"),
        UserFactory(),
        AnonymousUser(),
    ]

    allowed = [person.has_perm("events.cancel_registration", registration) for person in people]

    assert allowed == [T, T, F, F, F]


# Who confirms an exhibitor: (organiser admin, organiser staff, exhibitor admin, outsider).
CONFIRM_EXHIBITOR = {
    "applied": (T, F, F, F),
    "invited": (T, F, T, F),
}


@pytest.mark.parametrize(("status", "expected"), CONFIRM_EXHIBITOR.items())
def test_an_application_is_confirmed_by_the_organiser_an_invitation_by_either(
    park, enterprise, member, status, expected
):
    exhibition = ExhibitionFactory(owner=park, published=True)
    if status == "applied":
        exhibitor = services.apply_to_exhibit(exhibition, enterprise, actor=None, exhibits="")
    else:
        exhibitor = services.invite_exhibitor(exhibition, actor=None, organization=enterprise)
    people = [
        member(park, role="admin"),
        member(park, role="staff"),
        member(enterprise, role="admin"),
        UserFactory(),
    ]

    allowed = tuple(person.has_perm("events.confirm_exhibitor", exhibitor) for person in people)

    assert allowed == expected


def test_no_exhibitor_means_no_right_to_confirm(park, member):
    assert member(park).has_perm("events.confirm_exhibitor", None) is False
