"""A municipal bureau with a one-stage news channel, a park with its own news, and their
editors."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from cloudpark.news import enums, services
from tests.factories import ChannelFactory
from tests.factories.news import CORRECTION, published, request_for
from tests.factories.programs import admin_of

CLARIFICATION = {
    "title": "关于“园区停止招商”的说明",
    "title_en": "On the claim that the park has stopped admitting enterprises",
    "claim": "网传某园区即日起停止一切招商。",
    "claim_en": "A post says the park has stopped admitting enterprises.",
    "first_appeared_in": "某短视频平台",
    "first_appeared_on": date(2026, 3, 2),
    "verdict": enums.Verdict.FALSE,
    "facts": "园区招商工作正常进行。",
    "facts_en": "The park admits enterprises as usual.",
    "category": "parks",
}
SOURCES = [
    {"title": "园区管委会公告", "issuing_unit": "园区管委会", "url": "https://example.cn/n/1"}
]
DISCLOSURE = {
    "index_number": "11330100-2026-00012",
    "issuing_body": "杭州市文化广电旅游局",
    "document_number": "杭文广旅〔2026〕12号",
    "issued_on": date(2026, 4, 1),
    "subject_category": "culture_media",
    "title": "关于开展网络视听精品创作扶持的通知",
}


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
            services.publish_clarification(
                services.draft_clarification(
                    government, actor=editor, sources=SOURCES, **CLARIFICATION
                ),
                actor=editor,
            )
            services.publish_disclosure(
                disclosure, actor=editor, **{**DISCLOSURE, "index_number": f"IDX-{index}"}
            )
        ContentType.objects.clear_cache()
        return channel

    return build
