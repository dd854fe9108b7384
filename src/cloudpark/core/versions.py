"""Version numbers kept in the cache, one per family of cached values: a cached value's key
carries its family's version, so a new version makes every value of the family stale at
once, without finding and deleting them."""

import time
from functools import partial

from django.core.cache import cache
from django.db import transaction


def current(key):
    """The version under ``key``, started now if there is none yet."""
    version = cache.get(key)
    if version is None:
        version = time.time_ns()
        cache.set(key, version, None)
    return version


def renew(key):
    """A new version under ``key``: every value keyed with the previous one is stale."""
    cache.set(key, time.time_ns(), None)


def renew_now_and_on_commit(key):
    """A new version under ``key`` now, and again once the transaction commits: a value
    another request worked out from the rows as they were before the commit is not kept
    under the version of the change."""
    renew(key)
    transaction.on_commit(partial(renew, key))
