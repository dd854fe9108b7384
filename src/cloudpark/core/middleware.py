"""What the platform does around every request: response headers, the origin the audit log
records, and the end of idle sessions."""

import ipaddress
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _t

from cloudpark.core.audit import RequestOrigin, reset_origin, set_origin


def _is_trusted_proxy(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(
        ip in ipaddress.ip_network(proxy, strict=False) for proxy in settings.TRUSTED_PROXIES
    )


def client_address(request):
    """The address of the person behind ``request``.

    ``X-Forwarded-For`` is read only when the connection comes from a proxy listed in
    ``settings.TRUSTED_PROXIES``; then the nearest address in it that is not itself a trusted
    proxy is the client. Anyone can send the header, so without a trusted proxy it is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "") or None
    if remote is None or not _is_trusted_proxy(remote):
        return remote
    forwarded = [
        item.strip()
        for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if item.strip()
    ]
    for address in reversed(forwarded):
        if not _is_trusted_proxy(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote
    return remote


class RequestOriginMiddleware:
    """Keeps the client's address and browser where ``core.audit.log_action`` reads them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        origin = RequestOrigin(
            ip_address=client_address(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        )
        token = set_origin(origin)
        try:
            return self.get_response(request)
        finally:
            reset_origin(token)


LAST_SEEN_KEY = "cloudpark_last_seen"
SIGNED_IN_KEY = "cloudpark_signed_in_at"
# Writing the session on every request would cost a database write per page; a minute's
# precision is enough for a limit counted in tens of minutes.
IDLE_RESOLUTION_SECONDS = 60


class SessionLimitsMiddleware:
    """Signs out a person idle for longer than ``settings.SESSION_IDLE_SECONDS``, or signed in
    for longer than ``settings.SESSION_COOKIE_AGE`` however active. Django's own expiry slides
    with every save of the session, so the absolute limit is counted here from sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_KEY, now)
            last_seen = session.get(LAST_SEEN_KEY, now)
            if (
                now - last_seen > settings.SESSION_IDLE_SECONDS
                or now - signed_in_at > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
                messages.info(request, _t("You were signed out to protect your account."))
                return redirect_to_login(request.get_full_path())
            if LAST_SEEN_KEY not in session or now - last_seen >= IDLE_RESOLUTION_SECONDS:
                session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def permissions_policy_header(policy):
    """``{"camera": ["self"], "usb": []}`` as ``camera=(self), usb=()``."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())


class PermissionsPolicyMiddleware:
    """Sends ``settings.PERMISSIONS_POLICY``: which browser features pages may use at all."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
