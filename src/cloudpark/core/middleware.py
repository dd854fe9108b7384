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
# The last request's time is kept to a minute: precise enough for a limit counted in tens of
# minutes, and the cookie below is then sent again at most once a minute.
IDLE_RESOLUTION_SECONDS = 60
# The time of the last request after sign-in, in a cookie signed for the session it belongs
# to. Kept in the session itself, it cost a database write a minute for every person active,
# on every busy page (a registration rush: one in four of a registration's statements). The
# session keeps the time of sign-in as the last request's until the cookie first says later.
LAST_SEEN_COOKIE = "cloudpark_seen"


def _seen_salt(session):
    return f"cloudpark.last-seen:{session.session_key}"


def last_seen(request):
    """When the signed-in person behind ``request`` last made a request (epoch seconds)."""
    session = request.session
    seen = session.get(LAST_SEEN_KEY)
    if session.session_key is not None:
        cookie = request.get_signed_cookie(LAST_SEEN_COOKIE, default=None, salt=_seen_salt(session))
        if cookie is not None and cookie.isdigit():
            seen = max(seen or 0, int(cookie))
    return seen


class SessionLimitsMiddleware:
    """Signs out a person idle for longer than ``settings.SESSION_IDLE_SECONDS``, or signed in
    for longer than ``settings.SESSION_COOKIE_AGE`` however active. Django's own expiry slides
    with every save of the session, so the absolute limit is counted here from sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        now = int(time.time())
        session = request.session
        signed_in_at = session.setdefault(SIGNED_IN_KEY, now)
        seen = last_seen(request)
        if seen is None:
            session[LAST_SEEN_KEY] = seen = now
        if (
            now - seen > settings.SESSION_IDLE_SECONDS
            or now - signed_in_at > settings.SESSION_COOKIE_AGE
        ):
            logout(request)
            messages.info(request, _t("You were signed out to protect your account."))
            response = redirect_to_login(request.get_full_path())
            response.delete_cookie(
                LAST_SEEN_COOKIE,
                path=settings.SESSION_COOKIE_PATH,
                domain=settings.SESSION_COOKIE_DOMAIN,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
            return response
        response = self.get_response(request)
        # Not when the view signed the person out: the session is then empty. After a new
        # sign-in (a new session key) the cookie is signed for the new session.
        key = session.session_key
        if now - seen >= IDLE_RESOLUTION_SECONDS and key is not None and not session.is_empty():
            response.set_signed_cookie(
                LAST_SEEN_COOKIE,
                str(now),
                salt=_seen_salt(session),
                max_age=settings.SESSION_IDLE_SECONDS,
                path=settings.SESSION_COOKIE_PATH,
                domain=settings.SESSION_COOKIE_DOMAIN,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
        return response


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
