"""Personal data kept encrypted at rest, and found again by a keyed digest of its exact text.

``EncryptedTextField`` reads and writes plain text in Python and stores a Fernet token
(AES-128-CBC with an HMAC) in the database, so that a copy of the database or of a backup does
not give the values away. A token differs each time the same text is encrypted, so the column
cannot be filtered on: a model keeps ``digest(text)`` beside it and looks that up instead.

Keys come from the settings (``DATA_ENCRYPTION_KEYS``, ``DATA_LOOKUP_KEY``); outside production
they are derived from the secret key. ``rotate`` re-encrypts a token under the first key.
"""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django import forms
from django.apps import apps
from django.conf import settings
from django.db import models, transaction


def _derived(purpose):
    return hashlib.sha256(f"cloudpark:{purpose}:{settings.SECRET_KEY}".encode()).digest()


def _fernet():
    keys = settings.DATA_ENCRYPTION_KEYS or [base64.urlsafe_b64encode(_derived("data"))]
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(text):
    return _fernet().encrypt(text.encode()).decode("ascii")


def decrypt(token):
    try:
        return _fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken:
        raise ValueError(
            "A stored value cannot be decrypted with the keys in CLOUDPARK_DATA_KEYS."
        ) from None


def rotate(token):
    """``token`` encrypted again under the first key (the text itself is unchanged)."""
    return _fernet().rotate(token.encode("ascii")).decode("ascii")


def digest(text):
    """The keyed digest that finds ``text`` by its exact value; empty for no text."""
    if not text:
        return ""
    key = settings.DATA_LOOKUP_KEY.encode() or _derived("lookup")
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def encrypted_fields():
    """{model: [names of its encrypted fields]} across the installed apps."""
    found = {}
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            found[model] = names
    return found


def reencrypt_all(batch=500):
    """Every encrypted value written again under the first key, and every model's ``save``
    run, which refreshes the digests kept beside the values. Returns the rows written."""
    written = 0
    for model, names in encrypted_fields().items():
        pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), batch):
            with transaction.atomic():
                for row in model._base_manager.filter(pk__in=pks[start : start + batch]):
                    row.save(update_fields=names)
                    written += 1
    return written


class EncryptedTextField(models.TextField):
    """Plain text in Python, a Fernet token in the database. Forms edit it as a one-line
    field of at most ``max_length`` characters of plain text."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value

    def formfield(self, **kwargs):
        return models.Field.formfield(
            self, **{"form_class": forms.CharField, "max_length": self.max_length, **kwargs}
        )
