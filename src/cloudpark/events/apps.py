from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "cloudpark.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        # Models and the modules that use them load only once the app registry is ready.
        from cloudpark.core import search
        from cloudpark.events import models, services  # noqa: F401  (audit labels)

        search.register(models.Event)
