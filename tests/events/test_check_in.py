"""Tickets and the door: signed QR codes, typed codes, once only, and parts' own doors."""

from datetime import timedelta

import pytest
from django.core import signing

from cloudpark.core.errors import DomainError
from cloudpark.core.models import AuditEntry
from cloudpark.events import services, tickets
from cloudpark.events.models import CheckIn
from tests.factories import EventFactory, PartFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_a_scanned_ticket_is_let_in_once():
    registration = RegistrationFactory()
    moment = registration.event.starts_at - timedelta(minutes=20)

    check = services.check_in(
        registration.event, tickets.payload_for(registration), actor=None, now=moment
    )

    assert (check.registration, check.door, check.checked_in_at, check.method) == (
        registration,
        registration.event,
        moment,
        "scanned",
    )
    assert AuditEntry.objects.filter(
        action="events.registration.checked_in", object_id=str(registration.pk)
    ).exists()


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{first}-{rest}", " {first} {rest} "])
def test_a_typed_code_is_let_in_however_it_is_written(typed):
    registration = RegistrationFactory()
    code = registration.code
    text = typed.format(code=code, lower=code.lower(), first=code[:5], rest=code[5:])

    check = services.check_in(registration.event, text, actor=None)

    assert (check.registration, check.method) == (registration, "typed")


def test_a_second_check_in_says_when_the_first_was():
    registration = RegistrationFactory()
    first_time = registration.event.starts_at - timedelta(minutes=12)
    services.check_in(registration.event, registration.code, actor=None, now=first_time)

    with pytest.raises(services.AlreadyCheckedIn) as refused:
        services.check_in(
            registration.event,
            tickets.payload_for(registration),
            actor=None,
            now=first_time + timedelta(minutes=5),
        )

    local = first_time.astimezone(registration.event.zone).strftime("%Y-%m-%d %H:%M")
    assert str(refused.value) == f"Already checked in: this ticket was let in at {local}."
    assert CheckIn.objects.count() == 1


def test_a_forged_code_is_refused():
    registration = RegistrationFactory()
    forged = signing.dumps(
        {"r": registration.pk, "e": registration.event_id, "c": registration.code},
        key="not-the-platforms-secret-" * 3,
        salt=tickets.SALT,
    )

    with pytest.raises(tickets.InvalidTicket, match="altered or not issued here"):
        services.check_in(registration.event, forged, actor=None)

    assert not CheckIn.objects.exists()


def test_an_altered_code_is_refused():
    registration = RegistrationFactory()
    payload = tickets.payload_for(registration)
    data, _, signature = payload.partition(":")
    altered = signing.b64_encode(
        signing.b64_decode(data.encode()).replace(
            f'"r":{registration.pk}'.encode(), f'"r":{registration.pk + 1}'.encode()
        )
    ).decode()

    with pytest.raises(tickets.InvalidTicket):
        services.check_in(registration.event, f"{altered}:{signature}", actor=None)


def test_a_code_signed_for_another_purpose_is_refused():
    registration = RegistrationFactory()
    other_purpose = signing.dumps(
        {"r": registration.pk, "e": registration.event_id, "c": registration.code},
        salt="cloudpark.something.else",
    )

    with pytest.raises(tickets.InvalidTicket):
        services.check_in(registration.event, other_purpose, actor=None)


def test_another_events_ticket_is_refused_by_name():
    elsewhere = RegistrationFactory(
        event__title="视听产业论坛", event__title_en="Audiovisual Industry Forum"
    )
    door = EventFactory(published=True)

    with pytest.raises(
        DomainError, match="This ticket is for another event: Audiovisual Industry Forum"
    ):
        services.check_in(door, tickets.payload_for(elsewhere), actor=None)


def test_an_unknown_typed_code_is_refused():
    door = EventFactory(published=True)

    with pytest.raises(tickets.InvalidTicket, match="No ticket has the code ABCDE-FGHJK"):
        services.check_in(door, "abcde-fghjk", actor=None)


def test_a_code_of_the_wrong_shape_is_refused():
    door = EventFactory(published=True)

    with pytest.raises(tickets.InvalidTicket, match="10 letters and digits"):
        services.check_in(door, "12345", actor=None)


def test_a_waiting_registration_does_not_let_anyone_in():
    holder = RegistrationFactory(event__capacity=1)
    waiting = RegistrationFactory(event=holder.event)

    with pytest.raises(DomainError, match="the registration is On the waiting list"):
        services.check_in(holder.event, waiting.code, actor=None)


def test_check_in_is_closed_once_the_event_is_finished():
    registration = RegistrationFactory()
    event = registration.event
    services.finish_event(event, actor=None, now=event.starts_at + timedelta(hours=1))

    with pytest.raises(DomainError, match="Check-in is open while the event is published"):
        services.check_in(event, registration.code, actor=None)


def test_a_part_has_its_own_door_and_the_main_door_lets_its_tickets_in():
    part = PartFactory(registration_enabled=True)
    services.publish_event(part.parent, actor=None)
    ticket = RegistrationFactory(event=part)

    at_part = services.check_in(part, ticket.code, actor=None)
    at_main = services.check_in(part.parent, ticket.code, actor=None)

    assert (at_part.door, at_main.door) == (part, part.parent)


def test_a_part_door_refuses_the_main_events_tickets():
    part = PartFactory()
    main = part.parent
    services.update_event(main, actor=None, registration_enabled=True)
    services.publish_event(main, actor=None)
    ticket = RegistrationFactory(event=main)

    with pytest.raises(DomainError, match="This ticket is for another event"):
        services.check_in(part, ticket.code, actor=None)


def test_a_sibling_parts_ticket_is_refused():
    part = PartFactory(registration_enabled=True)
    sibling = PartFactory(parent=part.parent, registration_enabled=True)
    services.publish_event(part.parent, actor=None)
    ticket = RegistrationFactory(event=sibling)

    with pytest.raises(DomainError, match=f"another event: {sibling.title_en}"):
        services.check_in(part, ticket.code, actor=None)


def test_codes_are_read_back_from_what_the_qr_code_holds():
    registration = RegistrationFactory()

    reading = tickets.read(tickets.payload_for(registration))

    assert (reading.registration_id, reading.event_id, reading.code, reading.is_signed) == (
        registration.pk,
        registration.event_id,
        registration.code,
        True,
    )


def test_the_qr_code_is_an_svg_image():
    registration = RegistrationFactory()

    uri = tickets.qr_svg_data_uri(registration)

    assert uri.startswith("data:image/svg+xml")


def test_new_codes_use_the_unambiguous_alphabet():
    codes = {tickets.new_code() for _ in range(200)}

    assert all(len(code) == 10 and set(code) <= set(tickets.CODE_ALPHABET) for code in codes)
    assert not set("01IOL") & set(tickets.CODE_ALPHABET)
