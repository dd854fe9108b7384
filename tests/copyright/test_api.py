"""The copyright endpoints: a work number in the wrong format refused at its field, a licence
overlapping an exclusive one refused with its message, a negative fee or amount and a term
ending before it starts refused, the bank's pledge look-up, and the lists' query counts."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cloudpark.copyright.models import Licence, Pledge, Work
from cloudpark.orgs.enums import Role
from tests.factories import EnterpriseFactory, MembershipFactory
from tests.factories.copyright import granted_licence, recorded_pledge, registered_work
from tests.factories.finance import FinancialInstitutionFactory
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_a_work_number_in_the_wrong_format_is_refused_at_its_field(api):
    enterprise = EnterpriseFactory()
    api.force_authenticate(admin_of(enterprise))
    body = {
        "title": "山间来信",
        "category": "software",
        "owner_name": "云上软件",
        "authors": "周原",
        "completed_on": "2025-05-01",
        "software_registration_number": "软著登字第2016SR172900号",
    }

    response = api.post(reverse("api:enterprise-work-list"), body, format="json")

    assert response.status_code == 400
    assert response.json()["field"] == "software_registration_number"
    assert not Work.objects.exists()
    body["software_registration_number"] = "2016SR172900"
    assert api.post(reverse("api:enterprise-work-list"), body, format="json").status_code == 201


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"exclusive": True}, "exclusive"),
        ({"fee": "-1"}, "fee"),
        ({"starts_on": "2027-01-01", "ends_on": "2026-01-01"}, "ends_on"),
    ],
)
def test_a_bad_licence_is_refused_with_its_message_and_nothing_written(api, overrides, field):
    work = registered_work()
    granted_licence(work)
    api.force_authenticate(admin_of(work.enterprise))
    body = {
        "work": work.pk,
        "licensee_name": "另一家平台",
        "media": ["online"],
        "territory": ["mainland"] if field == "exclusive" else ["overseas"],
        "starts_on": "2026-03-01",
        "ends_on": "2026-09-30",
        **overrides,
    }

    response = api.post(reverse("api:enterprise-licence-list"), body, format="json")

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert Licence.objects.count() == 1


def test_a_negative_pledge_amount_is_refused(api):
    work = registered_work()
    api.force_authenticate(admin_of(work.enterprise))
    body = {
        "work": work.pk,
        "pledgee": FinancialInstitutionFactory().pk,
        "number": "ZY-1",
        "amount": "-10",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
    }

    response = api.post(reverse("api:enterprise-pledge-list"), body, format="json")

    assert response.status_code == 400
    assert response.json()["field"] == "amount"
    assert not Pledge.objects.exists()


def test_a_bank_looks_a_pledge_up_by_its_number(api):
    bank = FinancialInstitutionFactory()
    pledge = recorded_pledge(registered_work(), bank)
    api.force_authenticate(MembershipFactory(organization=bank.organization, role=Role.STAFF).user)

    response = api.get(reverse("api:institution-pledge-detail", args=[pledge.number]))
    missing = api.get(reverse("api:institution-pledge-detail", args=["ZY-none"]))

    assert response.status_code == 200
    assert response.json()["holder"] == pledge.work.enterprise.name
    assert response.json()["amount"] == "300.00"
    assert response.json()["state"] == "active"
    assert missing.status_code == 404


def test_an_enterprise_cannot_look_a_pledge_up(api):
    pledge = recorded_pledge(registered_work())
    api.force_authenticate(admin_of(pledge.work.enterprise))

    response = api.get(reverse("api:institution-pledge-detail", args=[pledge.number]))

    assert response.status_code == 403


API_LISTS = [
    # (url name, who signs in, expected queries)
    ("api:enterprise-work-list", "enterprise_admin", 3),
    ("api:enterprise-licence-list", "enterprise_admin", 3),
    ("api:enterprise-pledge-list", "enterprise_admin", 3),
    ("api:enterprise-licensing-request-list", "enterprise_admin", 3),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), API_LISTS)
def test_the_api_lists_query_count_does_not_grow_with_rows(
    api, django_assert_num_queries, rows, name, who, queries
):
    from tests.copyright.world import copyright_with

    world = copyright_with(rows)
    api.force_authenticate(world[who])

    with django_assert_num_queries(queries):
        response = api.get(reverse(name))

    assert response.json()["count"] == rows
