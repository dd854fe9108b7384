"""The event services: state tables, times, programme, registrations and the waiting list."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cloudpark.core import search
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.models import AuditEntry
from cloudpark.events import enums, services
from cloudpark.events.enums import (
    EVENT_TRANSITIONS,
    EXHIBITOR_TRANSITIONS,
    REGISTRATION_TRANSITIONS,
    EventStatus,
    ExhibitorStatus,
    RegistrationStatus,
)
from cloudpark.events.models import Event, Exhibitor, Registration, Session
from cloudpark.notifications.models import Notification
from tests.factories import (
    EnterpriseFactory,
    EventFactory,
    ExhibitionFactory,
    ExhibitorFactory,
    FilmFactory,
    FilmWeekFactory,
    OrganizerFactory,
    OtherOrganizationFactory,
    PartFactory,
    QuestionFactory,
    RegistrationFactory,
    ScreeningFactory,
    SessionFactory,
    UserFactory,
)
from tests.factories.events import in_days

pytestmark = pytest.mark.django_db


def actions_of(obj):
    return list(
        AuditEntry.objects.filter(object_id=str(obj.pk), action__startswith="events.")
        .order_by("id")
        .values_list("action", flat=True)
    )


# Event states --------------------------------------------------------------------------------


def _begun(event):
    return event.starts_at + timedelta(hours=1)


EVENT_STEPS = {
    EventStatus.PUBLISHED: lambda event: services.publish_event(event, actor=None),
    EventStatus.CANCELLED: lambda event: services.cancel_event(event, actor=None),
    EventStatus.FINISHED: lambda event: services.finish_event(event, actor=None, now=_begun(event)),
}


def event_in(status):
    """An event brought to ``status`` by the services."""
    event = EventFactory()
    if status in {EventStatus.PUBLISHED, EventStatus.FINISHED}:
        event = services.publish_event(event, actor=None)
    if status == EventStatus.FINISHED:
        event = services.finish_event(event, actor=None, now=_begun(event))
    if status == EventStatus.CANCELLED:
        event = services.cancel_event(event, actor=None)
    return event


EVENT_PAIRS = [(start, target) for start in EventStatus for target in EVENT_STEPS]
ALLOWED_EVENT_PAIRS = [
    (start, target) for start, target in EVENT_PAIRS if target in EVENT_TRANSITIONS[start]
]
REFUSED_EVENT_PAIRS = [
    (start, target)
    for start, target in EVENT_PAIRS
    if target != start and target not in EVENT_TRANSITIONS[start]
]
SAME_EVENT_PAIRS = [(start, target) for start, target in EVENT_PAIRS if start == target]


@pytest.mark.parametrize(("start", "target"), ALLOWED_EVENT_PAIRS)
def test_events_take_the_steps_of_their_table(start, target):
    event = event_in(start)

    moved = EVENT_STEPS[target](event)

    assert moved.status == target
    assert actions_of(moved)[-1] == f"events.event.{target}"


@pytest.mark.parametrize(("start", "target"), REFUSED_EVENT_PAIRS)
def test_events_refuse_every_step_outside_their_table(start, target):
    event = event_in(start)
    history = actions_of(event)

    with pytest.raises(TransitionNotAllowed):
        EVENT_STEPS[target](event)

    event.refresh_from_db()
    assert (event.status, actions_of(event)) == (start, history)


@pytest.mark.parametrize(("start", "target"), SAME_EVENT_PAIRS)
def test_moving_an_event_to_its_own_state_changes_nothing(start, target):
    event = event_in(start)
    history = actions_of(event)

    moved = EVENT_STEPS[target](event)

    assert (moved.status, actions_of(moved)) == (start, history)


def test_publishing_an_event_publishes_its_draft_parts():
    part = PartFactory()

    services.publish_event(part.parent, actor=None)

    part.refresh_from_db()
    assert part.status == EventStatus.PUBLISHED
    assert actions_of(part) == ["events.event.created", "events.event.published"]


def test_a_part_is_published_only_after_its_event():
    part = PartFactory()

    with pytest.raises(TransitionNotAllowed, match="Publish the main event first"):
        services.publish_event(part, actor=None)


def test_cancelling_an_event_cancels_its_parts_with_the_reason_on_the_event():
    part = PartFactory()
    services.publish_event(part.parent, actor=None)

    event = services.cancel_event(part.parent, actor=None, reason="因天气原因取消")

    part.refresh_from_db()
    assert (event.status, event.cancellation_reason, part.status) == (
        EventStatus.CANCELLED,
        "因天气原因取消",
        EventStatus.CANCELLED,
    )


def test_cancelling_an_event_notifies_everyone_registered_once_with_the_reason(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = open_event(capacity=1)
    part = PartFactory(parent=event, registration_enabled=True, requires_approval=True)
    services.publish_event(part, actor=None)
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event)
    pending = RegistrationFactory(event=part)
    RegistrationFactory(event=part, user=confirmed.user)
    gone = RegistrationFactory(event=part)
    services.cancel_registration(gone, actor=gone.user)
    local = event.starts_at.astimezone(event.zone).strftime("%Y-%m-%d %H:%M")

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(event, actor=None, reason="因台风取消")

    notices = Notification.objects.order_by("recipient_id")
    assert [notice.recipient_id for notice in notices] == sorted(
        [confirmed.user_id, waiting.user_id, pending.user_id]
    )
    assert {(notice.kind, notice.url, notice.text) for notice in notices} == {
        (
            "events.event_cancelled_with_reason",
            f"/events/{event.pk}/",
            f"{event.title_en}, planned for {local}, has been cancelled: 因台风取消",
        )
    }
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [confirmed.user.email, waiting.user.email, pending.user.email]
    )


def test_a_cancellation_names_the_event_in_the_language_each_person_registered_in():
    event = open_event()
    chinese = RegistrationFactory(event=event, language="zh-hans")
    english = RegistrationFactory(event=event, language="en")

    services.cancel_event(event, actor=None)

    names = {
        notice.recipient_id: (notice.kind, notice.params["event"])
        for notice in Notification.objects.all()
    }
    assert names == {
        chinese.user_id: ("events.event_cancelled", event.title),
        english.user_id: ("events.event_cancelled", event.title_en),
    }


def test_cancelling_a_part_notifies_its_registrants_only():
    event = open_event()
    part = PartFactory(parent=event, registration_enabled=True)
    services.publish_event(part, actor=None)
    RegistrationFactory(event=event)
    at_part = RegistrationFactory(event=part)

    services.cancel_event(part, actor=None)

    notice = Notification.objects.get()
    assert (notice.recipient_id, notice.url, notice.params["event"]) == (
        at_part.user_id,
        f"/events/{part.pk}/",
        f"{part.title_en}, part of {event.title_en}",
    )


def test_a_part_cancelled_earlier_is_not_announced_again_with_its_event():
    event = open_event()
    part = PartFactory(parent=event, registration_enabled=True)
    services.publish_event(part, actor=None)
    RegistrationFactory(event=part)
    services.cancel_event(part, actor=None)

    services.cancel_event(event, actor=None)

    assert Notification.objects.count() == 1


def test_cancelling_an_event_twice_notifies_once():
    registration = RegistrationFactory()
    services.cancel_event(registration.event, actor=None)

    services.cancel_event(registration.event, actor=None)

    assert Notification.objects.filter(recipient=registration.user).count() == 1


def test_an_event_is_finished_only_once_it_has_begun():
    event = EventFactory(published=True)

    with pytest.raises(TransitionNotAllowed, match="once it has begun"):
        services.finish_event(event, actor=None, now=event.starts_at - timedelta(minutes=1))


# Times -----------------------------------------------------------------------------------------


def test_an_event_that_ends_before_it_starts_is_refused(park):
    starts_at = in_days(10)

    with pytest.raises(DomainError) as refused:
        EventFactory(owner=park, starts_at=starts_at, ends_at=starts_at - timedelta(hours=1))

    assert (refused.value.field, str(refused.value)) == (
        "ends_at",
        "The end must come after the start.",
    )
    assert not Event.objects.exists()


def test_changing_an_event_to_end_before_it_starts_is_refused():
    event = EventFactory()

    with pytest.raises(DomainError, match="The end must come after the start"):
        services.update_event(event, actor=None, ends_at=event.starts_at)

    event.refresh_from_db()
    assert event.ends_at == event.starts_at + timedelta(hours=8)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda event: PartFactory(parent=event), "Some of its parts would then fall outside"),
        (
            lambda event: SessionFactory(event=event, title="闭幕式", title_en="Closing"),
            "The session “Closing” (%(time)s) would then fall outside the event's dates",
        ),
        (
            lambda event: ScreeningFactory(film=FilmFactory(event=event, title_en="Mountains")),
            "The screening of “Mountains” (%(time)s) would then fall outside the event's dates",
        ),
    ],
    ids=["part", "session", "screening"],
)
def test_moving_an_event_away_from_its_programme_is_refused(make, message):
    event = FilmWeekFactory(starts_at=in_days(10))
    make(event)
    time = services.local_text(event.starts_at, event)
    starts_at, ends_at = event.starts_at, event.ends_at

    with pytest.raises(DomainError) as refused:
        services.update_event(
            event,
            actor=None,
            starts_at=starts_at + timedelta(days=1),
            ends_at=ends_at + timedelta(days=1),
        )

    event.refresh_from_db()
    assert str(refused.value).startswith(message % {"time": time})
    assert (refused.value.field, event.starts_at, event.ends_at) == (
        "starts_at",
        starts_at,
        ends_at,
    )


def test_ending_an_event_before_its_last_session_is_refused_at_the_end():
    event = EventFactory()
    SessionFactory(event=event, starts_at=event.ends_at - timedelta(hours=1))

    with pytest.raises(DomainError) as refused:
        services.update_event(event, actor=None, ends_at=event.ends_at - timedelta(hours=2))

    assert refused.value.field == "ends_at"


def test_an_event_moves_with_its_programme_inside_its_new_dates():
    event = EventFactory()
    session = SessionFactory(event=event)

    moved = services.update_event(
        event, actor=None, starts_at=session.starts_at, ends_at=session.ends_at
    )

    assert (moved.starts_at, moved.ends_at) == (session.starts_at, session.ends_at)


def test_a_part_takes_place_within_its_event():
    event = EventFactory()

    with pytest.raises(DomainError, match="A part takes place within its event") as refused:
        PartFactory(
            parent=event, starts_at=event.ends_at, ends_at=event.ends_at + timedelta(hours=1)
        )

    assert refused.value.field == "starts_at"


def test_a_part_has_no_parts_of_its_own():
    part = PartFactory()

    with pytest.raises(DomainError, match="cannot have parts of its own"):
        PartFactory(parent=part)


def test_only_government_bodies_and_parks_organise_events():
    with pytest.raises(DomainError, match="government bodies and parks"):
        EventFactory(owner=EnterpriseFactory())


def test_a_registration_deadline_after_the_end_is_refused():
    event = EventFactory()

    with pytest.raises(DomainError) as refused:
        services.update_event(
            event, actor=None, registration_deadline=event.ends_at + timedelta(minutes=1)
        )

    assert refused.value.field == "registration_deadline"


# Organisers ------------------------------------------------------------------------------------


def test_organisers_are_listed_in_the_industrys_order_and_then_as_added():
    event = EventFactory()
    for role, name in [
        (enums.OrganizerRole.SPONSOR, "赞助单位"),
        (enums.OrganizerRole.HOST, "主办甲"),
        (enums.OrganizerRole.GUIDANCE, "指导单位"),
        (enums.OrganizerRole.HOST, "主办乙"),
        (enums.OrganizerRole.CO_ORGANIZER, "协办单位"),
    ]:
        OrganizerFactory(event=event, role=role, name=name, name_en="")

    names = [organizer.display_name for organizer in event.organizers.all()]

    assert names == ["指导单位", "主办甲", "主办乙", "协办单位", "赞助单位"]


def test_an_organiser_moves_within_its_role():
    event = EventFactory()
    first = OrganizerFactory(event=event, name="主办甲")
    OrganizerFactory(event=event, name="主办乙")

    services.move_organizer(first, actor=None, offset=1)

    assert [o.name for o in event.organizers.all()] == ["主办乙", "主办甲"]
    assert actions_of(event)[-1] == "events.organizer.moved"


def test_a_directory_organisation_is_listed_once_per_role():
    event = EventFactory()
    association = OtherOrganizationFactory(name="中国文化产业协会", name_en="")
    OrganizerFactory(event=event, organization=association, role=enums.OrganizerRole.CO_ORGANIZER)

    with pytest.raises(DomainError, match="中国文化产业协会 is already listed as Co-organiser"):
        OrganizerFactory(
            event=event, organization=association, role=enums.OrganizerRole.CO_ORGANIZER
        )


def test_an_organiser_needs_a_directory_organisation_or_a_name():
    with pytest.raises(DomainError) as refused:
        OrganizerFactory(name="  ")

    assert refused.value.field == "organization"


def test_organiser_names_are_searchable():
    event = EventFactory()
    EventFactory()
    OrganizerFactory(event=event, name="中央广播电视总台", name_en="China Media Group")

    found = search.search(Event.objects.all(), "广播")

    assert list(found) == [event]


# Agenda ------------------------------------------------------------------------------------


def test_sessions_added_to_a_published_event_are_marked_as_changes():
    event = EventFactory()
    before = SessionFactory(event=event)
    services.publish_event(event, actor=None)
    moment = in_days(1)

    after = SessionFactory(event=event, starts_at=event.starts_at + timedelta(hours=2))
    services.update_session(before, actor=None, now=moment, place="多功能厅")

    before.refresh_from_db()
    assert (before.changed_at, after.changed_at is not None) == (moment, True)


def test_a_draft_events_session_is_deleted_and_a_published_ones_cancelled():
    draft_session = SessionFactory()
    published_session = SessionFactory()
    services.publish_event(published_session.event, actor=None)

    services.remove_session(draft_session, actor=None)
    services.remove_session(published_session, actor=None)

    published_session.refresh_from_db()
    assert not Session.objects.filter(pk=draft_session.pk).exists()
    assert (published_session.status, published_session.changed_at is not None) == (
        enums.SessionStatus.CANCELLED,
        True,
    )


def test_a_session_outside_its_event_is_refused():
    event = EventFactory()

    with pytest.raises(DomainError, match="A session takes place during its event"):
        SessionFactory(event=event, starts_at=event.starts_at - timedelta(hours=1))


def test_a_session_that_ends_before_it_starts_is_refused():
    event = EventFactory()

    with pytest.raises(DomainError, match="The end must come after the start"):
        SessionFactory(event=event, ends_at=event.starts_at)


def test_a_speaker_added_after_publication_marks_the_session_changed():
    session = SessionFactory()
    services.publish_event(session.event, actor=None)

    speaker = services.add_speaker(session, actor=None, name="李京华", title="主任")

    session.refresh_from_db()
    assert (speaker.position, session.changed_at is not None) == (1, True)


# Exhibitors and films ----------------------------------------------------------------------


EXHIBITOR_STEPS = {
    ExhibitorStatus.CONFIRMED: lambda exhibitor: services.confirm_exhibitor(exhibitor, actor=None),
    ExhibitorStatus.DECLINED: lambda exhibitor: services.decline_exhibitor(exhibitor, actor=None),
    ExhibitorStatus.WITHDRAWN: lambda exhibitor: services.withdraw_exhibitor(exhibitor, actor=None),
}


def exhibitor_in(status):
    exhibition = ExhibitionFactory(published=True)
    if status == ExhibitorStatus.APPLIED:
        return services.apply_to_exhibit(
            exhibition, EnterpriseFactory(), actor=None, exhibits="8K转播车"
        )
    exhibitor = ExhibitorFactory(event=exhibition)
    if status == ExhibitorStatus.INVITED:
        return exhibitor
    if status == ExhibitorStatus.WITHDRAWN:
        exhibitor = services.confirm_exhibitor(exhibitor, actor=None)
    return EXHIBITOR_STEPS[status](exhibitor)


EXHIBITOR_PAIRS = [(start, target) for start in ExhibitorStatus for target in EXHIBITOR_STEPS]


@pytest.mark.parametrize(
    ("start", "target"),
    [pair for pair in EXHIBITOR_PAIRS if pair[1] in EXHIBITOR_TRANSITIONS[pair[0]]],
)
def test_exhibitors_take_the_steps_of_their_table(start, target):
    exhibitor = exhibitor_in(start)

    moved = EXHIBITOR_STEPS[target](exhibitor)

    assert moved.status == target


@pytest.mark.parametrize(
    ("start", "target"),
    [
        pair
        for pair in EXHIBITOR_PAIRS
        if pair[0] != pair[1] and pair[1] not in EXHIBITOR_TRANSITIONS[pair[0]]
    ],
)
def test_exhibitors_refuse_every_step_outside_their_table(start, target):
    exhibitor = exhibitor_in(start)

    with pytest.raises(TransitionNotAllowed):
        EXHIBITOR_STEPS[target](exhibitor)

    exhibitor.refresh_from_db()
    assert exhibitor.status == start


@pytest.mark.parametrize("status", list(RegistrationStatus))
def test_the_organisers_registration_buttons_follow_the_table(status):
    registration = Registration(status=status)

    offered = {
        RegistrationStatus.CONFIRMED: registration.may_be_confirmed,
        RegistrationStatus.REJECTED: registration.may_be_rejected,
    }

    assert {target for target, shown in offered.items() if shown} == (
        REGISTRATION_TRANSITIONS[status] & set(offered)
    )


@pytest.mark.parametrize("status", list(ExhibitorStatus))
def test_an_exhibitors_buttons_follow_its_table(status):
    exhibitor = Exhibitor(status=status)

    offered = {
        ExhibitorStatus.CONFIRMED: exhibitor.may_be_confirmed,
        ExhibitorStatus.DECLINED: exhibitor.may_be_declined,
        ExhibitorStatus.WITHDRAWN: exhibitor.may_be_withdrawn,
    }

    assert {target for target, shown in offered.items() if shown} == EXHIBITOR_TRANSITIONS[status]


@pytest.mark.parametrize("status", [s for s in ExhibitorStatus if s in EXHIBITOR_STEPS])
def test_moving_an_exhibitor_to_its_own_status_changes_nothing(status):
    exhibitor = exhibitor_in(status)
    history = actions_of(exhibitor.event)

    moved = EXHIBITOR_STEPS[status](exhibitor)

    exhibitor.refresh_from_db()
    assert (moved.status, exhibitor.status, actions_of(exhibitor.event)) == (
        status,
        status,
        history,
    )


def test_a_confirmed_exhibitor_gets_a_booth_nobody_else_has():
    exhibition = ExhibitionFactory()
    first = services.confirm_exhibitor(ExhibitorFactory(event=exhibition), actor=None, booth="A01")
    second = ExhibitorFactory(event=exhibition)

    with pytest.raises(DomainError, match=f"Booth A01 is already given to {first.name}"):
        services.confirm_exhibitor(second, actor=None, booth="A01")

    second.refresh_from_db()
    assert (first.booth, second.status, second.booth) == ("A01", ExhibitorStatus.INVITED, "")


EXHIBITOR_WRITES = {
    "confirm": (
        ExhibitorStatus.INVITED,
        lambda exhibitor: services.confirm_exhibitor(exhibitor, actor=None, booth="A01"),
    ),
    "decline": (
        ExhibitorStatus.INVITED,
        lambda exhibitor: services.decline_exhibitor(exhibitor, actor=None),
    ),
    "withdraw": (
        ExhibitorStatus.CONFIRMED,
        lambda exhibitor: services.withdraw_exhibitor(exhibitor, actor=None),
    ),
    "booth": (
        ExhibitorStatus.CONFIRMED,
        lambda exhibitor: services.assign_booth(exhibitor, actor=None, booth="B02"),
    ),
}


@pytest.mark.parametrize("closing", [EventStatus.CANCELLED, EventStatus.FINISHED])
@pytest.mark.parametrize("write", sorted(EXHIBITOR_WRITES))
def test_exhibitors_of_a_cancelled_or_finished_exhibition_are_left_as_they_were(closing, write):
    start, step = EXHIBITOR_WRITES[write]
    exhibitor = exhibitor_in(start)
    EVENT_STEPS[closing](exhibitor.event)

    with pytest.raises(DomainError, match="A cancelled or finished event can no longer be changed"):
        step(exhibitor)

    exhibitor.refresh_from_db()
    assert (exhibitor.status, exhibitor.booth) == (start, "")


def test_an_enterprise_cannot_confirm_its_own_application(member):
    enterprise = EnterpriseFactory()
    exhibition = ExhibitionFactory(published=True)
    application = services.apply_to_exhibit(exhibition, enterprise, actor=None, exhibits="8K转播车")

    with pytest.raises(DomainError, match="Only the organiser can confirm an application"):
        services.confirm_exhibitor(application, actor=member(enterprise))

    application.refresh_from_db()
    assert application.status == ExhibitorStatus.APPLIED


def test_the_organiser_confirms_an_application_and_the_enterprise_an_invitation(member):
    enterprise = EnterpriseFactory()
    exhibition = ExhibitionFactory(published=True)
    application = services.apply_to_exhibit(exhibition, enterprise, actor=None, exhibits="8K转播车")
    invitation = services.invite_exhibitor(
        ExhibitionFactory(published=True), actor=None, organization=enterprise
    )

    confirmed = [
        services.confirm_exhibitor(application, actor=member(exhibition.owner)).status,
        services.confirm_exhibitor(invitation, actor=member(enterprise)).status,
    ]

    assert confirmed == [ExhibitorStatus.CONFIRMED, ExhibitorStatus.CONFIRMED]


def test_applications_close_when_the_exhibition_opens():
    exhibition = ExhibitionFactory(published=True)

    with pytest.raises(DomainError, match="close when the exhibition opens"):
        services.apply_to_exhibit(
            exhibition, EnterpriseFactory(), actor=None, exhibits="", now=exhibition.starts_at
        )


def test_only_exhibitions_have_exhibitors():
    with pytest.raises(DomainError, match="Only exhibitions have exhibitors"):
        ExhibitorFactory(event=EventFactory())


def test_a_screening_lasts_the_films_runtime_unless_told_otherwise():
    film = FilmFactory(runtime_minutes=98)
    starts_at = film.event.starts_at + timedelta(hours=2)

    screening = services.add_screening(film, actor=None, venue="南宁影城", starts_at=starts_at)

    assert screening.ends_at - screening.starts_at == timedelta(minutes=98)


def test_films_are_shown_at_film_weeks_and_screenings_only():
    with pytest.raises(DomainError, match="Films are shown at film weeks"):
        FilmFactory(event=EventFactory())


# Registrations ---------------------------------------------------------------------------------


def open_event(**values):
    return EventFactory(published=True, registration_enabled=True, **values)


def test_seats_are_confirmed_up_to_the_capacity_then_people_wait():
    event = open_event(capacity=2)

    statuses = [RegistrationFactory(event=event).status for _ in range(3)]

    assert statuses == ["confirmed", "confirmed", "waiting"]


def test_a_seat_freed_since_the_event_was_read_goes_to_the_next_person():
    event = open_event(capacity=1)
    holder = RegistrationFactory(event=event)
    read_when_full = Event.objects.get(pk=event.pk)
    services.cancel_registration(holder, actor=holder.user)

    registration = RegistrationFactory(event=read_when_full)

    event.refresh_from_db()
    assert (registration.status, event.seats_taken) == ("confirmed", 1)


def test_a_full_event_without_a_waiting_list_refuses_with_a_clear_message():
    event = open_event(capacity=1, has_waiting_list=False)
    RegistrationFactory(event=event)

    with pytest.raises(DomainError, match="This event is full, and it keeps no waiting list"):
        RegistrationFactory(event=event)

    assert event.registrations.count() == 1


def test_a_cancelled_seat_goes_to_the_first_person_waiting(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = open_event(capacity=1)
    holder = RegistrationFactory(event=event)
    first_in_line = RegistrationFactory(event=event)
    second_in_line = RegistrationFactory(event=event)

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(holder, actor=holder.user)

    first_in_line.refresh_from_db()
    second_in_line.refresh_from_db()
    assert (first_in_line.status, second_in_line.status) == ("confirmed", "waiting")
    assert actions_of(first_in_line) == [
        "events.registration.registered",
        "events.registration.confirmed",
    ]
    assert [message.to for message in mailoutbox] == [[first_in_line.user.email]]


def test_the_capacity_cannot_go_below_the_confirmed_seats():
    event = open_event(capacity=3)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event)

    with pytest.raises(DomainError) as refused:
        services.update_event(event, actor=None, capacity=1)

    event.refresh_from_db()
    assert (refused.value.field, str(refused.value), event.capacity) == (
        "capacity",
        "2 seats are already confirmed: the event cannot have fewer seats. "
        "Cancel registrations first.",
        3,
    )


@pytest.mark.parametrize("capacity", [2, None])
def test_the_capacity_may_come_down_to_the_confirmed_seats_or_be_lifted(capacity):
    event = open_event(capacity=3)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event)

    updated = services.update_event(event, actor=None, capacity=capacity)

    assert updated.capacity == capacity


def test_more_seats_go_to_the_waiting_list_in_order():
    event = open_event(capacity=1)
    RegistrationFactory(event=event)
    waiting = [RegistrationFactory(event=event) for _ in range(3)]

    services.update_event(event, actor=None, capacity=3)

    assert [Registration.objects.get(pk=r.pk).status for r in waiting] == [
        "confirmed",
        "confirmed",
        "waiting",
    ]


def _request(event):
    services.update_event(event, actor=None, requires_approval=True)
    return RegistrationFactory(event=event)


SEAT_CHANGES = {
    # What happens to an event of 3 seats, all confirmed, with 2 people waiting; the seats
    # confirmed afterwards.
    "a registration goes on the waiting list": (
        lambda event, taken: RegistrationFactory(event=event),
        3,
    ),
    "a seat is cancelled and the first in line takes it": (
        lambda event, taken: services.cancel_registration(taken[0], actor=None),
        3,
    ),
    "a place in line is cancelled": (
        lambda event, taken: services.cancel_registration(taken[3], actor=None),
        3,
    ),
    "the capacity goes up": (
        lambda event, taken: services.update_event(event, actor=None, capacity=4),
        4,
    ),
    "the capacity is lifted and one more registers": (
        lambda event, taken: (
            services.update_event(event, actor=None, capacity=None),
            RegistrationFactory(event=event),
        ),
        6,
    ),
    "the waiting list is closed": (
        lambda event, taken: services.update_event(event, actor=None, has_waiting_list=False),
        3,
    ),
    "a request is approved onto a seat": (
        lambda event, taken: (
            services.update_event(event, actor=None, capacity=6),
            services.approve_registration(_request(event), actor=None),
        ),
        6,
    ),
    "a request is approved onto the waiting list": (
        lambda event, taken: services.approve_registration(_request(event), actor=None),
        3,
    ),
    "a request is declined": (
        lambda event, taken: services.reject_registration(_request(event), actor=None),
        3,
    ),
    "a seat holder's account is deleted": (lambda event, taken: taken[0].user.delete(), 2),
    "a ticket is checked in": (
        lambda event, taken: services.check_in(event, taken[0].code, actor=None),
        3,
    ),
}


@pytest.mark.parametrize("change", list(SEAT_CHANGES))
def test_the_stored_seats_taken_match_the_confirmed_registrations_after_each_change(change):
    event = open_event(capacity=3)
    taken = [RegistrationFactory(event=event) for _ in range(5)]
    act, confirmed = SEAT_CHANGES[change]

    act(event, taken)

    event.refresh_from_db()
    recount = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    assert (event.seats_taken, recount) == (confirmed, confirmed)


def test_registration_after_the_deadline_is_refused_with_its_time():
    starts_at = in_days(20)
    event = open_event(
        starts_at=starts_at, registration_deadline=starts_at - timedelta(days=2, hours=-9)
    )

    with pytest.raises(DomainError) as refused:
        services.register(
            event,
            UserFactory(),
            actor=None,
            name="王梓涵",
            now=event.registration_deadline + timedelta(seconds=1),
        )

    deadline = event.registration_deadline.astimezone(event.zone).strftime("%Y-%m-%d %H:%M")
    assert str(refused.value) == f"Registration closed on {deadline}."


def test_without_a_deadline_registration_closes_when_the_event_begins():
    event = open_event()

    with pytest.raises(DomainError, match="Registration closed on"):
        services.register(event, UserFactory(), actor=None, name="王梓涵", now=event.starts_at)


def test_registration_needs_a_published_event():
    event = EventFactory(registration_enabled=True)

    with pytest.raises(DomainError, match="This event is not open for registration yet"):
        RegistrationFactory(event=event)


def test_a_cancelled_event_takes_no_registrations():
    event = open_event()
    services.cancel_event(event, actor=None)

    with pytest.raises(DomainError, match="This event has been cancelled"):
        RegistrationFactory(event=event)


def test_an_event_without_registration_refuses_it():
    event = EventFactory(published=True)

    with pytest.raises(DomainError, match="does not take registrations"):
        RegistrationFactory(event=event)


def test_a_person_registers_once_while_their_registration_stands():
    registration = RegistrationFactory()

    with pytest.raises(DomainError, match=r"already registered for this event \(Confirmed\)"):
        RegistrationFactory(event=registration.event, user=registration.user)


def test_a_person_may_register_again_after_cancelling():
    registration = RegistrationFactory()
    services.cancel_registration(registration, actor=None)

    again = RegistrationFactory(event=registration.event, user=registration.user)

    assert again.status == "confirmed"


def test_required_questions_must_be_answered():
    event = open_event()
    question = QuestionFactory(event=event, label="用餐需求", required=True)

    with pytest.raises(DomainError) as refused:
        RegistrationFactory(event=event, answers={})

    assert (refused.value.field, str(refused.value)) == (
        f"question_{question.pk}",
        "Answer “用餐需求”.",
    )


def test_the_event_keeps_the_number_of_questions_it_asks():
    event = open_event()
    first = QuestionFactory(event=event)
    QuestionFactory(event=event)
    after_adding = (event.question_total, Event.objects.get(pk=event.pk).question_total)

    services.remove_question(first, actor=None)

    event.refresh_from_db()
    assert (after_adding, event.question_total, first.event.question_total) == ((2, 2), 1, 1)


def test_the_stored_question_totals_are_counted_from_the_questions():
    counting = importlib.import_module("cloudpark.events.migrations.0003_event_question_total")
    asking, silent = open_event(), open_event()
    QuestionFactory(event=asking)
    QuestionFactory(event=asking)
    Event.objects.update(question_total=0)

    counting.count_questions(apps, None)

    assert dict(Event.objects.values_list("pk", "question_total")) == {asking.pk: 2, silent.pk: 0}


def test_an_event_that_asks_no_questions_has_none_read():
    event = open_event()

    with CaptureQueriesContext(connection) as queries:
        answers = services.validated_answers(event, {"1": "stray"})

    assert (answers, len(queries)) == ({}, 0)


def test_answers_are_kept_by_question():
    event = open_event()
    choice = QuestionFactory(
        event=event, kind=enums.QuestionKind.CHOICE, choices="技术论坛\n内容论坛", required=True
    )
    hotel = QuestionFactory(event=event, kind=enums.QuestionKind.YES_NO)

    registration = RegistrationFactory(
        event=event, answers={str(choice.pk): "内容论坛", str(hotel.pk): "yes"}
    )

    assert registration.answers == {str(choice.pk): "内容论坛", str(hotel.pk): True}


def test_a_choice_outside_the_list_is_refused():
    event = open_event()
    choice = QuestionFactory(event=event, kind=enums.QuestionKind.CHOICE, choices="甲\n乙")

    with pytest.raises(DomainError, match="Choose one of the answers offered"):
        RegistrationFactory(event=event, answers={str(choice.pk): "丙"})


def test_registrations_wait_for_approval_where_the_organiser_wants_it(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = open_event(requires_approval=True, capacity=5)
    registration = RegistrationFactory(event=event)

    with django_capture_on_commit_callbacks(execute=True):
        approved = services.approve_registration(registration, actor=None)

    assert (registration.status, approved.status) == ("pending", "confirmed")
    assert len(mailoutbox) == 1


def test_approving_when_full_puts_the_person_on_the_waiting_list():
    event = open_event(requires_approval=True, capacity=1)
    services.approve_registration(RegistrationFactory(event=event), actor=None)

    approved = services.approve_registration(RegistrationFactory(event=event), actor=None)

    assert approved.status == "waiting"


def test_approving_when_full_without_a_waiting_list_is_refused():
    event = open_event(requires_approval=True, capacity=1, has_waiting_list=False)
    services.approve_registration(RegistrationFactory(event=event), actor=None)
    pending = RegistrationFactory(event=event)

    with pytest.raises(DomainError, match="The event is full"):
        services.approve_registration(pending, actor=None)

    pending.refresh_from_db()
    assert pending.status == "pending"


def _make_room(registration):
    for other in registration.event.registrations.filter(status="confirmed").exclude(
        pk=registration.pk
    ):
        services.cancel_registration(other, actor=None)


REGISTRATION_STEPS = {
    RegistrationStatus.CONFIRMED: lambda r: (
        _make_room(r),
        services.approve_registration(r, actor=None),
    )[1],
    RegistrationStatus.REJECTED: lambda r: services.reject_registration(r, actor=None),
    RegistrationStatus.CANCELLED: lambda r: services.cancel_registration(r, actor=None),
}


def registration_in(status):
    """A registration brought to ``status`` by the services, for an event of one seat."""
    approval = status in {RegistrationStatus.PENDING, RegistrationStatus.REJECTED}
    event = open_event(capacity=1, requires_approval=approval)
    if status == RegistrationStatus.WAITING:
        RegistrationFactory(event=event)
    registration = RegistrationFactory(event=event)
    if status in {RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED}:
        registration = REGISTRATION_STEPS[status](registration)
    return registration


REGISTRATION_PAIRS = [
    (start, target) for start in RegistrationStatus for target in REGISTRATION_STEPS
]


@pytest.mark.parametrize(
    ("start", "target"),
    [p for p in REGISTRATION_PAIRS if p[1] in REGISTRATION_TRANSITIONS[p[0]]],
)
def test_registrations_take_the_steps_of_their_table(start, target):
    registration = registration_in(start)

    moved = REGISTRATION_STEPS[target](registration)

    assert moved.status == target


@pytest.mark.parametrize("status", list(REGISTRATION_STEPS))
def test_moving_a_registration_to_its_own_status_changes_nothing(status):
    registration = registration_in(status)
    history = actions_of(registration)

    moved = REGISTRATION_STEPS[status](registration)

    registration.refresh_from_db()
    assert (moved.status, registration.status, actions_of(registration)) == (
        status,
        status,
        history,
    )


@pytest.mark.parametrize(
    ("start", "target"),
    [p for p in REGISTRATION_PAIRS if p[0] != p[1] and p[1] not in REGISTRATION_TRANSITIONS[p[0]]],
)
def test_registrations_refuse_every_step_outside_their_table(start, target):
    registration = registration_in(start)

    with pytest.raises(TransitionNotAllowed, match="that step is no longer possible"):
        REGISTRATION_STEPS[target](registration)

    registration.refresh_from_db()
    assert registration.status == start
