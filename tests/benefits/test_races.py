"""Two people claiming the last place of an offer at the same moment, on PostgreSQL."""

import pytest

from cloudpark.benefits import services
from cloudpark.benefits.models import Claim
from tests.factories import ParkFactory
from tests.factories.benefits import published_offer, worker_in
from tests.programs.test_races import _reference_data_restored, at_once  # noqa: F401

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_people_claiming_the_last_place_at_once_leave_one_winner():
    offer = published_offer(ParkFactory(), quota=1)
    first, second = worker_in(offer.provider), worker_in(offer.provider)

    outcomes = at_once(
        (services.claim_offer, {"offer": offer, "user": first}),
        (services.claim_offer, {"offer": offer, "user": second}),
    )

    assert sorted(outcomes) == ["All 1 places of this offer are taken.", "done"]
    offer.refresh_from_db()
    assert offer.claimed_count == 1
    assert Claim.objects.filter(offer=offer).count() == 1
