"""Reads: organisers reach their own events, the public reaches public ones, with filters."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from cloudpark.events import enums, selectors, services
from tests.factories import (
    EventFactory,
    OrganizerFactory,
    OtherOrganizationFactory,
    PartFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.factories.events import in_days

pytestmark = pytest.mark.django_db


def titles(events):
    return [event.title for event in events]


def test_an_organisation_reaches_its_own_events_only(park, other_park):
    own = EventFactory(owner=park)
    theirs = EventFactory(owner=other_park)

    found = selectors.get_event_for(park, own.pk)

    assert found == own
    with pytest.raises(Http404):
        selectors.get_event_for(park, theirs.pk)


@pytest.mark.parametrize("pk", ["abc", None, 0])
def test_a_missing_or_malformed_event_is_not_found(park, pk):
    with pytest.raises(Http404):
        selectors.get_event_for(park, pk)


def test_the_public_sees_published_cancelled_and_finished_main_events():
    draft = EventFactory(title="草稿")
    published = EventFactory(title="已发布", published=True)
    cancelled = services.cancel_event(EventFactory(title="已取消", published=True), actor=None)
    PartFactory(parent=published, title="分论坛")

    found = selectors.filter_public_events(selectors.public_main_events())

    assert sorted(titles(found)) == sorted([published.title, cancelled.title])
    with pytest.raises(Http404):
        selectors.get_public_event(draft.pk)


def test_upcoming_and_past_events_are_ordered_from_now():
    soon = EventFactory(title="下周", starts_at=in_days(7), published=True)
    later = EventFactory(title="下月", starts_at=in_days(30), published=True)
    past = EventFactory(title="上月", starts_at=in_days(-30), published=True)
    older = EventFactory(title="去年", starts_at=in_days(-365), published=True)
    events = selectors.public_main_events()

    upcoming = selectors.filter_public_events(events, when="upcoming")
    before = selectors.filter_public_events(events, when="past")

    assert (titles(upcoming), titles(before)) == (
        [soon.title, later.title],
        [past.title, older.title],
    )


def test_events_are_found_by_kind_city_organiser_and_dates():
    association = OtherOrganizationFactory(name="中国文化产业协会")
    forum = EventFactory(title="论坛", city="北京", starts_at=in_days(10), published=True)
    OrganizerFactory(event=forum, organization=association, role=enums.OrganizerRole.CO_ORGANIZER)
    week = EventFactory(
        title="电影周",
        kind=enums.EventKind.FILM_WEEK,
        city="南宁",
        starts_at=in_days(40),
        published=True,
    )
    with_exhibition = EventFactory(
        title="带展会的论坛", city="广州", starts_at=in_days(3), published=True
    )
    services.publish_event(
        PartFactory(parent=with_exhibition, kind=enums.EventKind.EXHIBITION), actor=None
    )
    events = selectors.public_main_events()
    day = timezone.localdate() + timedelta(days=20)

    found = {
        "kind": titles(selectors.filter_public_events(events, kind="film_week")),
        "part kind": titles(selectors.filter_public_events(events, kind="exhibition")),
        "city": titles(selectors.filter_public_events(events, city="北京")),
        "organiser": titles(selectors.filter_public_events(events, organizer=association)),
        "from": titles(selectors.filter_public_events(events, date_from=day)),
        "until": titles(selectors.filter_public_events(events, date_to=day, kind="forum")),
    }

    assert found == {
        "kind": [week.title],
        "part kind": [with_exhibition.title],
        "city": [forum.title],
        "organiser": [forum.title],
        "from": [week.title],
        "until": [forum.title, with_exhibition.title],
    }


def test_the_kind_filter_looks_at_the_parts_the_public_sees_only():
    with_draft_part = EventFactory(title="草稿展会论坛", published=True)
    PartFactory(parent=with_draft_part, kind=enums.EventKind.EXHIBITION)
    with_finished_part = EventFactory(
        title="往届展会论坛", starts_at=in_days(-2), ends_at=in_days(-1), published=True
    )
    finished_part = PartFactory(parent=with_finished_part, kind=enums.EventKind.EXHIBITION)
    services.publish_event(finished_part, actor=None)
    services.finish_event(with_finished_part, actor=None)

    found = selectors.filter_public_events(selectors.public_main_events(), kind="exhibition")

    assert titles(found) == [with_finished_part.title]


def test_the_organiser_name_finds_named_directory_and_managing_organisations():
    named = EventFactory(title="有署名协办单位的论坛", published=True)
    OrganizerFactory(event=named, name="中国网络视听节目服务协会", name_en="CNSA")
    listed = EventFactory(title="有名录主办单位的论坛", published=True)
    OrganizerFactory(
        event=listed, organization=OtherOrganizationFactory(name="中国文化产业协会"), name=""
    )
    managed = EventFactory(title="园区自办论坛", owner__name="滨江视听协会园", published=True)
    EventFactory(title="无关论坛", published=True)
    events = selectors.public_main_events()

    found = {
        name: sorted(titles(selectors.filter_public_events(events, organizer_name=name)))
        for name in ("网络视听", "cnsa", "文化产业协会", "协会")
    }

    assert found == {
        "网络视听": [named.title],
        "cnsa": [named.title],
        "文化产业协会": [listed.title],
        "协会": sorted([named.title, listed.title, managed.title]),
    }


def test_chinese_search_finds_two_character_words():
    EventFactory(title="中国—东盟电影文化周", published=True)
    EventFactory(title="网络媒体论坛", published=True)

    found = selectors.filter_public_events(selectors.public_main_events(), query="电影")

    assert titles(found) == ["中国—东盟电影文化周"]


def test_a_person_reaches_their_own_registrations_only():
    mine = RegistrationFactory()
    theirs = RegistrationFactory(event=mine.event)

    found = selectors.get_registration_of(mine.user, mine.pk)

    assert found == mine
    with pytest.raises(Http404):
        selectors.get_registration_of(mine.user, theirs.pk)


def test_attendance_counts_each_door():
    part = PartFactory(registration_enabled=True)
    main = part.parent
    services.update_event(main, actor=None, registration_enabled=True)
    services.publish_event(main, actor=None)
    at_main = RegistrationFactory(event=main)
    at_part = RegistrationFactory(event=part)
    RegistrationFactory(event=part)
    services.check_in(main, at_main.code, actor=None)
    services.check_in(part, at_part.code, actor=None)

    rows = [
        (row["door"].pk, row["expected"], row["arrived"], row["percent"])
        for row in selectors.attendance_of(part)
    ]

    assert rows == [(main.pk, 3, 1, 33), (part.pk, 2, 1, 50)]


def test_a_person_registered_for_the_event_and_a_part_is_expected_once_at_the_main_door():
    part = PartFactory(registration_enabled=True)
    main = part.parent
    services.update_event(main, actor=None, registration_enabled=True)
    services.publish_event(main, actor=None)
    at_main = RegistrationFactory(event=main)
    at_part_too = RegistrationFactory(event=part, user=at_main.user)
    RegistrationFactory(event=part)
    services.check_in(main, at_main.code, actor=None)
    services.check_in(main, at_part_too.code, actor=None)

    rows = [
        (row["door"].pk, row["expected"], row["arrived"], row["percent"])
        for row in selectors.attendance_of(main)
    ]

    assert rows == [(main.pk, 2, 1, 50), (part.pk, 2, 0, 0)]


def test_the_registrations_list_searches_names_and_codes():
    registration = RegistrationFactory(name="王梓涵")
    RegistrationFactory(event=registration.event, name="李京华", user=UserFactory())
    everyone = selectors.registrations_for(registration.event)

    by_name = selectors.filter_registrations(everyone, query="梓涵")
    by_code = selectors.filter_registrations(everyone, query=registration.display_code)

    assert (list(by_name), list(by_code)) == ([registration], [registration])
