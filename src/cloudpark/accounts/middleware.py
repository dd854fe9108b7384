"""Sends a person whose password is older than ``settings.PASSWORD_MAX_AGE_DAYS`` to the
password change page before anything else. Off unless an operator sets the number."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _t

# Pages a person whose password has expired may still reach.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/jsi18n/")


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
