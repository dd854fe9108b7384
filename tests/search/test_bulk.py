"""Rows written in bulk, without a save: announced by ``core.signals.bulk_written`` and
indexed a chunk at a time, in the same few queries whatever the chunk's size."""

import pytest
from django.db import transaction
from django.test.utils import CaptureQueriesContext

from cloudpark.core.signals import bulk_written
from cloudpark.orgs import services as org_services
from cloudpark.orgs.models import Enterprise, Park
from cloudpark.programs.models import Policy
from cloudpark.search import registry, selectors, services
from cloudpark.search.models import SearchDocument, number_of
from tests.factories import IndustryCategoryFactory, credit_code
from tests.factories.orgs import EnterpriseFactory, ParkFactory
from tests.factories.programs import PolicyFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def found(query):
    results = selectors.search(query)
    return {(document.kind, document.object_id) for document in results.page.object_list}


def enterprise_rows(names, park=None, first=1):
    category = IndustryCategoryFactory()
    return [
        ({"name": name, "category": category, "credit_code": credit_code(first + n)}, park, [])
        for n, name in enumerate(names)
    ]


def test_enterprises_registered_in_bulk_are_found_in_the_same_transaction():
    park = ParkFactory(name="之江文化产业园")
    with transaction.atomic():
        many = org_services.register_enterprises(
            enterprise_rows(["云栖量子科技有限公司", "西溪量子传媒有限公司"], park), actor=None
        )

        assert found("量子") == {("enterprise", enterprise.pk) for enterprise in many}
    document = SearchDocument.objects.get(kind="enterprise", object_id=many[0].pk)
    assert (document.title, number_of(document.pk)) == ("云栖量子科技有限公司", 4)


def write_then_refuse():
    with transaction.atomic():
        org_services.register_enterprises(enterprise_rows(["云栖量子科技有限公司"]), actor=None)
        raise RuntimeError("refused after the write")


def test_a_bulk_write_rolled_back_leaves_no_document():
    with pytest.raises(RuntimeError):
        write_then_refuse()

    assert found("量子") == set()
    assert not SearchDocument.objects.filter(kind="enterprise").exists()


def test_a_watched_model_written_in_bulk_refreshes_the_kinds_that_watch_it():
    policy = PolicyFactory(title="影视产业扶持政策", is_published=True)
    programme = ProgrammeFactory(policy=policy, title="影视精品扶持计划", is_published=True)
    assert found("影视") == {("policy", policy.pk), ("programme", programme.pk)}

    Policy.objects.filter(pk=policy.pk).update(is_published=False)
    bulk_written.send(sender=Policy, pks=[policy.pk])

    assert found("影视") == set()


def refresh_queries(kind, pks):
    with CaptureQueriesContext(transaction.get_connection()) as captured:
        services.refresh(kind, pks, chunk_size=5)
    return len(captured)


def test_refreshing_many_new_or_changed_documents_costs_the_same_queries_a_chunk():
    enterprise = registry.get("enterprise")
    pks = [EnterpriseFactory(name=f"之江{n}号影视有限公司").pk for n in range(30)]
    SearchDocument.objects.filter(kind="enterprise").delete()

    # A savepoint around the whole; a chunk: its objects, their documents, ids, the insert.
    new = refresh_queries(enterprise, pks[:10]), refresh_queries(enterprise, pks[10:])
    Enterprise.objects.filter(pk__in=pks).update(description="量子计算")
    # A chunk: its objects, their documents, the delete and the insert of the changed.
    changed = refresh_queries(enterprise, pks[:10]), refresh_queries(enterprise, pks[10:])
    unchanged = refresh_queries(enterprise, pks[:10]), refresh_queries(enterprise, pks[10:])

    assert new == (2 + 2 * 4, 2 + 4 * 4)
    assert changed == (2 + 2 * 4, 2 + 4 * 4)
    assert unchanged == (2 + 2 * 2, 2 + 4 * 2)
    assert found("量子")
    assert found("量子") <= {("enterprise", pk) for pk in pks}
    assert (
        SearchDocument.objects.filter(kind="enterprise", body_text__contains="量子").count() == 30
    )


def test_refreshing_many_gone_documents_deletes_them_a_chunk_at_a_time():
    park_kind = registry.get("park")
    pks = [ParkFactory(name=f"之江{n}号影视园区").pk for n in range(10)]
    Park.objects.filter(pk__in=pks).update(status="exited")

    queries = refresh_queries(park_kind, pks)

    # A savepoint around the whole; a chunk: its objects, their documents, the delete.
    assert queries == 2 + 2 * 3
    assert not SearchDocument.objects.filter(kind="park", object_id__in=pks).exists()


def test_one_changed_object_is_still_updated_in_place():
    enterprise = EnterpriseFactory(name="之江影视有限公司")
    before = SearchDocument.objects.get(kind="enterprise", object_id=enterprise.pk)

    enterprise.name = "之江量子有限公司"
    table = SearchDocument._meta.db_table
    with CaptureQueriesContext(transaction.get_connection()) as captured:
        enterprise.save(update_fields=["name"])

    after = SearchDocument.objects.get(kind="enterprise", object_id=enterprise.pk)
    assert (after.pk, after.title) == (before.pk, "之江量子有限公司")
    assert [query["sql"].split()[0] for query in captured if table in query["sql"]] == [
        "SELECT",
        "UPDATE",
    ]
