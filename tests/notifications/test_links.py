"""Every link the platform sends out starts with its public address."""

import pytest

from cloudpark.core.links import absolute_url
from cloudpark.notifications import services
from cloudpark.reviews.services import AWAITS_REVIEW
from tests.factories import RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("/park/reviews/1/", "https://example.org/park/reviews/1/"),
        ("park/reviews/1/?page=2", "https://example.org/park/reviews/1/?page=2"),
        ("https://elsewhere.example/a/", "https://elsewhere.example/a/"),
        ("", ""),
    ],
)
def test_a_path_is_put_on_the_sites_address(settings, path, url):
    settings.SITE_URL = "https://example.org"

    assert absolute_url(path) == url


def test_a_notifications_e_mail_links_to_the_sites_address(
    settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.SITE_URL = "https://example.org"

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            [UserFactory()], AWAITS_REVIEW, params={"subject": "申请", "stage": "初审"}, url="/path"
        )

    assert mailoutbox[0].body.endswith("\n\nhttps://example.org/path")


def test_a_ticket_e_mail_links_to_the_sites_address(
    settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.SITE_URL = "https://example.org"

    with django_capture_on_commit_callbacks(execute=True):
        registration = RegistrationFactory(language="en")

    assert f"https://example.org/me/events/{registration.pk}/" in mailoutbox[0].body
