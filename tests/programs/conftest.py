"""Programmes issued by the government body overseeing ``park``, and the people who act on
applications: the enterprise's administrator, the park's, a government reviewer and chief."""

import pytest
from django.utils import translation

from cloudpark.orgs import enums as org_enums
from tests.factories import MembershipFactory, PolicyFactory, ProgrammeFactory


@pytest.fixture
def policy(government):
    return PolicyFactory(owner=government)


@pytest.fixture
def programme(policy, media_root):
    return ProgrammeFactory(policy=policy)


@pytest.fixture
def people(enterprise, park, government):
    def member(organization, role):
        return MembershipFactory(organization=organization, role=role).user

    return {
        "applicant": member(enterprise, org_enums.Role.ADMIN),
        "enterprise_staff": member(enterprise, org_enums.Role.STAFF),
        "park": member(park, org_enums.Role.ADMIN),
        "reviewer": member(government, org_enums.Role.REVIEWER),
        "chief": member(government, org_enums.Role.ADMIN),
    }


@pytest.fixture(autouse=True)
def _in_english():
    """Messages are asserted in English, the source language, whatever the catalogs hold."""
    with translation.override("en"):
        yield
