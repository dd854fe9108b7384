from django.core.cache import cache
from django.http import Http404

from cloudpark.core import versions
from cloudpark.notifications.models import Notification

# How long a count is kept. With Redis (production) every web process sees a new version at
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


def unread_version_key(user_id):
    return f"notifications:unread-version:{user_id}"


def unread_count(user):
    """How many of ``user``'s notifications are unread: shown in the header of every page,
    so kept in the cache under a version per user that ``notifications.services`` renews
    whenever one of theirs is created or read."""
    if not user.is_authenticated:
        return 0
    version = versions.current(unread_version_key(user.pk))
    return cache.get_or_set(
        f"notifications:unread:{user.pk}:{version}",
        lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
        UNREAD_SECONDS,
    )
