from datetime import date

import pytest
from django.utils import timezone, translation

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.core.models import AuditEntry
from cloudpark.orgs import enums, services
from cloudpark.orgs.models import Enterprise, Membership, Park, ParkResidence
from tests.factories import (
    EnterpriseFactory,
    IndustryCategoryFactory,
    MembershipFactory,
    ParkFactory,
    QualificationTagFactory,
    UserFactory,
    credit_code,
)

pytestmark = pytest.mark.django_db

CODE = "92330106MB00000015"  # credit_code(1, prefix="92330106MB")


def residences(enterprise):
    return list(
        ParkResidence.objects.filter(enterprise=enterprise)
        .order_by("started_on")
        .values_list("park__name", "started_on", "ended_on", "note")
    )


def timeline(obj):
    return [(entry.action, entry.data) for entry in audit.history_of(obj)]


def full_width(text):
    return text.translate({code: code + 0xFEE0 for code in range(0x21, 0x7F)})


# Registering -------------------------------------------------------------------------------


def test_register_enterprise_normalises_and_logs(user):
    category = IndustryCategoryFactory()

    enterprise = services.register_enterprise(
        actor=user,
        name="杭州影视传媒有限公司",
        credit_code=full_width(CODE.lower()),
        category=category,
        contact_mobile="+86 138 1234 5678",
        tags=[QualificationTagFactory(slug="listed")],
    )

    enterprise = Enterprise.objects.get(pk=enterprise.pk)
    assert (
        enterprise.kind,
        enterprise.credit_code,
        enterprise.contact_mobile,
        enterprise.park,
        [tag.slug for tag in enterprise.tags.all()],
    ) == (enums.OrganizationKind.ENTERPRISE, CODE, "13812345678", None, ["listed"])
    assert timeline(enterprise) == [
        ("orgs.enterprise.created", {"credit_code": CODE, "park": None})
    ]
    assert audit.history_of(enterprise).get().actor == user
    assert residences(enterprise) == []


def test_register_enterprise_in_a_park_admits_it(park, user):
    enterprise = services.register_enterprise(
        actor=user,
        park=park,
        admitted_on=date(2024, 3, 1),
        name="杭州影视传媒有限公司",
        credit_code=CODE,
        category=IndustryCategoryFactory(),
    )

    assert Enterprise.objects.get(pk=enterprise.pk).park == park
    assert residences(enterprise) == [("之江文化产业园", date(2024, 3, 1), None, "")]
    assert timeline(enterprise) == [
        (
            "orgs.enterprise.admitted",
            {"park": park.pk, "park_name": "之江文化产业园", "on": "2024-03-01"},
        ),
        ("orgs.enterprise.created", {"credit_code": CODE, "park": park.pk}),
    ]


def _entry_rows(entries):
    """Each entry as it is stored, its own enterprise's key and code put as placeholders."""
    rows = []
    for entry in entries:
        enterprise = Enterprise.objects.get(pk=entry.object_id)
        data = {
            key: {enterprise.credit_code: "<code>"}.get(value, value)
            for key, value in entry.data.items()
        }
        rows.append(
            (
                entry.action,
                entry.actor_id,
                entry.actor_ref,
                entry.content_type_id,
                enterprise.name,
                entry.object_repr,
                data,
                entry.ip_address,
                entry.user_agent,
            )
        )
    return rows


def test_registering_in_bulk_logs_what_registering_one_by_one_does(park, other_park, user):
    """Every entry's content the same as ``register_enterprise`` writes, entries in bulk
    being written the enterprises' creations first, then their admissions, each in row order."""
    category = IndustryCategoryFactory()
    token = audit.set_origin(audit.RequestOrigin("203.0.113.9", "浏览器/1.0 " + "x" * 400))
    try:
        with translation.override("en"):
            rows = []
            for n, where in enumerate([park, None, other_park]):
                values = {
                    "name": f"之江{n}号影视有限公司",
                    "name_en": f"Zhijiang Film {n}",
                    "category": category,
                }
                services.register_enterprise(
                    actor=user, park=where, credit_code=credit_code(100 + n), **values
                )
                rows.append(({**values, "credit_code": credit_code(200 + n)}, where, []))
            one_by_one = list(AuditEntry.objects.order_by("id"))
            many = services.register_enterprises(rows, actor=user)
    finally:
        audit.reset_origin(token)

    in_bulk = list(AuditEntry.objects.exclude(pk__in=[e.pk for e in one_by_one]).order_by("id"))
    assert [(entry.action, int(entry.object_id)) for entry in in_bulk] == [
        *[("orgs.enterprise.created", enterprise.pk) for enterprise in many],
        *[("orgs.enterprise.admitted", many[n].pk) for n in (0, 2)],
    ]
    single = _entry_rows(one_by_one)
    assert sorted(single) == sorted(_entry_rows(in_bulk))
    assert single[0][5:9] == (
        "之江0号影视有限公司",
        {"credit_code": "<code>", "park": park.pk},
        "203.0.113.9",
        "浏览器/1.0 " + "x" * 292,
    )


