"""Pages a person must see before any other: the password change page once their password is
older than ``settings.PASSWORD_MAX_AGE_DAYS`` (off unless an operator sets the number), and
the authenticator set-up page while their role needs a second factor they do not have."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _t

from cloudpark.accounts import mfa

# Pages a person whose password has expired, or who has no second factor yet, may still reach:
# the account pages (sign-out, password, authenticator set-up) and what they need to show,
# and the load balancers' health check, which reads nothing from the database.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/jsi18n/", "/health/")


def password_expired(user):
    if not settings.PASSWORD_MAX_AGE_DAYS or not user.has_usable_password():
        return False
    changed = user.password_changed_at or user.date_joined
    return timezone.now() - changed > timedelta(days=settings.PASSWORD_MAX_AGE_DAYS)


class PasswordAgeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.PASSWORD_MAX_AGE_DAYS
            and user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and password_expired(user)
        ):
            messages.warning(request, _t("Your password has expired: please choose a new one."))
            return redirect(reverse("account_change_password"))
        return self.get_response(request)


class SecondFactorMiddleware:
    """Sends a person who must have a second factor (``accounts.mfa``) and has none to the
    authenticator set-up page; the API answers such a session 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and mfa.second_factor_missing(user)
        ):
            message = str(mfa.MISSING_MESSAGE)
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=403)
            messages.warning(request, message)
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
