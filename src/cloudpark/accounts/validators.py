"""Password rules beyond Django's own (settings.AUTH_PASSWORD_VALIDATORS, docs/security.md)."""

import re
from pathlib import Path

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

BREACHED_PASSWORDS = Path(__file__).resolve().parent / "data" / "breached-passwords.txt.gz"

# The product's names in its languages and the ways people write them.
PRODUCT_NAMES = ("cloudpark", "cloud park", "云园区", "yunyuanqu")
# Two Chinese characters make a whole name (张伟); two Latin letters are in too many words.
SHORTEST_PERSONAL_PART = 3
SHORTEST_CHINESE_PART = 2


def _folded(value):
    """Lowercase, without spaces, dots, dashes and underscores: ``Cloud-Park`` is ``cloudpark``."""
    return re.sub(r"[\s._\-]+", "", value.casefold())


class ProductNameValidator:
    """Refuses a password containing the platform's name, the first thing an attacker tries."""

    def validate(self, password, user=None):
        folded = _folded(password)
        if any(_folded(name) in folded for name in PRODUCT_NAMES):
            raise ValidationError(
                _t("Your password cannot contain the name of this platform."),
                code="password_has_product_name",
            )

    def get_help_text(self):
        return _("Your password cannot contain the name of this platform.")


class PersonalDataValidator:
    """Refuses a password containing the person's name or a part of their e-mail address
    (``wang.lei@example.cn`` gives ``wanglei``, ``wang``, ``lei`` and ``example``) of three
    letters or two Chinese characters or more. Django's similarity check only compares whole
    values."""

    def validate(self, password, user=None):
        if user is None:
            return
        folded = _folded(password)
        if any(part in folded for part in self.personal_parts(user)):
            raise ValidationError(
                _t("Your password cannot contain your name or your e-mail address."),
                code="password_has_personal_data",
            )

    @staticmethod
    def personal_parts(user):
        email = (getattr(user, "email", "") or "").casefold()
        local, _at, domain = email.partition("@")
        pieces = [local, getattr(user, "name", "") or ""]
        pieces += re.split(r"[._\-+]", local)
        pieces += domain.split(".")[:-1]
        pieces += (getattr(user, "name", "") or "").split()
        parts = {_folded(piece) for piece in pieces}
        return {
            part
            for part in parts
            if len(part) >= (SHORTEST_PERSONAL_PART if part.isascii() else SHORTEST_CHINESE_PART)
        }

    def get_help_text(self):
        return _("Your password cannot contain your name or your e-mail address.")


class BreachedPasswordValidator(CommonPasswordValidator):
    """Refuses the passwords of a list shipped with the platform (no network is asked): the
    ~20,000 most common passwords of public breaches that Django ships, and the most common
    passwords of Chinese breaches. See docs/security.md for how the list is built."""

    def __init__(self, password_list_path=BREACHED_PASSWORDS):
        super().__init__(password_list_path)
