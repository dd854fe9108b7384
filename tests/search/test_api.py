"""The search endpoint answers as the page does."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import news as news_factories
from tests.factories.orgs import EnterpriseFactory, ParkFactory

pytestmark = pytest.mark.django_db

URL = reverse("api:search-list")


@pytest.fixture
def api():
    return APIClient()


def test_the_endpoint_finds_public_items_with_facets_and_links(api):
    park = ParkFactory(name="之江影视园区", name_en="Zhijiang Film Park")
    EnterpriseFactory(name="影视后期有限公司")

    response = api.get(URL, {"q": "影视", "kind": "park"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    assert body["capped"] is False
    assert {facet["kind"]: facet["count"] for facet in body["facets"]} == {
        "park": 1,
        "enterprise": 1,
    }
    assert [(hit["kind"], hit["id"]) for hit in body["results"]] == [("park", park.pk)]
    assert body["results"][0]["url"] == reverse("public:park_detail", args=[park.pk])
    assert body["results"][0]["title"] == "Zhijiang Film Park"


def test_a_draft_is_not_found(api):
    channel = news_factories.ChannelFactory()
    news_factories.draft(channel, title="汉服巡游筹备")

    response = api.get(URL, {"q": "汉服"})

    assert response.json()["results"] == []


def test_a_query_is_required(api):
    assert api.get(URL).status_code == 400


def test_the_schema_lists_the_search_endpoint(api):
    schema = api.get(reverse("api:schema"), {"format": "json"}).json()

    assert "/api/v1/search/" in schema["paths"]
