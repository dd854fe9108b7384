from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilingsConfig(AppConfig):
    name = "cloudpark.filings"
    label = "filings"
    verbose_name = _("Online drama filings")

    def ready(self):
        # Audit labels, notification kinds and the review flows are registered on import.
        from cloudpark.filings import flows, services  # noqa: F401
