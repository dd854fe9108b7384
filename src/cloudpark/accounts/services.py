import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cloudpark.accounts import mfa
from cloudpark.accounts.models import ApiToken
from cloudpark.core import audit, validators
from cloudpark.core.errors import DomainError
from cloudpark.core.services import locked, validated

PROFILE_UPDATED = audit.register("accounts.user.profile_updated", _("Profile updated"))


@transaction.atomic
def update_profile(user, *, actor, name, mobile="", resident_id=""):
    """Change a person's own profile; numbers are stored in their normalised form.

    Works on a fresh copy, so that a refused change leaves the caller's object as it was.
    """
    # ``user`` may be request.user, a lazy object whose type is not the user model.
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    changed = {}
    values = {
        "name": name.strip(),
        "mobile": validators.normalize_mobile(mobile) if mobile else "",
        "resident_id": validators.normalize_resident_id(resident_id) if resident_id else "",
    }
    for field, value in values.items():
        if getattr(user, field) != value:
            setattr(user, field, value)
            changed[field] = True
    if changed:
        user.full_clean(exclude=["password"])
        user.save(update_fields=list(changed))
        # Which fields changed, never their values: the log must not copy personal data.
        audit.log_action(user, PROFILE_UPDATED, actor=actor, data={"fields": sorted(changed)})
    return user


SIGNED_OUT_EVERYWHERE = audit.register(
    "accounts.user.signed_out_everywhere", _("Signed out on every device")
)


MEMBER_SESSIONS_ENDED = audit.register(
    "accounts.user.sessions_ended", _("Sessions ended by an administrator")
)


def _end_sessions(user):
    """Give ``user`` a new session secret: every session they have ends at its next request.

    Each session carries a value derived from the person's session secret
    (``User.get_session_auth_hash``), so this holds whichever session backend keeps them.
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    user.session_secret = secrets.token_hex()
    user.save(update_fields=["session_secret"])
    return user


@transaction.atomic
def sign_out_everywhere(user, *, actor):
    """End every session ``user`` has, on every device, the caller's own included (the
    person's own request, or an administrator's in the admin)."""
    user = _end_sessions(user)
    audit.log_action(user, SIGNED_OUT_EVERYWHERE, actor=actor)
    return user


@transaction.atomic
def end_member_sessions(membership, *, actor):
    """An organisation's administrator ends every session of one of its members, on every
    device; the caller checks the right (``orgs.manage_members``). API tokens are not
    sessions: they stay until revoked."""
    membership = locked(membership, select_related=["user"])
    if not membership.is_active:
        raise DomainError(_("This person is no longer a member."))
    user = _end_sessions(membership.user)
    audit.log_action(
        user,
        MEMBER_SESSIONS_ENDED,
        actor=actor,
        data={"organization": membership.organization_id},
    )
    return user


# API tokens ----------------------------------------------------------------------------------

TOKEN_CREATED = audit.register("accounts.api_token.created", _("API token created"))
TOKEN_REVOKED = audit.register("accounts.api_token.revoked", _("API token revoked"))

# Every secret starts so, which tells a leaked one apart in logs and code scanners.
TOKEN_MARK = "cpk_"
MAX_ACTIVE_TOKENS = 20
# How often a token's "last used" time is written: at most once in this long.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_token(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def active_tokens_of(user):
    return ApiToken.objects.filter(
        user_id=user.pk, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )


@transaction.atomic
def create_api_token(user, *, actor, name):
    """A new token for ``user``, valid ``settings.API_TOKEN_DAYS`` days; returns it with its
    secret, which is kept nowhere: the caller shows it once."""
    # ``user`` may be request.user, a lazy object; the password time must be the stored one.
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if mfa.second_factor_missing(user):
        raise DomainError(mfa.MISSING_MESSAGE)
    if active_tokens_of(user).count() >= MAX_ACTIVE_TOKENS:
        raise DomainError(
            _("You have %(count)d tokens in use already: revoke one first.")
            % {"count": MAX_ACTIVE_TOKENS},
            field="name",
        )
    secret = TOKEN_MARK + secrets.token_urlsafe(32)
    now = timezone.now()
    token = validated(
        ApiToken(
            user=user,
            name=name.strip(),
            prefix=secret[:10],
            key_hash=hash_token(secret),
            password_changed_at=user.password_changed_at,
            created_at=now,
            expires_at=now + timedelta(days=settings.API_TOKEN_DAYS),
        ),
        exclude=["user"],
    )
    token.save()
    audit.log_action(token, TOKEN_CREATED, actor=actor, data={"name": token.name})
    return token, secret


@transaction.atomic
def revoke_api_token(token, *, actor):
    """End ``token`` now; revoking a revoked token changes nothing."""
    token = locked(token)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.log_action(token, TOKEN_REVOKED, actor=actor, data={"name": token.name})
    return token


def token_for_secret(secret):
    """The token whose secret is ``secret``, with its owner, or ``None``."""
    return ApiToken.objects.select_related("user").filter(key_hash=hash_token(secret)).first()


def record_token_use(token):
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
