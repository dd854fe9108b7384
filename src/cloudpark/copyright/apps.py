from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CopyrightConfig(AppConfig):
    name = "cloudpark.copyright"
    label = "copyright"
    verbose_name = _("Copyright")

    def ready(self):
        # Audit labels and notification kinds are registered on import.
        from cloudpark.copyright import rules, services  # noqa: F401
