"""Factories for base accreditation. Rounds are rows; declarations, their materials,
accreditations and annual reviews are made by the real services, so that a factory's object
has the history the platform would have given it."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cloudpark.bases import enums, services
from cloudpark.bases.models import (
    Accreditation,
    AccreditationRound,
    AnnualReview,
    Declaration,
    DeclarationMaterial,
)
from cloudpark.orgs import enums as org_enums
from tests.factories.accounts import UserFactory
from tests.factories.orgs import GovernmentBodyFactory, MembershipFactory

APPLICATION_FORM = ("申报书", "Application form")
ENTERPRISE_LIST = ("入驻企业名录", "List of enterprises in the park")


def pdf(name="申报书.pdf", body=b"declaration"):
    """A small file that passes the document checks as a PDF."""
    return SimpleUploadedFile(name, b"%PDF-1.7\n" + body + b"\n%%EOF\n", "application/pdf")


def materials(*pairs):
    return services.clean_materials(pairs or (APPLICATION_FORM, ENTERPRISE_LIST))


def _today():
    return timezone.localdate()


class AccreditationRoundFactory(factory.django.DjangoModelFactory):
    """An open provincial round of a provincial bureau (``organiser=`` to choose one)."""

    class Meta:
        model = AccreditationRound

    organiser = factory.SubFactory(
        GovernmentBodyFactory, level=org_enums.GovernmentLevel.PROVINCIAL
    )
    level = enums.RoundLevel.PROVINCIAL
    batch = factory.Sequence(lambda n: f"第{n}批省级广播电视和网络视听产业基地（园区）")
    batch_en = factory.Sequence(lambda n: f"Provincial bases (parks), batch {n}")
    opens_on = factory.LazyFunction(lambda: _today() - timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: _today() + timedelta(days=30))
    criteria = "园区面积不少于2万平方米，入驻视听企业不少于20家。"
    criteria_en = "At least 20,000 m² and at least 20 audiovisual enterprises."
    required_materials = factory.LazyFunction(materials)


def _admin_of(organization):
    membership = (
        organization.memberships.filter(role=org_enums.Role.ADMIN, is_active=True)
        .select_related("user")
        .first()
    )
    if membership is not None:
        return membership.user
    return MembershipFactory(organization=organization, role=org_enums.Role.ADMIN).user


DECLARED = {
    "operator": "之江园区运营有限公司",
    "area": Decimal("35000.0"),
    "enterprise_count": 48,
    "output": Decimal("125000.00"),
    "focus": "网络视听、影视制作",
    "support_measures": "租金减免、人才公寓、公共摄影棚。",
}


class DeclarationFactory(factory.django.DjangoModelFactory):
    """A draft, made by ``bases.services.draft_declaration`` for ``park`` and ``round``."""

    class Meta:
        model = Declaration

    round = factory.SubFactory(AccreditationRoundFactory)
    park = None

    @classmethod
    def _create(cls, model_class, *, round, park, actor=None, **values):
        return services.draft_declaration(
            park, round, actor=actor or _admin_of(park), **{**DECLARED, **values}
        )


class DeclarationMaterialFactory(factory.django.DjangoModelFactory):
    """A PDF attached by ``bases.services.attach_material`` (the first required kind)."""

    class Meta:
        model = DeclarationMaterial

    declaration = factory.SubFactory(DeclarationFactory)

    @classmethod
    def _create(cls, model_class, *, declaration, kind=None, uploaded=None, actor=None):
        kind = kind or declaration.round.materials[0].key
        return services.attach_material(
            declaration,
            actor=actor or _admin_of(declaration.park),
            kind=kind,
            uploaded=uploaded or pdf(),
        )


def attach_all(declaration, actor=None):
    """Every required material of the declaration's round, as PDFs."""
    for kind in declaration.round.materials:
        DeclarationMaterialFactory(
            declaration=declaration, kind=kind.key, uploaded=pdf(f"{kind.name}.pdf"), actor=actor
        )
    return declaration


def submitted_declaration(park, accreditation_round, actor=None, **values):
    """A declaration with all its materials, submitted by the real services."""
    actor = actor or _admin_of(park)
    declaration = DeclarationFactory(park=park, round=accreditation_round, actor=actor, **values)
    attach_all(declaration, actor)
    return services.submit_declaration(declaration, actor=actor)


class AccreditationFactory(factory.django.DjangoModelFactory):
    """An accreditation granted by ``bases.services.grant_accreditation`` without a
    declaration (as for one decided before the platform)."""

    class Meta:
        model = Accreditation

    park = None
    level = enums.RoundLevel.PROVINCIAL
    batch = "浙江省第一批省级广播电视和网络视听产业基地（园区）"
    batch_en = "First batch of Zhejiang provincial bases (parks)"
    approved_on = factory.LazyFunction(lambda: _today() - timedelta(days=3 * 365))
    decided_by = factory.SubFactory(
        GovernmentBodyFactory, level=org_enums.GovernmentLevel.PROVINCIAL
    )

    @classmethod
    def _create(cls, model_class, *, park, decided_by, actor=None, **values):
        return services.grant_accreditation(
            park, decided_by=decided_by, actor=actor or UserFactory(), **values
        )


ANNUAL_FIGURES = {
    "enterprise_count": 52,
    "employee_count": 1260,
    "output": Decimal("138000.00"),
    "revenue": Decimal("121500.00"),
    "taxes": Decimal("6400.00"),
    "summary": "新增入驻企业8家，举办视听产业沙龙12场。",
}


class AnnualReviewFactory(factory.django.DjangoModelFactory):
    """An annual review submitted by ``bases.services.submit_annual_review``; the park needs
    an accreditation in force."""

    class Meta:
        model = AnnualReview

    park = None
    year = factory.LazyFunction(lambda: _today().year - 1)

    @classmethod
    def _create(cls, model_class, *, park, year, actor=None, **values):
        return services.submit_annual_review(
            park, actor=actor or _admin_of(park), year=year, **{**ANNUAL_FIGURES, **values}
        )
