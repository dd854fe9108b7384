"""The public search page: results a visitor may see, facets, highlighting, both languages."""

import pytest
from django.urls import reverse

from tests.factories import news as news_factories
from tests.factories.orgs import EnterpriseFactory, ParkFactory

pytestmark = pytest.mark.django_db

URL = reverse("public:search")


@pytest.fixture
def chinese(client, settings):
    """The visitor reads Chinese, the language the titles below are written in."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return client


def test_an_empty_search_explains_what_it_finds(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert "Search the whole platform" in response.content.decode()


def test_the_search_box_is_at_the_top_of_every_page(client):
    response = client.get(reverse("public:park_list"))

    assert f'action="{URL}"' in response.content.decode()


def test_results_link_to_their_pages_with_the_query_marked(client, chinese):
    park = ParkFactory(name="白马湖影视园区", name_en="Baimahu Film Park")
    enterprise = EnterpriseFactory(name="之江影视传媒有限公司")

    response = client.get(URL, {"q": "影视"})

    html = response.content.decode()
    assert reverse("public:park_detail", args=[park.pk]) in html
    assert reverse("public:enterprise_detail", args=[enterprise.pk]) in html
    assert "白马湖<mark>影视</mark>园区" in html
    assert 'id="search-facets"' in html


def test_markup_in_a_title_is_escaped(client, chinese):
    EnterpriseFactory(name="<b>影视</b>公司")

    html = client.get(URL, {"q": "影视"}).content.decode()

    assert "&lt;b&gt;<mark>影视</mark>&lt;/b&gt;公司" in html
    assert "<b>影视" not in html


def test_a_facet_narrows_to_its_kind(client):
    park = ParkFactory(name="文创园区")
    enterprise = EnterpriseFactory(name="园区运营有限公司")

    html = client.get(URL, {"q": "园区", "kind": "park"}).content.decode()

    assert reverse("public:park_detail", args=[park.pk]) in html
    assert reverse("public:enterprise_detail", args=[enterprise.pk]) not in html


def test_unpublished_news_is_not_found(client):
    channel = news_factories.ChannelFactory()
    draft = news_factories.draft(channel, title="汉服文化节筹备中")
    article = news_factories.published(channel, title="汉服文化节开幕")

    html = client.get(URL, {"q": "汉服"}).content.decode()

    assert reverse("public:news_article", args=[article.pk]) in html
    assert reverse("public:news_article", args=[draft.pk]) not in html


def test_nothing_found_says_so(client):
    response = client.get(URL, {"q": "不存在的词"})

    assert "Nothing found" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading", "results"),
    [("en", "Search", "1 results"), ("zh-hans", "搜索", "1 条结果")],
)
def test_the_page_reads_in_both_languages(client, settings, language, heading, results):
    ParkFactory(name="良渚数字园区", name_en="Liangzhu Digital Park")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    html = client.get(URL, {"q": "良渚"}).content.decode()

    assert f'<h1 class="h3 mb-3">{heading}</h1>' in html
    assert results in html
    shown = "Liangzhu Digital Park" if language == "en" else "<mark>良渚</mark>数字园区"
    assert shown in html


@pytest.mark.parametrize("rows", [1, 3])
def test_the_query_count_does_not_grow_with_results(client, django_assert_num_queries, rows):
    for number in range(rows):
        EnterpriseFactory(name=f"影视制作{number}号公司")
        ParkFactory(name=f"影视园区{number}")

    # Counts per kind, ranked candidates, the page's documents (a session-less visitor).
    with django_assert_num_queries(3):
        response = client.get(URL, {"q": "影视"})

    assert response.status_code == 200
