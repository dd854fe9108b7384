from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "cloudpark.benefits"
    label = "benefits"
    verbose_name = _("Enterprise benefits")

    def ready(self):
        # Audit labels and notification kinds are registered on import.
        from cloudpark.benefits import rules, services  # noqa: F401
