from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalsConfig(AppConfig):
    name = "cloudpark.portals"
    label = "portals"
    verbose_name = _("Portals")

    def ready(self):
        # The forms and models it names load only once the app registry is ready.
        from cloudpark.portals import review_subjects

        review_subjects.register()
