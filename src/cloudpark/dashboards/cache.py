"""The boards kept in the cache: a board is worked out once per organisation, filters and
language, and served from the cache until the figures store is refreshed or a record a
board reads changes (a new version number makes every kept board stale at once).

Who may see a board is still checked on every request, by the page; a board is kept under
the scope the page gives (its portal and organisation), never shared between scopes.
Another web process with its own cache (the per-process cache of the demo) catches up
within ``BOARD_SECONDS``; with Redis, in production, the processes share the version.

Each process also keeps the boards it last read from the cache (``KEPT_IN_PROCESS`` of
them), under the same key, so that a request does not unpickle its board again: the version
is still read from the cache on every request, so a new version is seen at once, and a copy
lives no longer than the cache's entry. A kept value is shared by the requests and threads
of the process: the pages and the API only read it.
"""

import threading
import time

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from cloudpark.core import versions

VERSION_KEY = "dashboards:version"
BOARD_SECONDS = 300
KEPT_IN_PROCESS = 256
# The apps whose records the boards read: the stored figures' sources and the live charts'.
READ_FROM = ("orgs", "programs", "filings", "awards", "events", "jobs", "finance", "market")


def _new_version():
    versions.renew(VERSION_KEY)


def forget():
    """Every kept board is stale from now on, and again once the transaction commits (so
    that a board another request worked out before the commit is not kept as new): once
    per transaction, however many records it changes."""
    versions.renew(VERSION_KEY)
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        callback is _new_version for _, callback, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(_new_version)


def board_key(name, scope, filters):
    """The key of a board ``name`` of ``scope`` (whose board it is, e.g. the portal and the
    organisation) under ``filters``, in the language of the request and the version now: the
    page keeps its rendered charts under it too."""
    park = filters.park.pk if filters.park is not None else ""
    category = filters.category.pk if filters.category is not None else ""
    version = versions.current(VERSION_KEY)
    return f"dashboards:{name}:{scope}:{filters.year}:{park}:{category}:{get_language()}:{version}"


# key -> (the time its cache entry expires, the value), oldest first.
_in_process = {}
_in_process_lock = threading.Lock()


def _stamped(work):
    value = work()
    return time.time() + BOARD_SECONDS, value


def cached(key, work):
    """``work()``'s result, kept under ``key`` (``board_key``) in the cache and in this
    process until the cache's entry expires. Never change what it returns."""
    kept = _in_process.get(key)
    if kept is not None and kept[0] > time.time():
        return kept[1]
    # The cache's entry carries the time it expires, under a name of its own (an entry
    # written before did not carry it).
    kept = cache.get_or_set(f"{key}:dated", lambda: _stamped(work), BOARD_SECONDS)
    with _in_process_lock:
        _in_process.pop(key, None)
        while len(_in_process) >= KEPT_IN_PROCESS:
            del _in_process[next(iter(_in_process))]
        _in_process[key] = kept
    return kept[1]


def cached_value(name, work):
    """``work()``'s result, kept per ``name`` and version (not per scope: only for what every
    organisation sees alike, such as the years in the store)."""
    return cached(f"dashboards:{name}:{versions.current(VERSION_KEY)}", work)


def _changed(sender, **kwargs):
    forget()


def connect():
    for label in READ_FROM:
        for model in apps.get_app_config(label).get_models():
            uid = f"dashboards_cache_{label}_{model.__name__}"
            post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}_saved", weak=False)
            post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}_deleted", weak=False)
            for many in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _changed,
                    sender=many.remote_field.through,
                    dispatch_uid=f"{uid}_{many.name}",
                    weak=False,
                )
