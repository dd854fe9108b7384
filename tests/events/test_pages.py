"""The event pages: the public calendar and registration, a person's tickets, the organiser's
programme, registrations and check-in desk, and an enterprise applying to exhibit."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cloudpark.core.models import AuditEntry
from cloudpark.events import enums, services, tickets
from cloudpark.events.models import CheckIn, Event, Exhibitor, Registration
from cloudpark.orgs.enums import Role
from tests.factories import (
    EnterpriseFactory,
    EventFactory,
    ExhibitionFactory,
    MembershipFactory,
    OrganizerFactory,
    ParkFactory,
    PartFactory,
    QuestionFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
)
from tests.factories.events import in_days
from tests.portals.test_pages import inline_markup

pytestmark = pytest.mark.django_db


def admin_of(organization, role=Role.ADMIN):
    return MembershipFactory(organization=organization, role=role).user


def open_event(**values):
    return EventFactory(published=True, registration_enabled=True, **values)


def sheet_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


# The public site -------------------------------------------------------------------------------


def test_the_public_list_shows_published_events_not_drafts(client):
    EventFactory(title="筹备中的论坛")
    EventFactory(title="视听产业发展论坛", published=True)

    response = client.get(reverse("public:event_list"))

    assert [event.title for event in response.context["rows"]] == ["视听产业发展论坛"]


def test_the_public_list_searches_chinese_and_filters_by_kind(client):
    EventFactory(title="中国—东盟电影文化周", kind=enums.EventKind.FILM_WEEK, published=True)
    EventFactory(title="网络媒体论坛", published=True)

    response = client.get(reverse("public:event_list"), {"q": "电影", "kind": "film_week"})

    assert [event.title for event in response.context["rows"]] == ["中国—东盟电影文化周"]


def test_the_public_list_filters_by_an_organiser_named_on_the_event(client):
    event = EventFactory(title="网络视听论坛", published=True)
    OrganizerFactory(event=event, name="中国网络视听节目服务协会", name_en="")
    EventFactory(title="视听产业发展论坛", published=True)
    url = reverse("public:event_list")
    client.get(url)  # the filters' choices, read once and then kept

    with CaptureQueriesContext(connection) as unfiltered:
        client.get(url)
    with CaptureQueriesContext(connection) as filtered:
        response = client.get(url, {"organizer_name": "视听节目"})

    assert [event.title for event in response.context["rows"]] == ["网络视听论坛"]
    assert len(filtered) == len(unfiltered)


def test_the_public_filters_are_kept_until_an_event_changes(client):
    first = EventFactory(title="视听产业发展论坛", published=True)
    partner = ParkFactory()
    url = reverse("public:event_list")
    client.get(url)

    # Kept: the cities and organisers are not read again, only the count and the page.
    with CaptureQueriesContext(connection) as kept:
        client.get(url)
    assert [query["sql"] for query in kept if "DISTINCT" in query["sql"]] == []

    EventFactory(owner=first.owner, city="南宁", city_en="Nanning", published=True)
    assert ("南宁", "Nanning") in client.get(url).context["filter_form"].fields["city"].choices

    OrganizerFactory(event=first, organization=partner, name="", name_en="")
    choices = client.get(url).context["filter_form"].fields["organizer"].choices
    assert partner.pk in [pk for pk, _label in choices]


def test_the_public_list_exports_to_excel(client):
    event = EventFactory(title="视听产业发展论坛", title_en="", published=True)
    OrganizerFactory(event=event, name="之江基地", name_en="")

    response = client.get(reverse("public:event_list"), {"format": "xlsx"})

    rows = sheet_rows(response)
    assert rows[0][:2] == ["Title", "Kind"]
    assert (rows[1][0], rows[1][-1]) == ("视听产业发展论坛", "之江基地")


def test_the_event_page_lists_organisers_in_the_industrys_order(client):
    event = EventFactory(published=True)
    OrganizerFactory(event=event, role=enums.OrganizerRole.SUPPORTER, name="支持单位甲", name_en="")
    OrganizerFactory(event=event, role=enums.OrganizerRole.GUIDANCE, name="指导单位甲", name_en="")
    OrganizerFactory(event=event, role=enums.OrganizerRole.HOST, name="主办单位甲", name_en="")

    response = client.get(reverse("public:event_detail", args=[event.pk]))

    html = response.content.decode()
    assert html.index("指导单位甲") < html.index("主办单位甲") < html.index("支持单位甲")


def test_the_agenda_is_shown_day_by_day_with_changes_marked(client):
    event = EventFactory(starts_at=in_days(10), ends_at=in_days(11, hour=18))
    SessionFactory(event=event, title="第一天开幕式")
    second_day = SessionFactory(event=event, title="第二天圆桌", starts_at=in_days(11))
    services.publish_event(event, actor=None)
    services.update_session(second_day, actor=None, place="多功能厅")
    day = second_day.starts_at.astimezone(event.zone).date().isoformat()

    response = client.get(reverse("public:event_agenda", args=[event.pk]), {"day": day})

    assert [s.title for s in response.context["sessions"]] == ["第二天圆桌"]
    assert "Changed after publication" in response.content.decode()


def test_the_calendar_file_holds_the_event_and_its_parts(client):
    part = PartFactory(title="平行论坛")
    services.publish_event(part.parent, actor=None)

    response = client.get(reverse("public:event_calendar", args=[part.parent.pk]))

    text = response.content.decode()
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert text.count("BEGIN:VEVENT") == 2
    assert f"UID:event-{part.pk}@cloudpark\r\n" in text


def test_a_draft_event_is_not_found(client):
    event = EventFactory()

    response = client.get(reverse("public:event_detail", args=[event.pk]))

    assert response.status_code == 404


def test_public_event_pages_have_no_inline_markup(client):
    event = open_event()
    SessionFactory(event=event)
    client.force_login(UserFactory())
    pages = [
        "public:event_list",
        "public:event_detail",
        "public:event_agenda",
        "public:event_register",
    ]

    found = [
        inline_markup(
            client.get(
                reverse(name, args=[] if name.endswith("list") else [event.pk])
            ).content.decode()
        )
        for name in pages
    ]

    assert found == [[], [], [], []]


# Registering -----------------------------------------------------------------------------------


def test_registering_asks_anonymous_visitors_to_sign_in(client):
    event = open_event()

    response = client.get(reverse("public:event_register", args=[event.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_person_registers_with_answers_and_sees_their_ticket(client):
    event = open_event()
    question = QuestionFactory(event=event, label="关注议题", required=True)
    person = UserFactory(name="王梓涵")
    client.force_login(person)

    response = client.post(
        reverse("public:event_register", args=[event.pk]),
        {"name": "王梓涵", "organization_name": "之江影视", f"question_{question.pk}": "微短剧"},
    )

    registration = Registration.objects.get()
    assert response["Location"] == reverse("individual:registration_detail", args=[registration.pk])
    assert (registration.status, registration.answers) == (
        "confirmed",
        {str(question.pk): "微短剧"},
    )
    ticket = client.get(response["Location"]).content.decode()
    assert registration.display_code in ticket
    assert 'src="data:image/svg+xml' in ticket


def test_a_full_event_puts_the_person_on_the_waiting_list_and_says_so(client):
    event = open_event(capacity=1)
    RegistrationFactory(event=event)
    client.force_login(UserFactory())

    response = client.post(
        reverse("public:event_register", args=[event.pk]), {"name": "王梓涵"}, follow=True
    )

    assert "you are on the waiting list" in response.content.decode()
    assert Registration.objects.filter(status="waiting").count() == 1


def test_a_second_registration_sends_the_person_to_their_first(client):
    first = RegistrationFactory(event=open_event())
    client.force_login(first.user)

    response = client.post(
        reverse("public:event_register", args=[first.event.pk]), {"name": "王梓涵"}
    )

    assert response["Location"] == reverse("individual:registration_detail", args=[first.pk])
    assert list(Registration.objects.values_list("pk", flat=True)) == [first.pk]


# A registration's queries with its ticket queued in the database, as in production: the
# session and the person; the event (and its questions, when it asks any); then in one
# transaction the seat (or, the event full, the event's row held and read), the registration,
# its audit entry and, for a seat, the ticket's task.
@pytest.mark.parametrize(
    ("taken", "asks", "status", "queries"),
    [
        (0, True, "confirmed", 10),
        (1, True, "waiting", 9),
        (0, False, "confirmed", 9),
        (1, False, "waiting", 8),
    ],
)
def test_registering_takes_a_fixed_number_of_queries(
    client, settings, django_assert_num_queries, taken, asks, status, queries
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    event = open_event(capacity=1)
    if asks:
        QuestionFactory(event=event, label="关注议题")
    if taken:
        RegistrationFactory(event=event)
    client.force_login(UserFactory())
    url = reverse("public:event_register", args=[event.pk])
    client.get(url)  # the idle timer's write of the session

    with django_assert_num_queries(queries):
        response = client.post(url, {"name": "王梓涵"})

    assert response.status_code == 302
    assert Registration.objects.get(pk=response["Location"].split("/")[-2]).status == status


def test_registration_after_the_deadline_is_refused_on_the_form(client):
    event = open_event(registration_deadline=in_days(-1))
    client.force_login(UserFactory())

    response = client.post(reverse("public:event_register", args=[event.pk]), {"name": "王梓涵"})

    assert response.status_code == 200
    assert "Registration closed on" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_person_cancels_and_the_seat_goes_to_the_first_waiting(client):
    mine = RegistrationFactory(event__capacity=1)
    waiting = RegistrationFactory(event=mine.event)
    client.force_login(mine.user)

    response = client.post(reverse("individual:registration_cancel", args=[mine.pk]))

    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert response["Location"] == reverse("individual:registration_list")
    assert (mine.status, waiting.status) == ("cancelled", "confirmed")


def test_another_persons_registration_cannot_be_cancelled(client):
    theirs = RegistrationFactory()
    client.force_login(UserFactory())

    response = client.post(reverse("individual:registration_cancel", args=[theirs.pk]))

    theirs.refresh_from_db()
    assert (response.status_code, theirs.status) == (404, "confirmed")


def test_a_persons_agenda_is_one_calendar(client):
    mine = RegistrationFactory()
    RegistrationFactory(user=mine.user)
    client.force_login(mine.user)

    response = client.get(reverse("individual:agenda_calendar"))

    assert response.content.decode().count("BEGIN:VEVENT") == 2


def test_the_home_page_lists_the_persons_registrations(client):
    mine = RegistrationFactory(event__title="视听产业发展论坛", event__title_en="")
    client.force_login(mine.user)

    response = client.get(reverse("individual:home"))

    assert "视听产业发展论坛" in response.content.decode()


# The organiser ---------------------------------------------------------------------------------


def event_form(**values):
    return {
        "kind": "forum",
        "title": "之江视听论坛",
        "starts_at": "2030-05-20T09:00",
        "ends_at": "2030-05-20T17:30",
        "time_zone": "Asia/Bangkok",
        "city": "杭州",
        **values,
    }


def test_an_organiser_creates_a_draft_in_the_events_time_zone(client, park):
    client.force_login(admin_of(park))

    response = client.post(reverse("park:event_create"), event_form())

    event = Event.objects.get()
    assert response["Location"] == reverse("park:event_detail", args=[event.pk])
    assert (event.owner_id, event.status, event.local_starts_at.hour) == (park.pk, "draft", 9)
    assert event.starts_at.isoformat() == "2030-05-20T02:00:00+00:00"


def test_an_event_ending_before_it_starts_is_refused_on_the_form(client, park):
    client.force_login(admin_of(park))

    response = client.post(reverse("park:event_create"), event_form(ends_at="2030-05-20T08:00"))

    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"] == ["The end must come after the start."]
    assert not Event.objects.exists()


def test_a_capacity_below_the_confirmed_seats_is_refused_at_its_field(client, park):
    event = open_event(owner=park, capacity=5)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event)
    client.force_login(admin_of(park))
    local = {name: getattr(event, name).astimezone(event.zone) for name in ("starts_at", "ends_at")}

    response = client.post(
        reverse("park:event_edit", args=[event.pk]),
        {
            **event_form(
                title=event.title,
                time_zone=event.time_zone,
                starts_at=local["starts_at"].strftime("%Y-%m-%dT%H:%M"),
                ends_at=local["ends_at"].strftime("%Y-%m-%dT%H:%M"),
            ),
            "registration_enabled": "on",
            "has_waiting_list": "on",
            "capacity": "1",
        },
    )

    event.refresh_from_db()
    assert response.context["form"].errors["capacity"] == [
        "2 seats are already confirmed: the event cannot have fewer seats. "
        "Cancel registrations first."
    ]
    assert event.capacity == 5


def test_an_organiser_publishes_from_the_event_page(client, park):
    event = EventFactory(owner=park)
    client.force_login(admin_of(park))

    client.post(reverse("park:event_detail", args=[event.pk]), {"step": "publish"})

    event.refresh_from_db()
    assert event.status == "published"


def test_staff_cannot_publish_by_post(client, park):
    event = EventFactory(owner=park)
    client.force_login(admin_of(park, Role.STAFF))

    response = client.post(reverse("park:event_detail", args=[event.pk]), {"step": "publish"})

    event.refresh_from_db()
    assert (response.status_code, event.status) == (403, "draft")


def test_a_park_cannot_change_another_parks_event(client, park, other_park):
    event = EventFactory(owner=other_park)
    client.force_login(admin_of(park))

    response = client.post(
        reverse("park:event_organizers", args=[event.pk]), {"role": "host", "name": "冒名单位"}
    )

    assert response.status_code == 404
    assert not event.organizers.exists()


def test_an_organiser_adds_and_removes_organisers(client, park):
    event = EventFactory(owner=park)
    client.force_login(admin_of(park))
    url = reverse("park:event_organizers", args=[event.pk])

    client.post(url, {"action": "add", "role": "host", "name": "之江基地", "name_en": "Zhijiang"})
    organizer = event.organizers.get()
    client.post(url, {"action": "remove", "row": organizer.pk})

    assert not event.organizers.exists()
    assert [e.action for e in AuditEntry.objects.filter(action__startswith="events.organizer")] == [
        "events.organizer.removed",
        "events.organizer.added",
    ]


def test_a_session_outside_the_event_is_refused_on_the_agenda_page(client, park):
    event = EventFactory(owner=park, starts_at=in_days(10))
    client.force_login(admin_of(park))
    day = event.local_starts_at.date().isoformat()

    response = client.post(
        reverse("park:event_agenda", args=[event.pk]),
        {
            "action": "add",
            "title": "晚宴",
            "format": "other",
            "starts_at": f"{day}T21:00",
            "ends_at": f"{day}T23:00",
        },
    )

    assert "A session takes place during its event" in response.content.decode()
    assert not event.sessions.exists()


def test_an_organiser_confirms_an_exhibitor_with_a_booth(client, park):
    exhibition = ExhibitionFactory(owner=park, published=True)
    applicant = services.apply_to_exhibit(
        exhibition, EnterpriseFactory(), actor=None, exhibits="8K转播车"
    )
    client.force_login(admin_of(park))

    client.post(
        reverse("park:event_exhibitors", args=[exhibition.pk]),
        {"action": "confirm", "row": applicant.pk, "booth": "A08"},
    )

    applicant.refresh_from_db()
    assert (applicant.status, applicant.booth) == ("confirmed", "A08")


def test_the_registrations_page_approves_and_exports(client, park):
    event = open_event(owner=park, requires_approval=True)
    question = QuestionFactory(event=event, label="关注议题")
    registration = RegistrationFactory(event=event, answers={str(question.pk): "微短剧"})
    client.force_login(admin_of(park))
    url = reverse("park:event_registrations", args=[event.pk])

    client.post(url, {"action": "approve", "row": registration.pk})
    response = client.get(url, {"format": "xlsx"})

    registration.refresh_from_db()
    rows = sheet_rows(response)
    assert registration.status == "confirmed"
    assert rows[0][-1] == "关注议题"
    assert (rows[1][0], rows[1][1], rows[1][4], rows[1][-1]) == (
        registration.name,
        registration.user.email,
        "Confirmed",
        "微短剧",
    )
    assert AuditEntry.objects.filter(
        action="core.personal_data.viewed", object_id=str(event.pk)
    ).exists()


def test_organisers_without_the_personal_data_right_see_e_mail_addresses_masked(client, park):
    registration = RegistrationFactory(event__owner=park)
    organiser = MembershipFactory(
        organization=park, role=Role.STAFF, extra_capabilities=["manage_events"]
    ).user
    client.force_login(organiser)

    response = client.get(reverse("park:event_registrations", args=[registration.event.pk]))

    local, domain = registration.user.email.split("@")
    assert f"{local[0]}{'*' * (len(local) - 1)}@{domain}" in response.content.decode()
    assert registration.user.email not in response.content.decode()
    assert not AuditEntry.objects.filter(action="core.personal_data.viewed").exists()


def test_staff_export_the_attendance(client, park):
    registration = RegistrationFactory(event__owner=park)
    services.check_in(registration.event, registration.code, actor=None)
    client.force_login(admin_of(park, Role.STAFF))

    response = client.get(
        reverse("park:event_attendance", args=[registration.event.pk]), {"format": "xlsx"}
    )

    rows = sheet_rows(response)
    assert rows[0] == ["Name", "Organisation", "Door", "Checked in at", "How", "Checked in by"]
    assert rows[1][:3] == [
        registration.name,
        registration.organization_name,
        registration.event.title_en,
    ]


def test_the_check_in_desk_lets_a_typed_code_in_once(client, park):
    registration = RegistrationFactory(event__owner=park)
    client.force_login(admin_of(park, Role.STAFF))
    url = reverse("park:event_check_in", args=[registration.event.pk])

    first = client.post(url, {"code": registration.display_code.lower()})
    second = client.post(
        url, {"code": tickets.payload_for(registration)}, headers={"HX-Request": "true"}
    )

    check = CheckIn.objects.get()
    local = check.checked_in_at.astimezone(registration.event.zone).strftime("%Y-%m-%d %H:%M")
    assert first.context["result"]["ok"] is True
    assert f"Already checked in: this ticket was let in at {local}." in second.content.decode()
    assert 'id="attendance-figures" hx-swap-oob="innerHTML"' in second.content.decode()
    assert "<html" not in second.content.decode()


def test_the_attendance_figures_are_a_partial(client, park):
    registration = RegistrationFactory(event__owner=park)
    services.check_in(registration.event, registration.code, actor=None)
    client.force_login(admin_of(park, Role.STAFF))

    response = client.get(reverse("park:event_attendance", args=[registration.event.pk]))

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="attendance-figures"')
    assert f'data-arrived="{registration.event.pk}">1<' in html


# An enterprise ---------------------------------------------------------------------------------


def test_an_enterprise_applies_to_exhibit(client, enterprise):
    exhibition = ExhibitionFactory(published=True)
    client.force_login(admin_of(enterprise))

    response = client.post(
        reverse("enterprise:exhibition_apply", args=[exhibition.pk]),
        {"exhibits": "网络微短剧制作", "exhibits_en": "Micro-dramas"},
    )

    entry = Exhibitor.objects.get()
    assert response["Location"] == reverse("enterprise:exhibition_list")
    assert (entry.organization_id, entry.status, entry.exhibits) == (
        enterprise.pk,
        "applied",
        "网络微短剧制作",
    )


def test_an_enterprise_accepts_an_invitation(client, enterprise):
    invitation = services.invite_exhibitor(
        ExhibitionFactory(published=True), actor=None, organization=enterprise
    )
    client.force_login(admin_of(enterprise))

    client.post(reverse("enterprise:exhibition_list"), {"action": "accept", "row": invitation.pk})

    invitation.refresh_from_db()
    assert invitation.status == "confirmed"


def test_an_enterprise_cannot_accept_its_own_application(client, enterprise):
    application = services.apply_to_exhibit(
        ExhibitionFactory(published=True), enterprise, actor=None, exhibits="8K转播车"
    )
    client.force_login(admin_of(enterprise))

    response = client.post(
        reverse("enterprise:exhibition_list"),
        {"action": "accept", "row": application.pk},
        follow=True,
    )

    application.refresh_from_db()
    assert application.status == "applied"
    assert [str(message) for message in response.context["messages"]] == [
        "Only the organiser can confirm an application to exhibit."
    ]


def test_an_exhibition_that_has_opened_takes_no_applications(client, enterprise):
    exhibition = ExhibitionFactory(starts_at=in_days(-1), ends_at=in_days(1), published=True)
    client.force_login(admin_of(enterprise))

    response = client.get(reverse("enterprise:exhibition_apply", args=[exhibition.pk]))

    assert response.status_code == 404


def test_the_event_page_says_when_registration_closed(client):
    event = open_event(starts_at=in_days(-1), ends_at=in_days(1))
    client.force_login(UserFactory())

    response = client.get(reverse("public:event_detail", args=[event.pk]))

    local = event.starts_at.astimezone(event.zone).strftime("%Y-%m-%d %H:%M")
    assert f"Registration closed on {local}." in response.content.decode()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_a_cover_picture_is_uploaded_and_served(client, park, media_root):
    client.force_login(admin_of(park))
    cover = SimpleUploadedFile("cover.png", PNG, content_type="image/png")
    client.post(reverse("park:event_create"), {**event_form(), "cover": cover})
    event = Event.objects.get()
    services.publish_event(event, actor=None)

    response = client.get(reverse("public:event_cover", args=[event.pk]))

    assert (response["Content-Type"], b"".join(response.streaming_content)) == ("image/png", PNG)


def test_a_file_that_is_not_a_picture_is_refused_as_a_cover(client, park, media_root):
    client.force_login(admin_of(park))
    fake = SimpleUploadedFile("cover.png", b"<svg onload=alert(1)>", content_type="image/png")

    response = client.post(reverse("park:event_create"), {**event_form(), "cover": fake})

    assert response.context["form"].errors["cover"] == [
        "This file is not a JPEG, PNG or WebP picture."
    ]
    assert not Event.objects.exists()


def withdraw_buttons(response):
    return response.content.decode().count('name="action" value="withdraw"')


def test_the_organiser_may_withdraw_an_exhibitor_that_applied_as_the_table_allows(client, park):
    exhibition = ExhibitionFactory(owner=park, published=True)
    applicant = services.apply_to_exhibit(
        exhibition, EnterpriseFactory(), actor=None, exhibits="8K转播车"
    )
    client.force_login(admin_of(park))
    url = reverse("park:event_exhibitors", args=[exhibition.pk])

    shown = withdraw_buttons(client.get(url))
    client.post(url, {"action": "withdraw", "row": applicant.pk})

    applicant.refresh_from_db()
    assert (shown, applicant.status) == (1, enums.ExhibitorStatus.WITHDRAWN)
    assert withdraw_buttons(client.get(url)) == 0
