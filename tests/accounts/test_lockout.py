"""Lockout after wrong passwords: the attacked account is locked, not its address."""

import pytest
from axes.models import AccessAttempt
from django.db.models import Sum
from django.urls import reverse

from cloudpark.accounts import lockout
from cloudpark.core.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_ACCOUNT_FAILURE_LIMIT = 3
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    return settings


def sign_in(client, email, password, address="198.51.100.7", **extra):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT="TestBrowser/1.0",
        **extra,
    )


def fail(client, email, times, address="198.51.100.7", **extra):
    for _ in range(times):
        sign_in(client, email, "wrong password", address, **extra)


def test_failures_are_recorded_under_the_account_tried(client):
    victim = UserFactory(email="victim@example.cn")

    fail(client, "Victim@Example.cn", 2)

    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [
        (victim.email, 2)
    ]


def test_an_attacked_account_is_locked_even_with_the_right_password(client):
    UserFactory(email="victim@example.cn")
    fail(client, "victim@example.cn", 3)

    response = sign_in(client, "victim@example.cn", PASSWORD, address="203.0.113.9")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_one_accounts_failures_lock_neither_another_account_nor_the_address(client):
    UserFactory(email="victim@example.cn")
    neighbour = UserFactory(email="neighbour@example.cn")
    fail(client, "victim@example.cn", 3)

    response = sign_in(client, "neighbour@example.cn", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(neighbour.pk)


def test_an_address_trying_many_accounts_is_locked_at_its_own_higher_limit(client):
    users = [UserFactory(email=f"person{n}@example.cn") for n in range(4)]
    fail(client, users[0].email, 2)
    fail(client, users[1].email, 2)
    fail(client, users[2].email, 1)

    before_limit = sign_in(client, users[3].email, "wrong password")
    after_limit = sign_in(client, users[3].email, PASSWORD)
    elsewhere = sign_in(client, users[3].email, PASSWORD, address="203.0.113.9")

    assert (before_limit.status_code, after_limit.status_code) == (429, 429)
    assert elsewhere.status_code == 302


def test_the_forwarded_address_is_ignored_unless_the_proxy_is_trusted(client, settings):
    UserFactory(email="victim@example.cn")

    fail(client, "victim@example.cn", 1, address=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1")
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    fail(client, "victim@example.cn", 1, address=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1")

    assert sorted(AccessAttempt.objects.values_list("ip_address", flat=True)) == [
        PROXY,
        "192.0.2.1",
    ]


def test_the_api_token_endpoint_counts_too_and_the_admin_signs_in_through_the_site(client):
    user = UserFactory(email="victim@example.cn", is_staff=True)
    client.post(
        reverse("api:token"),
        {"username": user.email, "password": "wrong"},
        REMOTE_ADDR="198.51.100.7",
    )
    admin = client.post(
        reverse("admin:login"),
        {"username": user.email, "password": "wrong"},
        REMOTE_ADDR="198.51.100.7",
    )
    fail(client, user.email, 2)
    failures = AccessAttempt.objects.filter(username=user.email).aggregate(
        n=Sum("failures_since_start")
    )["n"]

    response = client.post(reverse("api:token"), {"username": user.email, "password": PASSWORD})

    assert admin["Location"].startswith(reverse("account_login"))
    assert failures == 3
    assert response.status_code == 400
    assert "token" not in response.json()


def test_each_failure_is_logged_and_audited_with_account_address_and_browser(client, caplog):
    victim = UserFactory(email="victim@example.cn")

    with caplog.at_level("WARNING", logger="cloudpark.accounts.signals"):
        fail(client, "victim@example.cn", 1)

    entry = AuditEntry.objects.get(action="accounts.sign_in.failed")
    assert (entry.object_id, entry.data["account"], entry.ip_address, entry.user_agent) == (
        str(victim.pk),
        "victim@example.cn",
        "198.51.100.7",
        "TestBrowser/1.0",
    )
    assert [
        record.getMessage()
        for record in caplog.records
        if record.name == "cloudpark.accounts.signals"
    ] == ["Sign-in failed for account victim@example.cn from 198.51.100.7 with 'TestBrowser/1.0'"]


def test_the_locked_page_speaks_the_readers_language(client):
    UserFactory(email="victim@example.cn")
    fail(client, "victim@example.cn", 3)

    response = sign_in(client, "victim@example.cn", PASSWORD, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 429
    assert "登录已锁定" in response.content.decode()


def test_each_further_lock_of_an_account_lasts_twice_as_long(rf):
    request = rf.post("/accounts/login/", {"login": "victim@example.cn"})
    first = lockout.cool_off(request)
    for _ in range(2):
        lockout.audit.log_action(
            lockout.audit_subject("victim@example.cn"),
            lockout.ACCOUNT_LOCKED,
            data={"account": "victim@example.cn"},
        )

    third = lockout.cool_off(request)

    assert (first.total_seconds(), third.total_seconds()) == (15 * 60, 60 * 60)
