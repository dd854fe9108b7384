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
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# Routes with arguments (a membership's switch) are kept too, so the number is bounded.
_KEPT = 4096


@functools.lru_cache(maxsize=_KEPT)
def _reversed(name, args, prefix, urlconf):
    return reverse(name, args=args, urlconf=urlconf)


# Stands for a whole-number argument in a route's path worked out once, to be replaced by
# each number asked for: larger than any id a table of this platform will reach.
_MARKER = 918_273_645_546_372_819


@functools.lru_cache(maxsize=_KEPT)
def _around_number(name, prefix, urlconf):
    """The path of ``name`` (a route taking one whole number) cut where the number goes, or
    None when the route does not write the number as its digits or takes no number that
    large."""
    try:
        path = reverse(name, args=(_MARKER,), urlconf=urlconf)
    except NoReverseMatch:
        return None
    before, marker, after = path.partition(str(_MARKER))
    if not marker or str(_MARKER) in after:
        return None
    return before, after


def address(name, *args):
    """``reverse(name, args=args)``, worked out once a process. A route taking one id (a row
    of a list links to its page) is worked out once for every id, not once per id."""
    prefix, urlconf = get_script_prefix(), get_urlconf()
    if len(args) == 1 and type(args[0]) is int and args[0] >= 0:
        around = _around_number(name, prefix, urlconf)
        if around is not None:
            return f"{around[0]}{args[0]}{around[1]}"
    return _reversed(name, args, prefix, urlconf)


@functools.lru_cache(maxsize=_KEPT)
def static_url(path):
    """The URL of the static file ``path`` (the storage's, hashed in production), worked out
    once a process."""
    return staticfiles_storage.url(path)


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        _reversed.cache_clear()
        _around_number.cache_clear()
    if setting in {"STATIC_URL", "STORAGES", "STATIC_ROOT"}:
        static_url.cache_clear()
