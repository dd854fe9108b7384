"""``cloudpark rotate-data-keys``: write every encrypted value again under the first key of
CLOUDPARK_DATA_KEYS (and its digest under CLOUDPARK_LOOKUP_KEY). Run it after putting a new
key first; the old keys may be removed from the list once it has finished."""

from django.core.management.base import BaseCommand

from cloudpark.core import crypto


class Command(BaseCommand):
    help = "Re-encrypt personal data at rest under the first key of CLOUDPARK_DATA_KEYS."

    def handle(self, *args, **options):
        written = crypto.reencrypt_all()
        self.stdout.write(f"{written} rows written again under the current key.")
