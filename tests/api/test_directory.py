"""The directory endpoints apply the same rules as the pages."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from cloudpark.accounts import services as account_services
from cloudpark.accounts.models import ApiToken
from cloudpark.core.models import AuditEntry
from cloudpark.orgs import enums
from cloudpark.orgs.privacy import PERSONAL_FIELDS
from tests.factories import EnterpriseFactory, MembershipFactory, ParkFactory, UserFactory


@pytest.fixture
def api():
    return APIClient()


def test_the_schema_is_generated_without_warnings(db, tmp_path):
    schema_file = tmp_path / "schema.yml"

    call_command("spectacular", "--fail-on-warn", "--file", str(schema_file))

    assert "/api/v1/enterprises/{id}/private/:" in schema_file.read_text()


def test_the_schema_is_served(api, db):
    response = api.get(reverse("api:schema"), {"format": "json"})

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Cloud Park API"


def test_a_token_is_issued_for_the_right_password(api, db):
    UserFactory(email="staff@example.cn", password="a-long-secret-42")

    response = api.post(
        reverse("api:token"), {"email": "staff@example.cn", "password": "a-long-secret-42"}
    )

    assert response.status_code == 201
    assert ApiToken.objects.get(user__email="staff@example.cn").key_hash == (
        account_services.hash_token(response.json()["token"])
    )


def test_search_finds_two_character_chinese_words(api, db):
    EnterpriseFactory(name="杭州影视传媒有限公司")
    EnterpriseFactory(name="宁波数字出版有限公司")

    response = api.get(reverse("api:enterprise-list"), {"q": "影视"})

    assert [row["name"] for row in response.json()["results"]] == ["杭州影视传媒有限公司"]


def test_private_details_of_an_enterprise_outside_ones_care_are_not_found(api, enterprise):
    outsider = MembershipFactory(organization=ParkFactory(), role=enums.Role.ADMIN).user
    api.force_authenticate(outsider)

    response = api.get(reverse("api:enterprise-private", args=[enterprise.pk]))

    assert response.status_code == 404


def test_park_staff_see_the_contact_and_representative_masked(api, park, enterprise):
    api.force_authenticate(MembershipFactory(organization=park, role=enums.Role.STAFF).user)

    response = api.get(reverse("api:enterprise-private", args=[enterprise.pk]))

    assert response.status_code == 200
    personal = {key: response.json()[key] for key in PERSONAL_FIELDS}
    assert personal == {
        "legal_representative": "李**",
        "contact_name": "张*",
        "contact_mobile": "138****1234",
    }
    assert not AuditEntry.objects.filter(action="core.personal_data.viewed").exists()


def test_park_admins_see_the_contact_mobile_and_the_view_is_logged(api, park, enterprise):
    admin = MembershipFactory(organization=park, role=enums.Role.ADMIN).user
    api.force_authenticate(admin)

    response = api.get(reverse("api:enterprise-private", args=[enterprise.pk]))

    entry = AuditEntry.objects.get(action="core.personal_data.viewed")
    personal = {key: response.json()[key] for key in PERSONAL_FIELDS}
    assert personal == {
        "legal_representative": "李四海",
        "contact_name": "张三",
        "contact_mobile": "13812341234",
    }
    assert entry.data == {"fields": list(PERSONAL_FIELDS)}
    assert (entry.actor, entry.object_id) == (admin, str(enterprise.pk))


def test_me_lists_the_callers_memberships(api, park):
    person = MembershipFactory(organization=park, role=enums.Role.STAFF).user
    _, secret = account_services.create_api_token(person, actor=person, name="script")
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")

    response = api.get(reverse("api:me"))

    assert response.json()["memberships"] == [
        {
            "id": person.memberships.get().pk,
            "organization_id": park.pk,
            "organization": park.name_en,  # the display name in the default English
            "kind": "park",
            "role": "staff",
        }
    ]
