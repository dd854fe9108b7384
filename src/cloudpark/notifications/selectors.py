from django.core.cache import cache
from django.http import Http404

from cloudpark.notifications.models import Notification

# How long a count is kept. With Redis (production) every web process sees it forgotten at
# once; a per-process cache (the demo under several workers) may show another process's
# count for up to this long after a change.
UNREAD_SECONDS = 60


def notifications_of(user):
    return Notification.objects.filter(recipient=user)


def get_notification_for(user, pk):
    try:
        return notifications_of(user).get(pk=pk)
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def unread_key(user_id):
    return f"notifications:unread:{user_id}"


def unread_count(user):
    """How many of ``user``'s notifications are unread: shown in the header of every page,
    so kept in the cache (one read of it a page) until ``notifications.services`` forgets it,
    whenever one of theirs is created or read."""
    if not user.is_authenticated:
        return 0
    return cache.get_or_set(
        unread_key(user.pk),
        lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
        UNREAD_SECONDS,
    )
