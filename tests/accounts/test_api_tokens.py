"""Personal API tokens: kept as a hash, shown once, named, listed and revoked by their owner
or an administrator; refused once expired, revoked or outlived by a password change; only
obtained with the second factor where the person has one; the endpoint and the API are
throttled."""

from datetime import timedelta

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from axes.models import AccessAttempt
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import UserRateThrottle

from cloudpark.accounts import mfa, services
from cloudpark.accounts.models import ApiToken
from cloudpark.accounts.throttling import TokenRateThrottle
from cloudpark.core.models import AuditEntry
from cloudpark.orgs import enums
from tests.accounts.test_second_factor import current_code, with_totp
from tests.factories import MembershipFactory, ParkFactory, UserFactory
from tests.test_settings import PRODUCTION, cloudpark

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
TOKENS = "/me/tokens/"


@pytest.fixture
def api():
    return APIClient()


def obtain(api, user, **extra):
    return api.post(reverse("api:token"), {"email": user.email, "password": PASSWORD, **extra})


def me(api, secret):
    return api.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {secret}")


# The endpoint ----------------------------------------------------------------------------


def test_the_endpoint_makes_a_named_token_kept_only_as_a_hash(api, user, settings):
    settings.API_TOKEN_DAYS = 30

    response = obtain(api, user, name="Nightly export")

    body = response.json()
    token = ApiToken.objects.get()
    assert response.status_code == 201
    assert (token.name, token.user, token.prefix) == ("Nightly export", user, body["token"][:10])
    assert token.key_hash == services.hash_token(body["token"])
    assert body["token"] not in {str(value) for value in token.__dict__.values()}
    assert abs(token.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)
    assert me(api, body["token"]).json()["email"] == user.email


def test_a_wrong_password_gets_no_token(api, user):
    response = api.post(reverse("api:token"), {"email": user.email, "password": "wrong"})

    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_person_with_totp_needs_the_code(api, user):
    secret = with_totp(user)

    without = obtain(api, user)
    wrong = obtain(api, user, code="000000" if current_code(secret) != "000000" else "111111")
    right = obtain(api, user, code=current_code(secret))

    assert (without.status_code, wrong.status_code, right.status_code) == (400, 400, 201)
    assert "code" in without.json()
    assert ApiToken.objects.count() == 1
    # A wrong code is a failed sign-in, like a wrong password.
    assert AuditEntry.objects.filter(action="accounts.sign_in.failed").count() == 2


def test_a_wrong_code_counts_towards_the_lockout(api, user, settings):
    settings.AXES_ENABLED = True
    secret = with_totp(user)

    obtain(api, user, code="000000" if current_code(secret) != "000000" else "111111")

    attempt = AccessAttempt.objects.get(username=user.email)
    assert attempt.failures_since_start == 1


def test_a_recovery_code_stands_in_for_the_app(api, user):
    with_totp(user)
    codes = RecoveryCodes.activate(user)

    response = obtain(api, user, code=codes.get_unused_codes()[0])

    assert response.status_code == 201


def test_a_person_who_must_have_totp_and_has_none_gets_no_token(api, settings):
    settings.MFA_REQUIRED_FOR = mfa.PRIVILEGED
    admin = MembershipFactory(organization=ParkFactory(), role=enums.Role.ADMIN).user

    response = obtain(api, admin)

    assert response.status_code == 400
    assert "second factor" in response.json()["detail"]


def test_the_older_field_name_still_works(api, user):
    response = api.post(reverse("api:token"), {"username": user.email, "password": PASSWORD})

    assert response.status_code == 201


# Refusals ----------------------------------------------------------------------------------


@pytest.fixture
def token_and_secret(user):
    return services.create_api_token(user, actor=user, name="script")


def test_use_is_recorded(api, token_and_secret):
    token, secret = token_and_secret

    assert me(api, secret).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_an_unknown_token_is_refused(api, token_and_secret):
    assert me(api, token_and_secret[1] + "x").status_code == 401


def test_an_expired_token_is_refused(api, token_and_secret):
    token, secret = token_and_secret
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = me(api, secret)

    assert response.status_code == 401
    assert response.json()["detail"] == "This token has expired."


def test_a_revoked_token_is_refused(api, token_and_secret, user):
    token, secret = token_and_secret

    services.revoke_api_token(token, actor=user)

    assert me(api, secret).status_code == 401


def test_a_password_change_ends_the_token(api, token_and_secret, user):
    _, secret = token_and_secret
    user.set_password("another long passphrase 7")
    user.save()

    response = me(api, secret)

    assert response.status_code == 401
    assert "password" in response.json()["detail"]


def test_an_inactive_owner_is_refused(api, token_and_secret, user):
    user.is_active = False
    user.save()

    assert me(api, token_and_secret[1]).status_code == 401


