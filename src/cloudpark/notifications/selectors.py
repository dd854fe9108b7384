from cloudpark.notifications.models import Notification


def notifications_of(user):
    return Notification.objects.filter(recipient=user)


def unread_count(user):
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
