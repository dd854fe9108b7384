import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _t

from cloudpark.core import links
from cloudpark.events import enums, ical, tickets
from cloudpark.events.models import Registration

logger = logging.getLogger(__name__)


def ticket_message(registration):
    """The ticket e-mail, in the language the person registered in: the code, a link to the
    ticket page, the QR code as a picture and the event for their calendar."""
    event = registration.event
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        url = links.absolute_url(links.url("events.registration.individual", registration.pk))
        starts = event.local_starts_at.strftime("%Y-%m-%d %H:%M")
        subject = _t("Your ticket: %(event)s") % {"event": event.display_title}
        body = "\n".join(
            [
                _t("Dear %(name)s,") % {"name": registration.name},
                "",
                _t("Your seat at %(event)s is confirmed.") % {"event": event.display_title},
                _t("When: %(time)s (%(zone)s)") % {"time": starts, "zone": event.time_zone},
                _t("Where: %(venue)s, %(city)s")
                % {"venue": event.display_venue, "city": event.display_city},
                "",
                _t("Show the attached QR code at the door, or give your ticket code: %(code)s")
                % {"code": registration.display_code},
                _t("Your ticket online: %(url)s") % {"url": url},
            ]
        )
        calendar = ical.calendar([(event, url)], name=event.display_title)
    message = EmailMessage(subject[:200], body, None, [registration.user.email])
    message.attach("ticket.png", tickets.qr_png_bytes(registration), "image/png")
    message.attach("event.ics", calendar, "text/calendar")
    return message


@task
def send_ticket_email(registration_id):
    """E-mail a confirmed registration its ticket. One that is gone, has lost its seat since,
    or whose event is over by now is skipped: its ticket would let no one in."""
    registration = (
        Registration.objects.select_related("event", "user")
        .filter(
            pk=registration_id,
            status=enums.RegistrationStatus.CONFIRMED,
            event__ends_at__gt=timezone.now(),
        )
        .first()
    )
    if registration is None or not registration.user.email:
        return
    try:
        ticket_message(registration).send()
    except (smtplib.SMTPException, OSError):
        logger.exception("The ticket of registration %s could not be e-mailed", registration_id)
