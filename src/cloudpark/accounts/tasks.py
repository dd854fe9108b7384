import logging
import smtplib

from django.core.mail import EmailMultiAlternatives
from django.tasks import task

logger = logging.getLogger(__name__)


@task
def send_account_email(message):
    """Send an account e-mail (confirmation, password reset...) rendered at the request by
    ``accounts.adapter.AccountAdapter``. A mail server that cannot be reached is logged; the
    person can ask for the e-mail again."""
    email = EmailMultiAlternatives(
        message["subject"],
        message["body"],
        message["from_email"],
        message["to"],
        headers=message["headers"],
    )
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    try:
        email.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("The account e-mail %s could not be sent", message["template"])
