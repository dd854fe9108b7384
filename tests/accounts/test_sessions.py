"""Sessions end when idle, after an absolute lifetime, on a password change elsewhere, and on
the person's own request everywhere at once."""

import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cloudpark.core.middleware import LAST_SEEN_COOKIE, LAST_SEEN_KEY, SIGNED_IN_KEY
from cloudpark.core.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
PROFILE = "/me/profile/"


def signed_in(user):
    browser = Client()
    response = browser.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def age_session(browser, **keys):
    session = browser.session
    for key, seconds_ago in keys.items():
        session[key] = int(time.time()) - seconds_ago
    session.save()


def test_an_idle_session_ends(user, settings):
    browser = signed_in(user)
    age_session(browser, **{LAST_SEEN_KEY: settings.SESSION_IDLE_SECONDS + 60})

    response = browser.get(PROFILE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert SESSION_KEY not in browser.session


def test_an_active_session_goes_on(user):
    browser = signed_in(user)
    age_session(browser, **{LAST_SEEN_KEY: 5 * 60})

    response = browser.get(PROFILE)

    assert response.status_code == 200


def test_a_session_ends_after_its_lifetime_however_active(user, settings):
    browser = signed_in(user)
    age_session(browser, **{SIGNED_IN_KEY: settings.SESSION_COOKIE_AGE + 60, LAST_SEEN_KEY: 0})

    response = browser.get(PROFILE)

    assert response.status_code == 302
    assert SESSION_KEY not in browser.session


def test_the_idle_limit_is_configurable(user, settings):
    settings.SESSION_IDLE_SECONDS = 120
    browser = signed_in(user)
    age_session(browser, **{LAST_SEEN_KEY: 180})

    response = browser.get(PROFILE)

    assert response.status_code == 302


def seen_cookie_of(browser):
    cookie = browser.cookies.get(LAST_SEEN_COOKIE)
    return cookie.value if cookie is not None and cookie.value else None


def test_a_request_a_minute_later_is_remembered_in_a_cookie_not_the_session(user):
    browser = signed_in(user)
    browser.get(PROFILE)
    assert seen_cookie_of(browser) is None  # within the minute of sign-in
    age_session(browser, **{LAST_SEEN_KEY: 5 * 60})
    stored = browser.session.session_key

    with CaptureQueriesContext(connection) as queries:
        assert browser.get(PROFILE).status_code == 200

    written = [query["sql"] for query in queries if "django_session" in query["sql"]]
    assert written
    assert all(sql.startswith("SELECT") for sql in written)
    assert seen_cookie_of(browser) is not None
    assert browser.session.session_key == stored
    # The session still says five minutes ago; the cookie says now, and counts.
    age_session(browser, **{LAST_SEEN_KEY: 10 * 60 * 60})
    assert browser.get(PROFILE).status_code == 200


def test_a_seen_cookie_of_another_session_does_not_keep_this_one_alive(user, settings):
    other = signed_in(UserFactory())
    age_session(other, **{LAST_SEEN_KEY: 5 * 60})
    other.get(PROFILE)
    borrowed = seen_cookie_of(other)
    assert borrowed is not None
    browser = signed_in(user)
    age_session(browser, **{LAST_SEEN_KEY: settings.SESSION_IDLE_SECONDS + 60})
    browser.cookies[LAST_SEEN_COOKIE] = borrowed

    response = browser.get(PROFILE)

    assert response.status_code == 302
    assert SESSION_KEY not in browser.session
    assert seen_cookie_of(browser) is None


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(user):
    here, elsewhere = signed_in(user), signed_in(user)

    response = here.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "Tq7!river-lantern",
            "password2": "Tq7!river-lantern",
        },
    )

    assert response.status_code == 302
    assert here.get(PROFILE).status_code == 200
    assert elsewhere.get(PROFILE).status_code == 302


def test_signing_out_everywhere_ends_every_session_of_the_person_only(user):
    here, elsewhere = signed_in(user), signed_in(user)
    other = signed_in(UserFactory())

    response = here.post(reverse("individual:sign-out-everywhere"))

    assert response.status_code == 302
    assert [b.get(PROFILE).status_code for b in (here, elsewhere, other)] == [302, 302, 200]
    assert (
        AuditEntry.objects.filter(
            action="accounts.user.signed_out_everywhere", object_id=str(user.pk)
        ).count()
        == 1
    )


def test_the_profile_page_offers_signing_out_everywhere(user):
    browser = signed_in(user)

    response = browser.get(PROFILE)

    assert reverse("individual:sign-out-everywhere") in response.content.decode()


def test_signing_out_everywhere_takes_a_post_only(user):
    browser = signed_in(user)

    response = browser.get(reverse("individual:sign-out-everywhere"))

    assert response.status_code == 405
    assert browser.get(PROFILE).status_code == 200
