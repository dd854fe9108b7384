from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from cloudpark.core.enums import ExportStatus


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyError(RuntimeError):
    pass


class AuditEntryQuerySet(models.QuerySet):
    """Bulk changes are refused like single ones; the database refuses them too (triggers
    added by ``core`` migration 0002), so that neither raw SQL nor a stray ``update()`` can
    rewrite the log."""

    def update(self, **kwargs):
        # Deleting a person clears ``actor`` through this method (``on_delete=SET_NULL``);
        # ``actor_ref`` keeps the entry attributed, so that is the one change let through.
        if kwargs == {"actor": None}:
            return super().update(**kwargs)
        raise AppendOnlyError("Audit entries are never changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries are never deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Audit entries are never changed.")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise AppendOnlyError("Audit entries are never changed.")


class AuditEntry(models.Model):
    """One thing that happened to one object. Written by ``core.audit.log_action`` only.

    Entries are never changed or deleted by the application: ``save`` refuses an update,
    ``delete`` and the bulk forms refuse outright, and database triggers refuse what gets
    past the ORM. The one change allowed is the database clearing ``actor`` when a person is
    deleted; ``actor_ref`` keeps the entry attributed after that.
    """

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    data = models.JSONField(_("data"), default=dict, blank=True)
    actor_ref = models.CharField(
        _("actor reference"),
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_("Who acted, kept when the person's account is deleted."),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries are never deleted.")

    @property
    def label(self):
        from cloudpark.core.audit import label_for  # audit imports this module

        return label_for(self.action)


def export_file_path(instance, filename):
    return f"exports/{instance.user_id}/{filename}"


class ExportFile(TimeStampedModel):
    """A workbook a person asked for that is too large to write inside a request: the task
    worker writes it, its page follows the progress, and only that person downloads it, until
    it expires. What it holds is named by ``kind`` (registered in ``core.exports``) with the
    list's filters and the language it was asked in.

    State changes go through ``core.exports.request_export`` and ``core.exports.write_export``.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_files"
    )
    # The organisation the person acted for, whose rights decide the rows; none for a public
    # list. Named as a string: the kernel imports no app.
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=60)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    # Kept under MEDIA_ROOT, which no URL serves: the download view streams it to its owner.
    file = models.FileField(_("file"), upload_to=export_file_path, blank=True)
    original_name = models.CharField(_("file name"), max_length=200)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return self.original_name

    @property
    def in_progress(self):
        return self.status in ExportStatus.in_progress()

    @property
    def percent_done(self):
        return min(100, round(100 * self.rows_done / self.rows_total)) if self.rows_total else 0


class PeriodicRun(models.Model):
    """When the task worker last started a piece of periodic work (``core.schedule``). Of
    several workers asking at once, the one whose update moves ``last_started_at`` on is the
    one that starts it."""

    name = models.CharField(_("task"), max_length=200, unique=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodic run")
        verbose_name_plural = _("periodic runs")

    def __str__(self):
        return self.name
