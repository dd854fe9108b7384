from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BasesConfig(AppConfig):
    name = "cloudpark.bases"
    label = "bases"
    verbose_name = _("Base accreditation")

    def ready(self):
        # Audit labels, notification kinds and the review flow are registered on import.
        from cloudpark.bases import flows, services  # noqa: F401
        from cloudpark.bases.models import Accreditation
        from cloudpark.orgs import choices

        # The public list's batch filter is kept with the directory's cached choices.
        choices.watch(Accreditation)
