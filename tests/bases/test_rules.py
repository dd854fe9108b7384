"""Predicate tables: who may do what with accreditation, and which body may end which
accreditation."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from cloudpark.orgs import enums as org_enums
from tests.factories import AccreditationFactory, GovernmentBodyFactory, ParkFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["admin", "staff", "reviewer", "juror"]
T, F = True, False

# Permission -> allowed for (admin, staff, reviewer, juror, non-member), per kind of
# organisation acted for.
PERMISSIONS = {
    "government": {
        "bases.view_rounds": (T, T, T, F, F),
        "bases.manage_rounds": (T, F, F, F, F),
        "bases.decide_annual_reviews": (T, F, F, F, F),
        "bases.revoke": (T, F, F, F, F),
        "bases.view_declarations": (F, F, F, F, F),
        "bases.declare": (F, F, F, F, F),
    },
    "park": {
        "bases.view_rounds": (F, F, F, F, F),
        "bases.manage_rounds": (F, F, F, F, F),
        "bases.decide_annual_reviews": (F, F, F, F, F),
        "bases.revoke": (F, F, F, F, F),
        "bases.view_declarations": (T, T, T, T, F),
        "bases.declare": (T, F, F, F, F),
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


@pytest.mark.parametrize("permission", sorted(PERMISSIONS["government"]))
def test_no_organisation_and_no_user_means_no_right(government, member, permission):
    admin = member(government)

    allowed = (admin.has_perm(permission, None), AnonymousUser().has_perm(permission, government))

    assert allowed == (False, False)


@pytest.fixture
def bodies(db):
    """The administration; two provincial bureaus under it; a city body under the first."""
    administration = GovernmentBodyFactory(level=org_enums.GovernmentLevel.NATIONAL)
    bureau = GovernmentBodyFactory(
        level=org_enums.GovernmentLevel.PROVINCIAL, parent=administration
    )
    return {
        "administration": administration,
        "bureau": bureau,
        "other_bureau": GovernmentBodyFactory(
            level=org_enums.GovernmentLevel.PROVINCIAL, parent=administration
        ),
        "city": GovernmentBodyFactory(level=org_enums.GovernmentLevel.MUNICIPAL, parent=bureau),
        "nobody": None,
    }


# Accreditation -> may (administration, bureau, other bureau, city body, nobody) end it.
MAY_END = {
    "provincial, granted by the bureau": ("bureau", "provincial", (T, T, F, F, F)),
    "national, granted by the administration": ("administration", "national", (T, F, F, F, F)),
}


@pytest.mark.parametrize(("granted_by", "level", "expected"), MAY_END.values(), ids=MAY_END)
def test_an_accreditation_is_ended_by_the_body_that_granted_it_or_one_above(
    bodies, granted_by, level, expected
):
    accreditation = AccreditationFactory(
        park=ParkFactory(), decided_by=bodies[granted_by], level=level
    )
    order = ("administration", "bureau", "other_bureau", "city", "nobody")

    allowed = tuple(
        rules.test_rule("bases.end_accreditation", bodies[name], accreditation) for name in order
    )

    assert allowed == expected


def test_without_an_accreditation_there_is_nothing_to_end(bodies):
    assert rules.test_rule("bases.end_accreditation", bodies["administration"], None) is False
