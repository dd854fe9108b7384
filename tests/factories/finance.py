"""Culture finance: institutions are organisations of the directory with a profile; products
and needs are written through the real services."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from cloudpark.finance import enums, services
from cloudpark.finance.models import FinancialInstitution
from cloudpark.orgs import enums as org_enums
from tests.factories.orgs import EnterpriseFactory, OtherOrganizationFactory
from tests.factories.programs import admin_of


class FinancialInstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancialInstitution

    organization = factory.SubFactory(
        OtherOrganizationFactory,
        name=factory.Sequence(lambda n: f"文创银行{n}号支行"),
        name_en=factory.Sequence(lambda n: f"Culture Bank Branch {n}"),
        other_kind=org_enums.OtherKind.OTHER,
    )
    kind = enums.InstitutionKind.BANK


def product_values(**overrides):
    values = {
        "name": "文创信用贷",
        "name_en": "Culture credit loan",
        "kind": enums.ProductKind.LOAN,
        "description": "面向园区文化企业的信用贷款。",
        "description_en": "A credit loan for the zone's cultural enterprises.",
        "amount_min": Decimal("50"),
        "amount_max": Decimal("500"),
        "term_min": 6,
        "term_max": 36,
        "cost_min": Decimal("3.45"),
        "cost_max": Decimal("4.80"),
        "collateral": [enums.Collateral.CREDIT, enums.Collateral.COPYRIGHT],
        "rules": [{"kind": "staff_between", "params": {"min": 5, "max": 500}}],
    }
    values.update(overrides)
    return values


def published_product(institution=None, **overrides):
    institution = institution or FinancialInstitutionFactory()
    actor = admin_of(institution.organization)
    product = services.save_product(institution, actor=actor, values=product_values(**overrides))
    return services.set_product_published(product, actor=actor, published=True)


def need_values(**overrides):
    values = {
        "amount": Decimal("200"),
        "term": 12,
        "purpose": "网络剧后期制作周转",
        "stage": enums.Stage.GROWING,
        "collateral": [enums.Collateral.COPYRIGHT],
        "target_cost": Decimal("4.00"),
        "valid_until": timezone.localdate() + timedelta(days=60),
    }
    values.update(overrides)
    return values


def published_need(enterprise=None, **overrides):
    enterprise = enterprise or EnterpriseFactory()
    return services.publish_need(
        enterprise, actor=admin_of(enterprise), values=need_values(**overrides)
    )


def requested_introduction(need=None, product=None):
    need = need or published_need()
    product = product or published_product()
    return services.request_introduction(need, product, actor=admin_of(need.enterprise))
