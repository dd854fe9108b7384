from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "cloudpark.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        # The engine's tables and the kinds load once the app registry is ready; each
        # capability declares its kinds in its own ``search_kinds`` module.
        from cloudpark.search import engine

        autodiscover_modules("search_kinds")
        post_migrate.connect(engine.ensure_index, dispatch_uid="cloudpark-search-documents")
