"""The worker starts the periodic work by itself: expired exports are deleted once a day,
by one worker however many ask."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cloudpark.core import schedule
from cloudpark.core.models import ExportFile, PeriodicRun
from tests.factories import ExportFileFactory

pytestmark = pytest.mark.django_db

PURGE = "cloudpark.core.tasks.purge_expired_exports"


def expired_and_current_exports():
    expired = ExportFileFactory(expires_at=timezone.now() - timedelta(minutes=1))
    current = ExportFileFactory()
    return expired, current


def test_the_first_check_starts_the_purge_of_expired_exports(media_root):
    _expired, current = expired_and_current_exports()
    now = timezone.now()

    started = schedule.enqueue_due(now)

    assert started == [PURGE]
    assert list(ExportFile.objects.values_list("pk", flat=True)) == [current.pk]
    assert PeriodicRun.objects.get(name=PURGE).last_started_at == now


def test_the_purge_is_started_again_only_once_a_day_has_passed(media_root):
    now = timezone.now()
    schedule.enqueue_due(now)

    within_the_day = schedule.enqueue_due(now + timedelta(hours=23, minutes=59))
    a_day_later = schedule.enqueue_due(now + timedelta(days=1))

    assert (within_the_day, a_day_later) == ([], [PURGE])


def test_of_several_workers_asking_at_the_same_moment_one_starts_the_purge(media_root):
    now = timezone.now()

    started = [schedule.enqueue_due(now) for _worker in range(3)]

    assert started == [[PURGE], [], []]


# The worker closes the connection between tasks, as a long-running process should: the test
# cannot run inside a transaction of its own.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_enqueues_the_purge_when_it_starts_and_runs_it(settings, media_root):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _expired, current = expired_and_current_exports()

    call_command("worker", batch=True, verbosity=0)
    call_command("worker", batch=True, verbosity=0)

    assert list(ExportFile.objects.values_list("pk", flat=True)) == [current.pk]
    assert DBTaskResult.objects.filter(task_path=PURGE).count() == 1
