from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cloudpark.accounts"
    label = "accounts"
    verbose_name = _("People")

    def ready(self):
        # Services register their audit actions' labels, and signals their receivers, when imported.
        from cloudpark.accounts import services, signals  # noqa: F401
