"""The benefits endpoints apply the same rules as the pages: a claim over the API with its
code and QR payload, a claim beyond the quota refused with the reason, the desk's redemption
once, an offer with inverted dates refused at its field, and the list query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cloudpark.benefits import codes
from cloudpark.benefits.models import Claim, Offer
from tests.factories import ParkFactory
from tests.factories.benefits import claimed, offer_values, published_offer, worker_in
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient(headers={"accept-language": "en"})


def test_a_person_claims_over_the_api_and_gets_the_code(api):
    offer = published_offer(ParkFactory())
    person = worker_in(offer.provider)
    api.force_authenticate(person)

    response = api.post(reverse("api:benefit-claim-list"), {"offer": offer.pk}, format="json")

    claim = Claim.objects.get(user=person)
    assert response.status_code == 201
    assert response.json()["code"] == claim.display_code
    assert codes.read(response.json()["qr_payload"]) == claim.code


def test_a_claim_beyond_the_quota_is_a_400_with_the_reason(api):
    offer = published_offer(ParkFactory(), quota=1)
    claimed(offer)
    api.force_authenticate(worker_in(offer.provider))

    response = api.post(reverse("api:benefit-claim-list"), {"offer": offer.pk}, format="json")

    assert response.status_code == 400
    assert response.json()["detail"] == "All 1 places of this offer are taken."
    assert Claim.objects.count() == 1


def test_the_desk_redeems_over_the_api_once(api):
    claim = claimed(published_offer(ParkFactory()))
    api.force_authenticate(admin_of(claim.offer.provider))
    url = reverse("api:park-benefit-offer-redeem")

    first = api.post(url, {"code": claim.code}, format="json")
    second = api.post(url, {"code": claim.code}, format="json")

    assert first.status_code == 200
    assert first.json()["redeemed_at"] is not None
    assert second.status_code == 400
    assert second.json()["detail"].startswith("Already redeemed: this code was used on")


def test_an_offer_with_inverted_dates_is_refused_at_its_field(api):
    park = ParkFactory()
    api.force_authenticate(admin_of(park))
    today = timezone.localdate()
    values = offer_values(valid_from=today, valid_until=today - timedelta(days=1))
    body = {**{key: str(value) for key, value in values.items()}, "eligible_parks": [park.pk]}

    response = api.post(reverse("api:park-benefit-offer-list"), body, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "The offer ends before it starts: the dates are inverted.",
        "field": "valid_until",
    }
    assert not Offer.objects.exists()


API_LISTS = [
    # (url name, who signs in, expected queries)
    ("api:benefit-offer-list", None, 3),
    ("api:benefit-claim-list", "person", 3),
    ("api:park-benefit-offer-list", "park_admin", 4),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), API_LISTS)
def test_the_api_lists_query_count_does_not_grow_with_rows(
    api, django_assert_num_queries, rows, name, who, queries
):
    from tests.benefits.world import benefits_with

    world = benefits_with(rows)
    if who is not None:
        api.force_authenticate(world[who])

    with django_assert_num_queries(queries):
        response = api.get(reverse(name))

    assert response.json()["count"] == rows
