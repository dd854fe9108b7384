"""``cloudpark serve``: the platform under gunicorn, the way production runs it."""

import os
import sys

from django.core.management.base import BaseCommand, CommandError

WSGI_APPLICATION = "cloudpark.wsgi:application"
MOST_WORKERS = 8


def default_workers():
    """Gunicorn's rule of thumb, two per core plus one, kept within what one host needs."""
    return min(2 * (os.cpu_count() or 1) + 1, MOST_WORKERS)


class Command(BaseCommand):
    help = "Serve the platform with gunicorn (production settings unless CLOUDPARK_ENV says so)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind", default="0.0.0.0:8000", help="Address and port (default: %(default)s)."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help=f"Worker processes (default: two per core plus one, at most {MOST_WORKERS}).",
        )
        parser.add_argument(
            "--timeout", type=int, default=60, help="Seconds before a silent worker is restarted."
        )

    def handle(self, *args, bind, workers, timeout, **options):
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        # The settings were read (and refused, if unsafe) before this line; gunicorn's workers
        # read them again from the same environment.
        arguments = [
            sys.executable,
            "-m",
            "gunicorn",
            WSGI_APPLICATION,
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--timeout",
            str(timeout),
            "--access-logfile",
            "-",
        ]
        self.stdout.write(f"Starting gunicorn on {bind} with {workers} workers.")
        self.stdout.flush()
        # Replace this process, so that gunicorn receives the signals of a process manager.
        os.execv(sys.executable, arguments)
