"""The copyright register: works, licences and pledges written through the real services."""

from datetime import date
from decimal import Decimal

from cloudpark.copyright import enums, services
from tests.factories.finance import FinancialInstitutionFactory
from tests.factories.orgs import EnterpriseFactory
from tests.factories.programs import admin_of

_numbers = iter(range(10_000_000, 99_999_999))


def work_values(**overrides):
    values = {
        "title": "山海之间",
        "title_en": "Between Mountains and Sea",
        "category": enums.WorkCategory.AUDIOVISUAL,
        "audiovisual_kind": enums.AudiovisualKind.ANIMATION,
        "length_minutes": 92,
        "owner_name": "云上动画有限公司",
        "owner_kind": enums.OwnerKind.LEGAL_PERSON,
        "authors": "林舟、许青",
        "creation_nature": enums.CreationNature.ORIGINAL,
        "completed_on": date(2025, 6, 30),
        "first_published_on": date(2025, 9, 1),
        "first_published_place": "杭州",
        "acquisition": enums.Acquisition.ORIGINAL,
        "attribution": enums.Attribution.LEGAL_PERSON,
        "holding": enums.Holding.WHOLE,
        "purpose": "讲述海岛少年的成长。",
        "process": "历时两年完成剧本、设计与制作。",
        "originality": "本作品为独立创作。",
    }
    values.update(overrides)
    return values


def next_work_number(year=2025, letter="L"):
    return f"国作登字-{year}-{letter}-{next(_numbers):08d}"


def registered_work(enterprise=None, **overrides):
    enterprise = enterprise or EnterpriseFactory()
    overrides.setdefault("registration_number", next_work_number())
    return services.record_work(
        enterprise, actor=admin_of(enterprise), values=work_values(**overrides)
    )


def drafted_work(enterprise=None, **overrides):
    enterprise = enterprise or EnterpriseFactory()
    return services.record_work(
        enterprise, actor=admin_of(enterprise), values=work_values(**overrides)
    )


def licence_values(**overrides):
    values = {
        "licensee_name": "海峡影视发行公司",
        "exclusive": True,
        "media": [enums.Medium.ONLINE],
        "territory": [enums.Territory.MAINLAND],
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2027, 12, 31),
        "fee": Decimal("80"),
    }
    values.update(overrides)
    return values


def granted_licence(work, **overrides):
    return services.grant_licence(
        work, actor=admin_of(work.enterprise), values=licence_values(**overrides)
    )


def request_values(**overrides):
    values = licence_values(**overrides)
    values.pop("licensee_name")
    return values


def pledge_values(pledgee=None, **overrides):
    values = {
        "pledgee": pledgee or FinancialInstitutionFactory(),
        "number": f"ZY-2026-{next(_numbers)}",
        "amount": Decimal("300"),
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2026, 12, 31),
    }
    values.update(overrides)
    return values


def recorded_pledge(work, pledgee=None, **overrides):
    return services.pledge_work(
        work, actor=admin_of(work.enterprise), values=pledge_values(pledgee, **overrides)
    )


def offered_work(enterprise=None, **overrides):
    work = registered_work(enterprise, **overrides)
    return services.set_offered(work, actor=admin_of(work.enterprise), offered=True)
