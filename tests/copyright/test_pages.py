"""The copyright pages as people use them: a work entered with a number refused at its field
and then a valid one, the POST-only steps, a licence refused on overlap at the form, the
request moved to signed, the bank's pledge look-up, the government's counts and the Excel
exports, and the query counts."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cloudpark.copyright import enums
from cloudpark.copyright.models import Licence, Work
from cloudpark.core import audit
from cloudpark.orgs.enums import Role
from tests.factories import EnterpriseFactory, GovernmentBodyFactory, MembershipFactory
from tests.factories.copyright import (
    drafted_work,
    granted_licence,
    offered_work,
    recorded_pledge,
    registered_work,
    request_values,
)
from tests.factories.finance import FinancialInstitutionFactory
from tests.factories.programs import admin_of
from tests.helpers import changed_models, stored_state

pytestmark = pytest.mark.django_db


def work_form(**overrides):
    data = {
        "title": "云端来信",
        "title_en": "Letters from the Cloud",
        "category": "audiovisual",
        "audiovisual_kind": "film",
        "owner_name": "云上影业",
        "owner_kind": "legal_person",
        "signature": "real_name",
        "authors": "周原",
        "creation_nature": "original",
        "completed_on": "2025-05-01",
        "acquisition": "original",
        "attribution": "legal_person",
        "holding": "whole",
        "registration_number": "国作登字-2025-L-00012345",
    }
    data.update(overrides)
    return data


def test_a_work_number_in_the_wrong_format_is_shown_at_its_field_and_nothing_is_written(client):
    enterprise = EnterpriseFactory()
    client.force_login(admin_of(enterprise))
    url = reverse("enterprise:copyright_work_create")
    before = stored_state()

    response = client.post(url, work_form(registration_number="国作登字2025L12345"))

    assert response.status_code == 200
    assert "国作登字-2026-A-00037559" in response.context["form"].errors["registration_number"][0]
    assert changed_models(before, stored_state()) == []
    response = client.post(url, work_form())
    work = Work.objects.get()
    assert response["Location"] == reverse("enterprise:copyright_work_detail", args=[work.pk])
    assert work.is_registered


def test_an_overlapping_exclusive_licence_is_refused_at_the_form(client):
    work = registered_work()
    granted_licence(work)
    client.force_login(admin_of(work.enterprise))

    response = client.post(
        reverse("enterprise:copyright_licence_create", args=[work.pk]),
        {
            "licensee_name": "第二家平台",
            "exclusive": "on",
            "media": ["online"],
            "territory": ["mainland"],
            "starts_on": "2026-06-01",
            "ends_on": "2026-12-31",
            "fee": "10",
        },
    )

    assert response.status_code == 200
    assert "overlaps the exclusive licence" in response.context["form"].errors["exclusive"][0]
    assert Licence.objects.count() == 1


def test_the_steps_of_a_registration_and_the_offer_are_posted_from_the_work_page(client):
    work = drafted_work()
    client.force_login(admin_of(work.enterprise))

    client.post(reverse("enterprise:copyright_work_submit", args=[work.pk]))
    client.post(
        reverse("enterprise:copyright_work_outcome", args=[work.pk]),
        {"step": "registered", "registration_number": "国作登字-2026-A-00037559"},
    )
    client.post(reverse("enterprise:copyright_work_offer", args=[work.pk, "offer"]))

    work.refresh_from_db()
    assert work.registration_state == enums.RegistrationState.REGISTERED
    assert work.offered_for_licensing
    response = client.get(reverse("public:copyright_work_list"))
    assert [row.pk for row in response.context["rows"]] == [work.pk]


def test_staff_cannot_post_the_steps(client):
    work = drafted_work()
    client.force_login(MembershipFactory(organization=work.enterprise, role=Role.STAFF).user)

    response = client.post(reverse("enterprise:copyright_work_submit", args=[work.pk]))

    assert response.status_code == 403
    work.refresh_from_db()
    assert work.registration_state == enums.RegistrationState.DRAFTED


def test_a_pledge_is_released_from_the_work_page_and_another_enterprise_cannot(client):
    pledge = recorded_pledge(registered_work())
    other = EnterpriseFactory()
    client.force_login(admin_of(other))

    assert (
        client.post(reverse("enterprise:copyright_pledge_release", args=[pledge.pk])).status_code
        == 404
    )
    client.force_login(admin_of(pledge.work.enterprise))
    client.post(reverse("enterprise:copyright_pledge_release", args=[pledge.pk]))

    pledge.refresh_from_db()
    assert pledge.state == enums.PledgeState.RELEASED


def test_the_statement_page_assembles_the_application_from_the_register(client):
    work = drafted_work(purpose="为海岛少年立传。")
    client.force_login(admin_of(work.enterprise))

    response = client.get(reverse("enterprise:copyright_work_statement", args=[work.pk]))

    assert "为海岛少年立传。" in response.content.decode()
    assert work.authors in response.content.decode()


def test_a_request_is_sent_from_the_public_page_and_signed_by_the_holder(client):
    work = offered_work()
    requester = EnterpriseFactory()
    client.force_login(admin_of(requester))
    values = request_values()
    response = client.post(
        reverse("enterprise:copyright_request_create", args=[work.pk]),
        {
            "exclusive": "on",
            "media": values["media"],
            "territory": values["territory"],
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "fee": "20",
        },
    )
    request_url = response["Location"]
    # The requester sees the request but does not move it on.
    response = client.post(request_url, {"step": "negotiating"})
    assert "holder" in str(response.context["form"].non_field_errors())

    client.force_login(admin_of(work.enterprise))
    client.post(request_url, {"step": "negotiating"})
    client.post(request_url, {"step": "signed", "fee": "25"})

    licence = Licence.objects.get()
    assert licence.licensee == requester
    assert licence.exclusive


def test_the_bank_verifies_a_pledge_by_its_number_and_the_look_up_is_kept(client):
    bank = FinancialInstitutionFactory()
    banker = MembershipFactory(organization=bank.organization, role=Role.STAFF).user
    pledge = recorded_pledge(registered_work(), FinancialInstitutionFactory())
    granted_licence(pledge.work)
    client.force_login(banker)
    url = reverse("individual:copyright_pledge_verify")

    response = client.get(url, {"number": pledge.number})
    missing = client.get(url, {"number": "ZY-0000"})

    assert response.context["pledge"] == pledge
    assert len(response.context["licences"]) == 1
    assert pledge.work.enterprise.display_name in response.content.decode()
    assert missing.context["pledge"] is None
    # One entry for the look-up that found the pledge, none for the one that did not.
    actions = [entry.action for entry in audit.history_of(pledge)]
    assert actions.count("copyright.pledge.verified") == 1


def test_a_person_of_no_institution_cannot_verify(client):
    client.force_login(admin_of(EnterpriseFactory()))

    assert client.get(reverse("individual:copyright_pledge_verify")).status_code == 403


def test_the_government_sees_counts_and_exports_them(client):
    work = registered_work()
    granted_licence(work)
    recorded_pledge(work)
    client.force_login(admin_of(GovernmentBodyFactory()))
    url = reverse("government:copyright_overview")

    overview = client.get(url).context["overview"]
    workbook = load_workbook(BytesIO(client.get(url, {"format": "xlsx"}).content))

    assert overview["works"] == 1
    assert overview["licences"]["exclusive"] == 1
    assert overview["pledges"]["total"] == 1
    rows = list(workbook.active.values)
    assert rows[1] == (work.enterprise.name, 1, 1, 1, 1)


def test_the_register_exports_to_excel(client):
    work = registered_work(title="=HYPERLINK(1)")
    client.force_login(admin_of(work.enterprise))

    response = client.get(reverse("enterprise:copyright_work_list"), {"format": "xlsx"})

    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[1][0] != "=HYPERLINK(1)"
    assert rows[1][12] == work.registration_number


LIST_PAGES = [
    # (url name, who signs in, expected queries)
    ("public:copyright_work_list", None, 2),
    ("enterprise:copyright_work_list", "enterprise_admin", 9),
    ("enterprise:copyright_licence_list", "enterprise_admin", 9),
    ("enterprise:copyright_pledge_list", "enterprise_admin", 9),
    ("enterprise:copyright_request_list", "enterprise_admin", 9),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), LIST_PAGES)
def test_the_lists_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, rows, name, who, queries
):
    from tests.copyright.world import copyright_with

    world = copyright_with(rows)
    if who is not None:
        client.force_login(world[who])

    with django_assert_num_queries(queries):
        response = client.get(reverse(name))

    assert response.status_code == 200
    assert len(response.context["rows"]) == rows
