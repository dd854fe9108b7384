"""Factories for the directory. Reference data (regions, industry categories, tags) is shipped
by a data migration, so its factories fetch the shipped rows instead of inventing new ones."""

from datetime import date
from decimal import Decimal

import factory

from cloudpark.core.validators import credit_code_check_character
from cloudpark.orgs import enums, services
from cloudpark.orgs.models import (
    Enterprise,
    EnterpriseYear,
    GovernmentBody,
    IndustryCategory,
    Membership,
    OtherOrganization,
    Park,
    QualificationTag,
    Region,
)
from tests.factories.accounts import UserFactory


def credit_code(serial, prefix="91330106MA"):
    """A valid unified social credit code: ``prefix`` (10 characters), 7 digits, check."""
    first_seventeen = f"{prefix}{serial:07d}"
    return first_seventeen + credit_code_check_character(first_seventeen)


class _ShippedFactory(factory.django.DjangoModelFactory):
    """Fetches a row of the shipped reference data by its natural key; never creates one."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.get(**kwargs)


class RegionFactory(_ShippedFactory):
    class Meta:
        model = Region

    code = "330106"  # 西湖区, 杭州市


class IndustryCategoryFactory(_ShippedFactory):
    class Meta:
        model = IndustryCategory

    code = "022"  # 广播影视节目制作


class QualificationTagFactory(_ShippedFactory):
    class Meta:
        model = QualificationTag

    slug = "high-tech"


class ParkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Park
        skip_postgeneration_save = True

    kind = enums.OrganizationKind.PARK
    name = factory.Sequence(lambda n: f"示范基地{n}号")
    name_en = factory.Sequence(lambda n: f"Demonstration base {n}")
    region = factory.SubFactory(RegionFactory)
    level = enums.ParkLevel.PROVINCIAL
    status = enums.ParkStatus.OPERATING


class GovernmentBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernmentBody
        skip_postgeneration_save = True

    kind = enums.OrganizationKind.GOVERNMENT
    name = factory.Sequence(lambda n: f"文化主管部门{n}号")
    name_en = factory.Sequence(lambda n: f"Culture authority {n}")
    region = factory.SubFactory(RegionFactory)
    level = enums.GovernmentLevel.MUNICIPAL
    parent = None

    @factory.post_generation
    def jurisdiction(self, create, extracted, **kwargs):
        """``GovernmentBodyFactory(jurisdiction=[park, ...])``: the parks it oversees."""
        if create and extracted:
            self.jurisdiction.set(extracted)


class OtherOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OtherOrganization
        skip_postgeneration_save = True

    kind = enums.OrganizationKind.OTHER
    name = factory.Sequence(lambda n: f"行业协会{n}号")
    name_en = factory.Sequence(lambda n: f"Association {n}")
    other_kind = enums.OtherKind.ASSOCIATION


class EnterpriseFactory(factory.django.DjangoModelFactory):
    """``EnterpriseFactory(park=park)`` admits the new enterprise through the real service."""

    class Meta:
        model = Enterprise
        skip_postgeneration_save = True

    kind = enums.OrganizationKind.ENTERPRISE
    name = factory.Sequence(lambda n: f"文化企业{n}号有限公司")
    name_en = factory.Sequence(lambda n: f"Cultural Company {n} Ltd.")
    credit_code = factory.Sequence(credit_code)
    category = factory.SubFactory(IndustryCategoryFactory)
    region = factory.SubFactory(RegionFactory)
    founded_on = date(2018, 5, 20)
    registered_capital = Decimal("500.00")
    staff_count = 30
    legal_representative = "李四海"
    contact_name = "张三"
    contact_mobile = "13812341234"

    @factory.post_generation
    def park(self, create, extracted, **kwargs):
        if create and extracted is not None:
            services.admit_enterprise(extracted, self, actor=None, on=kwargs.get("on"))
            self.refresh_from_db()


def enterprise_in(park, **kwargs):
    """An enterprise resident in ``park``, admitted by ``orgs.services.admit_enterprise``."""
    return EnterpriseFactory(park=park, **kwargs)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(ParkFactory)
    role = enums.Role.ADMIN


class EnterpriseYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnterpriseYear

    enterprise = factory.SubFactory(EnterpriseFactory)
    year = 2024
    revenue = Decimal("1200.50")
    output = Decimal("1500.00")
    taxes = Decimal("80.25")
    staff_count = 32
