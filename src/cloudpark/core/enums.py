from django.db import models
from django.utils.translation import pgettext_lazy

from cloudpark.core.states import transition_table


class ExportStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("export status", "Queued")
    RUNNING = "running", pgettext_lazy("export status", "Being written")
    READY = "ready", pgettext_lazy("export status", "Ready")
    FAILED = "failed", pgettext_lazy("export status", "Failed")

    @classmethod
    def in_progress(cls):
        return (cls.QUEUED, cls.RUNNING)


EXPORT_TRANSITIONS = transition_table(
    ExportStatus,
    {
        ExportStatus.QUEUED: {ExportStatus.RUNNING, ExportStatus.FAILED},
        ExportStatus.RUNNING: {ExportStatus.READY, ExportStatus.FAILED},
        ExportStatus.READY: set(),
        ExportStatus.FAILED: set(),
    },
)
