"""``cloudpark purge-job-resumes``: erase the résumés given with applications once their
posting ended more than ``JOB_RESUME_RETENTION_DAYS`` ago. Run it daily (cron, a scheduler)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from cloudpark.jobs import services


class Command(BaseCommand):
    help = "Erase résumé copies past their retention period."

    def handle(self, *args, **options):
        count = services.purge_expired_resumes()
        self.stdout.write(
            f"Erased {count} résumé copies (retention {settings.JOB_RESUME_RETENTION_DAYS} days)."
        )
