"""``cloudpark worker``: runs the background tasks stored in the database, and enqueues the
periodic ones when they are due (``core.schedule``: when it starts, then every 15 minutes)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend

from cloudpark.core import schedule


class Command(BaseCommand):
    help = "Run the background task worker (django-tasks-db's db_worker)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue-name",
            default="default",
            help="Queues to work on, separated by commas; '*' for all (default: %(default)s).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1,
            help="Seconds to wait when no task is queued (default: %(default)s).",
        )
        parser.add_argument(
            "--batch", action="store_true", help="Run every queued task, then exit."
        )

    def handle(self, *args, queue_name, interval, batch, **options):
        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            raise CommandError(
                "Tasks run inside the web process in this configuration, so there is nothing "
                "for a worker to do. Run with CLOUDPARK_ENV=production or "
                "CLOUDPARK_TASK_WORKER=1."
            )
        schedule.enqueue_due()
        if not batch:
            schedule.check_in_background()
        call_command(
            "db_worker",
            queue_name=queue_name,
            interval=interval,
            batch=batch,
            reload=False,
            verbosity=options["verbosity"],
        )
