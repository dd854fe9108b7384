"""The events endpoints apply the same rules as the pages."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cloudpark.events import services, tickets
from cloudpark.events.models import CheckIn, Registration
from cloudpark.orgs import enums
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OrganizerFactory,
    PartFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient(headers={"accept-language": "en"})


def test_the_public_list_holds_public_main_events_with_filters(api):
    EventFactory(title="草稿论坛")
    film_week = EventFactory(title="中国—东盟电影文化周", kind="film_week", published=True)
    forum = EventFactory(title="网络媒体论坛", published=True)
    PartFactory(parent=forum)

    everything = api.get(reverse("api:event-list")).json()
    found = api.get(reverse("api:event-list"), {"q": "电影"}).json()
    by_kind = api.get(reverse("api:event-list"), {"kind": "forum"}).json()

    assert sorted(row["id"] for row in everything["results"]) == sorted([film_week.pk, forum.pk])
    assert [row["id"] for row in found["results"]] == [film_week.pk]
    assert [row["id"] for row in by_kind["results"]] == [forum.pk]


def test_the_detail_holds_organisers_parts_and_agenda(api):
    event = EventFactory(published=True)
    OrganizerFactory(event=event, role="supporter", name="支持单位")
    OrganizerFactory(event=event, role="guidance", name="指导单位")
    session = SessionFactory(event=event)
    part = PartFactory(parent=event)
    services.publish_event(part, actor=None)

    body = api.get(reverse("api:event-detail", args=[event.pk])).json()

    assert [(o["role"], o["name"]) for o in body["organizers"]] == [
        ("guidance", "指导单位"),
        ("supporter", "支持单位"),
    ]
    assert [p["id"] for p in body["parts"]] == [part.pk]
    assert [s["id"] for s in body["sessions"]] == [session.pk]


def test_a_signed_in_person_registers_and_gets_a_ticket(api):
    event = EventFactory(published=True, registration_enabled=True)
    person = UserFactory(name="王梓涵")
    api.force_authenticate(person)

    response = api.post(
        reverse("api:event-register", args=[event.pk]), {"name": "王梓涵"}, format="json"
    )

    registration = Registration.objects.get()
    assert response.status_code == 201
    assert response.json()["status"] == "confirmed"
    assert response.json()["ticket"] == tickets.payload_for(registration)


def test_a_refused_registration_is_a_400_with_its_message(api):
    event = EventFactory(
        published=True, registration_enabled=True, capacity=1, has_waiting_list=False
    )
    RegistrationFactory(event=event)
    api.force_authenticate(UserFactory())

    response = api.post(
        reverse("api:event-register", args=[event.pk]), {"name": "王"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"detail": "This event is full, and it keeps no waiting list."},
    )


def test_anonymous_visitors_cannot_register(api):
    event = EventFactory(published=True, registration_enabled=True)

    response = api.post(
        reverse("api:event-register", args=[event.pk]), {"name": "王"}, format="json"
    )

    assert response.status_code in {401, 403}
    assert not Registration.objects.exists()


def test_a_person_lists_and_cancels_their_own_registrations_only(api):
    mine = RegistrationFactory()
    theirs = RegistrationFactory()
    api.force_authenticate(mine.user)

    listed = api.get(reverse("api:registration-list")).json()
    cancelled = api.post(reverse("api:registration-cancel", args=[mine.pk]))
    refused = api.post(reverse("api:registration-cancel", args=[theirs.pk]))

    theirs.refresh_from_db()
    assert [row["id"] for row in listed["results"]] == [mine.pk]
    assert cancelled.json()["status"] == "cancelled"
    assert (refused.status_code, theirs.status) == (404, "confirmed")


def test_an_organiser_checks_a_ticket_in_once(api, park):
    registration = RegistrationFactory(event__owner=park)
    api.force_authenticate(MembershipFactory(organization=park, role=enums.Role.STAFF).user)
    url = reverse("api:event-check-in", args=[registration.event.pk])

    first = api.post(url, {"code": tickets.payload_for(registration)}, format="json")
    second = api.post(url, {"code": registration.code}, format="json")

    check = CheckIn.objects.get()
    local = check.checked_in_at.astimezone(registration.event.zone).strftime("%Y-%m-%d %H:%M")
    assert (first.status_code, first.json()["method"]) == (201, "scanned")
    assert (second.status_code, second.json()["detail"]) == (
        400,
        f"Already checked in: this ticket was let in at {local}.",
    )


def test_another_organisations_door_is_not_found(api, park, other_park):
    registration = RegistrationFactory(event__owner=other_park)
    api.force_authenticate(MembershipFactory(organization=park, role=enums.Role.ADMIN).user)

    response = api.post(
        reverse("api:event-check-in", args=[registration.event.pk]),
        {"code": registration.code},
        format="json",
    )

    assert response.status_code == 404
    assert not CheckIn.objects.exists()
