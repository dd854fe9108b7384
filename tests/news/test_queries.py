"""Every news list page and feed runs the same number of queries with 1 and with 3 rows."""

import pytest
from django.urls import reverse

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
