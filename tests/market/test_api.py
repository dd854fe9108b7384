"""The supply and demand endpoints apply the same rules as the pages: the public list with
masked contacts and its filters, bad input refused at its field, the matches with their
reason, an introduction from proposal to a deal with the contact shown once accepted, and the
list query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cloudpark.core import audit
from cloudpark.market.enums import IntroductionState
from cloudpark.market.models import Introduction, Post
from tests.factories import EnterpriseFactory, ParkFactory
from tests.factories.market import published_need, published_post
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient(headers={"accept-language": "en"})


def test_the_public_list_filters_by_kind_and_masks_the_contact(api):
    venue = published_post()
    published_post(kind="equipment")

    response = api.get(reverse("api:market-post-list"), {"kind": "venue"})

    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [venue.pk]
    assert rows[0]["contact"] == {
        "name": "王**",
        "phone": "139****1111",
        "email": "w***@example.com",
    }


def test_the_public_list_filters_by_price_band(api):
    cheap = published_post(price_min="100", price_max="500")
    published_post(price_min="8000", price_max="12000")

    response = api.get(reverse("api:market-post-list"), {"price_to": "1000"})

    assert [row["id"] for row in response.json()["results"]] == [cheap.pk]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"valid_until": None}, "valid_until"),
        ({"price_min": "900", "price_max": "100"}, "price_max"),
        ({"available_from": "2031-03-20", "available_until": "2031-03-03"}, "available_until"),
    ],
)
def test_bad_input_is_a_400_at_its_field_and_nothing_is_written(api, changes, field):
    enterprise = EnterpriseFactory(park=ParkFactory())
    api.force_authenticate(admin_of(enterprise))
    body = {
        "direction": "offer",
        "kind": "venue",
        "title": "摄影棚",
        "price_min": "100",
        "price_max": "900",
        "park": enterprise.park.pk,
        "valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "contact_name": "王小明",
    }
    body.update(changes)
    body = {key: value for key, value in body.items() if value is not None}

    response = api.post(reverse("api:enterprise-market-post-list"), body, format="json")

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert Post.objects.count() == 0


def test_the_matches_of_a_need_give_the_reason(api):
    park = ParkFactory()
    offer = published_post(EnterpriseFactory(park=park))
    need = published_need(EnterpriseFactory(park=park))
    api.force_authenticate(admin_of(need.enterprise))

    response = api.get(reverse("api:enterprise-market-post-matches", args=[need.pk]))

    rows = response.json()
    assert [row["post"]["id"] for row in rows] == [offer.pk]
    assert rows[0]["reason"].startswith(f"Venue, {park.display_name}, ")
    assert rows[0]["reason"].endswith(", within budget")


def test_an_introduction_goes_from_proposal_to_a_deal_and_shows_the_contact_once_accepted(api):
    offer = published_post()
    proposer = EnterpriseFactory(park=offer.park)
    api.force_authenticate(admin_of(proposer))
    created = api.post(
        reverse("api:enterprise-market-introduction-list"),
        {"post": offer.pk, "contact_name": "钱七", "contact_phone": "13500004444"},
        format="json",
    ).json()
    contact_url = reverse("api:enterprise-market-introduction-contact", args=[created["id"]])
    masked = api.get(contact_url)
    api.force_authenticate(admin_of(offer.enterprise))
    api.post(reverse("api:enterprise-market-introduction-accept", args=[created["id"]]))
    owner_sees = api.get(contact_url).json()

    closed = api.post(
        reverse("api:enterprise-market-introduction-close", args=[created["id"]]),
        {"deal_value": "36000"},
        format="json",
    )

    introduction = Introduction.objects.get()
    assert masked.status_code == 400
    assert owner_sees == {"name": "钱七", "phone": "13500004444", "email": proposer_email(proposer)}
    assert closed.json()["state"] == IntroductionState.DEAL
    assert closed.json()["deal_value"] == "36000.00"
    assert [entry.action for entry in audit.history_of(introduction)].count(
        "market.contact.revealed"
    ) == 1


def proposer_email(proposer):
    return admin_of(proposer).email


def test_an_introduction_about_ones_own_post_is_a_400(api):
    offer = published_post()
    api.force_authenticate(admin_of(offer.enterprise))

    response = api.post(
        reverse("api:enterprise-market-introduction-list"), {"post": offer.pk}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["field"] == "post"
    assert Introduction.objects.count() == 0


API_LISTS = [
    # (url name, who signs in, expected queries)
    ("api:market-post-list", None, 2),
    ("api:enterprise-market-post-list", "enterprise_admin", 3),
    ("api:enterprise-market-introduction-list", "enterprise_admin", 3),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), API_LISTS)
def test_the_api_lists_query_count_does_not_grow_with_rows(
    api, django_assert_num_queries, rows, name, who, queries
):
    from tests.market.world import market_with

    world = market_with(rows)
    if who is not None:
        api.force_authenticate(world[who])

    with django_assert_num_queries(queries):
        response = api.get(reverse(name))

    assert response.json()["count"] == rows
