import logging

from django.tasks import task

from cloudpark.dashboards import services

logger = logging.getLogger(__name__)


@task
def refresh_figures():
    """Recompute the figures store: enqueued when reported figures change, and run nightly
    by the worker's scheduler or ``cloudpark refresh-figures``."""
    count = services.refresh_figures()
    logger.info("Stored %s figures", count)
    return count
