from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "cloudpark.jobs"
    label = "jobs"
    verbose_name = _("Talent and jobs")

    def ready(self):
        # Audit labels, notification kinds, credit sources and the review flow of postings
        # are registered on import; the postings are searched through their CJK shadow column.
        from cloudpark.core import search
        from cloudpark.jobs import credits, flows, models, services  # noqa: F401

        search.register(models.JobPosting)
