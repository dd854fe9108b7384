from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "cloudpark.news"
    label = "news"
    verbose_name = _("News and information")

    def ready(self):
        # Audit labels, notification kinds, permissions and the review flow are registered
        # on import.
        from cloudpark.news import flows, rules, services  # noqa: F401
