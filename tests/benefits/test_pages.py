"""The benefits pages as people use them: the park publishes an offer (bad input at the
field), a person of the zone claims it and sees the QR code, the desk redeems the code once,
the POST-only steps, the statistics and their Excel export, and the query counts."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cloudpark.benefits import codes
from cloudpark.benefits.enums import OfferState
from cloudpark.benefits.models import Claim, Offer
from tests.factories import GovernmentBodyFactory, MembershipFactory, ParkFactory, UserFactory
from tests.factories.benefits import (
    admitted_partner,
    claimed,
    partner_offer,
    published_offer,
    worker_in,
)
from tests.factories.programs import admin_of
from tests.helpers import changed_models, stored_state

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def _offer_form(park, **overrides):
    today = timezone.localdate()
    data = {
        "title": "影院观影券",
        "title_en": "Cinema pass",
        "partner": "园区影院",
        "partner_en": "The park cinema",
        "value": "两张电影票",
        "value_en": "Two tickets",
        "quota": "20",
        "valid_from": today.isoformat(),
        "valid_until": (today + timedelta(days=30)).isoformat(),
        "terms": "",
        "terms_en": "",
        "eligible_parks": [str(park.pk)],
    }
    data.update(overrides)
    return data


def test_the_park_publishes_an_offer_from_its_portal(client):
    park = ParkFactory()
    client.force_login(admin_of(park))

    response = client.post(reverse("park:benefit_offer_create"), _offer_form(park))

    offer = Offer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("park:benefit_offer_detail", args=[offer.pk])
    assert offer.provider_id == park.pk
    assert offer.quota == 20


def test_the_publish_button_shows_to_those_who_may_publish(client):
    park = ParkFactory()
    publish = reverse("park:benefit_offer_create")

    client.force_login(admin_of(park))
    shown_to_admin = client.get(reverse("park:benefit_offer_list")).content.decode()
    client.force_login(MembershipFactory(organization=park, role="staff").user)
    shown_to_staff = client.get(reverse("park:benefit_offer_list")).content.decode()

    assert publish in shown_to_admin
    assert publish not in shown_to_staff


def test_inverted_dates_are_refused_at_their_field_and_nothing_is_stored(client):
    park = ParkFactory()
    client.force_login(admin_of(park))
    today = timezone.localdate()
    before = stored_state()

    response = client.post(
        reverse("park:benefit_offer_create"),
        _offer_form(park, valid_until=(today - timedelta(days=3)).isoformat()),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["valid_until"] == [
        "The offer ends before it starts: the dates are inverted."
    ]
    assert changed_models(before, stored_state()) == []


def test_a_person_of_the_zone_claims_from_their_portal_and_sees_the_qr_code(client):
    offer = published_offer(ParkFactory())
    person = worker_in(offer.provider)
    client.force_login(person)

    listed = client.get(reverse("individual:benefit_offer_list"))
    response = client.post(reverse("individual:benefit_claim", args=[offer.pk]), follow=True)

    claim = Claim.objects.get(user=person)
    assert [row.pk for row in listed.context["offers"]] == [offer.pk]
    assert response.context["claim"] == claim
    assert response.context["qr"].startswith("data:image/svg+xml")
    assert claim.display_code in response.content.decode()


def test_a_claim_by_someone_outside_the_zone_is_refused_with_the_reason(client):
    offer = published_offer(ParkFactory())
    client.force_login(UserFactory())

    response = client.post(reverse("individual:benefit_claim", args=[offer.pk]), follow=True)

    assert not Claim.objects.exists()
    assert "This offer is for the people of" in response.content.decode()


def test_the_desk_redeems_once_then_says_when(client):
    claim = claimed(published_offer(ParkFactory()))
    client.force_login(MembershipFactory(organization=claim.offer.provider, role="staff").user)
    url = reverse("park:benefit_desk")

    first = client.post(url, {"code": codes.payload_for(claim)})
    second = client.post(url, {"code": claim.display_code}, headers={"hx-request": "true"})

    assert first.context["result"]["ok"] is True
    assert second.context["result"]["repeated"] is True
    assert "Already redeemed: this code was used on" in second.content.decode()
    claim.refresh_from_db()
    assert claim.redeemed_at is not None


def test_the_desk_refuses_a_code_of_another_provider(client):
    claim = claimed(published_offer(ParkFactory()))
    other = ParkFactory()
    client.force_login(admin_of(other))

    response = client.post(reverse("park:benefit_desk"), {"code": claim.code})

    assert "This code is for an offer of another provider" in response.context["result"]["message"]
    claim.refresh_from_db()
    assert claim.redeemed_at is None


def test_closing_an_offer_stops_claims(client):
    offer = published_offer(ParkFactory())
    client.force_login(admin_of(offer.provider))

    response = client.post(reverse("park:benefit_offer_close", args=[offer.pk]))

    offer.refresh_from_db()
    assert response.status_code == 302
    assert offer.state == OfferState.CLOSED


def test_closing_another_parks_offer_is_not_found(client):
    offer = published_offer(ParkFactory())
    client.force_login(admin_of(ParkFactory()))

    response = client.post(reverse("park:benefit_offer_close", args=[offer.pk]))

    offer.refresh_from_db()
    assert response.status_code == 404
    assert offer.state == OfferState.PUBLISHED


def test_the_government_reads_its_parks_figures_and_exports_them(client):
    park, elsewhere = ParkFactory(), ParkFactory()
    government = GovernmentBodyFactory(jurisdiction=[park])
    claim = claimed(published_offer(park))
    claimed(published_offer(elsewhere))
    gym = admitted_partner(park, elsewhere)
    # A partner's offer open to both parks, claimed by a person of each, counts in each row.
    gym_offer = partner_offer(gym, [park, elsewhere])
    gym_claim = claimed(gym_offer, worker_in(park))
    claimed(gym_offer, worker_in(elsewhere))
    from cloudpark.benefits import services  # the redemption is the service's, as at the desk

    services.redeem(park, claim.code, actor=admin_of(park))
    services.redeem(gym, gym_claim.code, actor=admin_of(gym))
    client.force_login(admin_of(government))

    page = client.get(reverse("government:benefit_statistics"))
    export = client.get(reverse("government:benefit_statistics"), {"format": "xlsx"})

    [row] = page.context["rows"]
    assert (
        row.pk,
        row.offer_total,
        row.partner_offer_total,
        row.claim_total,
        row.redemption_total,
    ) == (park.pk, 1, 1, 2, 2)
    sheet = load_workbook(BytesIO(export.content)).active
    assert [cell.value for cell in sheet[2]] == [str(park), 1, 1, 2, 2]


def test_the_public_list_shows_current_offers_only(client):
    park = ParkFactory()
    current = published_offer(park)
    ended = published_offer(park)
    Offer.objects.filter(pk=ended.pk).update(
        valid_from=timezone.localdate() - timedelta(days=9),
        valid_until=timezone.localdate() - timedelta(days=2),
    )

    response = client.get(reverse("public:benefit_offer_list"))

    assert [offer.pk for offer in response.context["rows"]] == [current.pk]


LIST_PAGES = [
    # (url name, who signs in, expected queries)
    ("public:benefit_offer_list", None, 3),
    ("park:benefit_offer_list", "park_admin", 9),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), LIST_PAGES)
def test_the_lists_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, rows, name, who, queries
):
    from tests.benefits.world import benefits_with

    world = benefits_with(rows)
    if who is not None:
        client.force_login(world[who])

    with django_assert_num_queries(queries):
        response = client.get(reverse(name))

    assert response.status_code == 200
    assert len(response.context["rows"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_my_benefits_query_count_does_not_grow_with_claims(client, django_assert_num_queries, rows):
    from tests.benefits.world import benefits_with

    world = benefits_with(rows)
    client.force_login(world["person"])

    with django_assert_num_queries(9):
        response = client.get(reverse("individual:benefit_offer_list"))

    assert len(response.context["claims"]) == rows
