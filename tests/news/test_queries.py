"""Every news list page and feed runs the same number of queries with 1 and with 3 rows."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from cloudpark.news import enums, services
from tests.factories import ChannelFactory
from tests.factories.news import CORRECTION, published, request_for
from tests.news.test_clarifications import CLARIFICATION, DISCLOSURE, SOURCES

pytestmark = pytest.mark.django_db


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


LIST_PAGES = [
    # (url name, whether an editor signs in, expected queries)
    ("public:news_index", False, 3),
    ("public:news_corrections", False, 9),
    ("public:news_clarifications", False, 2),
    ("public:news_disclosure", False, 2),
    ("public:news_feed_atom", False, 1),
    ("public:news_feed_rss", False, 1),
    ("public:news_corrections_atom", False, 1),
    ("government:news_article_list", True, 10),
    ("government:news_request_list", True, 10),
    ("government:news_clarification_list", True, 10),
    ("government:news_disclosure_list", True, 10),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "signed_in", "queries"), LIST_PAGES)
def test_news_lists_query_count_does_not_grow_with_rows(
    client, news_with, editor, django_assert_num_queries, rows, name, signed_in, queries
):
    news_with(rows)
    if signed_in:
        client.force_login(editor)

    with django_assert_num_queries(queries):
        response = client.get(reverse(name))

    assert response.status_code == 200
