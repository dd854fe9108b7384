"""Predicate tables: who may do what with jobs, by the kind of organisation acted for and the
role held there."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["admin", "staff", "reviewer", "juror"]
T, F = True, False
NAMES = [
    "jobs.view_postings",
    "jobs.manage_postings",
    "jobs.manage_applications",
    "jobs.review_postings",
    "jobs.manage_park_settings",
    "jobs.view_talent_figures",
]

# Permission -> allowed for (admin, staff, reviewer, juror, non-member), per kind of
# organisation acted for.
PERMISSIONS = {
    "enterprise": {
        "jobs.view_postings": (T, T, T, T, F),
        "jobs.manage_postings": (T, F, F, F, F),
        "jobs.manage_applications": (T, F, F, F, F),
        "jobs.review_postings": (F, F, F, F, F),
        "jobs.manage_park_settings": (F, F, F, F, F),
        "jobs.view_talent_figures": (F, F, F, F, F),
    },
    "park": {
        "jobs.view_postings": (F, F, F, F, F),
        "jobs.manage_postings": (F, F, F, F, F),
        "jobs.manage_applications": (F, F, F, F, F),
        "jobs.review_postings": (T, F, T, F, F),
        "jobs.manage_park_settings": (T, F, F, F, F),
        "jobs.view_talent_figures": (T, T, T, T, F),
    },
    "government": {
        "jobs.view_postings": (F, F, F, F, F),
        "jobs.manage_postings": (F, F, F, F, F),
        "jobs.manage_applications": (F, F, F, F, F),
        "jobs.review_postings": (F, F, F, F, F),
        "jobs.manage_park_settings": (F, F, F, F, F),
        "jobs.view_talent_figures": (T, T, T, T, F),
    },
}


@pytest.mark.parametrize(
    ("kind", "permission", "expected"),
    [
        (kind, permission, expected)
        for kind, table in PERMISSIONS.items()
        for permission, expected in table.items()
    ],
)
def test_permissions_by_role(request, member, kind, permission, expected):
    organization = request.getfixturevalue(kind)
    people = [member(organization, role=role) for role in ROLES] + [UserFactory()]

    allowed = tuple(person.has_perm(permission, organization) for person in people)

    assert allowed == expected


@pytest.mark.parametrize("permission", NAMES)
def test_no_organisation_and_no_user_means_no_right(enterprise, member, permission):
    admin = member(enterprise)

    allowed = (admin.has_perm(permission, None), AnonymousUser().has_perm(permission, enterprise))

    assert allowed == (False, False)
