"""Letting tickets in at the door."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.events import enums, tickets
from cloudpark.events.models import CheckIn, Event, Registration
from cloudpark.events.services.common import local_text

CHECKED_IN = audit.register("events.registration.checked_in", _("Checked in"))


class AlreadyCheckedIn(DomainError):
    """A second check-in of a ticket at the same door; ``first`` is the one that counted."""

    def __init__(self, first, door):
        self.first = first
        super().__init__(
            _t("Already checked in: this ticket was let in at %(time)s.")
            % {"time": local_text(first.checked_in_at, door)}
        )


def admits(door, event):
    """Whether ``door`` lets in the tickets of ``event``: its own, and at the door of a main
    event those of its parts too."""
    return event.pk == door.pk or (door.parent_id is None and event.parent_id == door.pk)


def _ticket_registration(reading):
    queryset = Registration.objects.select_for_update()
    if reading.is_signed:
        registration = queryset.filter(pk=reading.registration_id).first()
        if (
            registration is None
            or registration.code != reading.code
            or registration.event_id != reading.event_id
        ):
            raise tickets.InvalidTicket(_t("This ticket no longer exists or has been altered."))
        return registration
    registration = queryset.filter(code=reading.code).first()
    if registration is None:
        raise tickets.InvalidTicket(
            _t("No ticket has the code %(code)s. Check the letters and digits and try again.")
            % {"code": f"{reading.code[:5]}-{reading.code[5:]}"}
        )
    return registration


@transaction.atomic
def check_in(door, code, *, actor, now=None):
    """Let a ticket in at ``door`` (an event or a part), once only.

    ``code`` is what the camera read (the signed payload) or what was typed (the short code).
    Forged or altered payloads, other events' tickets and registrations without a seat are
    refused; a second check-in at the same door says when the first one was.
    """
    now = now or timezone.now()
    reading = tickets.read(code)
    door = Event.objects.get(pk=door.pk)
    if door.status != enums.EventStatus.PUBLISHED:
        raise DomainError(
            _t("Check-in is open while the event is published (it is now: %(status)s).")
            % {"status": door.get_status_display()}
        )
    registration = _ticket_registration(reading)
    event = registration.event
    if not admits(door, event):
        raise DomainError(
            _t("This ticket is for another event: %(event)s.")
            % {"event": event.display_title if event.is_public else _t("not this one")}
        )
    if registration.status != enums.RegistrationStatus.CONFIRMED:
        raise DomainError(
            _t("This ticket does not let anyone in: the registration is %(status)s.")
            % {"status": registration.get_status_display()}
        )
    first = CheckIn.objects.filter(registration=registration, door=door).first()
    if first is not None:
        raise AlreadyCheckedIn(first, door)
    method = enums.CheckInMethod.SCANNED if reading.is_signed else enums.CheckInMethod.TYPED
    check = CheckIn.objects.create(
        registration=registration,
        door=door,
        checked_in_at=now,
        checked_in_by=actor if actor is not None and actor.is_authenticated else None,
        method=method,
    )
    audit.log_action(
        registration, CHECKED_IN, actor=actor, data={"door": door.pk, "method": method}
    )
    return check
