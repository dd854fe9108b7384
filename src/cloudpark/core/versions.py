"""Version numbers kept in the cache, one per family of cached values: a cached value's key
carries its family's version, so a new version makes every value of the family stale at
once, without finding and deleting them."""

import time

from django.core.cache import cache


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
