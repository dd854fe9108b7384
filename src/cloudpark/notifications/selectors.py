from django.http import Http404

from cloudpark.notifications.models import Notification


def notifications_of(user):
    return Notification.objects.filter(recipient=user)


def get_notification_for(user, pk):
    try:
        return notifications_of(user).get(pk=pk)
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def unread_count(user):
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
