from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cloudpark.notifications.kinds import render


class Notification(models.Model):
    """Something that awaits a person, shown in the platform and sent by e-mail.

    The text is kept as a registered kind and its parameters, and rendered in the reader's
    language when shown. Written by ``notifications.services.notify``.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=100)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self):
        return self.text

    @property
    def text(self):
        return render(self.kind, self.params)

    @property
    def is_read(self):
        return self.read_at is not None
