from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalsConfig(AppConfig):
    name = "cloudpark.portals"
    label = "portals"
    verbose_name = _("Portals")

    def ready(self):
        # The capabilities' pages register their home panels as they load, and the review
        # subjects name forms and models: both load only once the app registry is ready.
        from cloudpark.portals.enterprise import filings  # noqa: F401
        from cloudpark.portals.shared import (
            events,  # noqa: F401
            jobs,  # noqa: F401
            news,  # noqa: F401
            programs,  # noqa: F401
            review_subjects,
            reviews,  # noqa: F401
        )

        review_subjects.register()
