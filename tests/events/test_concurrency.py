"""Races on PostgreSQL: many people registering at once never get more seats than there are,
and a ticket scanned at two desks at once is let in once."""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from cloudpark.events import services
from cloudpark.events.models import CheckIn, Registration
from tests.factories import EventFactory, RegistrationFactory, UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PEOPLE = 12
SEATS = 5


def run_together(work, arguments):
    """Run ``work(argument)`` in one thread each, released at the same moment; returns what
    each returned or raised. Each thread closes its own database connection."""
    barrier = threading.Barrier(len(arguments))
    outcomes = [None] * len(arguments)

    def run(index, argument):
        try:
            barrier.wait()
            outcomes[index] = work(argument)
        except Exception as error:  # noqa: BLE001  (the test reports what each thread met)
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(arguments)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_many_registrations_at_once_never_exceed_the_capacity():
    event = EventFactory(published=True, registration_enabled=True, capacity=SEATS)
    people = [UserFactory() for _ in range(PEOPLE)]
    url = reverse("public:event_register", args=[event.pk])

    def register(person):
        client = Client()
        client.force_login(person)
        return client.post(url, {"name": person.name}).status_code

    status_codes = run_together(register, people)

    event.refresh_from_db()
    assert status_codes == [302] * PEOPLE
    assert Counter(Registration.objects.values_list("status", flat=True)) == {
        "confirmed": SEATS,
        "waiting": PEOPLE - SEATS,
    }
    assert event.seats_taken == SEATS


def test_seats_cancelled_while_others_register_are_counted_and_given_on():
    event = EventFactory(published=True, registration_enabled=True, capacity=SEATS)
    holders = [RegistrationFactory(event=event) for _ in range(SEATS)]
    in_line = [RegistrationFactory(event=event) for _ in range(3)]
    newcomers = [UserFactory() for _ in range(PEOPLE - SEATS)]
    # The copy shows the event full: the newcomers hold its row side by side, not alone.
    assert services.seats_left(event) == 0

    def act(step):
        kind, subject = step
        if kind == "cancel":
            return services.cancel_registration(subject, actor=subject.user).status
        return services.register(event, subject, actor=subject, name=subject.name).status

    outcomes = run_together(
        act, [("cancel", holder) for holder in holders[:3]] + [("register", p) for p in newcomers]
    )

    event.refresh_from_db()
    waiting = Registration.objects.filter(event=event, status="waiting")
    assert Counter(outcomes)["cancelled"] == 3
    assert Counter(Registration.objects.values_list("status", flat=True)) == {
        "confirmed": SEATS,
        "cancelled": 3,
        "waiting": len(in_line) + len(newcomers) - 3,
    }
    assert event.seats_taken == SEATS
    assert not waiting.filter(pk__in=[r.pk for r in in_line]).exists()


def test_a_ticket_scanned_at_two_desks_at_once_is_let_in_once():
    registration = RegistrationFactory()
    door = registration.event

    outcomes = run_together(
        lambda code: services.check_in(door, code, actor=None), [registration.code] * 2
    )

    assert sorted(type(outcome).__name__ for outcome in outcomes) == [
        "AlreadyCheckedIn",
        "CheckIn",
    ]
    assert CheckIn.objects.count() == 1


def test_one_person_registering_twice_at_once_gets_one_registration_and_a_clear_refusal():
    event = EventFactory(published=True, registration_enabled=True, capacity=SEATS)
    person = UserFactory()

    outcomes = run_together(
        lambda _turn: services.register(event, person, actor=person, name=person.name), [1, 2]
    )

    event.refresh_from_db()
    assert sorted(type(outcome).__name__ for outcome in outcomes) == [
        "AlreadyRegistered",
        "Registration",
    ]
    assert "You are already registered for this event (Confirmed)." in [
        str(outcome) for outcome in outcomes
    ]
    assert (event.registrations.count(), event.seats_taken) == (1, 1)