@pytest.mark.parametrize(
    "code",
    [
        "92330106MB00000016",  # CODE with a wrong check character
        credit_code(1),  # already registered by the enterprise below
    ],
)
def test_register_enterprise_refuses_a_bad_or_taken_code_and_writes_nothing(park, user, code):
    EnterpriseFactory(credit_code=credit_code(1))
    counts = (Enterprise.objects.count(), ParkResidence.objects.count(), AuditEntry.objects.count())

    with pytest.raises(DomainError) as caught:
        services.register_enterprise(
            actor=user, park=park, name="重复", credit_code=code, category=IndustryCategoryFactory()
        )

    assert caught.value.field == "credit_code"
    assert counts == (
        Enterprise.objects.count(),
        ParkResidence.objects.count(),
        AuditEntry.objects.count(),
    )


# Admitting and releasing ---------------------------------------------------------------------


def test_moving_between_parks_keeps_the_history(park, other_park, user):
    enterprise = EnterpriseFactory(park=park, park__on=date(2024, 1, 10))

    services.release_enterprise(enterprise, actor=user, on=date(2024, 6, 30), note="迁出")
    services.admit_enterprise(other_park, enterprise, actor=user, on=date(2024, 7, 1))

    assert Enterprise.objects.get(pk=enterprise.pk).park == other_park
    assert residences(enterprise) == [
        ("之江文化产业园", date(2024, 1, 10), date(2024, 6, 30), "迁出"),
        ("滨江数字文化基地", date(2024, 7, 1), None, ""),
    ]
    assert timeline(enterprise) == [
        (
            "orgs.enterprise.admitted",
            {"park": other_park.pk, "park_name": "滨江数字文化基地", "on": "2024-07-01"},
        ),
        (
            "orgs.enterprise.released",
            {"park": park.pk, "park_name": "之江文化产业园", "on": "2024-06-30", "note": "迁出"},
        ),
        (
            "orgs.enterprise.admitted",
            {"park": park.pk, "park_name": "之江文化产业园", "on": "2024-01-10"},
        ),
    ]


def test_admission_defaults_to_today(park, user):
    enterprise = EnterpriseFactory()

    services.admit_enterprise(park, enterprise, actor=user)

    assert residences(enterprise) == [("之江文化产业园", timezone.localdate(), None, "")]


def test_admitting_an_enterprise_resident_elsewhere_is_refused_and_changes_nothing(
    enterprise, other_park, user
):
    counts = (ParkResidence.objects.count(), AuditEntry.objects.count())

    with translation.override("en"), pytest.raises(DomainError) as caught:
        services.admit_enterprise(other_park, enterprise, actor=user)

    assert str(caught.value) == (
        f"{enterprise.name_en} is resident in Zhijiang Cultural Industry Park; "
        "that park must release it first."
    )
    assert Enterprise.objects.get(pk=enterprise.pk).park_id == enterprise.park_id
    assert (ParkResidence.objects.count(), AuditEntry.objects.count()) == counts


def test_admitting_again_into_the_same_park_changes_nothing(enterprise, park, user):
    counts = (ParkResidence.objects.count(), AuditEntry.objects.count())

    result = services.admit_enterprise(park, enterprise, actor=user)

    assert (result.park, ParkResidence.objects.count(), AuditEntry.objects.count()) == (
        park,
        *counts,
    )


@pytest.mark.parametrize("status", [enums.ParkStatus.REVOKED, enums.ParkStatus.EXITED])
def test_a_park_that_lost_its_standing_admits_no_one(status, user):
    park = ParkFactory(status=status)
    enterprise = EnterpriseFactory()

    with pytest.raises(DomainError):
        services.admit_enterprise(park, enterprise, actor=user)

    assert (Enterprise.objects.get(pk=enterprise.pk).park, residences(enterprise)) == (None, [])


def test_releasing_before_the_admission_date_is_refused(park, user):
    enterprise = EnterpriseFactory(park=park, park__on=date(2024, 1, 10))

    with pytest.raises(DomainError) as caught:
        services.release_enterprise(enterprise, actor=user, on=date(2024, 1, 9))

    assert caught.value.field == "on"
    assert Enterprise.objects.get(pk=enterprise.pk).park == park
    assert residences(enterprise) == [("之江文化产业园", date(2024, 1, 10), None, "")]


