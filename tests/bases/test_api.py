"""The accreditation endpoints apply the same rules as the pages."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from cloudpark.bases import enums
from cloudpark.bases.models import Declaration, DeclarationMaterial
from cloudpark.orgs import enums as org_enums
from cloudpark.reviews.models import ReviewCase
from tests.factories import (
    AccreditationFactory,
    DeclarationFactory,
    MembershipFactory,
    ParkFactory,
)
from tests.factories.bases import DECLARED, attach_all, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def payload(accreditation_round, park, **changes):
    return {
        "round": accreditation_round.pk,
        "park": park.pk,
        **{key: str(value) for key, value in DECLARED.items()},
        **changes,
    }


def test_the_schema_lists_the_accreditation_endpoints(tmp_path):
    schema_file = tmp_path / "schema.yml"

    call_command("spectacular", "--fail-on-warn", "--file", str(schema_file))

    schema = schema_file.read_text()
    assert "/api/v1/base-declarations/{id}/submit/:" in schema
    assert "/api/v1/bases/:" in schema


def test_rounds_are_public(api, provincial_round):
    response = api.get(reverse("api:base-round-list"))

    row = response.json()["results"][0]
    assert (row["id"], row["level"], row["phase"], row["organiser"]["name"]) == (
        provincial_round.pk,
        "provincial",
        "open",
        "浙江省广播电视局",
    )
    assert [m["name"] for m in row["required_materials"]] == ["申报书", "入驻企业名录"]


def test_a_park_admin_declares_attaches_and_submits(api, candidate, provincial_round, people):
    api.force_authenticate(people["park_admin"])

    created = api.post(
        reverse("api:base-declaration-list"), payload(provincial_round, candidate), format="json"
    )
    pk = created.json()["id"]
    for kind in provincial_round.materials:
        api.post(
            reverse("api:base-declaration-materials", args=[pk]),
            {"kind": kind.key, "file": pdf(f"{kind.name}.pdf")},
            format="multipart",
        )
    submitted = api.post(reverse("api:base-declaration-submit", args=[pk]))

    assert created.status_code == 201
    assert (submitted.status_code, submitted.json()["state"]) == (200, "submitted")
    assert submitted.json()["missing_materials"] == []
    assert ReviewCase.objects.get().object_id == pk


def test_a_refused_rule_is_a_400_with_its_message(api, candidate, provincial_round, people):
    declaration = DeclarationFactory(park=candidate, round=provincial_round)
    api.force_authenticate(people["park_admin"])

    response = api.post(reverse("api:base-declaration-submit", args=[declaration.pk]))

    declaration.refresh_from_db()
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Attach the required materials first")
    assert declaration.state == enums.DeclarationState.DRAFT


def test_declaring_twice_is_a_400_and_nothing_is_created(api, candidate, provincial_round, people):
    DeclarationFactory(park=candidate, round=provincial_round)
    api.force_authenticate(people["park_admin"])

    response = api.post(
        reverse("api:base-declaration-list"), payload(provincial_round, candidate), format="json"
    )

    assert response.status_code == 400
    assert "already declared" in response.json()["detail"]
    assert Declaration.objects.count() == 1


def test_park_staff_may_read_but_not_submit(api, candidate, provincial_round, people):
    declaration = attach_all(DeclarationFactory(park=candidate, round=provincial_round))
    api.force_authenticate(people["park_staff"])

    listed = api.get(reverse("api:base-declaration-list"))
    refused = api.post(reverse("api:base-declaration-submit", args=[declaration.pk]))

    declaration.refresh_from_db()
    assert [row["id"] for row in listed.json()["results"]] == [declaration.pk]
    assert refused.status_code == 403
    assert declaration.state == enums.DeclarationState.DRAFT


def test_another_parks_declaration_is_not_found(api, candidate, provincial_round):
    declaration = DeclarationFactory(park=candidate, round=provincial_round)
    stranger = MembershipFactory(organization=ParkFactory(), role=org_enums.Role.ADMIN).user
    api.force_authenticate(stranger)

    responses = [
        api.get(reverse("api:base-declaration-detail", args=[declaration.pk])),
        api.post(reverse("api:base-declaration-withdraw", args=[declaration.pk])),
        api.post(
            reverse("api:base-declaration-list"),
            payload(provincial_round, candidate),
            format="json",
        ),
    ]

    declaration.refresh_from_db()
    assert [response.status_code for response in responses] == [404, 404, 404]
    assert declaration.state == enums.DeclarationState.DRAFT


def test_changing_the_figures_of_a_draft(api, candidate, provincial_round, people):
    declaration = DeclarationFactory(park=candidate, round=provincial_round)
    api.force_authenticate(people["park_admin"])

    response = api.patch(
        reverse("api:base-declaration-detail", args=[declaration.pk]),
        {"enterprise_count": 61},
        format="json",
    )

    assert (response.status_code, response.json()["enterprise_count"]) == (200, 61)


def test_a_file_that_is_not_a_document_is_refused(api, candidate, provincial_round, people):
    declaration = DeclarationFactory(park=candidate, round=provincial_round)
    api.force_authenticate(people["park_admin"])

    response = api.post(
        reverse("api:base-declaration-materials", args=[declaration.pk]),
        {"kind": provincial_round.materials[0].key, "file": pdf("setup.exe")},
        format="multipart",
    )

    assert (response.status_code, response.json()["field"]) == (400, "file")
    assert not DeclarationMaterial.objects.exists()


def test_the_accredited_bases_are_listed_with_level_and_batch(api, candidate, bureau):
    accreditation = AccreditationFactory(park=candidate, decided_by=bureau)

    response = api.get(reverse("api:base-list"), {"level": "provincial"})

    assert response.json()["results"] == [
        {
            "park": candidate.pk,
            "name": candidate.name,
            "name_en": candidate.name_en,
            "region": "330106",
            "status": "operating",
            "level": "provincial",
            "batch": accreditation.batch,
            "batch_en": accreditation.batch_en,
            "approved_on": accreditation.approved_on.isoformat(),
            "decided_by": "浙江省广播电视局",
        }
    ]
