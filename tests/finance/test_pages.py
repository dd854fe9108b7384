"""The finance pages as people use them: the public product list, the enterprise's need with
the products that fit it and why, the POST-only steps, the institution's desk moving an
introduction to granted, the data room's logged views and its end, bad input at the field,
both languages, the Excel exports and the query counts."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cloudpark.finance import enums, services
from cloudpark.finance.enums import IntroductionState
from cloudpark.finance.models import FinancingNeed, Introduction
from tests.factories import EnterpriseFactory, MembershipFactory, UserFactory
from tests.factories.finance import (
    FinancialInstitutionFactory,
    published_need,
    published_product,
    requested_introduction,
)
from tests.factories.programs import admin_of
from tests.helpers import audit_trail, changed_models, stored_state

pytestmark = pytest.mark.django_db


def banker_of(product):
    return admin_of(product.institution.organization)


def test_the_public_list_shows_published_products_without_sign_in_and_filters_them(client):
    loan = published_product(name="文创信用贷")
    published_product(name="设备融资租赁", kind=enums.ProductKind.LEASE)

    response = client.get(reverse("public:finance_product_list"), {"kind": "loan"})

    assert [product.pk for product in response.context["rows"]] == [loan.pk]


def test_the_public_product_page_says_who_qualifies(client):
    product = published_product()

    response = client.get(reverse("public:finance_product_detail", args=[product.pk]))

    assert response.context["requirements"] == ["Staff: 5 to 500."]


def test_an_unpublished_product_is_not_found_in_public(client):
    product = published_product()
    services.set_product_published(product, actor=banker_of(product), published=False)

    response = client.get(reverse("public:finance_product_detail", args=[product.pk]))

    assert response.status_code == 404


def test_the_public_list_exports_to_excel_without_formulas(client):
    published_product(name="=HYPERLINK(1)", name_en="=HYPERLINK(1)")

    response = client.get(reverse("public:finance_product_list"), {"format": "xlsx"})

    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["B2"].value == "=HYPERLINK(1)"
    assert sheet["B2"].data_type == "s"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_need_page_shows_a_fitting_product_with_its_reasons_in_both_languages(client, language):
    need = published_need()
    product = published_product()
    client.force_login(admin_of(need.enterprise))

    response = client.get(
        reverse("enterprise:finance_need_detail", args=[need.pk]),
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert [match[0].pk for match in response.context["matches"]] == [product.pk]
    reason = {"en": "30 staff, within 5 to 500.", "zh-hans": "从业人数30人，符合5至500人的要求。"}
    assert reason[language] in response.content.decode()


def test_a_need_without_amount_is_refused_at_the_field_and_nothing_is_written(client):
    enterprise = EnterpriseFactory()
    client.force_login(admin_of(enterprise))

    response = client.post(
        reverse("enterprise:finance_need_create"),
        {
            "amount": "",
            "term": "12",
            "purpose": "周转",
            "stage": "growing",
            "collateral": ["credit"],
            "valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["amount"] == [
        "Say how much the enterprise needs to raise."
    ]
    assert FinancingNeed.objects.count() == 0


def test_the_enterprise_requests_an_introduction_from_its_need_page(client):
    need = published_need()
    product = published_product()
    client.force_login(admin_of(need.enterprise))

    response = client.post(
        reverse("enterprise:finance_introduction_request", args=[need.pk, product.pk]),
        {"message": "希望尽快对接"},
    )

    introduction = Introduction.objects.get()
    assert response["Location"] == reverse(
        "enterprise:finance_introduction_detail", args=[introduction.pk]
    )
    assert (introduction.state, introduction.message) == (IntroductionState.SENT, "希望尽快对接")


def test_staff_of_the_enterprise_cannot_request_an_introduction(client):
    need = published_need()
    product = published_product()
    client.force_login(MembershipFactory(organization=need.enterprise, role="staff").user)
    before = stored_state()

    response = client.post(
        reverse("enterprise:finance_introduction_request", args=[need.pk, product.pk])
    )

    assert response.status_code == 403
    assert changed_models(before, stored_state()) == []


def test_another_enterprises_need_cannot_be_used_to_request_an_introduction(client):
    need = published_need()
    product = published_product()
    client.force_login(admin_of(EnterpriseFactory()))

    response = client.post(
        reverse("enterprise:finance_introduction_request", args=[need.pk, product.pk])
    )

    assert response.status_code == 404
    assert Introduction.objects.count() == 0


def test_the_enterprise_withdraws_an_introduction(client):
    introduction = requested_introduction()
    client.force_login(admin_of(introduction.need.enterprise))

    client.post(reverse("enterprise:finance_introduction_withdraw", args=[introduction.pk]))

    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.WITHDRAWN


def test_the_enterprise_closes_a_need(client):
    need = published_need()
    client.force_login(admin_of(need.enterprise))

    client.post(reverse("enterprise:finance_need_close", args=[need.pk]))

    need.refresh_from_db()
    assert need.state == enums.NeedState.CLOSED


def test_the_bank_grants_from_its_desk_and_a_grant_without_a_date_is_refused(client):
    introduction = requested_introduction()
    services.move_introduction(
        introduction, IntroductionState.CONTACTED, actor=banker_of(introduction.product)
    )
    services.move_introduction(
        introduction, IntroductionState.IN_REVIEW, actor=banker_of(introduction.product)
    )
    client.force_login(banker_of(introduction.product))
    url = reverse("individual:finance_introduction_detail", args=[introduction.pk])
    grant = {"target": "granted", "granted_amount": "150", "granted_rate": "3.80"}

    refused = client.post(url, grant)
    granted = client.post(url, {**grant, "granted_on": "2026-11-30"})

    assert refused.context["form"].errors["granted_on"] == ["Give the date of the grant."]
    assert granted.status_code == 302
    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.GRANTED


def test_a_person_who_works_at_no_institution_is_refused_the_desk(client):
    client.force_login(UserFactory())

    response = client.get(reverse("individual:finance_product_list"))

    assert response.status_code == 403


def test_the_bank_publishes_and_takes_off_a_product(client):
    product = published_product()
    client.force_login(banker_of(product))

    client.post(reverse("individual:finance_product_publish", args=[product.pk, "unpublish"]))

    product.refresh_from_db()
    assert product.is_published is False


def test_a_product_with_an_inverted_cost_range_is_refused_at_the_field(client):
    institution = FinancialInstitutionFactory()
    client.force_login(admin_of(institution.organization))

    response = client.post(
        reverse("individual:finance_product_create"),
        {
            "institution": str(institution.pk),
            "name": "倒挂贷",
            "kind": "loan",
            "amount_min": "10",
            "amount_max": "100",
            "term_min": "6",
            "term_max": "12",
            "cost_min": "8",
            "cost_max": "4",
            "combinator": "all",
            "collateral": ["credit"],
            "rules": "resident_in_zone:",
        },
    )

    assert response.context["form"].errors["cost_max"] == [
        "The highest cost is below the lowest: the cost range is inverted."
    ]


def test_every_opening_of_a_data_room_is_logged_and_an_expired_room_is_gone(client):
    enterprise = EnterpriseFactory()
    institution = FinancialInstitutionFactory()
    room = services.open_data_room(
        enterprise, institution, actor=admin_of(enterprise), figures=["profile"], days=3
    )
    client.force_login(admin_of(institution.organization))
    url = reverse("individual:finance_data_room_detail", args=[room.pk])

    client.get(url)
    client.get(url)
    room.expires_at = timezone.now() - timedelta(minutes=1)
    room.save(update_fields=["expires_at"])
    gone = client.get(url)

    assert audit_trail(room).count("finance.data_room.viewed") == 2
    assert gone.status_code == 404


def test_the_enterprise_ends_a_data_room_early(client):
    enterprise = EnterpriseFactory()
    room = services.open_data_room(
        enterprise,
        FinancialInstitutionFactory(),
        actor=admin_of(enterprise),
        figures=["yearly"],
        days=3,
    )
    client.force_login(admin_of(enterprise))

    client.post(reverse("enterprise:finance_data_room_end", args=[room.pk]))

    room.refresh_from_db()
    assert room.ended_at is not None


def test_the_introductions_export_to_excel(client):
    introduction = requested_introduction()
    client.force_login(admin_of(introduction.need.enterprise))

    response = client.get(reverse("enterprise:finance_introduction_list"), {"format": "xlsx"})

    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["E2"].value == "Sent to the institution"


LIST_PAGES = [
    # (url name, who signs in, expected queries)
    ("public:finance_product_list", None, 2),
    ("enterprise:finance_need_list", "enterprise_admin", 9),
    ("enterprise:finance_introduction_list", "enterprise_admin", 9),
    ("enterprise:finance_data_room_list", "enterprise_admin", 9),
    # The banker belongs to an organisation of the kind "other": the menu asks once whether it
    # is also a service partner with a benefits desk.
    ("individual:finance_product_list", "banker", 9),
    ("individual:finance_introduction_list", "banker", 9),
    ("individual:finance_data_room_list", "banker", 9),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), LIST_PAGES)
def test_the_lists_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, rows, name, who, queries
):
    from tests.finance.world import finance_with

    world = finance_with(rows)
    if who is not None:
        client.force_login(world[who])

    with django_assert_num_queries(queries):
        response = client.get(reverse(name))

    assert response.status_code == 200
    assert len(response.context["rows"]) == rows
