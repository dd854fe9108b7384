from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalsConfig(AppConfig):
    name = "cloudpark.portals"
    label = "portals"
    verbose_name = _("Portals")

    def ready(self):
        # The capabilities' pages register their home panels as they load.
        from cloudpark.portals.shared import programs  # noqa: F401
