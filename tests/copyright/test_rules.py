"""Who may do what in the copyright register, as a table: the enterprise's members see its
register, its administrators write it; the administrators and staff of a financial institution
verify pledges; the government's members see the zone's counts."""

import pytest

from cloudpark.orgs import enums as org_enums
from tests.factories import (
    EnterpriseFactory,
    GovernmentBodyFactory,
    MembershipFactory,
    OtherOrganizationFactory,
)
from tests.factories.finance import FinancialInstitutionFactory

pytestmark = pytest.mark.django_db

ADMIN, STAFF, REVIEWER = org_enums.Role.ADMIN, org_enums.Role.STAFF, org_enums.Role.REVIEWER


@pytest.mark.parametrize(
    ("role", "views", "manages"),
    [(ADMIN, True, True), (STAFF, True, False), (None, False, False)],
)
def test_the_enterprise_rules(role, views, manages):
    enterprise = EnterpriseFactory()
    member = MembershipFactory(organization=enterprise, role=role or ADMIN).user
    person = member if role else MembershipFactory(organization=EnterpriseFactory()).user

    allowed = (
        person.has_perm("copyright.view_register", enterprise),
        person.has_perm("copyright.manage_register", enterprise),
    )

    assert allowed == (views, manages)


@pytest.mark.parametrize(
    ("role", "is_institution", "expected"),
    [(ADMIN, True, True), (STAFF, True, True), (REVIEWER, True, False), (ADMIN, False, False)],
)
def test_the_people_of_an_institution_verify_pledges(role, is_institution, expected):
    organization = (
        FinancialInstitutionFactory().organization if is_institution else OtherOrganizationFactory()
    )
    person = MembershipFactory(organization=organization, role=role).user

    assert person.has_perm("copyright.verify_pledge") is expected


def test_the_government_sees_the_overview_and_an_enterprise_does_not():
    government = GovernmentBodyFactory()
    enterprise = EnterpriseFactory()
    official = MembershipFactory(organization=government, role=STAFF).user
    admin = MembershipFactory(organization=enterprise, role=ADMIN).user

    assert official.has_perm("copyright.view_overview", government)
    assert not admin.has_perm("copyright.view_overview", enterprise)
    assert not admin.has_perm("copyright.view_register", None)
