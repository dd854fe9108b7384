"""Totals that lists show on every request, kept up to date as the rows they count change
rather than counted each time: each park's resident enterprises (``Park.enterprise_total``)
and the number of enterprises on the platform (cached)."""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_init, post_save, pre_delete

ENTERPRISE_COUNT_KEY = "orgs:enterprise-count"
# Another web process may still hold a cached figure after a change made elsewhere (a
# per-process cache): this bounds how long.
ENTERPRISE_COUNT_SECONDS = 300


def refresh_park_totals(park_ids):
    """Count again the enterprises of the parks ``park_ids``, one indexed count per park."""
    # Models load only once the app registry is ready; this module is imported before.
    from cloudpark.orgs.models import Enterprise, Park

    park_ids = {park_id for park_id in park_ids if park_id is not None}
    if not park_ids:
        return
    counted = (
        Enterprise.objects.filter(park=OuterRef("pk"))
        .order_by()
        .values("park")
        .annotate(total=Count("pk"))
        .values("total")
    )
    Park.objects.filter(pk__in=park_ids).update(enterprise_total=Coalesce(Subquery(counted), 0))


def refresh_all_park_totals():
    from cloudpark.orgs.models import Park  # the app registry is ready when this runs

    refresh_park_totals(Park.objects.values_list("pk", flat=True))


def enterprise_count():
    """Every enterprise on the platform, counted at most once per few minutes."""
    from cloudpark.orgs.models import Enterprise  # the app registry is ready when this runs

    total = cache.get(ENTERPRISE_COUNT_KEY)
    if total is None:
        total = Enterprise.objects.count()
        cache.set(ENTERPRISE_COUNT_KEY, total, ENTERPRISE_COUNT_SECONDS)
    return total


def enterprises_changed(park_ids=()):
    """Enterprises were added, removed or moved between ``park_ids``: refresh the totals
    now, and forget the platform's count once the change is committed."""
    refresh_park_totals(park_ids)
    transaction.on_commit(lambda: cache.delete(ENTERPRISE_COUNT_KEY))


def _remember_park(sender, instance, **kwargs):
    instance._loaded_park_id = instance.__dict__.get("park_id")


def _saved(sender, instance, created, update_fields=None, **kwargs):
    if not created and update_fields is not None and "park" not in update_fields:
        return
    # A copy refreshed from the database remembers no park: counting again is then harmless.
    before = getattr(instance, "_loaded_park_id", None)
    if created or before != instance.park_id:
        enterprises_changed({before, instance.park_id})
    instance._loaded_park_id = instance.park_id


def _deleting(sender, instance, **kwargs):
    # The object in hand may predate a move made through another copy of it.
    instance._deleted_park_id = (
        sender._base_manager.filter(pk=instance.pk).values_list("park_id", flat=True).first()
    )


def _deleted(sender, instance, **kwargs):
    enterprises_changed({getattr(instance, "_deleted_park_id", None), instance.park_id})


def connect():
    from cloudpark.orgs.models import Enterprise  # the app registry is ready when this runs

    post_init.connect(_remember_park, sender=Enterprise, dispatch_uid="orgs_totals_init")
    post_save.connect(_saved, sender=Enterprise, dispatch_uid="orgs_totals_saved")
    pre_delete.connect(_deleting, sender=Enterprise, dispatch_uid="orgs_totals_deleting")
    post_delete.connect(_deleted, sender=Enterprise, dispatch_uid="orgs_totals_deleted")
