"""Named links: domain code asks for a page by name, the portals say where it is.

A service that puts a link in a notification calls ``links.url("bases.round.park", pk)``; the
portal side registers the builder once (``links.register("bases.round.park", builder)``), so
that no capability imports a portal or names one of its routes. ``absolute_url`` puts a
site path on the platform's public address, for links that leave the platform (e-mails).
"""

from urllib.parse import urlsplit

from django.conf import settings

_BUILDERS = {}


def register(name, builder):
    """``builder(*args) -> URL`` under ``name``, a dotted ``capability.object.audience``."""
    if name in _BUILDERS and _BUILDERS[name] is not builder:
        raise ValueError(f"A link named {name!r} is already registered")
    _BUILDERS[name] = builder
    return builder


def url(name, *args):
    try:
        builder = _BUILDERS[name]
    except KeyError:
        raise LookupError(f"No link named {name!r} is registered") from None
    return builder(*args)


def registered():
    return dict(_BUILDERS)


def absolute_url(path):
    """``path`` on the platform's public address (``settings.SITE_URL``).

    A site path such as ``/me/events/3/`` becomes ``https://cloudpark.example.cn/me/events/3/``;
    an address that already names its host is kept as it is. The request's own host is never
    used: a forged Host header must not steer a password-reset link elsewhere.
    """
    if not path or urlsplit(path).scheme:
        return path
    return f"{settings.SITE_URL}/{path.lstrip('/')}"
