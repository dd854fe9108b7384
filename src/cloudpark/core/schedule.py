"""Work the task worker starts by itself, once a period, such as deleting expired exports.

A capability declares it with ``register(task, every=...)`` from a module its app loads at
start-up. Each ``cloudpark worker`` asks when it starts, and again every ``CHECK_EVERY``,
which of it is due (``enqueue_due``); the database decides which worker starts it, so that
several workers start each piece once a period, not once each.
"""

import logging
import threading
from dataclasses import dataclass
from datetime import timedelta

from django.db import DatabaseError, connections, transaction
from django.db.models import Q
from django.utils import timezone

from cloudpark.core.models import PeriodicRun

logger = logging.getLogger(__name__)

# How often a running worker asks whether periodic work is due.
CHECK_EVERY = timedelta(minutes=15)


@dataclass(frozen=True)
class Periodic:
    task: object
    every: timedelta

    @property
    def name(self):
        return self.task.module_path


_PERIODIC = {}


def register(task, *, every):
    """Have the worker enqueue ``task`` (a task taking no arguments) once every ``every``."""
    periodic = Periodic(task=task, every=every)
    _PERIODIC[periodic.name] = periodic
    return task


def _claim(periodic, now):
    """True for the one caller that moves the work's last start to ``now``, when that start
    is at least a period old or there was none. The update is conditional, so two workers
    asking at once cannot both get True."""
    PeriodicRun.objects.get_or_create(name=periodic.name)
    due = Q(last_started_at__isnull=True) | Q(last_started_at__lte=now - periodic.every)
    return PeriodicRun.objects.filter(due, name=periodic.name).update(last_started_at=now) == 1


def enqueue_due(now=None):
    """Enqueue the periodic work that is due; returns the names of what was enqueued."""
    now = now or timezone.now()
    started = []
    for periodic in _PERIODIC.values():
        # Should the enqueueing fail, the claim is undone and the next check tries again.
        with transaction.atomic():
            if not _claim(periodic, now):
                continue
            periodic.task.enqueue()
        logger.info("Enqueued the periodic task %s", periodic.name)
        started.append(periodic.name)
    return started


def check_in_background(every=CHECK_EVERY):
    """A daemon thread of the worker's process that runs ``enqueue_due`` every ``every``; it
    ends with the process."""

    def check():
        while not stopped.wait(every.total_seconds()):
            try:
                enqueue_due()
            except DatabaseError:
                logger.exception("Could not check for due periodic work")
            finally:
                connections.close_all()

    stopped = threading.Event()
    thread = threading.Thread(target=check, name="cloudpark-schedule", daemon=True)
    thread.start()
    return stopped
