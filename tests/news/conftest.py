"""A municipal bureau with a one-stage news channel, a park with its own news, and their
editors."""

import pytest
from django.utils import translation

from cloudpark.news import enums
from tests.factories import ChannelFactory
from tests.factories.programs import admin_of


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(media_root):
    """Files are written under pytest's temporary folder."""


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def channel(government):
    return ChannelFactory(organization=government, slug="bureau-news")


@pytest.fixture
def editor(government):
    return admin_of(government)


@pytest.fixture
def park_channel(park):
    return ChannelFactory(
        organization=park,
        kind=enums.ChannelKind.PARK_NEWS,
        slug="park-news",
        name="园区动态",
        name_en="Park news",
        review_stages=2,
    )
