"""Links that leave the platform: in e-mails, read away from any request."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path):
    """``path`` on the platform's public address (``settings.SITE_URL``).

    A site path such as ``/me/events/3/`` becomes ``https://cloudpark.example.cn/me/events/3/``;
    an address that already names its host is kept as it is. The request's own host is never
    used: a forged Host header must not steer a password-reset link elsewhere.
    """
    if not path or urlsplit(path).scheme:
        return path
    return f"{settings.SITE_URL}/{path.lstrip('/')}"
