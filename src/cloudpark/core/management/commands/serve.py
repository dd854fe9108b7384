"""``cloudpark serve``: the platform under gunicorn, the way production runs it."""

import os
import sys

from django.core.management.base import BaseCommand, CommandError

WSGI_APPLICATION = "cloudpark.wsgi:application"
MOST_WORKERS = 8
# Requests a worker serves at once (gunicorn's gthread workers): while one waits for the
# database another runs. Two workers of four threads registered people 1.6 to 1.7 times as
# fast as five sync workers on two cores (benchmarks/README.md, the registration rush).
THREADS = 4


def default_workers():
    """One per core (at least two, so that one restarting leaves another), each with
    ``THREADS`` threads; kept within what one host needs."""
    return min(max(os.cpu_count() or 1, 2), MOST_WORKERS)


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
            help=f"Worker processes (default: one per core, at least 2, at most {MOST_WORKERS}).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=THREADS,
            help="Requests each worker serves at once (default: %(default)s; 1: sync workers).",
        )
        parser.add_argument(
            "--timeout", type=int, default=60, help="Seconds before a silent worker is restarted."
        )

    def handle(self, *args, bind, workers, threads, timeout, **options):
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1.")
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
            "--worker-class",
            "gthread" if threads > 1 else "sync",
            "--threads",
            str(threads),
            "--timeout",
            str(timeout),
            "--access-logfile",
            "-",
        ]
        self.stdout.write(
            f"Starting gunicorn on {bind} with {workers} workers of {threads} threads."
        )
        self.stdout.flush()
        # Replace this process, so that gunicorn receives the signals of a process manager.
        os.execv(sys.executable, arguments)
