"""The demo's enterprise benefits: the base's three offers to the people of the zone, three
claims by people of its enterprises, one redeemed at its desk, and every write audited."""

from datetime import date

import pytest

from cloudpark.benefits import selectors
from cloudpark.benefits.models import Claim, Offer
from cloudpark.core.models import AuditEntry
from cloudpark.demo.loader import load_demo
from cloudpark.orgs.models import Park

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)


def test_the_demo_base_offers_a_gym_a_cinema_pass_and_a_coworking_discount():
    load_demo(today=TODAY)

    titles = sorted(Offer.objects.values_list("title_en", flat=True))

    assert titles == ["20% off co-working", "A month at the base gym", "Weekend cinema pass"]
    assert {offer.provider.name for offer in Offer.objects.all()} == {
        "中国（之江）视听创新创业基地"
    }


def test_the_demo_has_three_claims_and_one_redemption():
    load_demo(today=TODAY)

    claims = Claim.objects.select_related("user", "offer")

    assert sorted((claim.user.email, claim.offer.title_en) for claim in claims) == [
        ("enterprise-staff@demo.cloudpark.cn", "A month at the base gym"),
        ("enterprise@demo.cloudpark.cn", "Weekend cinema pass"),
        ("park@demo.cloudpark.cn", "20% off co-working"),
    ]
    assert [claim.user.email for claim in claims if claim.is_redeemed] == [
        "enterprise-staff@demo.cloudpark.cn"
    ]


def test_the_base_statistics_count_the_demo_and_every_write_is_audited():
    load_demo(today=TODAY)

    [row] = selectors.statistics_for(Park.objects.filter(benefit_offers__isnull=False))

    assert (row.offer_total, row.claim_total, row.redemption_total) == (3, 3, 1)
    assert AuditEntry.objects.filter(action__startswith="benefits.").count() == 3 + 3 + 1
