from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from cloudpark.core import search


class CoreConfig(AppConfig):
    name = "cloudpark.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        post_migrate.connect(search.ensure_search_indexes, dispatch_uid="cloudpark-search-indexes")
        connection_created.connect(
            search.plan_searches_afresh, dispatch_uid="cloudpark-search-plans"
        )
        # Its tasks declare the periodic work the worker starts (``core.schedule``).
        from cloudpark.core import tasks  # noqa: F401
