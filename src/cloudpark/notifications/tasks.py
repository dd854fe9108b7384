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


def _message(kind, params):
    """The subject (in the platform's language) and a body in both languages: the platform
    does not know which one the recipient reads."""
    texts = []
    for language in (settings.LANGUAGE_CODE, *(code for code, _name in settings.LANGUAGES)):
        with translation.override(language):
            text = render(kind, params)
            if not texts:
                subject = _t("Cloud Park: %(text)s") % {"text": text}
        if text not in texts:
            texts.append(text)
    return subject, "\n\n".join(texts)


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
        subject, body = _message(notification.kind, notification.params)
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
    subject, body = _message(kind, params)
    if url:
        body += "\n\n" + url
    try:
        send_mail(subject[:200], body, None, [address])
    except (smtplib.SMTPException, OSError):
        logger.exception("A %s message could not be e-mailed", kind)
