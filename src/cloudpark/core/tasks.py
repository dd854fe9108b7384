"""Exports written by the task worker rather than in a web request, and their expiry."""

import logging
from datetime import timedelta

from django.tasks import task
from django.utils import translation

from cloudpark.core import exports, schedule
from cloudpark.core.errors import DomainError
from cloudpark.core.models import ExportFile

logger = logging.getLogger(__name__)


@task
def write_export(export_id):
    """Write a queued export in the language it was asked in; should it fail, it is marked
    failed rather than left in progress for ever."""
    language = ExportFile.objects.filter(pk=export_id).values_list("language", flat=True).first()
    if language is None:
        return
    with translation.override(language):
        try:
            exports.write_export(export_id)
        except DomainError as error:
            exports.fail(export_id, error)
        except Exception:
            logger.exception("Export %s failed", export_id)
            exports.fail(export_id, "error")
            raise


@task
def purge_expired_exports():
    """Delete the exports past their expiry; enqueued once a day by the worker
    (``core.schedule``), or run at once with ``cloudpark purge-exports``."""
    count = exports.purge_expired_exports()
    logger.info("Deleted %s expired exports", count)
    return count


schedule.register(purge_expired_exports, every=timedelta(days=1))
