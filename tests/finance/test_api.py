"""The finance endpoints apply the same rules as the pages: the public product list and its
filters, a need without amount or validity refused at its field, the matches with their
reasons, an introduction requested and moved to granted by the bank, and the list query
counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cloudpark.finance.enums import IntroductionState
from cloudpark.finance.models import FinancingNeed
from tests.factories import EnterpriseFactory
from tests.factories.finance import (
    published_need,
    published_product,
    requested_introduction,
)
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient(headers={"accept-language": "en"})


def test_the_public_product_list_filters_by_collateral(api):
    wanted = published_product(collateral=["receivables"])
    published_product(collateral=["credit"])

    response = api.get(reverse("api:finance-product-list"), {"collateral": "receivables"})

    assert [row["id"] for row in response.json()["results"]] == [wanted.pk]


@pytest.mark.parametrize("missing", ["amount", "valid_until"])
def test_a_need_without_amount_or_validity_is_a_400_at_its_field(api, missing):
    enterprise = EnterpriseFactory()
    api.force_authenticate(admin_of(enterprise))
    body = {
        "amount": "100",
        "term": 12,
        "purpose": "周转",
        "stage": "starting",
        "collateral": ["credit"],
        "valid_until": (timezone.localdate() + timedelta(days=10)).isoformat(),
    }
    del body[missing]

    response = api.post(reverse("api:enterprise-financing-need-list"), body, format="json")

    assert response.status_code == 400
    assert response.json()["field"] == missing
    assert FinancingNeed.objects.count() == 0


def test_the_matches_of_a_need_carry_their_reasons(api):
    need = published_need()
    product = published_product()
    api.force_authenticate(admin_of(need.enterprise))

    response = api.get(reverse("api:enterprise-financing-need-matches", args=[need.pk]))

    assert response.json() == [
        {
            "product": response.json()[0]["product"],
            "fits_because": [
                "It lends 50–500 (10,000 yuan); you need 200.",
                "Its term of 6–36 months covers the 12 months needed.",
                "It accepts the collateral offered: Copyright pledge.",
                "Its all-in cost of 3.45–4.80% a year can meet the target of 4%.",
            ],
            "qualifies_because": ["30 staff, within 5 to 500."],
        }
    ]
    assert response.json()[0]["product"]["id"] == product.pk


def test_the_enterprise_requests_and_the_bank_grants_over_the_api(api):
    need = published_need()
    product = published_product()
    api.force_authenticate(admin_of(need.enterprise))
    requested = api.post(
        reverse("api:enterprise-introduction-list"),
        {"need": need.pk, "product": product.pk},
        format="json",
    )
    introduction_id = requested.json()["id"]
    api.force_authenticate(admin_of(product.institution.organization))
    url = reverse("api:institution-introduction-move", args=[introduction_id])

    for step in ("contacted", "in_review"):
        api.post(url, {"step": step}, format="json")
    granted = api.post(
        url,
        {
            "step": "granted",
            "granted_amount": "200",
            "granted_rate": "3.90",
            "granted_on": "2026-12-01",
        },
        format="json",
    )

    assert requested.status_code == 201
    assert granted.json()["state"] == IntroductionState.GRANTED
    assert granted.json()["granted_rate"] == "3.90"


def test_a_bank_does_not_see_another_banks_introduction(api):
    introduction = requested_introduction()
    api.force_authenticate(admin_of(published_product().institution.organization))

    response = api.get(reverse("api:institution-introduction-detail", args=[introduction.pk]))

    assert response.status_code == 404


API_LISTS = [
    # (url name, who signs in, expected queries)
    ("api:finance-product-list", None, 2),
    ("api:enterprise-financing-need-list", "enterprise_admin", 3),
    ("api:enterprise-introduction-list", "enterprise_admin", 3),
    ("api:institution-introduction-list", "banker", 4),
    ("api:enterprise-data-room-list", "enterprise_admin", 3),
    ("api:institution-data-room-list", "banker", 4),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), API_LISTS)
def test_the_api_lists_query_count_does_not_grow_with_rows(
    api, django_assert_num_queries, rows, name, who, queries
):
    from tests.finance.world import finance_with

    world = finance_with(rows)
    if who is not None:
        api.force_authenticate(world[who])

    with django_assert_num_queries(queries):
        response = api.get(reverse(name))

    assert response.json()["count"] == rows
