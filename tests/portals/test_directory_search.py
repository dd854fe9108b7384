"""The enterprise lists searched: the public directory, a government body's and a park's, and
the API's, most relevant first, in the list's scope, with the count capped."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from cloudpark.core import search
from cloudpark.orgs import selectors
from tests.factories import EnterpriseFactory, GovernmentBodyFactory, ParkFactory


@pytest.fixture
def parks(db, monkeypatch):
    """A park overseen by a government body and one outside its care, each with matches."""
    monkeypatch.setattr(search, "FIRST_SPAN", 2)
    overseen, elsewhere = ParkFactory(), ParkFactory()
    government = GovernmentBodyFactory(jurisdiction=[overseen])
    enterprises = {
        "holds": EnterpriseFactory(name="之江影视园区公司", park=overseen),
        "pieces": EnterpriseFactory(name="视园影视中心", park=overseen),
        "starts": EnterpriseFactory(name="影视园传媒", park=overseen),
        "outside": EnterpriseFactory(name="影视园", park=elsewhere),
    }
    return overseen, elsewhere, government, enterprises


def shown(response):
    return [row.name for row in response.context["rows"]]


def test_the_public_list_shows_the_most_relevant_first(client, parks):
    response = client.get(reverse("public:enterprise_list"), {"q": "影视园"})

    assert shown(response) == ["影视园", "影视园传媒", "之江影视园区公司", "视园影视中心"]
    assert "4 enterprises" in response.text
    assert "most relevant" not in response.text


def test_the_government_list_shows_only_matches_in_its_care(client, parks, member):
    _overseen, elsewhere, government, enterprises = parks
    client.force_login(member(government))

    response = client.get(reverse("government:enterprise_list"), {"q": "影视园"})

    assert shown(response) == ["影视园传媒", "之江影视园区公司", "视园影视中心"]
    outside = enterprises["outside"]
    assert reverse("government:enterprise_detail", args=[outside.pk]) not in response.text
    detail = client.get(reverse("government:enterprise_detail", args=[outside.pk]))
    assert detail.status_code == 404
    # A park outside its care, named in the address, is refused by the filter form.
    refused = client.get(
        reverse("government:enterprise_list"), {"q": "影视园", "park": elsewhere.pk}
    )
    assert refused.context["filter_form"].errors


def test_a_park_list_shows_only_its_own_residents(client, parks, member):
    _overseen, elsewhere, _government, _enterprises = parks
    client.force_login(member(elsewhere))

    response = client.get(reverse("park:enterprise_list"), {"q": "影视"})

    assert shown(response) == ["影视园"]


def test_a_capped_search_says_so_and_pages_the_most_relevant(client, parks, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 3)
    monkeypatch.setattr(selectors, "SEARCH_COUNT_CAP", 3)
    url = reverse("public:enterprise_list")

    first = client.get(url, {"q": "影视"})

    assert "More than 3 enterprises" in first.text
    assert "Showing the 3 most relevant." in first.text
    # The three newest matches, the closest first; the oldest is left out.
    assert shown(first) == ["影视园", "影视园传媒", "视园影视中心"]


def test_the_pages_of_a_search_go_by_number(client, parks, monkeypatch):
    url = reverse("public:enterprise_list")
    monkeypatch.setattr("cloudpark.portals.base.ListMixin.paginate_by", 3)

    first = client.get(url, {"q": "影视"})
    second = client.get(url, {"q": "影视", "page": 2})

    assert 'href="?q=%E5%BD%B1%E8%A7%86&amp;page=2"' in first.text
    assert shown(second) == ["之江影视园区公司"]
    assert "4 enterprises" in second.text


def test_a_search_of_no_pieces_shows_the_list_in_name_order(client, parks):
    response = client.get(reverse("public:enterprise_list"), {"q": "·"})

    assert shown(response) == sorted(shown(response))
    assert len(shown(response)) == 4


@pytest.mark.parametrize("rows", [1, 3])
def test_the_api_search_query_count(client, db, django_assert_num_queries, monkeypatch, rows):
    # One range of ids holds every row, whatever ids the database gave them.
    monkeypatch.setattr(search, "FIRST_SPAN", 2**62)
    for _ in range(rows):
        EnterpriseFactory(name="之江影视公司")

    client.get(reverse("api:enterprise-list"))  # the categories and regions, read and kept

    # The highest id, one range of ids read off the index, the page's rows.
    with django_assert_num_queries(3):
        response = client.get(reverse("api:enterprise-list"), {"q": "影视"})

    assert len(response.json()["results"]) == rows


def test_the_api_searches_most_relevant_first_with_the_other_filters(client, parks):
    overseen, _elsewhere, _government, enterprises = parks
    url = reverse("api:enterprise-list")

    everywhere = client.get(url, {"q": "影视园"}).json()
    in_park = client.get(url, {"q": "影视园", "park": overseen.pk}).json()

    assert [row["name"] for row in everywhere["results"]] == [
        "影视园",
        "影视园传媒",
        "之江影视园区公司",
        "视园影视中心",
    ]
    assert everywhere["count"] == 4
    assert [row["id"] for row in in_park["results"]] == [
        enterprises["starts"].pk,
        enterprises["holds"].pk,
        enterprises["pieces"].pk,
    ]


def test_the_api_counts_a_search_to_the_cap_and_pages_its_candidates(client, parks, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 3)
    monkeypatch.setattr(selectors, "SEARCH_COUNT_CAP", 3)

    answer = client.get(reverse("api:enterprise-list"), {"q": "影视"}).json()

    assert answer["count"] == 3
    assert [row["name"] for row in answer["results"]] == ["影视园", "影视园传媒", "视园影视中心"]


def test_the_export_of_a_search_holds_every_match_in_name_order(
    client, parks, monkeypatch, settings
):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 2)
    settings.EXPORT_INLINE_ROWS = 10
    enterprises = parks[3].values()

    with translation.override("en"):
        response = client.get(reverse("public:enterprise_list"), {"q": "影视", "format": "xlsx"})

    rows = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
        min_row=2, values_only=True
    )
    # Every match, not the two candidates, in the Chinese names' order (shown in English).
    by_name = sorted(enterprises, key=lambda enterprise: enterprise.name)
    assert [row[0] for row in rows] == [enterprise.name_en for enterprise in by_name]
