"""``core.bulk`` writes the rows Django's ``bulk_create`` writes, a batch a query."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone

from cloudpark.core import bulk, services
from cloudpark.core.models import AuditEntry
from cloudpark.finance import enums as finance_enums
from cloudpark.finance.models import FinancingNeed
from cloudpark.orgs import enums
from cloudpark.orgs.models import Enterprise, Organization
from tests.factories import IndustryCategoryFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 3, 4, 5, 6, 7, 890123, tzinfo=timezone.get_fixed_timezone(480))


@pytest.fixture
def frozen(monkeypatch):
    """``auto_now`` and ``auto_now_add`` stamp every row with ``NOW``, whichever way it goes."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def needs(enterprise, user, mark):
    """Unsaved needs with a choice given as a member and as text, JSON lists and objects,
    decimals given as decimals and as text, dates, and a nullable key set and not."""
    return [
        FinancingNeed(
            enterprise=enterprise,
            amount=Decimal("1200.50") if n % 2 else "88.1",
            term=12 + n,
            purpose=f"{mark} {n}",
            stage=finance_enums.Stage.GROWING if n % 2 else "mature",
            collateral=["land", {"deep": [1, 2.5, None, "之江"]}] if n % 3 else [],
            target_cost=None if n % 2 else "3.5",
            valid_until=date(2025, 1, 1 + n),
            created_by=user if n % 2 else None,
        )
        for n in range(7)
    ]


def rows_of(objs):
    return list(
        FinancingNeed.objects.filter(pk__in=[obj.pk for obj in objs])
        .order_by("pk")
        .values(*[f.attname for f in FinancingNeed._meta.concrete_fields if not f.primary_key])
    )


def test_writes_the_rows_bulk_create_writes(enterprise, user, frozen):
    ours = bulk.bulk_insert(needs(enterprise, user, "ours"), batch_size=3)
    djangos = FinancingNeed.objects.bulk_create(needs(enterprise, user, "django"), batch_size=3)

    written, expected = rows_of(ours), rows_of(djangos)
    assert len(written) == len(expected) == 7
    for row, other in zip(written, expected, strict=True):
        assert row.pop("purpose").replace("ours", "django") == other.pop("purpose")
        assert row == other
    assert written[1]["collateral"] == ["land", {"deep": [1, 2.5, None, "之江"]}]
    assert (written[0]["created_at"], written[0]["updated_at"]) == (NOW, NOW)


def test_objects_get_their_keys_and_state(enterprise, user, frozen):
    objs = bulk.bulk_insert(needs(enterprise, user, "ours"), batch_size=3)

    by_purpose = dict(FinancingNeed.objects.values_list("purpose", "pk"))
    assert [obj.pk for obj in objs] == [by_purpose[obj.purpose] for obj in objs]
    assert all(type(obj.pk) is int for obj in objs)
    assert {(obj._state.adding, obj._state.db, obj.created_at) for obj in objs} == {
        (False, "default", NOW)
    }


def entries(content_type, count, mark="entry"):
    return [
        AuditEntry(
            action="orgs.park.updated",
            content_type=content_type,
            object_id=str(n),
            object_repr=f"{mark} {n}",
            data={"n": n},
        )
        for n in range(count)
    ]


def test_a_batch_is_one_query(django_assert_num_queries):
    content_type = ContentType.objects.get_for_model(Organization)

    with django_assert_num_queries(3):
        objs = bulk.bulk_insert(entries(content_type, 5), batch_size=2)

    assert sorted(AuditEntry.objects.values_list("pk", flat=True)) == [obj.pk for obj in objs]


def test_batches_stay_within_the_databases_limit_on_parameters(
    monkeypatch, django_assert_num_queries
):
    content_type = ContentType.objects.get_for_model(Organization)
    objs = entries(content_type, 10)
    columns = len(AuditEntry._meta.concrete_fields) - 1  # not the key: the database gives it
    # A property on SQLite, a cached one on PostgreSQL: the value cached is put aside too.
    monkeypatch.setattr(type(connection.features), "max_query_params", 3 * columns + 1)
    monkeypatch.delitem(vars(connection.features), "max_query_params", raising=False)

    with django_assert_num_queries(4):
        bulk.bulk_insert(objs, batch_size=1000)

    assert list(AuditEntry.objects.order_by("pk").values_list("pk", "object_repr")) == [
        (obj.pk, f"entry {n}") for n, obj in enumerate(objs)
    ]


