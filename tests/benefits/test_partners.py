"""Service partners as providers of benefits: a park admits a partner (and ends the
admission); the partner publishes only to the parks that admitted it; the park withdraws a
partner's offer from its people; a code is redeemed once, and only at the desk of the offer's
provider. Through the services, the partner's pages in My Cloud Park, the park's partner page,
the API, with the query counts of the new lists."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cloudpark.benefits import codes, selectors, services
from cloudpark.benefits.enums import OfferState
from cloudpark.benefits.models import Admission, Claim, Offer
from cloudpark.core.errors import DomainError
from cloudpark.core.models import AuditEntry
from cloudpark.notifications.models import Notification
from cloudpark.orgs import enums as org_enums
from tests.factories import (
    GovernmentBodyFactory,
    MembershipFactory,
    OtherOrganizationFactory,
    ParkFactory,
    UserFactory,
)
from tests.factories.benefits import (
    admitted_partner,
    claimed,
    offer_values,
    partner,
    partner_offer,
    published_offer,
    worker_in,
)
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient(headers={"accept-language": "en"})


# Services --------------------------------------------------------------------------------------


def test_a_park_admits_a_partner_and_its_people_are_told():
    park = ParkFactory()
    gym = partner()
    manager = admin_of(gym)

    admission = services.admit_partner(park, gym, actor=admin_of(park))

    assert admission.is_open
    assert list(selectors.admitting_parks(gym)) == [park]
    assert AuditEntry.objects.filter(action="benefits.partner.admitted").count() == 1
    assert Notification.objects.filter(recipient=manager, kind="benefits.partner_admitted").exists()


def test_a_second_admission_and_an_organisation_that_is_no_partner_are_refused_at_the_field():
    park = ParkFactory()
    gym = admitted_partner(park)

    with pytest.raises(DomainError) as twice:
        services.admit_partner(park, gym, actor=admin_of(park))
    with pytest.raises(DomainError) as association:
        services.admit_partner(park, OtherOrganizationFactory(), actor=admin_of(park))

    assert twice.value.field == "partner"
    assert "already admitted" in str(twice.value)
    assert association.value.field == "partner"
    assert Admission.objects.count() == 1


def test_a_partner_publishes_in_its_own_name_only_to_the_parks_that_admitted_it():
    park, elsewhere = ParkFactory(), ParkFactory()
    gym = admitted_partner(park)

    offer = partner_offer(gym, [park])
    with pytest.raises(DomainError) as refused:
        partner_offer(gym, [park, elsewhere])

    assert offer.provider_id == gym.pk
    assert offer.is_from_partner
    assert refused.value.field == "eligible_parks"
    assert str(elsewhere) in str(refused.value)
    assert Offer.objects.count() == 1


def test_a_partner_not_admitted_anywhere_cannot_publish():
    park = ParkFactory()

    with pytest.raises(DomainError) as refused:
        partner_offer(partner(), [park])

    assert "has not admitted you" in str(refused.value)
    assert not Offer.objects.exists()


def test_an_association_is_no_provider():
    park = ParkFactory()

    with pytest.raises(DomainError, match="Only a park or a service partner"):
        partner_offer(OtherOrganizationFactory(), [park])


def test_a_partner_cannot_change_another_providers_offer():
    park = ParkFactory()
    gym, cinema = admitted_partner(park), admitted_partner(park, name="影城", name_en="Cinema")
    offer = partner_offer(gym, [park])

    with pytest.raises(DomainError, match="another provider"):
        services.save_offer(
            cinema,
            actor=admin_of(cinema),
            values=offer_values(),
            eligible_parks=[park],
            offer=offer,
        )


def test_a_code_is_redeemed_only_at_the_desk_of_its_provider_and_only_once():
    park = ParkFactory()
    gym, cinema = admitted_partner(park), admitted_partner(park, name="影城", name_en="Cinema")
    claim = claimed(partner_offer(gym, [park]), worker_in(park))

    with pytest.raises(DomainError, match="only at that provider's own desk") as at_park:
        services.redeem(park, claim.code, actor=admin_of(park))
    with pytest.raises(DomainError, match="another provider"):
        services.redeem(cinema, claim.code, actor=admin_of(cinema))
    services.redeem(gym, codes.payload_for(claim), actor=admin_of(gym))
    with pytest.raises(services.AlreadyRedeemed):
        services.redeem(gym, claim.display_code, actor=admin_of(gym))

    assert str(gym) in str(at_park.value)
    claim.refresh_from_db()
    assert claim.redeemed_by == admin_of(gym)
    assert Notification.objects.filter(recipient=claim.user, kind="benefits.redeemed").exists()


def test_a_partners_quota_holds_like_a_parks():
    park = ParkFactory()
    offer = partner_offer(admitted_partner(park), [park], quota=1)
    claimed(offer, worker_in(park))

    with pytest.raises(DomainError, match="All 1 places"):
        claimed(offer, worker_in(park))

    offer.refresh_from_db()
    assert offer.claimed_count == 1


def test_ending_an_admission_withdraws_the_partners_offers_from_the_park():
    park, zone = ParkFactory(), ParkFactory()
    gym = admitted_partner(park, zone)
    both = partner_offer(gym, [park, zone])
    only_here = partner_offer(gym, [park])
    claim = claimed(only_here, worker_in(park))
    admission = Admission.objects.get(park=park)

    services.end_admission(admission, actor=admin_of(park))

    both.refresh_from_db()
    only_here.refresh_from_db()
    admission.refresh_from_db()
    assert admission.ended_at is not None
    assert list(both.eligible_parks.all()) == [zone]
    assert both.state == OfferState.PUBLISHED
    assert not only_here.eligible_parks.exists()
    assert only_here.state == OfferState.CLOSED
    assert list(selectors.admitting_parks(gym)) == [zone]
    # The code already given stays redeemable at the partner's own desk.
    assert services.redeem(gym, claim.code, actor=admin_of(gym)).is_redeemed
    with pytest.raises(DomainError, match="has not admitted you"):
        partner_offer(gym, [park])
    # Admitted again later: a new admission, the ended one kept.
    services.admit_partner(park, gym, actor=admin_of(park))
    assert Admission.objects.filter(park=park, partner=gym).count() == 2


def test_a_park_withdraws_a_partners_offer_from_its_people_only():
    park, zone = ParkFactory(), ParkFactory()
    gym = admitted_partner(park, zone)
    offer = partner_offer(gym, [park, zone])
    own = published_offer(park)

    services.withdraw_offer(offer, park, actor=admin_of(park))
    with pytest.raises(DomainError, match="not open to the people of your park"):
        services.withdraw_offer(offer, park, actor=admin_of(park))
    with pytest.raises(DomainError, match="Close your own offer"):
        services.withdraw_offer(own, park, actor=admin_of(park))

    assert list(offer.eligible_parks.all()) == [zone]
    assert offer not in selectors.offers_claimable_by(worker_in(park))
    assert Notification.objects.filter(
        recipient=admin_of(gym), kind="benefits.offer_withdrawn"
    ).exists()


# The partner's pages ---------------------------------------------------------------------------


def test_the_partner_publishes_from_my_cloud_park_to_an_admitting_park(client):
    park = ParkFactory()
    gym = admitted_partner(park)
    client.force_login(admin_of(gym))
    today = timezone.localdate()
    body = {
        **offer_values(valid_from=today, valid_until=today + timedelta(days=30)),
        "eligible_parks": [park.pk],
    }

    form = client.get(reverse("individual:partner_offer_create"))
    response = client.post(reverse("individual:partner_offer_create"), body)

    offer = Offer.objects.get()
    assert list(form.context["form"].fields["eligible_parks"].queryset) == [park]
    assert response["Location"] == reverse("individual:partner_offer_detail", args=[offer.pk])
    assert offer.provider_id == gym.pk


def test_a_partners_staff_runs_the_desk_but_does_not_publish(client):
    park = ParkFactory()
    gym = admitted_partner(park)
    staff = MembershipFactory(organization=gym, role=org_enums.Role.STAFF).user
    claim = claimed(partner_offer(gym, [park]), worker_in(park))
    client.force_login(staff)

    create = client.get(reverse("individual:partner_offer_create"))
    first = client.post(reverse("individual:partner_desk"), {"code": codes.payload_for(claim)})
    second = client.post(
        reverse("individual:partner_desk"),
        {"code": claim.display_code},
        headers={"hx-request": "true"},
    )

    assert create.status_code == 403
    assert first.context["result"]["ok"] is True
    assert second.context["result"]["repeated"] is True
    assert "Already redeemed" in second.content.decode()


def test_the_partners_desk_refuses_a_parks_code_and_the_parks_desk_the_partners(client):
    park = ParkFactory()
    gym = admitted_partner(park)
    park_claim = claimed(published_offer(park), worker_in(park))
    gym_claim = claimed(partner_offer(gym, [park]), worker_in(park))

    client.force_login(admin_of(gym))
    at_gym = client.post(reverse("individual:partner_desk"), {"code": park_claim.code})
    client.force_login(admin_of(park))
    at_park = client.post(reverse("park:benefit_desk"), {"code": gym_claim.code})

    assert "only at that provider's own desk" in at_gym.context["result"]["message"]
    assert str(gym) in at_park.context["result"]["message"]
    assert not Claim.objects.filter(redeemed_at__isnull=False).exists()


def test_another_partners_offer_is_a_404(client):
    park = ParkFactory()
    gym, cinema = admitted_partner(park), admitted_partner(park, name="影城", name_en="Cinema")
    theirs = partner_offer(cinema, [park])
    client.force_login(admin_of(gym))

    detail = client.get(reverse("individual:partner_offer_detail", args=[theirs.pk]))
    edit = client.get(reverse("individual:partner_offer_edit", args=[theirs.pk]))
    close = client.post(reverse("individual:partner_offer_close", args=[theirs.pk]))

    theirs.refresh_from_db()
    assert (detail.status_code, edit.status_code, close.status_code) == (404, 404, 404)
    assert theirs.state == OfferState.PUBLISHED


def test_a_person_of_no_partner_is_refused_the_partner_pages(client):
    client.force_login(worker_in(ParkFactory()))

    response = client.get(reverse("individual:partner_offer_list"))

    assert response.status_code == 403


@pytest.mark.parametrize("name", ["individual:partner_offer_list", "individual:partner_desk"])
def test_a_superuser_of_no_partner_is_refused_the_partner_pages(client, name):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(reverse(name))

    assert response.status_code == 403


def test_the_partner_sees_the_claims_and_figures_of_its_offer(client):
    park = ParkFactory()
    gym = admitted_partner(park)
    offer = partner_offer(gym, [park])
    redeemed = claimed(offer, worker_in(park))
    claimed(offer, worker_in(park))
    services.redeem(gym, redeemed.code, actor=admin_of(gym))
    client.force_login(admin_of(gym))

    listing = client.get(reverse("individual:partner_offer_list"))
    detail = client.get(reverse("individual:partner_offer_detail", args=[offer.pk]))
    close = client.post(reverse("individual:partner_offer_close", args=[offer.pk]))

    [row] = listing.context["rows"]
    assert (row.claimed_count, row.redeemed_total) == (2, 1)
    assert len(detail.context["claims"]) == 2
    assert detail.context["redeemed_total"] == 1
    assert close.status_code == 302
    offer.refresh_from_db()
    assert offer.state == OfferState.CLOSED


def test_the_person_sees_the_partners_name_on_the_offer_and_the_code(client):
    park = ParkFactory()
    gym = admitted_partner(park, name="山野健身工作室", name_en="Hillside Fitness Studio")
    offer = partner_offer(gym, [park])
    person = worker_in(park)
    client.force_login(person)

    listed = client.get(reverse("individual:benefit_offer_list"), headers={"accept-language": "en"})
    claim = claimed(offer, person)
    code = client.get(
        reverse("individual:benefit_claim_detail", args=[claim.pk]),
        headers={"accept-language": "en"},
    )

    assert "Hillside Fitness Studio" in listed.content.decode()
    assert "Show this code at the desk of Hillside Fitness Studio" in code.content.decode()


# The park's partner page -----------------------------------------------------------------------


def test_the_park_admits_ends_and_withdraws_from_its_partner_page(client):
    park = ParkFactory()
    gym = partner()
    client.force_login(admin_of(park))

    form = client.get(reverse("park:benefit_partner_admit"))
    admitted = client.post(reverse("park:benefit_partner_admit"), {"partner": gym.pk})
    offer = partner_offer(gym, [park])
    listing = client.get(reverse("park:benefit_partner_list"))
    withdrawn = client.post(reverse("park:benefit_partner_offer_withdraw", args=[offer.pk]))
    admission = Admission.objects.get()
    ended = client.post(reverse("park:benefit_partner_end", args=[admission.pk]))

    assert list(form.context["form"].fields["partner"].queryset) == [gym]
    assert admitted["Location"] == reverse("park:benefit_partner_list")
    assert [row.pk for row in listing.context["offers"]] == [offer.pk]
    assert (withdrawn.status_code, ended.status_code) == (302, 302)
    admission.refresh_from_db()
    offer.refresh_from_db()
    assert admission.ended_at is not None
    assert offer.state == OfferState.CLOSED


def test_the_park_cannot_touch_another_parks_admission_or_partner_offer(client):
    park, elsewhere = ParkFactory(), ParkFactory()
    gym = admitted_partner(elsewhere)
    offer = partner_offer(gym, [elsewhere])
    client.force_login(admin_of(park))

    end = client.post(reverse("park:benefit_partner_end", args=[Admission.objects.get().pk]))
    withdraw = client.post(reverse("park:benefit_partner_offer_withdraw", args=[offer.pk]))

    assert (end.status_code, withdraw.status_code) == (404, 404)
    assert Admission.objects.get().is_open
    assert offer.eligible_parks.filter(pk=elsewhere.pk).exists()


def test_park_staff_see_the_partners_but_do_not_admit_or_end(client):
    park = ParkFactory()
    admitted_partner(park)
    client.force_login(MembershipFactory(organization=park, role=org_enums.Role.STAFF).user)

    listing = client.get(reverse("park:benefit_partner_list"))
    end = client.post(reverse("park:benefit_partner_end", args=[Admission.objects.get().pk]))

    assert listing.status_code == 200
    assert listing.context["can_manage"] is False
    assert end.status_code == 403
    assert Admission.objects.get().is_open


# API -------------------------------------------------------------------------------------------


def test_the_partner_publishes_lists_and_redeems_over_the_api(api):
    park = ParkFactory()
    gym = admitted_partner(park)
    api.force_authenticate(admin_of(gym))
    today = timezone.localdate()
    values = offer_values(valid_from=today, valid_until=today + timedelta(days=9))
    body = {**{key: str(value) for key, value in values.items()}, "eligible_parks": [park.pk]}

    created = api.post(reverse("api:partner-benefit-offer-list"), body, format="json")
    offer = Offer.objects.get()
    claim = claimed(offer, worker_in(park))
    redeem = reverse("api:partner-benefit-offer-redeem")
    first = api.post(redeem, {"code": codes.payload_for(claim)}, format="json")
    second = api.post(redeem, {"code": claim.code}, format="json")
    claims = api.get(reverse("api:partner-benefit-offer-claims", args=[offer.pk]))
    listed = api.get(reverse("api:partner-benefit-offer-list"))

    assert created.status_code == 201
    assert created.json()["provider"] == gym.pk
    assert created.json()["provider_is_partner"] is True
    assert first.status_code == 200
    assert second.status_code == 400
    assert second.json()["detail"].startswith("Already redeemed")
    assert [row["code"] for row in claims.json()["results"]] == [claim.display_code]
    assert listed.json()["results"][0]["redeemed_total"] == 1


def test_the_partner_cannot_publish_to_a_park_that_did_not_admit_it_over_the_api(api):
    gym = admitted_partner(ParkFactory())
    elsewhere = ParkFactory()
    api.force_authenticate(admin_of(gym))
    values = offer_values()
    body = {**{key: str(value) for key, value in values.items()}, "eligible_parks": [elsewhere.pk]}

    response = api.post(reverse("api:partner-benefit-offer-list"), body, format="json")

    assert response.status_code == 400
    assert response.json()["field"] == "eligible_parks"
    assert not Offer.objects.exists()


def test_a_parks_code_is_refused_at_the_partners_desk_over_the_api(api):
    park = ParkFactory()
    gym = admitted_partner(park)
    claim = claimed(published_offer(park), worker_in(park))
    api.force_authenticate(admin_of(gym))

    response = api.post(
        reverse("api:partner-benefit-offer-redeem"), {"code": claim.code}, format="json"
    )

    assert response.status_code == 400
    assert "only at that provider's own desk" in response.json()["detail"]


def test_the_park_admits_and_ends_over_the_api(api):
    park = ParkFactory()
    gym = partner()
    api.force_authenticate(admin_of(park))

    created = api.post(reverse("api:park-benefit-partner-list"), {"partner": gym.pk}, format="json")
    again = api.post(reverse("api:park-benefit-partner-list"), {"partner": gym.pk}, format="json")
    ended = api.post(reverse("api:park-benefit-partner-end", args=[created.json()["id"]]))

    assert created.status_code == 201
    assert created.json()["is_open"] is True
    assert (again.status_code, again.json()["field"]) == (400, "partner")
    assert ended.json()["is_open"] is False


def test_the_schema_lists_the_partner_endpoints(tmp_path):
    schema_file = tmp_path / "schema.yml"

    call_command("spectacular", "--fail-on-warn", "--file", str(schema_file))

    schema = schema_file.read_text()
    for path in (
        "/api/v1/partner/benefit-offers/:",
        "/api/v1/partner/benefit-offers/redeem/:",
        "/api/v1/partner/benefit-offers/{id}/claims/:",
        "/api/v1/partner/benefit-offers/{id}/close/:",
        "/api/v1/park/benefit-partners/:",
        "/api/v1/park/benefit-partners/{id}/end/:",
    ):
        assert path in schema


# Query counts ----------------------------------------------------------------------------------

PARTNER_LIST_PAGES = [
    # (url name, who signs in, expected queries)
    ("individual:partner_offer_list", "partner_admin", 14),
]
PARTNER_PAGES = [
    # Pages that are no ``ListMixin`` list, with the rows they show.
    ("park:benefit_partner_list", "park_admin", 9),
]
API_PARTNER_LISTS = [
    ("api:partner-benefit-offer-list", "partner_admin", 4),
    ("api:park-benefit-partner-list", "park_admin", 3),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), PARTNER_LIST_PAGES + PARTNER_PAGES)
def test_the_partner_pages_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, rows, name, who, queries
):
    from tests.benefits.world import partners_with

    world = partners_with(rows)
    client.force_login(world[who])

    with django_assert_num_queries(queries):
        response = client.get(reverse(name))

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), API_PARTNER_LISTS)
def test_the_partner_api_lists_query_count_does_not_grow_with_rows(
    api, django_assert_num_queries, rows, name, who, queries
):
    from tests.benefits.world import partners_with

    world = partners_with(rows)
    api.force_authenticate(world[who])

    with django_assert_num_queries(queries):
        response = api.get(reverse(name))

    assert response.json()["count"] == rows


@pytest.mark.parametrize("parks", [1, 3])
def test_the_figures_per_park_with_partners_offers_do_not_grow_with_the_parks(
    client, django_assert_num_queries, parks
):
    places = [ParkFactory() for _ in range(parks)]
    government = GovernmentBodyFactory(jurisdiction=places)
    gym = admitted_partner(*places)
    for place in places:
        claimed(partner_offer(gym, [place]), worker_in(place))
    client.force_login(admin_of(government))

    with django_assert_num_queries(9):
        response = client.get(reverse("government:benefit_statistics"))

    assert [row.partner_offer_total for row in response.context["rows"]] == [1] * parks
    assert response.context["totals"]["claims"] == parks
