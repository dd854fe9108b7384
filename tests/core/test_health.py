from datetime import timedelta

from django.test import Client
from django.utils import timezone

from cloudpark.accounts.models import User


def test_health_answers_without_the_database(client):
    # No database fixture: any query would raise here.
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_health_answers_a_head_request_and_refuses_a_post(client):
    # Still no database: the refusal is made before any middleware reads the session.
    assert client.head("/health/").status_code == 200
    assert client.post("/health/").status_code == 405


def test_health_is_not_sent_to_the_password_change_page(user, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=91))
    browser = Client()
    browser.force_login(user)

    assert browser.get("/me/profile/").status_code == 302
    assert browser.get("/health/").status_code == 200
