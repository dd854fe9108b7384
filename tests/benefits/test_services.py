from datetime import timedelta

import pytest
from django.utils import timezone

from cloudpark.benefits import codes, services
from cloudpark.benefits.enums import OfferState
from cloudpark.benefits.models import Claim, Offer
from cloudpark.core.errors import DomainError
from cloudpark.core.models import AuditEntry
from cloudpark.notifications.models import Notification
from cloudpark.orgs import enums as org_enums
from tests.factories import MembershipFactory, ParkFactory, UserFactory, enterprise_in
from tests.factories.benefits import claimed, offer_values, published_offer, worker_in
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def test_a_park_publishes_an_offer_for_the_parks_it_names():
    park, neighbour = ParkFactory(), ParkFactory()

    offer = published_offer(park, eligible_parks=[park, neighbour])

    assert offer.state == OfferState.PUBLISHED
    assert set(offer.eligible_parks.all()) == {park, neighbour}
    assert AuditEntry.objects.filter(action="benefits.offer.published").count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (
            {
                "valid_from": timezone.localdate(),
                "valid_until": timezone.localdate() - timedelta(days=1),
            },
            "valid_until",
        ),
        ({"quota": 0}, "quota"),
    ],
)
def test_an_offer_with_inverted_dates_or_no_quota_is_refused_and_nothing_is_written(
    overrides, field
):
    park = ParkFactory()

    with pytest.raises(DomainError) as refusal:
        services.save_offer(
            park, actor=admin_of(park), values=offer_values(**overrides), eligible_parks=[park]
        )

    assert refusal.value.field == field
    assert Offer.objects.count() == 0
    assert AuditEntry.objects.filter(action__startswith="benefits.").count() == 0


def test_a_person_of_an_enterprise_in_an_eligible_park_claims_and_gets_a_code():
    offer = published_offer(ParkFactory(), quota=2)
    person = worker_in(offer.provider)

    claim = services.claim_offer(offer, user=person)

    offer.refresh_from_db()
    assert offer.claimed_count == 1
    assert claim.user == person
    assert claim.park.pk == offer.provider.pk
    assert codes.read(claim.code) == claim.code
    assert codes.read(codes.payload_for(claim)) == claim.code
    assert AuditEntry.objects.filter(action="benefits.claim.claimed").count() == 1
    assert Notification.objects.get(recipient=person).kind == "benefits.claimed"


def _nothing_claimed(offer):
    offer.refresh_from_db()
    return offer.claimed_count == 0 and not Claim.objects.filter(offer=offer).exists()


def test_a_claim_beyond_the_quota_is_refused():
    offer = published_offer(ParkFactory(), quota=1)
    claimed(offer)
    late = worker_in(offer.provider)

    with pytest.raises(DomainError, match="All 1 places of this offer are taken"):
        services.claim_offer(offer, user=late)

    offer.refresh_from_db()
    assert offer.claimed_count == 1
    assert not Claim.objects.filter(user=late).exists()


def test_a_person_outside_the_zone_cannot_claim():
    offer = published_offer(ParkFactory())
    other_park_worker = worker_in(ParkFactory())
    nobody = UserFactory()

    for person in (other_park_worker, nobody):
        with pytest.raises(DomainError, match="This offer is for the people of"):
            services.claim_offer(offer, user=person)

    assert _nothing_claimed(offer)


def test_an_inactive_membership_does_not_count():
    offer = published_offer(ParkFactory())
    membership = MembershipFactory(
        organization=enterprise_in(offer.provider), role=org_enums.Role.STAFF, is_active=False
    )

    with pytest.raises(DomainError, match="This offer is for the people of"):
        services.claim_offer(offer, user=membership.user)

    assert _nothing_claimed(offer)


def test_a_claim_after_the_offer_ended_is_refused():
    offer = published_offer(ParkFactory())
    later = timezone.now() + timedelta(days=40)

    with pytest.raises(DomainError, match="can be claimed from"):
        services.claim_offer(offer, user=worker_in(offer.provider), now=later)

    assert _nothing_claimed(offer)


def test_a_closed_offer_and_a_second_claim_are_refused():
    offer = published_offer(ParkFactory())
    person = worker_in(offer.provider)
    claimed(offer, person)

    with pytest.raises(DomainError, match="already claimed"):
        services.claim_offer(offer, user=person)
    services.close_offer(offer, actor=admin_of(offer.provider))
    with pytest.raises(DomainError, match="closed"):
        services.claim_offer(offer, user=worker_in(offer.provider))

    offer.refresh_from_db()
    assert offer.claimed_count == 1


def test_the_desk_redeems_a_code_once_and_says_when():
    offer = published_offer(ParkFactory())
    claim = claimed(offer)
    desk = admin_of(offer.provider)

    services.redeem(offer.provider, codes.payload_for(claim), actor=desk)
    with pytest.raises(services.AlreadyRedeemed, match="Already redeemed: this code was used on"):
        services.redeem(offer.provider, claim.display_code, actor=desk)

    claim.refresh_from_db()
    assert claim.redeemed_by == desk
    assert AuditEntry.objects.filter(action="benefits.claim.redeemed").count() == 1


def test_a_code_of_another_provider_is_refused():
    claim = claimed(published_offer(ParkFactory()))
    other = ParkFactory()

    with pytest.raises(DomainError, match="another provider"):
        services.redeem(other, claim.code, actor=admin_of(other))

    claim.refresh_from_db()
    assert claim.redeemed_at is None


def test_a_forged_or_unknown_code_is_refused():
    park = ParkFactory()

    with pytest.raises(codes.InvalidCode, match="not a Cloud Park benefit code"):
        services.redeem(park, "forged:payload", actor=admin_of(park))
    with pytest.raises(codes.InvalidCode, match="No benefit has the code"):
        services.redeem(park, "ABCDE-FGHJK", actor=admin_of(park))


def test_the_quota_cannot_drop_under_the_places_claimed():
    offer = published_offer(ParkFactory(), quota=3)
    claimed(offer)
    claimed(offer)

    with pytest.raises(DomainError, match="2 places are already claimed"):
        services.save_offer(
            offer.provider,
            actor=admin_of(offer.provider),
            values={"quota": 1},
            eligible_parks=[offer.provider],
            offer=offer,
        )

    offer.refresh_from_db()
    assert offer.quota == 3
