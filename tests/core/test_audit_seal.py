"""The audit log cannot be rewritten: not by the ORM in bulk, not by raw SQL, on either engine."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from cloudpark.core import audit
from cloudpark.core.models import AppendOnlyError, AuditEntry
from cloudpark.orgs import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(park, user):
    return audit.log_action(park, services.PARK_UPDATED, actor=user, data={"fields": ["area"]})


def raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_bulk_update_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="orgs.park.created")

    assert AuditEntry.objects.get().action == "orgs.park.updated"


def test_a_bulk_delete_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()

    assert AuditEntry.objects.count() == 1


def test_the_database_refuses_a_raw_update(entry):
    with pytest.raises(IntegrityError):
        raw("UPDATE core_auditentry SET object_repr = %s WHERE id = %s", ["forged", entry.pk])

    assert AuditEntry.objects.get().object_repr == "之江文化产业园"


def test_the_database_refuses_to_point_an_entry_at_someone_else(entry):
    someone_else = UserFactory()

    with pytest.raises(IntegrityError):
        raw("UPDATE core_auditentry SET actor_id = %s WHERE id = %s", [someone_else.pk, entry.pk])

    assert AuditEntry.objects.get().actor_id == entry.actor_id


def test_the_database_refuses_a_raw_delete(entry):
    with pytest.raises(IntegrityError):
        raw("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])

    assert AuditEntry.objects.count() == 1


def test_deleting_a_person_keeps_their_entries_attributed(entry, user):
    reference = f"user:{user.pk}"

    user.delete()

    assert list(AuditEntry.objects.values_list("actor", "actor_ref")) == [(None, reference)]


@pytest.mark.postgres
def test_postgresql_holds_the_trigger(entry):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'core_auditentry'::regclass "
            "AND NOT tgisinternal"
        )
        names = [row[0] for row in cursor.fetchall()]

    assert names == ["core_auditentry_append_only"]


@pytest.fixture
def content_types_forgotten():
    """Emptying the database takes the content types with it: forget the cached ones after
    the flush and after the test, so that no later test reads an id that is gone."""
    yield ContentType.objects.clear_cache
    ContentType.objects.clear_cache()


# Serialized rollback: the next transactional test finds the reference data and the content
# types under their first ids, as the browser scenarios that follow on this worker expect.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_emptying_the_whole_database_still_works_and_leaves_the_log_sealed(
    park, user, content_types_forgotten
):
    audit.log_action(park, services.PARK_UPDATED, actor=user)

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    content_types_forgotten()
    fresh = audit.log_action(UserFactory(), audit.PERSONAL_DATA_VIEWED)

    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [fresh.pk]
    with pytest.raises(IntegrityError):
        raw("DELETE FROM core_auditentry WHERE id = %s", [fresh.pk])
