"""Every sign-in, successful or not, in the log file and in the audit log."""

import logging
import time

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from cloudpark.accounts.lockout import attempted_account, audit_subject
from cloudpark.core import audit
from cloudpark.core.middleware import LAST_SEEN_KEY, SIGNED_IN_KEY

logger = logging.getLogger(__name__)

SIGNED_IN = audit.register("accounts.sign_in.succeeded", _("Signed in"))
SIGN_IN_FAILED = audit.register("accounts.sign_in.failed", _("Sign-in failed"))


@receiver(user_login_failed, dispatch_uid="cloudpark_sign_in_failed")
def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    account = attempted_account(request, credentials)
    origin = audit.current_origin()
    logger.warning(
        "Sign-in failed for account %s from %s with %r",
        account,
        origin.ip_address,
        origin.user_agent,
    )
    path = request.path if request is not None else ""
    audit.log_action(
        audit_subject(account), SIGN_IN_FAILED, data={"account": account, "path": path}
    )


@receiver(user_logged_in, dispatch_uid="cloudpark_signed_in")
def record_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_KEY] = now
        request.session[LAST_SEEN_KEY] = now
    audit.log_action(user, SIGNED_IN, actor=user, data={"path": getattr(request, "path", "")})