def test_a_token_of_a_person_who_now_must_have_totp_is_refused(api, settings):
    admin = MembershipFactory(organization=ParkFactory(), role=enums.Role.ADMIN).user
    _, secret = services.create_api_token(admin, actor=admin, name="script")
    settings.MFA_REQUIRED_FOR = mfa.PRIVILEGED

    assert me(api, secret).status_code == 401


def test_making_and_revoking_are_audited(user):
    token, _ = services.create_api_token(user, actor=user, name="script")
    services.revoke_api_token(token, actor=user)
    services.revoke_api_token(token, actor=user)

    assert list(
        AuditEntry.objects.filter(object_id=str(token.pk))
        .order_by("pk")
        .values_list("action", "actor", "data")
    ) == [
        ("accounts.api_token.created", user.pk, {"name": "script"}),
        ("accounts.api_token.revoked", user.pk, {"name": "script"}),
    ]


def test_a_person_has_at_most_twenty_tokens_in_use(user):
    for n in range(services.MAX_ACTIVE_TOKENS):
        services.create_api_token(user, actor=user, name=f"script {n}")

    with pytest.raises(services.DomainError):
        services.create_api_token(user, actor=user, name="one more")


# Throttles ---------------------------------------------------------------------------------


@pytest.fixture
def rates(monkeypatch):
    cache.clear()
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"api-token": "2/minute"})
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/minute"})
    yield
    cache.clear()


def test_the_token_endpoint_is_throttled_whatever_address_the_caller_claims(api, user, rates):
    statuses = [
        api.post(
            reverse("api:token"),
            {"email": user.email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(3)
    ]

    assert statuses == [400, 400, 429]


def test_the_authenticated_api_is_throttled(api, token_and_secret, rates):
    statuses = [me(api, token_and_secret[1]).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_production_throttles_and_a_token_lifetime_must_be_positive():
    shown = cloudpark(
        "shell",
        "-c",
        "from django.conf import settings as s; r = s.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'];"
        " print(r['api-token'], r['user'], r['anon'], s.API_TOKEN_DAYS)",
        **PRODUCTION,
    )
    refused = cloudpark("check", **{**PRODUCTION, "CLOUDPARK_API_TOKEN_DAYS": "0"})

    assert shown.stdout.strip().splitlines()[-1] == "10/minute 600/minute 60/minute 90"
    assert "CLOUDPARK_API_TOKEN_DAYS must be positive" in refused.stderr


# The portal and the admin ------------------------------------------------------------------


def test_the_owner_makes_a_token_and_sees_its_secret_once(client, user):
    client.force_login(user)

    made = client.post(TOKENS, {"name": "Report builder"}, follow=True)
    reloaded = client.get(TOKENS)

    token = ApiToken.objects.get(user=user)
    assert made.redirect_chain == [(TOKENS, 302)]
    secret = made.context["secret"]
    assert token.key_hash == services.hash_token(secret)
    assert secret in made.content.decode()
    assert made["Cache-Control"].startswith("max-age=0")
    assert secret not in reloaded.content.decode()
    assert "Report builder" in reloaded.content.decode()
    assert token.prefix in reloaded.content.decode()
    # Reloading the page that showed the secret makes no second token.
    assert ApiToken.objects.filter(user=user).count() == 1


def test_a_token_needs_a_name(client, user):
    client.force_login(user)

    response = client.post(TOKENS, {"name": ""})

    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_the_owner_revokes_a_token_after_confirming(client, user, token_and_secret):
    token, _ = token_and_secret
    client.force_login(user)

    page = client.get(TOKENS).content.decode()
    response = client.post(reverse("individual:api_token_revoke", args=[token.pk]))

    token.refresh_from_db()
    assert 'data-confirm="Revoke the token “script”?' in page
    assert response["Location"] == TOKENS
    assert token.revoked_at is not None


def test_another_persons_token_is_not_found(client, token_and_secret):
    client.force_login(UserFactory())

    response = client.post(reverse("individual:api_token_revoke", args=[token_and_secret[0].pk]))

    assert response.status_code == 404
    assert client.get(TOKENS).context["tokens"].count() == 0


def test_the_page_speaks_chinese(client, user, token_and_secret):
    client.force_login(user)

    response = client.get(TOKENS, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert "API 令牌" in response.content.decode()


def test_an_administrator_revokes_tokens_in_the_admin(admin_client, token_and_secret):
    token, _ = token_and_secret

    response = admin_client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    listed = admin_client.get(reverse("admin:accounts_apitoken_changelist"))

    token.refresh_from_db()
    assert response.status_code == 302
    assert token.revoked_at is not None
    assert AuditEntry.objects.get(action="accounts.api_token.revoked").actor.is_superuser
    assert listed.status_code == 200
