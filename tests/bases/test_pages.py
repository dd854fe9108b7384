"""The accreditation pages of the park and government portals, the review room for a
declaration, and the public list."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cloudpark.bases import enums, services
from cloudpark.bases.models import Accreditation, AccreditationRound, Declaration
from cloudpark.core.models import AuditEntry
from cloudpark.orgs import enums as org_enums
from cloudpark.reviews import services as review_services
from cloudpark.reviews.models import ReviewCase
from tests.factories import (
    AccreditationFactory,
    AccreditationRoundFactory,
    AnnualReviewFactory,
    DeclarationFactory,
    ParkFactory,
)
from tests.factories.bases import DECLARED, pdf, submitted_declaration

pytestmark = pytest.mark.django_db


def declared_form(**changes):
    return {**{key: str(value) for key, value in DECLARED.items()}, **changes}


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# The park portal -------------------------------------------------------------------------------


def test_a_park_admin_declares_from_the_round_page(client, candidate, provincial_round, people):
    client.force_login(people["park_admin"])

    response = client.post(
        reverse("park:base_declare", args=[provincial_round.pk]), declared_form()
    )

    declaration = Declaration.objects.get()
    assert response["Location"] == reverse("park:base_declaration_detail", args=[declaration.pk])
    assert (declaration.park, declaration.state, declaration.created_by) == (
        candidate,
        enums.DeclarationState.DRAFT,
        people["park_admin"],
    )


def test_the_declare_form_is_filled_from_the_park_profile(
    client, candidate, provincial_round, people
):
    candidate.operator = "滨江数字文化产业发展有限公司"
    candidate.save()
    client.force_login(people["park_admin"])

    response = client.get(reverse("park:base_declare", args=[provincial_round.pk]))

    assert response.context["form"].initial["operator"] == "滨江数字文化产业发展有限公司"


def test_declaring_for_national_status_without_it_shows_why_and_creates_nothing(
    client, candidate, national_round, people
):
    client.force_login(people["park_admin"])

    response = client.post(reverse("park:base_declare", args=[national_round.pk]), declared_form())

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Declaring for national status requires provincial status first."
    ]
    assert not Declaration.objects.exists()


def test_submitting_with_missing_materials_shows_which_and_changes_nothing(
    client, candidate, provincial_round, people
):
    declaration = DeclarationFactory(park=candidate, round=provincial_round)
    client.force_login(people["park_admin"])
    audit_before = AuditEntry.objects.count()

    response = client.post(reverse("park:base_declaration_submit", args=[declaration.pk]))

    declaration.refresh_from_db()
    assert response.context["form"].non_field_errors() == [
        "Attach the required materials first: Application form, List of enterprises in the park."
    ]
    assert declaration.state == enums.DeclarationState.DRAFT
    assert AuditEntry.objects.count() == audit_before


def test_materials_are_attached_and_downloaded(client, candidate, provincial_round, people):
    declaration = DeclarationFactory(park=candidate, round=provincial_round)
    client.force_login(people["park_admin"])
    kind = provincial_round.materials[0].key

    response = client.post(
        reverse("park:base_material_upload", args=[declaration.pk]),
        {"kind": kind, "file": pdf("申报书.pdf", b"page one")},
    )
    material = declaration.materials.get()
    download = client.get(reverse("park:base_material_download", args=[material.pk]))

    assert response.status_code == 302
    assert (material.kind, material.original_name, material.content_type) == (
        kind,
        "申报书.pdf",
        "application/pdf",
    )
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.7\npage one")
    assert "attachment" in download["Content-Disposition"]


def test_park_staff_cannot_submit_by_post(client, candidate, provincial_round, people):
    declaration = DeclarationFactory(park=candidate, round=provincial_round)
    client.force_login(people["park_staff"])

    response = client.post(reverse("park:base_declaration_submit", args=[declaration.pk]))

    declaration.refresh_from_db()
    assert response.status_code == 403
    assert declaration.state == enums.DeclarationState.DRAFT


def test_the_park_sees_why_its_declaration_was_returned(
    client, candidate, provincial_round, people
):
    declaration = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])
    case = ReviewCase.objects.get()
    client.force_login(people["bureau_chief"])
    client.post(
        reverse("government:review_detail", args=[case.pk]),
        {
            "action": "decide",
            "stage_key": "provincial_review",
            "decision": "return",
            "confirmed": "1",
            "comment": "缺少园区产权证明。",
            "extra-decided_on": timezone.localdate().isoformat(),
        },
    )
    client.force_login(people["park_admin"])

    response = client.get(reverse("park:base_declaration_detail", args=[declaration.pk]))

    assert response.context["declaration"].state == enums.DeclarationState.RETURNED
    assert "缺少园区产权证明。" in response.content.decode()


# The review room -------------------------------------------------------------------------------


def test_the_bureau_approves_in_the_review_room_with_its_site_survey(
    client, candidate, bureau, provincial_round, people
):
    declaration = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])
    case = ReviewCase.objects.get()
    today = timezone.localdate()
    client.force_login(people["bureau_chief"])
    page = client.get(reverse("government:review_detail", args=[case.pk]))

    response = client.post(
        reverse("government:review_detail", args=[case.pk]),
        {
            "action": "decide",
            "stage_key": "provincial_review",
            "decision": "approve",
            "confirmed": "1",
            "extra-decided_on": today.isoformat(),
            "extra-surveyed_on": today.isoformat(),
            "extra-survey_notes": "园区载体完整。",
        },
    )

    declaration.refresh_from_db()
    candidate.refresh_from_db()
    assert [
        choice for choice, _label in page.context["decision_form"].fields["decision"].choices
    ] == [
        "approve",
        "return",
        "reject",
    ]
    assert [stage.key for stage, _index, _current in page.context["stages"]] == [
        "provincial_review"
    ]
    assert response.status_code == 302
    assert (declaration.state, declaration.surveyed_on, declaration.survey_notes) == (
        enums.DeclarationState.APPROVED,
        today,
        "园区载体完整。",
    )
    assert (candidate.level, candidate.batch) == ("provincial", provincial_round.batch)


def test_a_decision_dated_tomorrow_is_refused_in_the_room(
    client, candidate, provincial_round, people
):
    declaration = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])
    case = ReviewCase.objects.get()
    client.force_login(people["bureau_chief"])

    response = client.post(
        reverse("government:review_detail", args=[case.pk]),
        {
            "action": "decide",
            "stage_key": "provincial_review",
            "decision": "approve",
            "confirmed": "1",
            "extra-decided_on": (timezone.localdate() + timedelta(days=1)).isoformat(),
        },
    )

    declaration.refresh_from_db()
    assert response.context["extra_form"].errors["decided_on"] == [
        "The date cannot be in the future."
    ]
    assert declaration.state == enums.DeclarationState.SUBMITTED


# The government portal -------------------------------------------------------------------------


def test_the_bureau_opens_a_round(client, bureau, people):
    client.force_login(people["bureau_chief"])
    today = timezone.localdate()

    response = client.post(
        reverse("government:base_round_create"),
        {
            "level": "provincial",
            "batch": "浙江省第二批省级广播电视和网络视听产业基地（园区）",
            "batch_en": "Second batch",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=45)).isoformat(),
            "criteria": "条件",
            "criteria_en": "",
            "required_materials": "申报书 | Application form\n入驻企业名录",
        },
    )

    accreditation_round = AccreditationRound.objects.get()
    assert response["Location"] == reverse(
        "government:base_round_detail", args=[accreditation_round.pk]
    )
    assert [(m.name, m.name_en) for m in accreditation_round.materials] == [
        ("申报书", "Application form"),
        ("入驻企业名录", ""),
    ]


def test_a_bureau_opening_a_national_round_is_told_why_not(client, bureau, people):
    client.force_login(people["bureau_chief"])
    today = timezone.localdate()

    response = client.post(
        reverse("government:base_round_create"),
        {
            "level": "national",
            "batch": "国家级",
            "opens_on": today.isoformat(),
            "closes_on": today.isoformat(),
            "criteria": "条件",
        },
    )

    assert "national rounds by the national administration" in str(
        response.context["form"].errors["level"]
    )
    assert not AccreditationRound.objects.exists()


def test_the_round_exports_its_declarations_and_outcomes(
    client, candidate, bureau, provincial_round, people
):
    approved = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])
    rejected_park = ParkFactory(
        name="宁波影视文化产业园",
        name_en="Ningbo Film and TV Culture Industry Park",
        level=org_enums.ParkLevel.UNRATED,
    )
    bureau.jurisdiction.add(rejected_park)
    rejected = submitted_declaration(rejected_park, provincial_round)
    today = timezone.localdate()
    for declaration, decision, comment in (
        (approved, "approve", "符合认定条件。"),
        (rejected, "reject", "入驻企业不足20家。"),
    ):
        case = ReviewCase.objects.get(object_id=declaration.pk)
        review_services.decide(
            case,
            actor=people["bureau_chief"],
            stage_key=case.stage_key,
            decision=decision,
            comment=comment,
            data={"decided_on": today.isoformat()},
        )
    client.force_login(people["bureau_staff"])

    response = client.get(
        reverse("government:base_round_detail", args=[provincial_round.pk]), {"format": "xlsx"}
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    headers, *rows = sheet.iter_rows(values_only=True)
    exported = [dict(zip(headers, row, strict=True)) for row in rows]
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    outcome_columns = ("Park", "State", "Decided on", "Reasons given", "Level granted", "Batch")
    # In the order of the parks' names: 宁波 before 杭州.
    assert [tuple(row[column] for column in outcome_columns) for row in exported] == [
        (rejected_park.name_en, "Rejected", midnight, "入驻企业不足20家。", None, None),
        (
            candidate.name_en,
            "Approved",
            midnight,
            "符合认定条件。",
            "Provincial base",
            provincial_round.batch_en,
        ),
    ]
    assert (exported[1]["Region"], exported[1]["Operator"], exported[1]["Submitted on"]) == (
        "Xihu District",
        DECLARED["operator"],
        midnight,
    )


def test_the_bureau_revokes_after_a_confirmation(client, candidate, bureau, people):
    AccreditationFactory(park=candidate, decided_by=bureau)
    client.force_login(people["bureau_chief"])
    page = client.get(reverse("government:base_end", args=[candidate.pk]))

    response = client.post(
        reverse("government:base_end", args=[candidate.pk]),
        {"end": "revoked", "on": timezone.localdate().isoformat(), "reason": "整改不到位。"},
    )

    candidate.refresh_from_db()
    assert page.status_code == 200
    assert response["Location"] == reverse("government:base_detail", args=[candidate.pk])
    assert candidate.status == org_enums.ParkStatus.REVOKED
    assert Accreditation.objects.get().end == "revoked"


def test_the_bureau_is_offered_no_revocation_of_a_national_base(
    client, candidate, bureau, administration, people
):
    AccreditationFactory(park=candidate, decided_by=bureau)
    AccreditationFactory(park=candidate, decided_by=administration, level="national")
    client.force_login(people["bureau_chief"])

    response = client.get(reverse("government:base_detail", args=[candidate.pk]))

    assert (response.context["may_end"], 'id="end-accreditation"' in response.content.decode()) == (
        False,
        False,
    )


def test_bureau_staff_cannot_revoke_by_post(client, candidate, bureau, people):
    AccreditationFactory(park=candidate, decided_by=bureau)
    client.force_login(people["bureau_staff"])

    response = client.post(
        reverse("government:base_end", args=[candidate.pk]),
        {"end": "revoked", "on": timezone.localdate().isoformat(), "reason": "x"},
    )

    candidate.refresh_from_db()
    assert response.status_code == 403
    assert candidate.status == org_enums.ParkStatus.OPERATING


def test_the_bureau_decides_an_annual_review(client, candidate, bureau, people):
    AccreditationFactory(park=candidate, decided_by=bureau)
    review = AnnualReviewFactory(park=candidate)
    client.force_login(people["bureau_chief"])

    response = client.post(
        reverse("government:base_annual_detail", args=[review.pk]),
        {
            "outcome": "rectify",
            "comment": "入驻企业减少，限期整改。",
            "decided_on": timezone.localdate().isoformat(),
        },
    )

    review.refresh_from_db()
    candidate.refresh_from_db()
    assert response.status_code == 302
    assert (review.outcome, candidate.status) == ("rectify", org_enums.ParkStatus.SUSPENDED)


def test_bureau_staff_cannot_decide_an_annual_review_by_post(client, candidate, bureau, people):
    AccreditationFactory(park=candidate, decided_by=bureau)
    review = AnnualReviewFactory(park=candidate)
    client.force_login(people["bureau_staff"])

    response = client.post(
        reverse("government:base_annual_detail", args=[review.pk]),
        {"outcome": "pass", "decided_on": timezone.localdate().isoformat()},
    )

    review.refresh_from_db()
    assert response.status_code == 403
    assert review.outcome == ""


# The public site -------------------------------------------------------------------------------


def test_the_public_list_groups_bases_by_level_and_batch(client, candidate, bureau, administration):
    AccreditationFactory(park=candidate, decided_by=bureau)
    AccreditationFactory(
        park=candidate,
        decided_by=administration,
        level="national",
        batch="国家级第一批",
        batch_en="First national batch",
    )

    response = client.get(reverse("public:base_list"))

    html = response.content.decode()
    assert [(a.level, a.batch) for a in response.context["rows"]] == [
        ("national", "国家级第一批"),
        ("provincial", "浙江省第一批省级广播电视和网络视听产业基地（园区）"),
    ]
    assert html.index("First national batch") < html.index("First batch of Zhejiang")


def test_the_public_list_is_filtered_by_batch(client, candidate, bureau, administration):
    AccreditationFactory(park=candidate, decided_by=bureau)
    national = AccreditationFactory(
        park=ParkFactory(),
        decided_by=administration,
        level="national",
        batch="国家级第一批",
        batch_en="First national batch",
    )

    response = client.get(reverse("public:base_list"), {"batch": "国家级第一批"})

    assert list(response.context["rows"]) == [national]
    assert list(response.context["filter_form"].fields["batch"].choices) == [
        ("", "All batches"),
        ("国家级第一批", "First national batch"),
        (
            "浙江省第一批省级广播电视和网络视听产业基地（园区）",
            "First batch of Zhejiang provincial bases (parks)",
        ),
    ]


def test_the_public_batch_filter_is_kept_until_an_accreditation_changes(
    client, candidate, bureau, administration, django_assert_num_queries
):
    AccreditationFactory(park=candidate, decided_by=bureau)
    client.get(reverse("public:base_list"))

    # Kept: the batches and the regions are not read again, only the count, the rows and
    # the bodies that decided.
    with django_assert_num_queries(3):
        client.get(reverse("public:base_list"))

    AccreditationFactory(
        park=ParkFactory(),
        decided_by=administration,
        level="national",
        batch="国家级第一批",
        batch_en="First national batch",
    )
    response = client.get(reverse("public:base_list"))

    assert ("国家级第一批", "First national batch") in list(
        response.context["filter_form"].fields["batch"].choices
    )


def test_a_base_page_says_plainly_that_it_has_no_news(client, candidate, bureau):
    AccreditationFactory(park=candidate, decided_by=bureau)

    response = client.get(reverse("public:park_detail", args=[candidate.pk]))

    assert "No news has been published for this base" in response.content.decode()


def test_a_revoked_base_leaves_the_list_but_keeps_its_history(client, candidate, bureau, people):
    AccreditationFactory(park=candidate, decided_by=bureau)
    client.force_login(people["bureau_chief"])
    client.post(
        reverse("government:base_end", args=[candidate.pk]),
        {"end": "revoked", "on": timezone.localdate().isoformat(), "reason": "整改不到位。"},
    )
    client.logout()

    listed = client.get(reverse("public:base_list"))
    page = client.get(reverse("public:park_detail", args=[candidate.pk]))

    assert list(listed.context["rows"]) == []
    assert [a.end for a in page.context["accreditations"]] == ["revoked"]
    assert "整改不到位。" in page.content.decode()


# Pagination -----------------------------------------------------------------------------------


@pytest.fixture
def one_a_page(monkeypatch):
    """Lists show one row a page, so that two rows make two pages."""
    from cloudpark.portals.government import bases as government_pages
    from cloudpark.portals.park import bases as park_pages

    for view in (
        government_pages.RoundListView,
        government_pages.BaseDetailView,
        park_pages.RoundListView,
        park_pages.AnnualReviewListView,
    ):
        monkeypatch.setattr(view, "paginate_by", 1)


def pages_of(client, url):
    """The rows of the first and the second page."""
    return [list(client.get(url, {"page": page}).context["rows"]) for page in (1, 2)]


def test_the_bureaus_rounds_are_paginated(client, bureau, people, one_a_page):
    older = AccreditationRoundFactory(
        organiser=bureau, opens_on=timezone.localdate() - timedelta(days=40)
    )
    newer = AccreditationRoundFactory(organiser=bureau)
    client.force_login(people["bureau_staff"])

    rows = pages_of(client, reverse("government:base_round_list"))

    assert rows == [[newer], [older]]


def test_the_parks_rounds_are_paginated_with_its_declarations(
    client, candidate, provincial_round, national_round, people, one_a_page
):
    national_round.opens_on = timezone.localdate() - timedelta(days=40)
    national_round.save()
    declaration = DeclarationFactory(park=candidate, round=provincial_round)
    client.force_login(people["park_staff"])

    rows = pages_of(client, reverse("park:base_round_list"))

    assert rows == [
        [(provincial_round, declaration, None)],
        [(national_round, None, "Declaring for national status requires provincial status first.")],
    ]


def test_the_parks_annual_reviews_are_paginated(client, candidate, bureau, people, one_a_page):
    AccreditationFactory(park=candidate, decided_by=bureau)
    year = timezone.localdate().year
    last, before = (AnnualReviewFactory(park=candidate, year=year - n) for n in (1, 2))
    client.force_login(people["park_staff"])

    rows = pages_of(client, reverse("park:base_annual_list"))

    assert rows == [[last], [before]]


def test_the_declarations_on_a_base_page_are_paginated(
    client, candidate, bureau, provincial_round, people, one_a_page
):
    first = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])
    services.withdraw_declaration(first, actor=people["park_admin"])
    second = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])
    client.force_login(people["bureau_staff"])

    rows = pages_of(client, reverse("government:base_detail", args=[candidate.pk]))

    assert rows == [[second], [first]]
