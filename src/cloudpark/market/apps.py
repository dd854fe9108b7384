from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "cloudpark.market"
    label = "market"
    verbose_name = _("Supply and demand")

    def ready(self):
        # Audit labels and notification kinds are registered on import.
        from cloudpark.market import rules, services  # noqa: F401
