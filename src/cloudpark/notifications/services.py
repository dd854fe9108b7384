"""Notifications: in the platform at once, by e-mail through the task queue after commit."""

from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from cloudpark.core.services import enqueue_after_commit
from cloudpark.notifications.kinds import bilingual, is_registered, register, render
from cloudpark.notifications.models import Notification
from cloudpark.notifications.selectors import unread_key
from cloudpark.notifications.tasks import send_email_to_address, send_notification_emails

# ``register`` and ``render`` live in ``kinds`` (the model reads them too); services that
# send a kind keep registering it here.
__all__ = [
    "bilingual",
    "email_address",
    "forget_unread_counts",
    "mark_all_read",
    "mark_read",
    "notify",
    "register",
    "render",
]


def notify(recipients, kind, *, params=None, url=""):
    """Notify each recipient once; the e-mails are queued when the transaction commits."""
    if not is_registered(kind):
        raise ValueError(f"Unregistered notification kind {kind!r}")
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, params=params or {}, url=url)
        for user in unique.values()
    )
    forget_unread_counts(unique)
    ids = [notification.pk for notification in notifications]
    if ids:
        enqueue_after_commit(send_notification_emails, ids)
    return notifications


def email_address(address, kind, *, params=None, url=""):
    """E-mail ``address`` a message of ``kind`` once the transaction commits: for someone
    who may have no account to be notified in (an invitation). ``url`` must be absolute."""
    if not is_registered(kind):
        raise ValueError(f"Unregistered notification kind {kind!r}")
    params = params or {}
    enqueue_after_commit(send_email_to_address, address, kind, params, url)


def mark_read(notification, *, actor):
    if notification.recipient_id != actor.pk:
        raise PermissionError("Only the recipient marks a notification read.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        forget_unread_counts([actor.pk])
    return notification


def mark_all_read(user):
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if marked:
        forget_unread_counts([user.pk])
    return marked


def forget_unread_counts(user_ids):
    """The kept unread counts of ``user_ids`` are stale: forgotten now, and again once the
    transaction commits (a count another request took from the rows as they were before the
    commit is not kept). The functions above call it; so must whatever creates or reads
    notifications past them (the demo's bulk updates)."""
    keys = [unread_key(user_id) for user_id in user_ids]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(partial(cache.delete_many, keys))
