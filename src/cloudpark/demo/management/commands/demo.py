"""``cloudpark demo``: migrate, load the demo data and serve the platform, in one command."""

import os
import time
import unicodedata
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from cloudpark.demo import data, loader
from cloudpark.orgs.models import Enterprise, Park

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def display_width(text):
    """Columns a terminal gives ``text``: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def padded(text, width):
    return text + " " * (width - display_width(text))


def table(header, rows):
    """Plain-text columns, aligned for a terminal."""
    widths = [
        max(display_width(row[index]) for row in [header, *rows]) for index in range(len(header))
    ]
    lines = [
        "  ".join(padded(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Migrate the database, load the demo data (once) and serve the platform. "
        "Not for production: every demo account shares one printed password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Address to serve on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on.")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the SQLite database file first and start from scratch.",
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            dest="no_serve",
            help="Load the demo and exit without serving.",
        )

    def handle(self, *args, host, port, reset, no_serve, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "The demo is not loaded in production mode: its accounts share a published "
                "password. Unset CLOUDPARK_ENV or set it to 'demo'."
            )
        verbosity = options["verbosity"]
        # The links in the e-mails the demo sends lead to the address it serves on.
        shown_host = f"[{host}]" if ":" in host else host
        os.environ.setdefault("CLOUDPARK_SITE_URL", f"http://{shown_host}:{port}")
        settings.SITE_URL = os.environ["CLOUDPARK_SITE_URL"].rstrip("/")
        if reset:
            self.delete_database()
        self.stdout.write("Migrating the database...")
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        started = time.monotonic()
        if loader.load_demo():
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data loaded in {time.monotonic() - started:.1f} s: "
                    f"{Park.objects.count()} parks, {Enterprise.objects.count()} enterprises."
                )
            )
        else:
            self.stdout.write("Demo data already loaded.")
        self.print_accounts()
        if no_serve:
            return
        self.serve(host, port)

    def delete_database(self):
        database = settings.DATABASES[DEFAULT_DB_ALIAS]
        if database["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError(
                "--reset deletes the SQLite database file; it refuses to touch any other "
                "database. Drop and recreate that database yourself."
            )
        name = str(database["NAME"])
        if name == ":memory:" or name.startswith("file:"):
            raise CommandError(f"--reset needs a SQLite database file, not {name}.")
        path = Path(name).resolve()
        connections.close_all()
        # WAL mode keeps two companion files that belong to the same database.
        for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            file.unlink(missing_ok=True)
        self.stdout.write(f"Starting over with an empty database at {path}.")

    def print_accounts(self):
        rows = [
            (email, data.DEMO_PASSWORD, role, organization)
            for email, role, organization in loader.account_rows()
        ]
        self.stdout.write("\nDemo accounts:")
        self.stdout.write(table(("e-mail", "password", "portal / role", "organisation"), rows))

    def serve(self, host, port):
        shown_host = f"[{host}]" if ":" in host else host
        url = f"http://{shown_host}:{port}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Cloud Park is at {url}  (Ctrl+C to stop)"))
        if host not in LOOPBACK_HOSTS and host not in settings.ALLOWED_HOSTS:
            self.stdout.write(
                self.style.WARNING(
                    f"Requests are accepted only for ALLOWED_HOSTS ({settings.ALLOWED_HOSTS}); "
                    "add the name or address others use to reach this machine."
                )
            )
        # Static files come from whitenoise, which reads them straight from the apps here.
        call_command("runserver", f"{shown_host}:{port}", use_reloader=False)
