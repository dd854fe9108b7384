from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "cloudpark.finance"
    label = "finance"
    verbose_name = _("Culture finance")

    def ready(self):
        # Audit labels and notification kinds are registered on import.
        from cloudpark.finance import rules, services  # noqa: F401
