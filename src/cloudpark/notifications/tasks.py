import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _t

from cloudpark.core.links import absolute_url
from cloudpark.notifications.kinds import render
from cloudpark.notifications.models import Notification

logger = logging.getLogger(__name__)


@task
def send_notification_emails(notification_ids):
    """E-mail each notification to its recipient; ones already sent or gone are skipped."""
    pending = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True
    ).select_related("recipient")
    for notification in pending:
        recipient = notification.recipient
        if not recipient.email:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            subject = _t("Cloud Park: %(text)s") % {"text": notification.text}
            body = notification.text
            if notification.url:
                body += "\n\n" + absolute_url(notification.url)
        try:
            send_mail(subject[:200], body, None, [recipient.email])
        except (smtplib.SMTPException, OSError):
            logger.exception("Notification %s could not be e-mailed", notification.pk)
            continue
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


@task
def send_email_to_address(address, kind, params, url=""):
    """E-mail a registered kind of message to an address that may have no account yet (an
    invitation). ``url`` leaves the platform, so it is already absolute."""
    with translation.override(settings.LANGUAGE_CODE):
        text = render(kind, params)
        subject = _t("Cloud Park: %(text)s") % {"text": text}
    body = f"{text}\n\n{url}" if url else text
    try:
        send_mail(subject[:200], body, None, [address])
    except (smtplib.SMTPException, OSError):
        logger.exception("A %s message could not be e-mailed", kind)
