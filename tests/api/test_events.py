"""The events endpoints apply the same rules as the pages."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from cloudpark.core.models import AuditEntry
from cloudpark.events import services, tickets
from cloudpark.events.models import CheckIn, Event, Registration
from cloudpark.notifications.models import Notification
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
from tests.factories.events import in_days

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


# The organisers' side ---------------------------------------------------------------------------


def new_event_body(**values):
    return {
        "kind": "forum",
        "title": "之江视听论坛",
        "starts_at": "2030-05-20T09:00:00+08:00",
        "ends_at": "2030-05-20T17:30:00+08:00",
        "city": "杭州",
        **values,
    }


def test_the_organisers_endpoints_are_in_the_schema(db, tmp_path):
    schema_file = tmp_path / "schema.yml"

    call_command("spectacular", "--fail-on-warn", "--file", str(schema_file))

    paths = [line.strip() for line in schema_file.read_text().splitlines() if line[:3] == "  /"]
    assert {
        "/api/v1/events/managed/:",
        "/api/v1/events/{id}/publish/:",
        "/api/v1/events/{id}/cancel/:",
        "/api/v1/events/{id}/finish/:",
        "/api/v1/events/{id}/registrations/:",
        "/api/v1/events/{id}/attendance/:",
        "/api/v1/registrations/{id}/approve/:",
        "/api/v1/registrations/{id}/reject/:",
    } <= set(paths)


def _pending_registration(park):
    event = EventFactory(
        owner=park, published=True, registration_enabled=True, requires_approval=True
    )
    return RegistrationFactory(event=event)


# (name, method, url of the park's event or registration, body, who may: "admin" or "staff")
ORGANISER_ENDPOINTS = [
    ("update", "patch", lambda r: reverse("api:event-detail", args=[r.event_id]), {"capacity": 9}),
    ("publish", "post", lambda r: reverse("api:event-publish", args=[r.event_id]), {}),
    ("cancel", "post", lambda r: reverse("api:event-cancel", args=[r.event_id]), {}),
    ("finish", "post", lambda r: reverse("api:event-finish", args=[r.event_id]), {}),
    ("registrations", "get", lambda r: reverse("api:event-registrations", args=[r.event_id]), {}),
    ("attendance", "get", lambda r: reverse("api:event-attendance", args=[r.event_id]), {}),
    ("approve", "post", lambda r: reverse("api:registration-approve", args=[r.pk]), {}),
    ("reject", "post", lambda r: reverse("api:registration-reject", args=[r.pk]), {}),
    ("create a part", "post", lambda r: reverse("api:event-list"), None),
]


def _call(api, method, url, body):
    return getattr(api, method)(url, body, format="json") if method != "get" else api.get(url)


def _body(body, registration):
    if body is None:
        return new_event_body(parent=registration.event_id)
    return body


def _unchanged(registration):
    event = Event.objects.get(pk=registration.event_id)
    registration.refresh_from_db()
    return (event.status, event.capacity, event.parts.count(), registration.status)


@pytest.mark.parametrize(
    ("name", "method", "url", "body"),
    # A part names its event in the body: refused as an unknown id (tests/api/test_related_ids).
    [endpoint for endpoint in ORGANISER_ENDPOINTS if endpoint[0] != "create a part"],
)
def test_another_organisations_event_is_not_found(api, park, other_park, name, method, url, body):
    registration = _pending_registration(park)
    api.force_authenticate(MembershipFactory(organization=other_park, role=enums.Role.ADMIN).user)
    before = _unchanged(registration)

    response = _call(api, method, url(registration), _body(body, registration))

    assert (response.status_code, _unchanged(registration)) == (404, before)


@pytest.mark.parametrize(("name", "method", "url", "body"), ORGANISER_ENDPOINTS)
def test_a_member_without_the_right_is_refused(api, park, name, method, url, body):
    registration = _pending_registration(park)
    api.force_authenticate(MembershipFactory(organization=park, role=enums.Role.JUROR).user)
    before = _unchanged(registration)

    response = _call(api, method, url(registration), _body(body, registration))

    assert (response.status_code, _unchanged(registration)) == (403, before)


@pytest.mark.parametrize(
    ("name", "method", "url", "body"),
    [endpoint for endpoint in ORGANISER_ENDPOINTS if endpoint[0] != "attendance"],
)
def test_check_in_staff_cannot_organise(api, park, name, method, url, body):
    registration = _pending_registration(park)
    api.force_authenticate(MembershipFactory(organization=park, role=enums.Role.STAFF).user)
    before = _unchanged(registration)

    response = _call(api, method, url(registration), _body(body, registration))

    assert (response.status_code, _unchanged(registration)) == (403, before)


@pytest.mark.parametrize("role", [enums.Role.JUROR, None])
def test_the_managed_list_needs_an_organising_right(api, park, role):
    EventFactory(owner=park)
    user = MembershipFactory(organization=park, role=role).user if role else UserFactory()
    api.force_authenticate(user)

    response = api.get(reverse("api:event-managed"))

    assert response.status_code == 403


def test_anonymous_callers_cannot_create_events(api, park):
    response = api.post(reverse("api:event-list"), new_event_body(owner=park.pk), format="json")

    assert response.status_code in {401, 403}
    assert not Event.objects.exists()


def test_a_member_cannot_create_for_another_organisation(api, park, other_park):
    api.force_authenticate(MembershipFactory(organization=park, role=enums.Role.ADMIN).user)

    response = api.post(
        reverse("api:event-list"), new_event_body(owner=other_park.pk), format="json"
    )

    assert (response.status_code, Event.objects.count()) == (400, 0)
    assert response.json() == {"owner": [f'Invalid pk "{other_park.pk}" - object does not exist.']}


def test_an_organiser_lists_their_organisations_events_drafts_included(api, park, other_park):
    draft = EventFactory(owner=park)
    part = PartFactory(parent=EventFactory(owner=park, published=True))
    EventFactory(owner=other_park, published=True)
    api.force_authenticate(MembershipFactory(organization=park, role=enums.Role.ADMIN).user)

    everything = api.get(reverse("api:event-managed")).json()
    drafts = api.get(reverse("api:event-managed"), {"status": "draft"}).json()

    assert sorted(row["id"] for row in everything["results"]) == sorted(
        [draft.pk, part.pk, part.parent_id]
    )
    assert sorted(row["id"] for row in drafts["results"]) == sorted([draft.pk, part.pk])


def test_an_organiser_creates_a_draft_and_a_part_of_it(api, park):
    api.force_authenticate(MembershipFactory(organization=park, role=enums.Role.ADMIN).user)

    created = api.post(reverse("api:event-list"), new_event_body(), format="json")
    part = api.post(
        reverse("api:event-list"),
        new_event_body(
            parent=created.json()["id"],
            kind="sub_forum",
            title="平行论坛",
            ends_at="2030-05-20T11:00:00+08:00",
        ),
        format="json",
    )

    event = Event.objects.get(pk=created.json()["id"])
    assert (created.status_code, part.status_code) == (201, 201)
    assert (event.owner_id, event.status, event.title, event.starts_at.isoformat()) == (
        park.pk,
        "draft",
        "之江视听论坛",
        "2030-05-20T01:00:00+00:00",
    )
    assert list(event.parts.values_list("title", "owner_id")) == [("平行论坛", park.pk)]


def test_an_organiser_changes_an_event_and_a_refused_change_is_a_400(api, park):
    event = EventFactory(owner=park, published=True, registration_enabled=True, capacity=5)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event)
    api.force_authenticate(MembershipFactory(organization=park, role=enums.Role.ADMIN).user)
    url = reverse("api:event-detail", args=[event.pk])

    changed = api.patch(url, {"capacity": 3, "venue": "之江剧院"}, format="json")
    refused = api.patch(url, {"capacity": 1}, format="json")

    event.refresh_from_db()
    assert (changed.status_code, changed.json()["capacity"], changed.json()["venue"]) == (
        200,
        3,
        "之江剧院",
    )
    assert (refused.status_code, refused.json()) == (
        400,
        {
            "detail": "2 seats are already confirmed: the event cannot have fewer seats. "
            "Cancel registrations first.",
            "field": "capacity",
        },
    )
    assert event.capacity == 3


def test_an_organiser_publishes_a_draft(api, park):
    event = EventFactory(owner=park)
    api.force_authenticate(MembershipFactory(organization=park, role=enums.Role.ADMIN).user)

    response = api.post(reverse("api:event-publish", args=[event.pk]))

    event.refresh_from_db()
    assert (response.status_code, response.json()["status"], event.status) == (
        200,
        "published",
        "published",
    )


def test_an_organiser_cancels_an_event_and_its_registrants_are_told(api, park):
    registration = RegistrationFactory(event__owner=park)
    api.force_authenticate(MembershipFactory(organization=park, role=enums.Role.ADMIN).user)

    response = api.post(
        reverse("api:event-cancel", args=[registration.event_id]),
        {"reason": "因台风取消"},
        format="json",
    )

    event = Event.objects.get(pk=registration.event_id)
    assert (response.status_code, event.status, event.cancellation_reason) == (
        200,
        "cancelled",
        "因台风取消",
    )
    assert list(Notification.objects.values_list("recipient_id", "kind")) == [
        (registration.user_id, "events.event_cancelled_with_reason")
    ]


def test_an_organiser_finishes_an_event_once_it_has_begun(api, park):
    event = EventFactory(
        owner=park, starts_at=in_days(-1), ends_at=in_days(-1, hour=18), published=True
    )
    upcoming = EventFactory(owner=park, published=True)
    api.force_authenticate(MembershipFactory(organization=park, role=enums.Role.ADMIN).user)

    finished = api.post(reverse("api:event-finish", args=[event.pk]))
    refused = api.post(reverse("api:event-finish", args=[upcoming.pk]))

    upcoming.refresh_from_db()
    assert (finished.status_code, finished.json()["status"]) == (200, "finished")
    assert (refused.status_code, upcoming.status) == (400, "published")
    assert refused.json()["detail"].startswith("An event can be marked finished once it has begun")


def test_registrations_show_e_mail_addresses_to_those_entitled_only(api, park):
    registration = RegistrationFactory(event__owner=park)
    entitled = MembershipFactory(organization=park, role=enums.Role.ADMIN).user
    organiser = MembershipFactory(
        organization=park, role=enums.Role.STAFF, extra_capabilities=["manage_events"]
    ).user
    url = reverse("api:event-registrations", args=[registration.event_id])

    api.force_authenticate(organiser)
    masked = api.get(url).json()["results"]
    api.force_authenticate(entitled)
    shown = api.get(url).json()["results"]

    local, domain = registration.user.email.split("@")
    assert [(row["id"], row["email"]) for row in masked] == [
        (registration.pk, f"{local[0]}{'*' * (len(local) - 1)}@{domain}")
    ]
    assert [row["email"] for row in shown] == [registration.user.email]
    assert list(
        AuditEntry.objects.filter(action="core.personal_data.viewed").values_list(
            "actor_id", flat=True
        )
    ) == [entitled.pk]


def test_an_organiser_approves_and_declines_pending_registrations(api, park):
    approved = _pending_registration(park)
    declined = RegistrationFactory(event=approved.event)
    api.force_authenticate(MembershipFactory(organization=park, role=enums.Role.ADMIN).user)

    first = api.post(reverse("api:registration-approve", args=[approved.pk]))
    second = api.post(reverse("api:registration-reject", args=[declined.pk]))
    again = api.post(reverse("api:registration-reject", args=[approved.pk]))

    approved.refresh_from_db()
    declined.refresh_from_db()
    assert (first.json()["status"], second.json()["status"]) == ("confirmed", "rejected")
    assert (approved.status, declined.status) == ("confirmed", "rejected")
    assert (again.status_code, again.json()["detail"]) == (
        400,
        "This registration is Confirmed: that step is no longer possible.",
    )


def test_check_in_staff_read_the_attendance(api, park):
    registration = RegistrationFactory(event__owner=park)
    services.check_in(registration.event, registration.code, actor=None)
    api.force_authenticate(MembershipFactory(organization=park, role=enums.Role.STAFF).user)

    response = api.get(reverse("api:event-attendance", args=[registration.event_id]))

    assert response.json() == [
        {
            "door": registration.event_id,
            "title": registration.event.title,
            "title_en": registration.event.title_en,
            "expected": 1,
            "arrived": 1,
            "percent": 100,
        }
    ]
