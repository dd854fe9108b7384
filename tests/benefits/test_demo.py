"""The demo's enterprise benefits: two service partners the base admitted and the base itself
offer the people of the zone a fitness month, a cinema pass and a co-working discount; three
claims by people of its enterprises, one redeemed at the fitness centre's own desk; every write
audited. One load of the demo for all of them (it is slow)."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from cloudpark.accounts.models import User
from cloudpark.benefits import selectors
from cloudpark.benefits.models import Admission, Claim, Offer
from cloudpark.core.models import AuditEntry
from cloudpark.orgs.enums import OtherKind
from cloudpark.orgs.models import OtherOrganization, Park

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)
BASE = "中国（之江）视听创新创业基地"


def test_the_demo_benefits_from_the_base_and_its_partners(demo):
    providers = {offer.title_en: offer.provider.name for offer in Offer.objects.all()}
    admissions = {
        (admission.park.name, admission.partner.name_en)
        for admission in Admission.objects.select_related("park", "partner")
    }
    claims = Claim.objects.select_related("user", "offer", "redeemed_by")
    [redeemed] = [claim for claim in claims if claim.is_redeemed]
    [row] = selectors.statistics_for(Park.objects.filter(name=BASE))

    assert providers == {
        "A month at the fitness centre": "艺创小镇健身中心",
        "Weekend cinema pass": "转塘光影影城",
        "20% off co-working": BASE,
    }
    assert set(
        OtherOrganization.objects.filter(other_kind=OtherKind.PARTNER).values_list(
            "name_en", flat=True
        )
    ) == {"Arts Town Fitness Centre", "Zhuantang Light and Shadow Cinema"}
    assert (BASE, "Arts Town Fitness Centre") in admissions
    assert (BASE, "Zhuantang Light and Shadow Cinema") in admissions
    assert sorted((claim.user.email, claim.offer.title_en) for claim in claims) == [
        ("enterprise-staff@demo.cloudpark.cn", "A month at the fitness centre"),
        ("enterprise@demo.cloudpark.cn", "Weekend cinema pass"),
        ("park@demo.cloudpark.cn", "20% off co-working"),
    ]
    # Redeemed at the fitness centre's own desk, by its manager.
    assert redeemed.redeemed_by.email == "partner@demo.cloudpark.cn"
    assert redeemed.offer.provider.name_en == "Arts Town Fitness Centre"
    # The base's row: its own offer, the partners' two, and its people's three claims.
    assert (
        row.offer_total,
        row.partner_offer_total,
        row.claim_total,
        row.redemption_total,
    ) == (1, 2, 3, 1)
    # Three admissions, three offers, three claims, one redemption.
    assert AuditEntry.objects.filter(action__startswith="benefits.").count() == 3 + 3 + 3 + 1

    # The partner's manager signs in to My Cloud Park and finds the offer, its claim and desk.
    client = Client()
    client.force_login(User.objects.get(email="partner@demo.cloudpark.cn"))
    offer = Offer.objects.get(provider__name_en="Arts Town Fitness Centre")
    listing = client.get(reverse("individual:partner_offer_list"))
    detail = client.get(reverse("individual:partner_offer_detail", args=[offer.pk]))
    desk = client.get(reverse("individual:partner_desk"))

    assert [row.pk for row in listing.context["rows"]] == [offer.pk]
    assert [claim.user.email for claim in detail.context["claims"]] == [
        "enterprise-staff@demo.cloudpark.cn"
    ]
    assert [claim.pk for claim in desk.context["recent"]] == [redeemed.pk]
