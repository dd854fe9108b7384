"""A municipal bureau with a one-stage news channel, a park with its own news, and their
editors."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from cloudpark.news import enums, services
from tests.factories import ChannelFactory
from tests.factories.news import (
    CORRECTION,
    published,
    published_clarification,
    published_disclosure,
    request_for,
)
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


@pytest.fixture
def news_with(government, editor):
    def build(rows):
        ContentType.objects.clear_cache()
        channel = ChannelFactory(organization=government)
        disclosure = ChannelFactory(organization=government, kind=enums.ChannelKind.DISCLOSURE)
        for index in range(rows):
            article = published(channel, actor=editor, tags=["视听", str(index)])
            request = request_for(article)
            services.correct_article(article, actor=editor, request=request, **CORRECTION)
            published_clarification(government, actor=editor)
            published_disclosure(disclosure, actor=editor, index_number=f"IDX-{index}")
        ContentType.objects.clear_cache()
        return channel

    return build
