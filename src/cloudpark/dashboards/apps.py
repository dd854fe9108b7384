from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "cloudpark.dashboards"
    label = "dashboards"
    verbose_name = _("Figures and dashboards")

    def ready(self):
        # Audit labels are registered on import.
        from cloudpark.dashboards import cache, services  # noqa: F401

        cache.connect()
