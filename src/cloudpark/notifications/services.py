"""Notifications: in the platform at once, by e-mail through the task queue after commit."""

import logging

from django.db import transaction
from django.utils import timezone

from cloudpark.notifications.models import Notification

logger = logging.getLogger(__name__)

_KINDS = {}


def register(kind, template):
    """A kind of notification and its text, e.g. ``_("%(subject)s awaits your review")``."""
    _KINDS[kind] = template
    return kind


def render(kind, params):
    template = _KINDS.get(kind)
    if template is None:
        return kind
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        logger.warning("Notification %s cannot be rendered with %s", kind, sorted(params))
        return str(template)


def notify(recipients, kind, *, params=None, url=""):
    """Notify each recipient once; the e-mails are queued when the transaction commits."""
    if kind not in _KINDS:
        raise ValueError(f"Unregistered notification kind {kind!r}")
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, params=params or {}, url=url)
        for user in unique.values()
    )
    ids = [notification.pk for notification in notifications]
    if ids:
        from cloudpark.notifications.tasks import send_notification_emails

        transaction.on_commit(lambda: send_notification_emails.enqueue(ids))
    return notifications


def mark_read(notification, *, actor):
    if notification.recipient_id != actor.pk:
        raise PermissionError("Only the recipient marks a notification read.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
