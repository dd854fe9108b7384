"""Lockout after repeated wrong passwords (django-axes), by account and, separately, by address.

Axes is told where the attempted account is in each way in (``attempted_account``) and where
the client is (``core.middleware.client_address``). ``LockoutHandler`` gives the account and the
address their own limits, and ``cool_off`` makes each further lock of an account within a day
twice as long as the one before.
"""

import logging
import math
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit
from cloudpark.core.models import AuditEntry

logger = logging.getLogger(__name__)

ACCOUNT_LOCKED = audit.register(
    "accounts.sign_in.locked", _("Account locked after failed sign-ins")
)

FIRST_COOL_OFF = timedelta(minutes=15)
LONGEST_COOL_OFF = timedelta(hours=24)
LOCK_MEMORY = timedelta(hours=24)

# The field each way in names the account with: allauth's form posts "login" and passes
# "email" to authenticate(); the admin and the API token endpoint use "username".
ACCOUNT_FIELDS = ("email", "username", "login")


def attempted_account(request, credentials=None):
    """The account a sign-in attempt was for, as the lowercase e-mail address typed."""
    sources = [credentials or {}]
    if request is not None:
        sources.append(getattr(request, "data", None) or request.POST)
    for source in sources:
        for field in ACCOUNT_FIELDS:
            value = source.get(field)
            if isinstance(value, str) and value.strip():
                return value.strip().lower()[:255]
    return None


def locks_of(account, *, since):
    return AuditEntry.objects.filter(
        action=ACCOUNT_LOCKED, data__account=account, created_at__gte=since
    ).count()


def cool_off(request=None):
    """15 minutes for an account's first lock in a day, doubling with each further one."""
    account = attempted_account(request, getattr(request, "axes_credentials", None))
    if account is None:
        return FIRST_COOL_OFF
    earlier = locks_of(account, since=timezone.now() - LOCK_MEMORY)
    return min(FIRST_COOL_OFF * 2 ** min(earlier, 10), LONGEST_COOL_OFF)


class LockoutHandler(AxesDatabaseHandler):
    """Counts an account's failures against ``AXES_ACCOUNT_FAILURE_LIMIT`` and an address's
    against the higher ``AXES_ADDRESS_FAILURE_LIMIT``.

    Axes compares one count with one limit; the address's count is scaled to the account's
    limit so that each reaches the lock at its own threshold.
    """

    def get_failures(self, request, credentials=None):
        account_attempts, address_attempts = self.get_user_attempts(request, credentials)
        account = account_attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
        address = address_attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
        scaled_address = (
            address * settings.AXES_ACCOUNT_FAILURE_LIMIT // settings.AXES_ADDRESS_FAILURE_LIMIT
        )
        return max(account, scaled_address)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        already_locked = getattr(request, "axes_locked_out", False)
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is not None and request.axes_locked_out and not already_locked:
            account = attempted_account(request, credentials)
            logger.warning(
                "Sign-in locked for account %s from %s", account, request.axes_ip_address
            )
            audit.log_action(audit_subject(account), ACCOUNT_LOCKED, data={"account": account})


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked sign-in gets, in the reader's language, saying how long to wait."""
    account = attempted_account(request, credentials)
    until = AccessAttempt.objects.filter(
        Q(username=account) | Q(ip_address=request.axes_ip_address)
    ).aggregate(until=Max("expiration__expires_at"))["until"]
    remaining = (until - timezone.now()) if until else FIRST_COOL_OFF
    minutes = max(1, math.ceil(remaining.total_seconds() / 60))
    return render(
        request,
        "allauth/lockout.html",
        {"cooloff_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def audit_subject(account):
    """The person an attempt named, or the user model when no such account exists."""
    # The user model is known once the app registry is ready, after this module loads.
    from django.contrib.auth import get_user_model

    model = get_user_model()
    person = model.objects.filter(email=account).first() if account else None
    return person if person is not None else model
