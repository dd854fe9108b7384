"""Account e-mails (allauth): links on the site's address, sent from the task queue."""

import logging

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from cloudpark.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def unreachable(self, messages):
    raise ConnectionRefusedError("no mail server")


def test_signing_up_while_the_mail_server_is_down_still_signs_up(
    client, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(EmailBackend, "send_messages", unreachable)

    with (
        caplog.at_level(logging.ERROR, logger="cloudpark.accounts.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("account_signup"),
            {"email": "new@example.cn", "password1": "Wq8-zt4!lake", "password2": "Wq8-zt4!lake"},
        )

    assert response.status_code == 302
    assert User.objects.filter(email="new@example.cn").exists()
    assert [record.getMessage() for record in caplog.records] == [
        "The account e-mail account/email/email_confirmation_signup could not be sent"
    ]


def test_a_password_reset_link_is_on_the_sites_address_whatever_the_host(
    client, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.SITE_URL = "https://example.org"
    person = UserFactory(email="person@example.cn")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_reset_password"), {"email": person.email}, HTTP_HOST="localhost"
        )

    assert [message.to for message in mailoutbox] == [["person@example.cn"]]
    assert "https://example.org/accounts/password/reset/key/" in mailoutbox[0].body
    assert "localhost" not in mailoutbox[0].body
