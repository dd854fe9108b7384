"""Every sign-in, successful or not, is an audit entry with its origin."""

import pytest
from django.urls import reverse

from cloudpark.accounts.models import User
from cloudpark.core.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_sign_in_is_audited_with_address_and_browser(client):
    user = UserFactory(email="person@example.cn")

    client.post(
        reverse("account_login"),
        {"login": "person@example.cn", "password": "correct horse battery staple"},
        REMOTE_ADDR="198.51.100.7",
        HTTP_USER_AGENT="TestBrowser/1.0",
    )

    assert list(
        AuditEntry.objects.values_list("action", "actor", "actor_ref", "ip_address", "user_agent")
    ) == [
        (
            "accounts.sign_in.succeeded",
            user.pk,
            f"user:{user.pk}",
            "198.51.100.7",
            "TestBrowser/1.0",
        )
    ]


def test_a_failed_sign_in_for_an_unknown_account_names_the_address_tried(client):
    client.post(
        reverse("account_login"),
        {"login": "nobody@example.cn", "password": "wrong password"},
        REMOTE_ADDR="198.51.100.7",
    )

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.content_type.model_class(), entry.object_id, entry.data) == (
        "accounts.sign_in.failed",
        User,
        "",
        {"account": "nobody@example.cn", "path": "/accounts/login/"},
    )