def test_releasing_on_the_admission_date_is_allowed(park, user):
    enterprise = EnterpriseFactory(park=park, park__on=date(2024, 1, 10))

    services.release_enterprise(enterprise, actor=user, on=date(2024, 1, 10))

    assert residences(enterprise) == [("之江文化产业园", date(2024, 1, 10), date(2024, 1, 10), "")]


def test_releasing_an_enterprise_in_no_park_is_refused(user):
    enterprise = EnterpriseFactory()

    with pytest.raises(DomainError):
        services.release_enterprise(enterprise, actor=user)

    assert AuditEntry.objects.filter(action="orgs.enterprise.released").count() == 0


# Profiles --------------------------------------------------------------------------------


def test_update_enterprise_logs_changed_fields(enterprise, user):
    services.update_enterprise(
        enterprise, actor=user, name=enterprise.name, staff_count=45, contact_mobile="138 0000 1111"
    )

    assert Enterprise.objects.values_list("staff_count", "contact_mobile").get(
        pk=enterprise.pk
    ) == (45, "13800001111")
    assert timeline(enterprise)[0] == (
        "orgs.enterprise.updated",
        {"fields": ["contact_mobile", "staff_count"]},
    )


def test_update_enterprise_answers_bad_input_at_its_field(enterprise, user):
    before = AuditEntry.objects.count()

    with pytest.raises(DomainError) as caught:
        services.update_enterprise(enterprise, actor=user, website="not a web address")

    assert caught.value.field == "website"
    assert Enterprise.objects.get(pk=enterprise.pk).website == enterprise.website
    assert AuditEntry.objects.count() == before


def test_update_park_answers_bad_input_at_its_field(park, user):
    before = AuditEntry.objects.count()

    with pytest.raises(DomainError) as caught:
        services.update_park(park, actor=user, website="not a web address")

    assert (caught.value.field, str(caught.value)) == ("website", "Enter a valid URL.")
    assert Park.objects.get(pk=park.pk).website == park.website
    assert AuditEntry.objects.count() == before


def test_update_enterprise_refuses_fields_outside_the_profile(enterprise, user):
    with pytest.raises(ValueError, match="credit_code"):
        services.update_enterprise(enterprise, actor=user, credit_code=CODE)

    assert Enterprise.objects.get(pk=enterprise.pk).credit_code == enterprise.credit_code


# Members -----------------------------------------------------------------------------------


def test_the_last_administrator_cannot_be_removed(park, user):
    membership = MembershipFactory(organization=park, role=enums.Role.ADMIN)
    MembershipFactory(organization=park, role=enums.Role.ADMIN, is_active=False)

    with pytest.raises(DomainError):
        services.remove_member(membership, actor=user)

    assert Membership.objects.get(pk=membership.pk).is_active is True


def test_an_administrator_with_another_one_can_be_removed(park, user):
    membership = MembershipFactory(organization=park, role=enums.Role.ADMIN)
    MembershipFactory(organization=park, role=enums.Role.ADMIN)

    services.remove_member(membership, actor=user)

    assert Membership.objects.get(pk=membership.pk).is_active is False
    assert AuditEntry.objects.values_list("action", "object_id", "data").get() == (
        "orgs.membership.removed",
        str(park.pk),
        {"user": membership.user_id},
    )


def test_staff_can_be_removed_beside_a_single_administrator(park, user):
    MembershipFactory(organization=park, role=enums.Role.ADMIN)
    staff = MembershipFactory(organization=park, role=enums.Role.STAFF)

    services.remove_member(staff, actor=user)

    assert Membership.objects.get(pk=staff.pk).is_active is False


def test_member_changes_are_on_the_parks_timeline(park, user):
    newcomer = UserFactory()
    MembershipFactory(organization=park, role=enums.Role.ADMIN)
    membership = services.add_member(park, newcomer, role=enums.Role.STAFF, actor=user)

    services.remove_member(membership, actor=user)

    assert [action for action, _data in timeline(park)] == [
        "orgs.membership.removed",
        "orgs.membership.added",
    ]


def test_add_member_adds_changes_and_leaves_alone(park, user):
    newcomer = UserFactory()

    services.add_member(park, newcomer, role=enums.Role.STAFF, actor=user)
    services.add_member(park, newcomer, role=enums.Role.STAFF, actor=user)
    services.add_member(park, newcomer, role=enums.Role.ADMIN, actor=user)

    assert Membership.objects.get(organization=park, user=newcomer).role == enums.Role.ADMIN
    assert timeline(park) == [
        ("orgs.membership.changed", {"user": newcomer.pk, "role": "admin"}),
        ("orgs.membership.added", {"user": newcomer.pk, "role": "staff"}),
    ]
