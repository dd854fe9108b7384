"""One factory per model. Import them from here: ``from tests.factories import ParkFactory``."""

from tests.factories.accounts import UserFactory
from tests.factories.orgs import (
    EnterpriseFactory,
    EnterpriseYearFactory,
    GovernmentBodyFactory,
    IndustryCategoryFactory,
    MembershipFactory,
    OtherOrganizationFactory,
    ParkFactory,
    QualificationTagFactory,
    RegionFactory,
    credit_code,
    enterprise_in,
)

__all__ = [
    "EnterpriseFactory",
    "EnterpriseYearFactory",
    "GovernmentBodyFactory",
    "IndustryCategoryFactory",
    "MembershipFactory",
    "OtherOrganizationFactory",
    "ParkFactory",
    "QualificationTagFactory",
    "RegionFactory",
    "UserFactory",
    "credit_code",
    "enterprise_in",
]
