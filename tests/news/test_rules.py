"""Predicate table: who writes news for which organisation."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cloudpark.orgs import enums as org_enums
from tests.factories import (
    EnterpriseFactory,
    GovernmentBodyFactory,
    MembershipFactory,
    ParkFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

T, F = True, False

# Kind of organisation -> allowed for (admin, staff, reviewer, juror, staff given the right,
# non-member).
EDIT_NEWS = {
    "government": (T, F, F, F, T, F),
    "park": (T, F, F, F, T, F),
    "enterprise": (F, F, F, F, F, F),
}
FACTORIES = {
    "government": GovernmentBodyFactory,
    "park": ParkFactory,
    "enterprise": EnterpriseFactory,
}


def _people(organization):
    people = [
        MembershipFactory(organization=organization, role=role).user
        for role in ("admin", "staff", "reviewer", "juror")
    ]
    people.append(
        MembershipFactory(
            organization=organization,
            role="staff",
            extra_capabilities=[org_enums.Capability.EDIT_NEWS],
        ).user
    )
    people.append(UserFactory())
    return people


@pytest.mark.parametrize(("kind", "expected"), EDIT_NEWS.items())
def test_who_edits_news(kind, expected):
    organization = FACTORIES[kind]()

    allowed = tuple(
        person.has_perm("news.edit_news", organization) for person in _people(organization)
    )

    assert allowed == expected


def test_anonymous_visitors_and_no_organisation_edit_nothing():
    organization = GovernmentBodyFactory()

    assert (
        AnonymousUser().has_perm("news.edit_news", organization),
        UserFactory().has_perm("news.edit_news", None),
    ) == (False, False)
