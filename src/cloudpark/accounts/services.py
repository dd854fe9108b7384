import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit, validators

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


@transaction.atomic
def sign_out_everywhere(user, *, actor):
    """End every session ``user`` has, on every device, the caller's own included.

    Each session carries a value derived from the person's session secret
    (``User.get_session_auth_hash``); a new secret makes every one of them invalid at its next
    request, whichever session backend holds them.
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    user.session_secret = secrets.token_hex()
    user.save(update_fields=["session_secret"])
    audit.log_action(user, SIGNED_OUT_EVERYWHERE, actor=actor)
    return user
