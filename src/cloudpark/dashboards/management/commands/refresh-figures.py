"""``cloudpark refresh-figures``: recompute the dashboards' figures store from the records.
Run it nightly (cron, a scheduler): enterprises moving between parks change the figures too,
and only a change of reported figures refreshes the store by itself."""

from django.core.management.base import BaseCommand

from cloudpark.dashboards import services


class Command(BaseCommand):
    help = "Recompute the dashboards' figures from the reported yearly figures."

    def handle(self, *args, **options):
        count = services.refresh_figures()
        self.stdout.write(f"Stored {count} figures.")
