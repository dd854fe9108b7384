"""The accreditation endpoints apply the same rules as the pages."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from cloudpark.bases import enums, selectors, services
from cloudpark.bases.models import (
    Accreditation,
    AccreditationRound,
    AnnualReview,
    Declaration,
    DeclarationMaterial,
)
from cloudpark.core.models import AuditEntry
from cloudpark.notifications.models import Notification
from cloudpark.orgs import enums as org_enums
from cloudpark.reviews import services as review_services
from cloudpark.reviews.models import ReviewCase
from tests.factories import (
    AccreditationFactory,
    AccreditationRoundFactory,
    AnnualReviewFactory,
    DeclarationFactory,
    GovernmentBodyFactory,
    MembershipFactory,
    ParkFactory,
)
from tests.factories.bases import ANNUAL_FIGURES, DECLARED, attach_all, pdf, submitted_declaration

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
    paths = [
        "/api/v1/base-declarations/{id}/submit/:",
        "/api/v1/bases/:",
        "/api/v1/bases/{park}/history/:",
        "/api/v1/base-annual-reviews/:",
        "/api/v1/government/base-rounds/:",
        "/api/v1/government/base-rounds/{id}/:",
        "/api/v1/government/base-rounds/{id}/declarations/:",
        "/api/v1/government/base-rounds/{id}/export/:",
        "/api/v1/government/base-annual-reviews/:",
        "/api/v1/government/base-annual-reviews/{id}/decide/:",
        "/api/v1/government/bases/{id}/:",
        "/api/v1/government/bases/{id}/end/:",
    ]
    assert [path for path in paths if path not in schema] == []


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
    # The park named in the body is refused as an unknown one (tests/api/test_related_ids).
    assert [response.status_code for response in responses] == [404, 404, 400]
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


def test_the_public_list_is_filtered_by_batch(api, candidate, bureau, administration):
    AccreditationFactory(park=candidate, decided_by=bureau)
    AccreditationFactory(
        park=ParkFactory(), decided_by=administration, level="national", batch="国家级第一批"
    )

    response = api.get(reverse("api:base-list"), {"batch": "国家级第一批"})

    assert [row["batch"] for row in response.json()["results"]] == ["国家级第一批"]


def test_the_bases_listed_show_a_deciding_body_renamed_at_once(api, candidate, bureau):
    AccreditationFactory(park=candidate, decided_by=bureau)
    api.get(reverse("api:base-list"))  # the bodies' names, read once and kept
    bureau.name = "浙江省广播电视和网络视听局"
    bureau.save()

    response = api.get(reverse("api:base-list"))

    assert [row["decided_by"] for row in response.json()["results"]] == [
        "浙江省广播电视和网络视听局"
    ]


def test_a_bases_public_history_lists_its_accreditations_ended_ones_too(
    api, candidate, bureau, people
):
    AccreditationFactory(park=candidate, decided_by=bureau)
    services_end(candidate, bureau, people["bureau_chief"])

    response = api.get(reverse("api:base-history", args=[candidate.pk]))

    body = response.json()
    assert (body["park"], body["status"], body["level"]) == (candidate.pk, "revoked", "unrated")
    assert [
        (row["level"], row["in_force"], row["end"], row["end_reason"], row["ended_by"])
        for row in body["accreditations"]
    ] == [("provincial", False, "revoked", "整改不到位。", "浙江省广播电视局")]


def test_an_exited_park_has_no_public_history(api, candidate, bureau, people):
    AccreditationFactory(park=candidate, decided_by=bureau)
    services_end(candidate, bureau, people["bureau_chief"], end="exited")

    response = api.get(reverse("api:base-history", args=[candidate.pk]))

    assert response.status_code == 404


def services_end(park, government, actor, end="revoked"):
    services.end_accreditation(
        park,
        government=government,
        actor=actor,
        end=end,
        on=timezone.localdate(),
        reason="整改不到位。",
    )


# The park's annual reviews ---------------------------------------------------------------------


@pytest.fixture
def base(candidate, bureau):
    """The candidate, accredited by the bureau three years ago."""
    AccreditationFactory(park=candidate, decided_by=bureau)
    candidate.refresh_from_db()
    return candidate


def annual_payload(year, **changes):
    return {"year": year, **{key: str(value) for key, value in ANNUAL_FIGURES.items()}, **changes}


def test_a_park_admin_submits_an_annual_review(api, base, bureau, people):
    api.force_authenticate(people["park_admin"])
    year = timezone.localdate().year - 1

    response = api.post(reverse("api:base-annual-review-list"), annual_payload(year), format="json")

    review = AnnualReview.objects.get()
    assert response.status_code == 201
    assert (response.json()["id"], response.json()["reviewing_body"], review.year) == (
        review.pk,
        bureau.pk,
        year,
    )
    assert (
        Notification.objects.get(kind="bases.annual_review_awaits").recipient
        == (people["bureau_chief"])
    )


def test_a_park_lists_its_annual_reviews(api, base, people):
    review = AnnualReviewFactory(park=base)
    AnnualReviewFactory(park=base_elsewhere())
    api.force_authenticate(people["park_staff"])

    response = api.get(reverse("api:base-annual-review-list"))

    assert [(row["id"], row["outcome"]) for row in response.json()["results"]] == [(review.pk, "")]


def base_elsewhere():
    """A base accredited by another bureau."""
    park = ParkFactory(level=org_enums.ParkLevel.UNRATED)
    body = GovernmentBodyFactory(level=org_enums.GovernmentLevel.PROVINCIAL, jurisdiction=[park])
    AccreditationFactory(park=park, decided_by=body)
    return park


def test_an_annual_review_of_this_year_is_a_400_with_the_services_message(api, base, people):
    api.force_authenticate(people["park_admin"])
    year = timezone.localdate().year

    response = api.post(reverse("api:base-annual-review-list"), annual_payload(year), format="json")

    assert response.status_code == 400
    assert response.json() == {
        "detail": f"The review of {year} is submitted once the year is over.",
        "field": "year",
    }
    assert not AnnualReview.objects.exists()


# The government body's side: permissions -------------------------------------------------------


@pytest.fixture
def world(base, bureau, provincial_round, people):
    """The bureau's round with a declaration in review, and the base's annual review."""
    bureau.jurisdiction.add(second := ParkFactory(level=org_enums.ParkLevel.UNRATED))
    return {
        "round": provincial_round,
        "declaration": submitted_declaration(second, provincial_round),
        "review": AnnualReviewFactory(park=base),
        "park": base,
        "empty_round": AccreditationRoundFactory(organiser=bureau),
    }


def snapshot():
    """What a refused call must leave as it was."""
    return {
        "rounds": sorted(AccreditationRound.objects.values_list("pk", "batch", "closes_on")),
        "declarations": sorted(Declaration.objects.values_list("pk", "state")),
        "reviews": sorted(AnnualReview.objects.values_list("pk", "outcome")),
        "accreditations": sorted(Accreditation.objects.values_list("pk", "ended_on")),
        "audit": AuditEntry.objects.count(),
    }


NEW_ROUND = {
    "level": "provincial",
    "batch": "浙江省第三批省级广播电视和网络视听产业基地（园区）",
    "opens_on": "2099-01-01",
    "closes_on": "2099-02-01",
    "criteria": "条件",
    "required_materials": [{"name": "申报书", "name_en": "Application form"}],
}
DECISION = {"outcome": "rectify", "comment": "限期整改。"}
END = {"end": "revoked", "on": "2000-01-01", "reason": "整改不到位。"}

# (name, method, the world's object in the address or None, payload, the rule's level:
# "view" for every member with the right to see rounds, "decide" for those who decide)
GOVERNMENT_ENDPOINTS = [
    ("api:government-base-round-list", "get", None, None, "view"),
    ("api:government-base-round-list", "post", None, NEW_ROUND, "decide"),
    ("api:government-base-round-detail", "get", "round", None, "view"),
    ("api:government-base-round-detail", "patch", "round", {"batch": "改名"}, "decide"),
    ("api:government-base-round-detail", "delete", "empty_round", None, "decide"),
    ("api:government-base-round-declarations", "get", "round", None, "view"),
    ("api:government-base-round-export", "get", "round", None, "view"),
    ("api:government-base-annual-review-list", "get", None, None, "view"),
    ("api:government-base-annual-review-detail", "get", "review", None, "view"),
    ("api:government-base-annual-review-decide", "post", "review", DECISION, "decide"),
    ("api:government-base-detail", "get", "park", None, "view"),
    ("api:government-base-end", "post", "park", END, "decide"),
]


def call(api, name, method, target, payload, world):
    url = reverse(name, args=[world[target].pk] if target else [])
    return getattr(api, method)(url, payload, format="json")


@pytest.mark.parametrize(("name", "method", "target", "payload", "level"), GOVERNMENT_ENDPOINTS)
def test_anonymous_callers_are_refused(api, world, name, method, target, payload, level):
    before = snapshot()

    response = call(api, name, method, target, payload, world)

    assert (response.status_code, snapshot()) == (401, before)


@pytest.mark.parametrize(("name", "method", "target", "payload", "level"), GOVERNMENT_ENDPOINTS)
def test_a_member_without_the_right_is_refused(
    api, world, bureau, people, member, name, method, target, payload, level
):
    # Seeing rounds needs the right to see the body's parks (a juror has none); acting on
    # them, the right to decide (staff have none).
    without_right = {"view": member(bureau, role="juror"), "decide": people["bureau_staff"]}
    api.force_authenticate(without_right[level])
    before = snapshot()

    response = call(api, name, method, target, payload, world)

    assert (response.status_code, snapshot()) == (403, before)


DETAIL_ENDPOINTS = [endpoint for endpoint in GOVERNMENT_ENDPOINTS if endpoint[2]]


@pytest.mark.parametrize(("name", "method", "target", "payload", "level"), DETAIL_ENDPOINTS)
def test_another_bodys_objects_are_not_found(
    api, world, member, name, method, target, payload, level
):
    api.force_authenticate(member(GovernmentBodyFactory(), role="admin"))
    before = snapshot()

    response = call(api, name, method, target, payload, world)

    assert (response.status_code, snapshot()) == (404, before)


@pytest.mark.parametrize(
    "name", ["api:government-base-round-list", "api:government-base-annual-review-list"]
)
def test_another_body_lists_none_of_the_bureaus_objects(api, world, member, name):
    api.force_authenticate(member(GovernmentBodyFactory(), role="admin"))

    response = api.get(reverse(name))

    assert (response.status_code, response.json()["results"]) == (200, [])


def test_a_park_member_acts_for_no_government_body(api, world, people):
    api.force_authenticate(people["park_admin"])

    response = api.get(reverse("api:government-base-round-list"))

    assert response.status_code == 403


def test_naming_a_body_one_does_not_belong_to_is_not_found(api, world, people):
    api.force_authenticate(people["bureau_chief"])
    other = GovernmentBodyFactory()

    response = api.get(reverse("api:government-base-round-list"), {"government": other.pk})

    assert response.status_code == 404


# (name, method, payload, who is refused): the park's endpoints.
PARK_ENDPOINTS = [
    ("api:base-annual-review-list", "get", None, "outsider"),
    ("api:base-annual-review-list", "post", "annual", "park_staff"),
]


@pytest.mark.parametrize(("name", "method", "payload", "who"), PARK_ENDPOINTS)
def test_the_parks_annual_reviews_need_the_pages_rights(
    api, base, people, member, name, method, payload, who
):
    refused = {**people, "outsider": member(GovernmentBodyFactory())}[who]
    api.force_authenticate(refused)
    data = annual_payload(timezone.localdate().year - 1) if payload else None

    response = getattr(api, method)(reverse(name), data, format="json")

    assert (response.status_code, AnnualReview.objects.count()) == (403, 0)


def test_another_parks_annual_review_is_not_found(api, base, member):
    review = AnnualReviewFactory(park=base)
    api.force_authenticate(member(ParkFactory(), role="admin"))

    response = api.get(reverse("api:base-annual-review-detail", args=[review.pk]))

    assert response.status_code == 404


# The government body's side: what each endpoint does ------------------------------------------


def test_the_bureau_lists_its_rounds_with_their_declarations_counted(api, world, people):
    AccreditationRoundFactory()  # another bureau's
    api.force_authenticate(people["bureau_staff"])

    response = api.get(reverse("api:government-base-round-list"))

    rows = {row["id"]: row["declarations"] for row in response.json()["results"]}
    assert rows == {
        world["round"].pk: {
            "submitted": 1,
            "returned": 0,
            "approved": 0,
            "rejected": 0,
            "withdrawn": 0,
        },
        world["empty_round"].pk: {
            "submitted": 0,
            "returned": 0,
            "approved": 0,
            "rejected": 0,
            "withdrawn": 0,
        },
    }


def test_the_bureau_opens_a_round(api, bureau, candidate, people):
    api.force_authenticate(people["bureau_chief"])

    response = api.post(reverse("api:government-base-round-list"), NEW_ROUND, format="json")

    accreditation_round = AccreditationRound.objects.get()
    assert response.status_code == 201
    assert (response.json()["id"], accreditation_round.organiser, accreditation_round.batch) == (
        accreditation_round.pk,
        bureau,
        NEW_ROUND["batch"],
    )
    assert [m.name_en for m in accreditation_round.materials] == ["Application form"]
    assert AuditEntry.objects.filter(action="bases.round.opened").count() == 1


def test_a_bureau_opening_a_national_round_gets_the_services_refusal(api, bureau, people):
    api.force_authenticate(people["bureau_chief"])

    response = api.post(
        reverse("api:government-base-round-list"), {**NEW_ROUND, "level": "national"}, format="json"
    )

    assert response.status_code == 400
    assert "national rounds by the national administration" in response.json()["detail"]
    assert not AccreditationRound.objects.exists()


def test_the_bureau_changes_a_round(api, world, people):
    api.force_authenticate(people["bureau_chief"])
    closes_on = timezone.localdate() + timedelta(days=60)

    response = api.patch(
        reverse("api:government-base-round-detail", args=[world["round"].pk]),
        {"closes_on": closes_on.isoformat(), "level": "national"},
        format="json",
    )

    world["round"].refresh_from_db()
    assert response.status_code == 200
    assert (world["round"].closes_on, world["round"].level) == (closes_on, "provincial")


def test_the_bureau_deletes_a_round_nobody_declared_for(api, world, people):
    api.force_authenticate(people["bureau_chief"])

    response = api.delete(
        reverse("api:government-base-round-detail", args=[world["empty_round"].pk])
    )

    assert response.status_code == 204
    assert not AccreditationRound.objects.filter(pk=world["empty_round"].pk).exists()


def test_a_round_with_declarations_is_kept_with_a_400(api, world, people):
    api.force_authenticate(people["bureau_chief"])
    before = snapshot()

    response = api.delete(reverse("api:government-base-round-detail", args=[world["round"].pk]))

    assert response.status_code == 400
    assert "so it is kept" in response.json()["detail"]
    assert snapshot() == before


def test_the_bureau_lists_a_rounds_declarations_with_their_outcomes(api, world, people):
    declaration = world["declaration"]
    case = selectors.case_of(declaration)
    review_services.decide(
        case,
        actor=people["bureau_chief"],
        stage_key=case.stage_key,
        decision="approve",
        comment="符合条件。",
    )
    api.force_authenticate(people["bureau_staff"])

    response = api.get(reverse("api:government-base-round-declarations", args=[world["round"].pk]))

    accreditation = Accreditation.objects.get(declaration=declaration)
    (row,) = response.json()["results"]
    assert (row["id"], row["state"], row["decided_on"], row["decision_comment"]) == (
        declaration.pk,
        "approved",
        timezone.localdate().isoformat(),
        "符合条件。",
    )
    assert row["accreditation"] == {
        "id": accreditation.pk,
        "level": "provincial",
        "batch": world["round"].batch,
        "batch_en": world["round"].batch_en,
        "approved_on": timezone.localdate().isoformat(),
    }


def test_the_bureau_downloads_the_rounds_export(api, world, people):
    api.force_authenticate(people["bureau_staff"])

    response = api.get(reverse("api:government-base-round-export", args=[world["round"].pk]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    headers, *rows = sheet.iter_rows(values_only=True)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert [dict(zip(headers, row, strict=True))["State"] for row in rows] == ["In review"]


def test_the_bureau_lists_the_annual_reviews_it_decides(api, world, people):
    api.force_authenticate(people["bureau_staff"])

    response = api.get(reverse("api:government-base-annual-review-list"))

    assert [row["id"] for row in response.json()["results"]] == [world["review"].pk]


def test_the_bureau_decides_an_annual_review(api, world, people):
    api.force_authenticate(people["bureau_chief"])

    response = api.post(
        reverse("api:government-base-annual-review-decide", args=[world["review"].pk]),
        DECISION,
        format="json",
    )

    world["park"].refresh_from_db()
    assert (response.status_code, response.json()["outcome"]) == (200, "rectify")
    assert world["park"].status == org_enums.ParkStatus.SUSPENDED


def test_deciding_without_a_reason_is_a_400(api, world, people):
    api.force_authenticate(people["bureau_chief"])

    response = api.post(
        reverse("api:government-base-annual-review-decide", args=[world["review"].pk]),
        {"outcome": "revoke"},
        format="json",
    )

    world["review"].refresh_from_db()
    assert (response.status_code, response.json()["field"]) == (400, "comment")
    assert world["review"].outcome == ""


def test_the_bureau_reads_a_bases_standing(api, world, people):
    api.force_authenticate(people["bureau_staff"])

    response = api.get(reverse("api:government-base-detail", args=[world["park"].pk]))

    body = response.json()
    assert (body["level"], body["status"]) == ("provincial", "operating")
    assert [row["in_force"] for row in body["accreditations"]] == [True]
    assert [row["id"] for row in body["annual_reviews"]] == [world["review"].pk]


def test_the_bureau_revokes_a_base(api, world, people):
    api.force_authenticate(people["bureau_chief"])
    payload = {**END, "on": timezone.localdate().isoformat()}

    response = api.post(
        reverse("api:government-base-end", args=[world["park"].pk]), payload, format="json"
    )

    assert (response.status_code, response.json()["status"]) == (200, "revoked")
    assert [row["end"] for row in response.json()["accreditations"]] == ["revoked"]


def test_the_bureau_cannot_end_a_national_accreditation_over_the_api(
    api, world, administration, people
):
    AccreditationFactory(park=world["park"], decided_by=administration, level="national")
    api.force_authenticate(people["bureau_chief"])
    before = snapshot()

    response = api.post(
        reverse("api:government-base-end", args=[world["park"].pk]),
        {**END, "on": timezone.localdate().isoformat()},
        format="json",
    )

    assert response.status_code == 400
    assert "only that body, or one above it, may end it" in response.json()["detail"]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "target", "who"),
    [
        ("api:government-base-round-detail", "round", "bureau_staff"),
        ("api:government-base-annual-review-detail", "review", "bureau_staff"),
        ("api:base-annual-review-detail", "review", "park_staff"),
    ],
)
def test_one_object_is_read_by_those_who_see_it(api, world, people, name, target, who):
    api.force_authenticate(people[who])

    response = api.get(reverse(name, args=[world[target].pk]))

    assert (response.status_code, response.json()["id"]) == (200, world[target].pk)


# Query counts -----------------------------------------------------------------------------------

API_LISTS = [
    # (url name, who signs in, whether the url takes the round, expected queries)
    ("api:government-base-round-list", "government", False, 3),
    ("api:government-base-round-declarations", "government", True, 5),
    ("api:government-base-annual-review-list", "government", False, 3),
    ("api:base-annual-review-list", "park", False, 3),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "takes_round", "queries"), API_LISTS)
def test_the_lists_query_count_does_not_grow_with_rows(
    api, member, django_assert_num_queries, rows, name, who, takes_round, queries
):
    from tests.bases.world import bases_with

    world = bases_with(rows)
    api.force_authenticate(member(world[who]))
    url = reverse(name, args=[world["round"].pk] if takes_round else [])

    with django_assert_num_queries(queries):
        response = api.get(url)

    assert response.status_code == 200
