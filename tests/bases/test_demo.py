"""The demo's accreditation story: every base's level comes from a declaration that went
through the review."""

from datetime import date

import pytest

from cloudpark.bases import selectors
from cloudpark.bases.models import Accreditation, AccreditationRound, AnnualReview, Declaration
from cloudpark.core.demo import load_demo
from cloudpark.orgs.models import Park
from cloudpark.reviews.models import ReviewCase, ReviewDecision

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)
ZHIJIANG = "中国（之江）视听创新创业基地"
FIRST_PROVINCIAL_BATCH = "浙江省第一批省级广播电视和网络视听产业基地（园区）"


def test_zhijiang_applied_in_september_was_surveyed_in_november_and_approved_on_23_december():
    load_demo(today=TODAY)

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


def test_the_first_provincial_batch_the_open_round_and_the_public_list():
    load_demo(today=TODAY)

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
        ("杭州滨江数字视听产业园", "returned")
    ]
    assert "缺少园区产权证明" in open_round.declarations.get().decision_comment
    assert (
        listed
        == [("national", "国家级网络视听基地")] + [("provincial", FIRST_PROVINCIAL_BATCH)] * 12
    )
