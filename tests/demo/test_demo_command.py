"""The demo command points the links in its e-mails at the address it serves on."""

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_site_url(monkeypatch, settings):
    """No CLOUDPARK_SITE_URL given; the environment and settings are put back afterwards."""
    monkeypatch.setenv("CLOUDPARK_SITE_URL", "")
    monkeypatch.delenv("CLOUDPARK_SITE_URL")
    settings.SITE_URL = "http://testserver"


def test_the_demo_links_to_the_host_and_port_it_serves_on(no_site_url, media_root):
    call_command("demo", "--no-serve", "--host", "192.0.2.7", "--port", "8123", verbosity=0)

    assert django_settings.SITE_URL == "http://192.0.2.7:8123"


def test_a_given_site_url_wins_over_the_demos_address(no_site_url, monkeypatch, media_root):
    monkeypatch.setenv("CLOUDPARK_SITE_URL", "https://demo.example.org/")

    call_command("demo", "--no-serve", "--port", "8123", verbosity=0)

    assert django_settings.SITE_URL == "https://demo.example.org"
