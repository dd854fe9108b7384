"""The demo's accreditation story: every base's level comes from a declaration that went
through the review."""

from datetime import date

import pytest

from cloudpark.bases import selectors
from cloudpark.bases.models import Accreditation, AccreditationRound, AnnualReview, Declaration
from cloudpark.orgs.models import Park
from cloudpark.reviews.models import ReviewCase, ReviewDecision

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)
ZHIJIANG = "中国（之江）视听创新创业基地"
FIRST_PROVINCIAL_BATCH = "浙江省第一批省级广播电视和网络视听产业基地（园区）"


def test_zhijiang_applied_in_september_was_surveyed_in_november_and_approved_on_23_december(demo):
    declaration = Declaration.objects.get(park__name=ZHIJIANG)
    case = ReviewCase.objects.get(object_id=declaration.pk, flow_key="bases.declaration")
    decisions = list(
        ReviewDecision.objects.filter(case=case).values_list(
            "stage_key", "decision", "organization__name", "created_at__date"
        )
    )
    park = Park.objects.get(name=ZHIJIANG)
    assert (declaration.state, declaration.round.level) == ("approved", "national")
    assert (declaration.submitted_on.year, declaration.submitted_on.month) == (2020, 9)
    assert (declaration.surveyed_on.year, declaration.surveyed_on.month) == (2020, 11)
    assert declaration.surveyed_by.name == "浙江省广播电视局"
    assert declaration.decided_on == date(2020, 12, 23)
    assert decisions == [
        ("provincial_review", "advance", "浙江省广播电视局", date(2020, 11, 27)),
        ("national_review", "approve", "国家广播电视总局", date(2020, 12, 23)),
    ]
    assert (park.level, park.approved_on) == ("national", date(2020, 12, 23))
    assert AnnualReview.objects.get(park=park).outcome == "pass"


def test_the_first_provincial_batch_the_open_round_and_the_public_list(demo):
    provincial_round = AccreditationRound.objects.get(batch=FIRST_PROVINCIAL_BATCH)
    open_round = AccreditationRound.objects.get(opens_on__lte=TODAY, closes_on__gte=TODAY)
    listed = [(a.level, a.batch) for a in selectors.current_accreditations()]
    assert (
        sorted(provincial_round.declarations.values_list("state", flat=True)) == ["approved"] * 12
    )
    assert set(
        Accreditation.objects.filter(round=provincial_round).values_list("approved_on", flat=True)
    ) == {date(2023, 3, 9)}
    assert list(open_round.declarations.values_list("park__name", "state")) == [
        ("杭州滨江数字视听产业园", "submitted")
    ]
    assert (
        listed
        == [("national", "国家级网络视听基地")] + [("provincial", FIRST_PROVINCIAL_BATCH)] * 12
    )


def test_binjiang_was_returned_for_the_report_it_left_out_and_resubmitted_with_it(demo):
    open_round = AccreditationRound.objects.get(opens_on__lte=TODAY, closes_on__gte=TODAY)
    declaration = open_round.declarations.get()
    report = next(kind for kind in open_round.materials if kind.name == "基地建设运营情况报告")
    files = list(
        declaration.materials.filter(kind=report.key)
        .order_by("uploaded_at", "pk")
        .values_list("original_name", flat=True)
    )
    case = ReviewCase.objects.get(object_id=declaration.pk, flow_key="bases.declaration")
    returned = ReviewDecision.objects.get(case=case, decision="return")
    assert "缺少基地建设运营情况报告" in returned.comment
    assert files == ["01-国家级基地（园区）申报书.pdf", "02-基地建设运营情况报告.pdf"]
    assert (declaration.state, declaration.missing_materials) == ("submitted", [])
    assert (case.state, case.stage_key, case.round) == ("in_review", "provincial_review", 2)
    assert returned.created_at.date() < declaration.submitted_on
