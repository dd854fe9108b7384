from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "cloudpark.awards"
    label = "awards"
    verbose_name = _("Awards for excellent works")

    def ready(self):
        # Audit labels, notification kinds and the eligibility review flow register on import.
        from cloudpark.awards import flows, services  # noqa: F401
