"""Who may do what in culture finance, as a table: the enterprise's members see its financing,
its administrators act on it; the administrators and staff of an institution work at its
desk, and nobody else."""

import pytest

from cloudpark.core.errors import DomainError
from cloudpark.finance import services
from cloudpark.orgs import enums as org_enums
from tests.factories import EnterpriseFactory, MembershipFactory, OtherOrganizationFactory
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
        person.has_perm("finance.view_financing", enterprise),
        person.has_perm("finance.manage_financing", enterprise),
    )

    assert allowed == (views, manages)


@pytest.mark.parametrize(
    ("role", "is_institution", "expected"),
    [
        (ADMIN, True, True),
        (STAFF, True, True),
        (REVIEWER, True, False),
        (ADMIN, False, False),
    ],
)
def test_the_desk_opens_to_an_institutions_administrators_and_staff(role, is_institution, expected):
    organization = (
        FinancialInstitutionFactory().organization if is_institution else OtherOrganizationFactory()
    )
    person = MembershipFactory(organization=organization, role=role).user

    assert person.has_perm("finance.act_for_institution") is expected


def test_an_enterprise_cannot_be_registered_as_an_institution():
    with pytest.raises(DomainError):
        services.register_institution(EnterpriseFactory(), kind="bank")
