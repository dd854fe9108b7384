import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from cloudpark.core import crypto, validators


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. Signs in with an e-mail address.

    Profile changes go through ``accounts.services.update_profile``; ending every session
    through ``accounts.services.sign_out_everywhere``.
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    mobile = models.CharField(
        _("mobile number"), max_length=11, blank=True, validators=[validators.validate_mobile]
    )
    # Encrypted at rest; found by the keyed digest beside it (``accounts.selectors``).
    resident_id = crypto.EncryptedTextField(
        _("resident ID number"),
        max_length=18,
        blank=True,
        validators=[validators.validate_resident_id],
    )
    resident_id_digest = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    # Part of every session's check value (``get_session_auth_hash``): a new secret ends every
    # session the person has, as a new password does.
    session_secret = models.CharField(max_length=64, default=secrets.token_hex, editable=False)
    password_changed_at = models.DateTimeField(
        _("password changed"), null=True, blank=True, editable=False
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name or self.email.partition("@")[0]

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def save(self, *args, update_fields=None, **kwargs):
        # The digest follows the number wherever it is saved from.
        self.resident_id_digest = crypto.digest(self.resident_id)
        if update_fields is not None and "resident_id" in update_fields:
            update_fields = {*update_fields, "resident_id_digest"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def _get_session_auth_hash(self, secret=None):
        return salted_hmac(
            "cloudpark.accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_secret}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()
