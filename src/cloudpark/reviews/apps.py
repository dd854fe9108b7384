from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "cloudpark.reviews"
    label = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from cloudpark.reviews import services  # noqa: F401  (audit and notification kinds)
