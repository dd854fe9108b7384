"""Addresses that do not change while a process runs: a named route's path and a static
file's URL, each worked out once a process rather than on every page.

The URL patterns, the script prefix and the static files' storage are fixed once a process
has started (no route is prefixed with the language), so ``reverse`` and the storage give the
same answer to the same question every time. A route's path is kept per script prefix and
URLconf all the same, and both are forgotten when a test overrides the settings they read.
"""

import functools

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

# Routes with arguments (a membership's switch) are kept too, so the number is bounded.
_KEPT = 4096


@functools.lru_cache(maxsize=_KEPT)
def _reversed(name, args, prefix, urlconf):
    return reverse(name, args=args, urlconf=urlconf)


def address(name, *args):
    """``reverse(name, args=args)``, worked out once a process."""
    return _reversed(name, args, get_script_prefix(), get_urlconf())


@functools.lru_cache(maxsize=_KEPT)
def static_url(path):
    """The URL of the static file ``path`` (the storage's, hashed in production), worked out
    once a process."""
    return staticfiles_storage.url(path)


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        _reversed.cache_clear()
    if setting in {"STATIC_URL", "STORAGES", "STATIC_ROOT"}:
        static_url.cache_clear()
