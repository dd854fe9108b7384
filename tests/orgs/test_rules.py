"""Predicate tables: who may do what, for each named permission in ``orgs/rules.py``."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cloudpark.orgs import enums, services
from tests.factories import EnterpriseFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["admin", "staff", "reviewer", "juror"]
T, F = True, False

# Permission -> allowed for (admin, staff, reviewer, juror, non-member), per kind.
ORGANIZATION_PERMISSIONS = {
    "park": {
        "orgs.act_for_organization": (T, T, T, T, F),
        "orgs.manage_profile": (T, F, F, F, F),
        "orgs.view_members": (T, T, T, T, F),
        "orgs.manage_members": (T, F, F, F, F),
        "orgs.view_enterprises": (T, T, T, F, F),
        "orgs.view_parks": (F, F, F, F, F),
        "orgs.import_enterprises": (T, F, F, F, F),
        "orgs.admit_enterprises": (T, F, F, F, F),
    },
    "government": {
        "orgs.act_for_organization": (T, T, T, T, F),
        "orgs.manage_profile": (T, F, F, F, F),
        "orgs.view_members": (T, T, T, T, F),
        "orgs.manage_members": (T, F, F, F, F),
        "orgs.view_enterprises": (T, T, T, F, F),
        "orgs.view_parks": (T, T, T, F, F),
        "orgs.import_enterprises": (T, F, F, F, F),
        "orgs.admit_enterprises": (F, F, F, F, F),
    },
    "enterprise": {
        "orgs.act_for_organization": (T, T, T, T, F),
        "orgs.manage_profile": (T, F, F, F, F),
        "orgs.view_members": (T, T, T, T, F),
        "orgs.manage_members": (T, F, F, F, F),
        "orgs.view_enterprises": (T, T, T, F, F),
        "orgs.view_parks": (F, F, F, F, F),
        "orgs.import_enterprises": (F, F, F, F, F),
        "orgs.admit_enterprises": (F, F, F, F, F),
    },
}


def people_of(organization, member):
    """One person per role in ``organization``, then someone who belongs to it not at all."""
    return [member(organization, role=role) for role in ROLES] + [UserFactory()]


@pytest.mark.parametrize(
    ("kind", "permission", "expected"),
    [
        (kind, permission, expected)
        for kind, table in ORGANIZATION_PERMISSIONS.items()
        for permission, expected in table.items()
    ],
)
def test_organisation_permission_by_role(request, member, kind, permission, expected):
    organization = request.getfixturevalue(kind)
    people = people_of(organization, member)

    allowed = tuple(person.has_perm(permission, organization) for person in people)

    assert allowed == expected


@pytest.mark.parametrize("permission", sorted(ORGANIZATION_PERMISSIONS["park"]))
def test_anonymous_users_and_no_organisation_are_refused(park, member, permission):
    admin = member(park)

    allowed = (AnonymousUser().has_perm(permission, park), admin.has_perm(permission, None))

    assert allowed == (False, False)


@pytest.mark.parametrize("permission", sorted(ORGANIZATION_PERMISSIONS["park"]))
def test_an_inactive_membership_grants_nothing(park, member, permission):
    former_admin = member(park, role="admin", is_active=False)

    allowed = former_admin.has_perm(permission, park)

    assert allowed is False


def test_an_extra_capability_adds_to_the_role(park, member):
    importer = member(park, role="staff", extra_capabilities=["import_enterprises"])

    allowed = (
        importer.has_perm("orgs.import_enterprises", park),
        importer.has_perm("orgs.admit_enterprises", park),
    )

    assert allowed == (True, False)


def test_a_membership_elsewhere_grants_nothing_here(park, other_park, member):
    other_admin = member(other_park)

    allowed = [other_admin.has_perm(p, park) for p in ORGANIZATION_PERMISSIONS["park"]]

    assert allowed == [False] * len(ORGANIZATION_PERMISSIONS["park"])


# Object permissions on an enterprise: its own members, its park, the government over the
# park, another park, and outsiders.
VIEWERS = [
    ("enterprise", "admin"),
    ("enterprise", "juror"),
    ("park", "admin"),
    ("park", "staff"),
    ("park", "juror"),
    ("other_park", "admin"),
    ("government", "admin"),
    ("government", "staff"),
]
OBJECT_PERMISSIONS = {
    "orgs.view_private_details": (T, T, T, T, F, F, T, T, F, F),
    "orgs.view_personal_data": (T, F, T, F, F, F, T, F, F, F),
}


@pytest.mark.parametrize(("permission", "expected"), OBJECT_PERMISSIONS.items())
def test_enterprise_object_permission_by_relation(request, member, permission, expected):
    target = request.getfixturevalue("enterprise")
    people = [member(request.getfixturevalue(name), role=role) for name, role in VIEWERS]
    people += [UserFactory(), AnonymousUser()]

    allowed = tuple(person.has_perm(permission, target) for person in people)

    assert allowed == expected


@pytest.mark.parametrize(
    ("permission", "expected"),
    [
        # park juror (member), government staff (cares), other park admin, outsider
        ("orgs.view_private_details", (T, T, F, F)),
        ("orgs.view_personal_data", (F, F, F, F)),
    ],
)
def test_park_object_permission_by_relation(
    park, other_park, government, member, permission, expected
):
    people = [
        member(park, role="juror"),
        member(government, role="staff"),
        member(other_park, role="admin"),
        UserFactory(),
    ]

    allowed = tuple(person.has_perm(permission, park) for person in people)

    assert allowed == expected


def test_an_enterprise_that_left_the_park_is_out_of_its_care(park, member, user):
    park_admin = member(park)
    enterprise = EnterpriseFactory(park=park)
    services.release_enterprise(enterprise, actor=user)

    allowed = (
        park_admin.has_perm("orgs.view_private_details", enterprise),
        park_admin.has_perm("orgs.view_personal_data", enterprise),
    )

    assert allowed == (False, False)


def test_role_capabilities_cover_every_role():
    roles = set(enums.ROLE_CAPABILITIES)

    assert roles == set(enums.Role)
