"""Exports too large to write inside a request: the person asks, the task worker writes the
workbook a chunk at a time while its page shows the progress, and the person downloads it
until it expires (``EXPORT_RETENTION_DAYS``).

A capability declares each kind of export once with ``register``: what the file is called,
and a function that reads an ``ExportFile`` (its person, organisation and filters) and gives
the ``ExportSheet`` to write, deciding the rows with the same rules as the list it comes from.
"""

import logging
import tempfile
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit, excel
from cloudpark.core.enums import EXPORT_TRANSITIONS, ExportStatus
from cloudpark.core.models import ExportFile
from cloudpark.core.services import enqueue_after_commit
from cloudpark.core.states import check_transition, may_move

logger = logging.getLogger(__name__)

EXPORT_REQUESTED = audit.register("core.export.requested", _("Export asked for"))
EXPORT_WRITTEN = audit.register("core.export.written", _("Export written"))
EXPORT_FAILED = audit.register("core.export.failed", _("Export failed"))

# The worker records how far it has got every this many rows.
PROGRESS_EVERY = 2000


@dataclass(frozen=True)
class ExportSheet:
    """What a kind of export writes: a sheet's title and headers, how many rows it will hold
    (for the progress bar) and the rows, read lazily."""

    title: str
    headers: list
    total: int
    rows: object


@dataclass(frozen=True)
class ExportKind:
    filename: str
    sheet: object


_KINDS = {}


def register(kind, *, filename, sheet):
    """Declare a kind of export (dotted: ``orgs.enterprises``): its file is named
    ``filename`` and the day, and ``sheet(export_file)`` gives its ``ExportSheet``, or
    raises ``DomainError`` when the person may no longer have it."""
    _KINDS[kind] = ExportKind(filename=filename, sheet=sheet)
    return kind


def plain_filters(filters):
    """A list's filters as an export keeps them: objects by their id, empty ones left out."""
    return {key: getattr(value, "pk", value) for key, value in filters.items() if value}


def request_export(kind, *, user, organization=None, filters=None):
    """Keep an export as queued and have the task worker write it once the request's
    transaction commits (``core.tasks.write_export``). ``filters`` are the list's, as JSON
    (ids, not objects), in the language the person asks in."""
    if kind not in _KINDS:
        raise ValueError(f"Unknown export: {kind}")
    now = timezone.now()
    # The tasks module imports this one to write the file.
    from cloudpark.core.tasks import write_export

    with transaction.atomic():
        export = ExportFile.objects.create(
            user=user,
            organization=organization,
            kind=kind,
            filters=filters or {},
            language=translation.get_language() or settings.LANGUAGE_CODE,
            original_name=f"{_KINDS[kind].filename}-{timezone.localdate(now).isoformat()}.xlsx",
            expires_at=now + timedelta(days=settings.EXPORT_RETENTION_DAYS),
        )
        audit.log_action(
            export, EXPORT_REQUESTED, actor=user, data={"kind": kind, "filters": export.filters}
        )
        enqueue_after_commit(write_export, export.pk)
    return export


def _move(export_id, target):
    """The export locked and moved to ``target``; None when it is gone or already moved on
    (a task run twice writes once)."""
    with transaction.atomic():
        export = ExportFile.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.status == target:
            return None
        if not may_move(EXPORT_TRANSITIONS, export.status, target):
            return None
        export.status = target
        export.save(update_fields=["status", "updated_at"])
        return export


class _Progress:
    """The rows passed on as they are written, the count recorded every
    ``PROGRESS_EVERY`` rows outside any transaction, so that the export's page sees it."""

    def __init__(self, export_id, rows):
        self.export_id = export_id
        self.rows = rows
        self.done = 0

    def __iter__(self):
        for row in self.rows:
            yield row
            self.done += 1
            if self.done % PROGRESS_EVERY == 0:
                ExportFile.objects.filter(pk=self.export_id).update(rows_done=self.done)


def write_export(export_id):
    """What the task worker does with a queued export: the workbook written row by row into
    a temporary file (memory stays flat), then kept in private storage for its person."""
    export = _move(export_id, ExportStatus.RUNNING)
    if export is None:
        return None
    sheet = _KINDS[export.kind].sheet(export)
    ExportFile.objects.filter(pk=export.pk).update(rows_total=sheet.total)
    progress = _Progress(export.pk, sheet.rows)
    with tempfile.TemporaryFile() as spool:
        excel.write_workbook(spool, sheet.title, sheet.headers, progress)
        spool.seek(0)
        export.file.save(export.original_name, File(spool), save=False)
    now = timezone.now()
    with transaction.atomic():
        locked = ExportFile.objects.select_for_update().get(pk=export.pk)
        check_transition(EXPORT_TRANSITIONS, locked.status, ExportStatus.READY)
        locked.status = ExportStatus.READY
        locked.file = export.file
        locked.rows_total = locked.rows_done = progress.done
        locked.finished_at = now
        locked.expires_at = now + timedelta(days=settings.EXPORT_RETENTION_DAYS)
        locked.save(
            update_fields=[
                "status",
                "file",
                "rows_total",
                "rows_done",
                "finished_at",
                "expires_at",
                "updated_at",
            ]
        )
        audit.log_action(locked, EXPORT_WRITTEN, actor=locked.user, data={"rows": progress.done})
    return locked


def fail(export_id, reason=""):
    """Record that an export could not be written; whatever was written is thrown away."""
    export = _move(export_id, ExportStatus.FAILED)
    if export is None:
        return None
    export.finished_at = timezone.now()
    export.save(update_fields=["finished_at", "updated_at"])
    audit.log_action(export, EXPORT_FAILED, actor=export.user, data={"reason": str(reason)})
    return export


def purge_expired_exports(now=None):
    """Delete the exports past their expiry, files and all; returns how many."""
    now = now or timezone.now()
    count = 0
    for export in ExportFile.objects.filter(expires_at__lte=now).only("pk", "file"):
        if export.file:
            export.file.delete(save=False)
        export.delete()
        count += 1
    return count


def exports_of(user):
    """The exports ``user`` asked for, newest first; nobody else's."""
    if not user.is_authenticated:
        return ExportFile.objects.none()
    return ExportFile.objects.filter(user=user, expires_at__gt=timezone.now())


def get_export_for(user, pk, *, ready=False):
    """One of ``user``'s own exports (ready to download, with ``ready``); anyone else's, or
    a missing one, is a 404."""
    queryset = exports_of(user)
    if ready:
        queryset = queryset.filter(status=ExportStatus.READY)
    try:
        return queryset.get(pk=pk)
    except (ExportFile.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
