import logging

from django.tasks import task

from cloudpark.jobs import services

logger = logging.getLogger(__name__)


@task
def purge_expired_resumes():
    """Erase the résumé copies past their retention period; run daily by the worker's
    scheduler or ``cloudpark purge-job-resumes``."""
    count = services.purge_expired_resumes()
    logger.info("Erased %s résumé copies past their retention period", count)
    return count
