from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "cloudpark.orgs"
    label = "orgs"
    verbose_name = _("Organisations")

    def ready(self):
        # Models and the modules that use them load only once the app registry is ready.
        from cloudpark.core import search
        from cloudpark.orgs import choices, exports, imports, models, services, totals  # noqa: F401

        search.register(models.Organization)
        totals.connect()
        choices.connect()
