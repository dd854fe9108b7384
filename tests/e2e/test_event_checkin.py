"""A person registers for a sub-forum and an organiser checks their ticket in at its door.

The person signs in, opens the forum's page, registers for a parallel forum, and is shown a
ticket (and sent it by e-mail). At the sub-forum's own door the organiser types the ticket's
code: the person is let in and the attendance figure moves; typing it again is refused with
the time of the first check-in. Elements are found by id, name and role; texts on screen come
from the platform's own translations, so the scenario holds in Chinese and in English.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from cloudpark.events import enums, services
from cloudpark.events.models import CheckIn, Registration
from cloudpark.orgs import enums as org_enums
from tests.e2e.conftest import EVERY_LANGUAGE_AND_WIDTH
from tests.factories import (
    EventFactory,
    MembershipFactory,
    ParkFactory,
    PartFactory,
    UserFactory,
)
from tests.factories.events import in_days

PASSWORD = "Zhijiang-forum-2027"


def sign_in(page, base_url, email):
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def expected_texts(language, registration=None, check=None, door=None):
    with translation.override(language):
        texts = SimpleNamespace(
            confirmed=str(enums.RegistrationStatus.CONFIRMED.label),
            registered=translation.gettext(
                "Your seat is confirmed. Your ticket is below, and on its way by e-mail."
            ),
            subject_start=translation.gettext("Your ticket: %(event)s") % {"event": ""},
        )
        if check is not None:
            local = services.local_text(check.checked_in_at, door)
            texts.welcome = translation.gettext("Welcome, %(name)s: checked in at %(time)s.") % {
                "name": registration.name,
                "time": local,
            }
            texts.again = translation.gettext(
                "Already checked in: this ticket was let in at %(time)s."
            ) % {"time": local}
        return texts


def watch(page, errors):
    page.on(
        "console",
        lambda message: (
            errors.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(("browser_locale", "browser_width"), EVERY_LANGUAGE_AND_WIDTH)
def test_a_person_registers_for_a_sub_forum_and_is_checked_in_once(
    live_server, browser, page, browser_locale, language, browser_errors, tmp_path
):
    # Arrange: a park's published forum with a parallel forum open for registration, its
    # administrator at the door, and a person with an account.
    park = ParkFactory(name="之江文化产业园", name_en="Zhijiang Cultural Industry Park")
    organiser = UserFactory(email="events@zhijiang.example.cn", password=PASSWORD)
    MembershipFactory(user=organiser, organization=park, role=org_enums.Role.ADMIN)
    person = UserFactory(email="wang@example.cn", name="王梓涵", password=PASSWORD)
    forum = EventFactory(
        owner=park,
        title="之江视听产业论坛",
        title_en="Zhijiang Audiovisual Industry Forum",
        starts_at=in_days(20),
    )
    sub_forum = PartFactory(
        parent=forum,
        title="网络视听平行论坛",
        title_en="Online Audiovisual Parallel Forum",
        starts_at=forum.starts_at + timedelta(hours=5),
        registration_enabled=True,
        capacity=50,
    )
    services.publish_event(forum, actor=organiser)
    texts = expected_texts(language)

    # Act 1: the person signs in, opens the forum's page and registers for the sub-forum.
    sign_in(page, live_server.url, person.email)
    page.goto(f"{live_server.url}/events/{forum.pk}/")
    page.locator(f'a[href="/events/{sub_forum.pk}/register/"]').click()
    page.locator("input[name=organization_name]").fill("之江影视有限公司")
    page.locator("form.cp-form button[type=submit]").click()

    # Assert 1: a confirmed ticket, shown with its code and QR code, and sent by e-mail.
    registration = Registration.objects.get()
    expect(page).to_have_url(f"{live_server.url}/me/events/{registration.pk}/")
    expect(page.locator(".cp-messages .alert-success")).to_have_text(texts.registered)
    expect(page.locator("#ticket-code")).to_have_text(registration.display_code)
    expect(page.locator("#ticket img")).to_be_visible()
    assert (registration.event, registration.status, registration.name) == (
        sub_forum,
        "confirmed",
        "王梓涵",
    )
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert mail.outbox[0].subject.startswith(texts.subject_start)
    assert registration.display_code in mail.outbox[0].body
    typed_code = page.locator("#ticket-code").inner_text()
    page.screenshot(path=tmp_path / "1-ticket.png", full_page=True)

    # Act 2: at the sub-forum's own door, the organiser types the code.
    desk_context = browser.new_context(locale=browser_locale)
    desk = desk_context.new_page()
    watch(desk, browser_errors)
    sign_in(desk, live_server.url, organiser.email)
    desk.goto(f"{live_server.url}/park/events/{sub_forum.pk}/check-in/")
    arrived = desk.locator(f'[data-arrived="{sub_forum.pk}"]')
    expect(arrived).to_have_text("0")
    code = desk.locator("input[name=code]")
    code.fill(typed_code.lower())
    desk.locator("#checkin-form button[type=submit]").click()

    # Assert 2: let in, and the attendance figure moves.
    expect(desk.locator("#checkin-message.alert-success")).to_be_visible()
    check = CheckIn.objects.get()
    texts = expected_texts(language, registration, check, sub_forum)
    expect(desk.locator("#checkin-message strong")).to_have_text(texts.welcome)
    expect(arrived).to_have_text("1")
    assert (check.registration, check.door, check.method, check.checked_in_by) == (
        registration,
        sub_forum,
        "typed",
        organiser,
    )
    expect(code).to_have_value("")

    # Act 3: the same code once more.
    code.fill(typed_code)
    desk.locator("#checkin-form button[type=submit]").click()

    # Assert 3: refused with the time of the first check-in; the figure stays; no page broke
    # the Content-Security-Policy or logged an error.
    expect(desk.locator("#checkin-message.alert-warning strong")).to_have_text(texts.again)
    expect(arrived).to_have_text("1")
    assert CheckIn.objects.count() == 1
    desk.screenshot(path=tmp_path / "2-check-in.png", full_page=True)
    desk_context.close()
    assert browser_errors == []
