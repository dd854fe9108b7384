"""Every news list page and feed runs the same number of queries with 1 and with 3 rows, and
an editor's page of a clarification or disclosure item with 1 and with 3 sources or rounds."""

import pytest
from django.urls import reverse

from cloudpark.news import enums, services
from cloudpark.reviews import services as reviews
from tests.factories import ChannelFactory
from tests.factories.news import clarification_in_review, disclosure_in_review

pytestmark = pytest.mark.django_db


LIST_PAGES = [
    # (url name, whether an editor signs in, expected queries)
    ("public:news_index", False, 3),
    ("public:news_corrections", False, 9),
    ("public:news_clarifications", False, 2),
    ("public:news_disclosure", False, 2),
    ("public:news_feed_atom", False, 1),
    ("public:news_feed_rss", False, 1),
    ("public:news_corrections_atom", False, 1),
    ("government:news_article_list", True, 9),
    ("government:news_request_list", True, 9),
    ("government:news_clarification_list", True, 9),
    ("government:news_disclosure_list", True, 9),
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


@pytest.mark.parametrize("sources", [1, 3])
def test_a_clarification_in_review_shows_to_its_editors_in_the_same_queries(
    client, government, editor, django_assert_num_queries, sources
):
    clarification = clarification_in_review(
        government,
        actor=editor,
        sources=[{"title": f"公告{n}", "issuing_unit": "园区管委会"} for n in range(sources)],
    )
    client.force_login(editor)

    with django_assert_num_queries(11):
        response = client.get(
            reverse("government:news_clarification_detail", args=[clarification.pk])
        )

    assert response.status_code == 200


@pytest.mark.parametrize("rounds", [1, 3])
def test_a_disclosure_item_in_review_shows_to_its_editors_in_the_same_queries(
    client, government, editor, django_assert_num_queries, rounds
):
    channel = ChannelFactory(organization=government, kind=enums.ChannelKind.DISCLOSURE)
    item = disclosure_in_review(channel, actor=editor)
    for _round in range(rounds - 1):
        case = services.case_of(item)
        reviews.decide(
            case, actor=editor, stage_key=case.stage_key, decision="return", comment="请核对。"
        )
        item = services.submit_disclosure(item, actor=editor)
    client.force_login(editor)

    with django_assert_num_queries(10):
        response = client.get(reverse("government:news_disclosure_detail", args=[item.pk]))

    assert response.status_code == 200
