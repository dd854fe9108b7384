from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "cloudpark.programs"
    label = "programs"
    verbose_name = _("Policies and support programmes")

    def ready(self):
        # Models and the modules that use them load only once the app registry is ready.
        from cloudpark.core import search
        from cloudpark.programs import flows, models, services  # noqa: F401  (audit, flow)

        search.register(models.Policy)
        search.register(models.Programme)
