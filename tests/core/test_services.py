import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.tasks import task
from django.utils.functional import SimpleLazyObject
from django_tasks_db.models import DBTaskResult

from cloudpark.core import services
from cloudpark.core.errors import DomainError
from cloudpark.orgs.models import Park, Region

pytestmark = pytest.mark.django_db


def test_locked_reads_the_row_again(park):
    Park.objects.filter(pk=park.pk).update(name_en="Fresh")

    with transaction.atomic():
        fresh = services.locked(park, select_related=["region"])

    assert (fresh.pk, fresh.name_en, park.name_en == "Fresh") == (park.pk, "Fresh", False)


def test_locked_accepts_an_object_behind_a_lazy_proxy(park):
    lazy = SimpleLazyObject(lambda: park)

    with transaction.atomic():
        fresh = services.locked(lazy)

    assert (type(fresh), fresh.pk) == (Park, park.pk)


def test_share_locked_reads_the_row_again(park):
    region = park.region
    Region.objects.filter(pk=region.pk).update(name_en="Fresh")

    with transaction.atomic():
        fresh = services.share_locked(region)

    assert (type(fresh), fresh.pk, fresh.name_en, fresh.parent_id) == (
        Region,
        region.pk,
        "Fresh",
        region.parent_id,
    )


def test_share_locked_refuses_a_row_that_is_not_there(db):
    with pytest.raises(Region.DoesNotExist), transaction.atomic():
        services.share_locked(Region(pk=0))


def test_share_locked_refuses_a_model_kept_in_two_tables(park):
    with pytest.raises(TypeError, match="more than one table"), transaction.atomic():
        services.share_locked(park)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_share_locked_rows_are_held_side_by_side_and_against_changes(park):
    region = park.region
    outcomes = {}

    def beside():
        # Another connection, while this test's transaction holds the row.
        try:
            with transaction.atomic():
                outcomes["shared"] = services.share_locked(region).pk
            with transaction.atomic():
                Region.objects.select_for_update(nowait=True).get(pk=region.pk)
                outcomes["locked"] = True
        except DatabaseError as error:
            outcomes["locked"] = type(error).__name__
        finally:
            connection.close()

    with transaction.atomic():
        services.share_locked(region)
        thread = threading.Thread(target=beside)
        thread.start()
        thread.join(timeout=30)

    assert outcomes == {"shared": region.pk, "locked": "OperationalError"}


def test_apply_changes_sets_and_names_only_what_differs(park):
    values = {"name_en": park.name_en, "address": "滨江区 1 号", "website": "https://a.example"}

    changed = services.apply_changes(park, values, allowed=("name_en", "address", "website"))

    assert changed == ["address", "website"]
    assert (park.address, park.website) == ("滨江区 1 号", "https://a.example")


def test_apply_changes_refuses_a_field_outside_the_whitelist(park):
    before = park.name

    with pytest.raises(ValueError, match="name"):
        services.apply_changes(park, {"name": "新名", "address": "x"}, allowed=("address",))

    assert (park.name, park.address) == (before, Park.objects.get(pk=park.pk).address)


def test_validated_raises_the_first_complaint_at_its_field(park):
    park.website = "not a web address"

    with pytest.raises(DomainError) as caught:
        services.validated(park)

    assert caught.value.field == "website"
    assert str(caught.value) == "Enter a valid URL."


def test_validated_puts_a_complaint_about_the_whole_object_at_no_field():
    error = ValidationError("Both dates are wrong.")

    result = services.domain_error(error)

    assert (result.field, str(result)) == (None, "Both dates are wrong.")


RAN = []


@task
def remember(value):
    RAN.append(value)


def test_a_task_run_in_the_process_waits_for_the_commit(django_capture_on_commit_callbacks):
    RAN.clear()

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.enqueue_after_commit(remember, 1)
        before_commit = list(RAN)

    assert (before_commit, RAN) == ([], [1])


def test_a_task_queued_in_the_database_is_written_with_the_transaction(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    RAN.clear()

    def queue_then_fail():
        with transaction.atomic():
            services.enqueue_after_commit(remember, 1)
            raise DomainError

    with pytest.raises(DomainError):
        queue_then_fail()
    with transaction.atomic():
        services.enqueue_after_commit(remember, 2)

    queued = DBTaskResult.objects.values_list("args_kwargs", flat=True)
    assert (list(queued), RAN) == ([{"args": [2], "kwargs": {}}], [])
