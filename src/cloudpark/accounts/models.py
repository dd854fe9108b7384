import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


class ApiToken(models.Model):
    """A personal credential for the API, made by ``accounts.services.create_api_token``.

    Only the SHA-256 of the secret is kept; the secret is shown once, when the token is made.
    A token is refused once it has expired, has been revoked, or its owner's password has
    changed since it was made (``password_changed_at`` keeps the owner's at that time).
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("owner")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    password_changed_at = models.DateTimeField(null=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires"), editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def ended_because(self, now=None):
        """Why the token may no longer be used (a key of ``REFUSALS``), or ``None``."""
        now = now or timezone.now()
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        if self.password_changed_at != self.user.password_changed_at:
            return "password"
        if not self.user.is_active:
            return "inactive"
        return None

    REFUSALS = {
        "revoked": _("This token has been revoked."),
        "expired": _("This token has expired."),
        "password": _("This token ended when its owner's password changed."),
        "inactive": _("The account of this token is inactive."),
    }
    STATUS_LABELS = {
        None: pgettext_lazy("token", "in use"),
        "revoked": pgettext_lazy("token", "revoked"),
        "expired": pgettext_lazy("token", "expired"),
        "password": pgettext_lazy("token", "ended by a password change"),
        "inactive": pgettext_lazy("token", "account inactive"),
    }

    def refusal(self, now=None):
        """Why the token may not be used now, for its holder; ``None`` when it may."""
        reason = self.ended_because(now)
        return None if reason is None else self.REFUSALS[reason]

    @property
    def status(self):
        return self.STATUS_LABELS[self.ended_because()]

    @property
    def is_active(self):
        return self.ended_because() is None
