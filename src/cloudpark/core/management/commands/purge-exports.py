"""``cloudpark purge-exports``: delete the export files past their expiry
(``EXPORT_RETENTION_DAYS`` after they were written) now. The task worker does it by itself
once a day (``core.schedule``); this is for a deployment without one, or to free the space
at once."""

from django.conf import settings
from django.core.management.base import BaseCommand

from cloudpark.core import exports


class Command(BaseCommand):
    help = "Delete export files past their expiry."

    def handle(self, *args, **options):
        count = exports.purge_expired_exports()
        self.stdout.write(f"Deleted {count} exports (kept {settings.EXPORT_RETENTION_DAYS} days).")
