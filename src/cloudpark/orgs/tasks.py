"""Work on large enterprise imports, done by the task worker rather than in a web request."""

import logging

from django.contrib.auth import get_user_model
from django.tasks import task
from django.utils import translation

from cloudpark.orgs import imports
from cloudpark.orgs.models import EnterpriseImport

logger = logging.getLogger(__name__)


def _run(import_id, language, work):
    """``work(enterprise_import)`` in the language of the person who asked; should it fail
    unexpectedly, the import is not left in progress for ever."""
    enterprise_import = EnterpriseImport.objects.filter(pk=import_id).first()
    if enterprise_import is None:
        return
    with translation.override(language):
        try:
            work(enterprise_import)
        except Exception:
            logger.exception("Enterprise import %s failed", import_id)
            imports.fail(enterprise_import)
            raise


@task
def check_enterprise_import(import_id, language):
    """Check a workbook kept as being checked; its page follows the progress."""
    _run(import_id, language, imports.check_in_background)


@task
def import_enterprises(import_id, actor_id, language):
    """Import a checked workbook marked as being imported, whole or not at all."""
    actor = get_user_model().objects.get(pk=actor_id)
    _run(import_id, language, lambda found: imports.import_in_background(found, actor=actor))