def test_rows_beyond_the_real_limit_on_parameters_go_in_two_batches(django_assert_num_queries):
    limit = connection.features.max_query_params
    if limit is None:
        pytest.skip("no limit on parameters here")
    columns = len(AuditEntry._meta.concrete_fields) - 1
    content_type = ContentType.objects.get_for_model(Organization)
    objs = entries(content_type, limit // columns + 1)

    with django_assert_num_queries(2):
        bulk.bulk_insert(objs, batch_size=10**9)

    assert AuditEntry.objects.count() == len(objs)
    assert AuditEntry.objects.get(pk=objs[-1].pk).object_repr == objs[-1].object_repr


def test_nothing_to_write_is_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert bulk.bulk_insert([]) == []
        assert bulk.insert_columns([], Enterprise._meta.local_concrete_fields) == []


def test_a_field_placing_its_own_sql_is_written_by_django(monkeypatch, django_assert_num_queries):
    field = AuditEntry._meta.get_field("object_repr")
    placed = []

    def placeholder(value, compiler, connection):
        placed.append(value)
        return "LOWER(%s)", (value,)

    monkeypatch.setattr(field, "get_placeholder_sql", placeholder, raising=False)
    content_type = ContentType.objects.get_for_model(Organization)

    with django_assert_num_queries(2):
        objs = bulk.bulk_insert(entries(content_type, 3, mark="ENTRY"), batch_size=2)

    assert placed == ["ENTRY 0", "ENTRY 1", "ENTRY 2"]
    assert list(AuditEntry.objects.order_by("pk").values_list("pk", "object_repr")) == [
        (obj.pk, f"entry {n}") for n, obj in enumerate(objs)
    ]


def test_an_expression_among_the_values_is_written_by_django(enterprise, user, frozen):
    objs = needs(enterprise, user, "ours")
    objs[-1].purpose = Lower(Value("LAST ONE"))

    bulk.bulk_insert(objs, batch_size=3)

    # Nothing written twice: the rows before the expression waited for it.
    assert FinancingNeed.objects.count() == 7
    assert FinancingNeed.objects.get(pk=objs[-1].pk).purpose == "last one"
    assert [row["purpose"] for row in rows_of(objs)] == [f"ours {n}" for n in range(6)] + [
        "last one"
    ]


def enterprises(category, mark):
    return [
        Enterprise(
            kind=enums.OrganizationKind.ENTERPRISE,
            name=f"{mark}{n}号文化传媒有限公司",
            credit_code=f"91330106MA{mark}{n:06d}X",
            category=category,
            founded_on=date(2010, 1, 1 + n),
            registered_capital=Decimal("100.5") if n % 2 else None,
        )
        for n in range(5)
    ]


def enterprise_rows(objs):
    names = [field.attname for field in Enterprise._meta.concrete_fields]
    names.remove("id")
    names.remove("organization_ptr_id")
    return list(
        Enterprise.objects.filter(pk__in=[o.pk for o in objs]).order_by("pk").values(*names)
    )


def test_inherited_rows_are_a_query_a_batch_each_table_and_as_django_writes_them(
    monkeypatch, frozen, django_assert_num_queries
):
    category = IndustryCategoryFactory()
    with django_assert_num_queries(6):
        ours = services.bulk_create_inherited(enterprises(category, "A"), batch_size=2)
    # Django's compiler writes both tables when a field of each places its own SQL.
    for field in (Organization._meta.get_field("name"), Enterprise._meta.get_field("staff_count")):
        monkeypatch.setattr(
            field, "get_placeholder_sql", lambda value, *_: ("%s", (value,)), raising=False
        )
    djangos = services.bulk_create_inherited(enterprises(category, "B"), batch_size=2)

    for row, other, obj in zip(enterprise_rows(ours), enterprise_rows(djangos), ours, strict=True):
        assert (row.pop("name"), row.pop("credit_code")) == (obj.name, obj.credit_code)
        del other["name"], other["credit_code"]
        assert row == other
    assert [obj.pk for obj in ours] == [obj.organization_ptr_id for obj in ours]
    assert Enterprise.objects.get(pk=ours[1].pk).registered_capital == Decimal("100.5")
    assert {(obj._state.adding, obj.created_at) for obj in ours + djangos} == {(False, NOW)}
