"""Administrators and reviewers of government bodies and parks, and superusers, set up an
authenticator app before they act; the admin signs in through the site's sign-in page, with
the second factor."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from cloudpark.accounts import mfa
from cloudpark.orgs import enums
from tests.factories import (
    EnterpriseFactory,
    GovernmentBodyFactory,
    MembershipFactory,
    ParkFactory,
    UserFactory,
)
from tests.test_settings import PRODUCTION, cloudpark

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
SET_UP = "/accounts/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def privileged_need_it(settings):
    settings.MFA_REQUIRED_FOR = mfa.PRIVILEGED
    # current_code's step may end before the code is checked: accept the step next to it.
    settings.MFA_TOTP_TOLERANCE = 1
    return settings


def with_totp(user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(secret):
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]
    return format_hotp_value(hotp_value(secret, counter))


def member(factory, role, **extra):
    return MembershipFactory(organization=factory(), role=role, **extra).user


@pytest.mark.parametrize(
    ("organization", "role"),
    [
        (GovernmentBodyFactory, enums.Role.ADMIN),
        (GovernmentBodyFactory, enums.Role.REVIEWER),
        (ParkFactory, enums.Role.ADMIN),
        (ParkFactory, enums.Role.REVIEWER),
    ],
)
def test_administrators_and_reviewers_are_sent_to_set_up_totp(client, organization, role):
    client.force_login(member(organization, role))

    response = client.get(reverse("individual:home"), follow=True)

    assert response.redirect_chain[0] == (SET_UP, 302)
    assert "set up an authenticator app" in response.content.decode()


def test_a_superuser_is_sent_to_set_up_totp_even_for_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get("/admin/")

    assert (response.status_code, response["Location"]) == (302, SET_UP)


def test_the_message_speaks_chinese(client):
    client.force_login(member(ParkFactory, enums.Role.ADMIN))

    response = client.get(reverse("individual:home"), follow=True, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert "身份验证器" in response.content.decode()


def test_an_extra_capability_to_decide_needs_it_too(client):
    client.force_login(
        member(GovernmentBodyFactory, enums.Role.STAFF, extra_capabilities=["decide"])
    )

    assert client.get(reverse("individual:home"))["Location"] == SET_UP


@pytest.mark.parametrize(
    ("organization", "role", "active"),
    [
        (ParkFactory, enums.Role.STAFF, True),
        (GovernmentBodyFactory, enums.Role.JUROR, True),
        (EnterpriseFactory, enums.Role.ADMIN, True),
        (ParkFactory, enums.Role.ADMIN, False),
    ],
)
def test_others_go_on_without(client, organization, role, active):
    client.force_login(member(organization, role, is_active=active))

    assert client.get(reverse("individual:home")).status_code == 200


def test_with_totp_the_administrator_acts(client):
    admin = member(ParkFactory, enums.Role.ADMIN)
    with_totp(admin)
    client.force_login(admin)

    assert client.get(reverse("individual:home")).status_code == 200


def test_sign_out_and_the_set_up_pages_stay_open(client):
    client.force_login(member(ParkFactory, enums.Role.ADMIN))

    set_up = client.get(SET_UP)
    sign_out = client.post(reverse("account_logout"))

    # The set-up page first asks for the password again (allauth's reauthentication).
    assert set_up["Location"].startswith("/accounts/reauthenticate/")
    assert sign_out.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_api_refuses_such_a_session(client):
    client.force_login(member(GovernmentBodyFactory, enums.Role.ADMIN))

    response = client.get(reverse("api:me"))

    assert response.status_code == 403
    assert "second factor" in response.json()["detail"]


def test_everyone_needs_it_when_the_setting_says_so(client, settings):
    settings.MFA_REQUIRED_FOR = mfa.EVERYONE
    client.force_login(UserFactory())

    assert client.get(reverse("individual:home"))["Location"] == SET_UP


def test_nobody_needs_it_when_the_setting_says_so(client, settings):
    settings.MFA_REQUIRED_FOR = mfa.NOBODY
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    assert client.get(reverse("individual:home")).status_code == 200


def test_the_admin_login_page_sends_to_the_sites_sign_in(client):
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    posted = client.post("/admin/login/", {"username": "a@example.cn", "password": "x"})

    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Faccounts%2Fuser%2F"
    assert posted["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_the_admin_login_page_ignores_a_next_elsewhere(client):
    response = client.get("/admin/login/?next=https://evil.example.com/")

    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_a_signed_in_person_who_is_not_staff_is_refused_the_admin(client):
    client.force_login(UserFactory())

    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_a_superuser_reaches_the_admin_only_with_the_code(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    secret = with_totp(admin)
    start = client.get("/admin/")
    sign_in = client.get(start["Location"])
    assert sign_in["Location"] == "/accounts/login/?next=%2Fadmin%2F"

    password = client.post(sign_in["Location"], {"login": admin.email, "password": PASSWORD})
    before_code = client.get("/admin/")
    code = client.post(password["Location"], {"code": current_code(secret)})

    assert password["Location"] == reverse("mfa_authenticate")
    assert before_code["Location"].startswith("/admin/login/")
    assert code["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert Authenticator.objects.get(user=admin, type="totp").last_used_at is not None


def test_production_asks_the_privileged_by_default_and_refuses_an_unknown_scope():
    refused = cloudpark("check", **{**PRODUCTION, "CLOUDPARK_MFA_REQUIRED_FOR": "some"})
    shown = cloudpark(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.MFA_REQUIRED_FOR)",
        **PRODUCTION,
    )

    assert "CLOUDPARK_MFA_REQUIRED_FOR must be" in refused.stderr
    assert shown.stdout.strip().splitlines()[-1] == "privileged"


def test_a_role_without_the_second_factor_asks_for_no_authenticator_on_each_page(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(member(EnterpriseFactory, enums.Role.ADMIN))
    client.get(reverse("enterprise:home"))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("enterprise:home"))

    assert response.status_code == 200
    assert not [q for q in queries.captured_queries if Authenticator._meta.db_table in q["sql"]]
