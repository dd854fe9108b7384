"""The ticket e-mail."""

import pytest

from cloudpark.events import services, tasks
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_a_confirmed_seat_is_e_mailed_its_ticket_with_a_qr_code_and_a_calendar(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = RegistrationFactory(name="王梓涵", language="en")

    message = mailoutbox[0]
    assert message.to == [registration.user.email]
    assert message.subject == f"Your ticket: {registration.event.title_en}"
    assert registration.display_code in message.body
    assert f"/me/events/{registration.pk}/" in message.body
    assert [(name, kind) for name, _content, kind in message.attachments] == [
        ("ticket.png", "image/png"),
        ("event.ics", "text/calendar"),
    ]
    assert message.attachments[0][1].startswith(b"\x89PNG")


def test_a_registration_that_lost_its_seat_is_not_e_mailed(mailoutbox):
    registration = RegistrationFactory()
    services.cancel_registration(registration, actor=None)

    tasks.send_ticket_email.call(registration.pk)

    assert mailoutbox == []


def test_a_waiting_registration_gets_no_ticket(django_capture_on_commit_callbacks, mailoutbox):
    holder = RegistrationFactory(event__capacity=1)

    with django_capture_on_commit_callbacks(execute=True):
        RegistrationFactory(event=holder.event)

    assert mailoutbox == []
