from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cloudpark.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.models.signals import post_migrate

        from cloudpark.core import search

        post_migrate.connect(search.ensure_search_indexes, dispatch_uid="cloudpark-search-indexes")
