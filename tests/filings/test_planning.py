from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.models import AuditEntry
from cloudpark.filings import enums, services
from cloudpark.filings.models import IssuedNumber, PlanningFiling, Producer
from cloudpark.reviews.enums import Decision
from tests.factories import EnterpriseFactory, RegionFactory
from tests.factories.filings import (
    approved_planning,
    crew,
    decide,
    draft_planning,
    filing_world,
    producer,
    submitted_planning,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return filing_world()


def test_a_draft_stores_the_title_normalised_with_its_producers_and_people(world):
    filing = draft_planning(world, title=" 《江南老街２》 ")

    assert (filing.title, filing.state, filing.producers.get().is_lead, filing.people.count()) == (
        "江南老街2",
        enums.PlanningState.DRAFT,
        True,
        4,
    )


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"kind": "micro", "episodes": 2}, "episodes", "3 to 300"),
        ({"kind": "micro", "minutes_per_episode": Decimal("16")}, "minutes_per_episode", "15"),
        ({"planned_investment": Decimal("-1")}, "planned_investment", "below zero"),
        ({"shoot_ends_on": "2026-02-01"}, "shoot_ends_on", "end before it starts"),
        ({"era": "ancient", "subject": "urban"}, "subject", "Ancient"),
        ({"kind": "animation", "subject": "urban"}, "subject", "animation"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_written(world, overrides, field, words):
    with pytest.raises(DomainError) as refused:
        draft_planning(world, **overrides)

    assert (refused.value.field, words in str(refused.value)) == (field, True)
    assert PlanningFiling.objects.count() == 0


def test_an_expired_licence_is_refused_at_the_producers(world):
    expired = producer(world.enterprise, expires_on=timezone.localdate() - timedelta(days=1))

    with pytest.raises(DomainError) as refused:
        draft_planning(world, producers=[expired])

    assert (refused.value.field, "expired" in str(refused.value)) == ("producers", True)
    assert Producer.objects.count() == 0


@pytest.mark.parametrize("number", ["浙字01234号", "（苏）字第01234号"])
def test_a_licence_number_out_of_its_issuers_format_is_refused(world, number):
    with pytest.raises(DomainError) as refused:
        draft_planning(world, producers=[producer(world.enterprise, number=number)])

    assert refused.value.field == "producers"


def test_a_co_producer_from_the_directory_joins_with_its_licence(world):
    partner = EnterpriseFactory(region=RegionFactory(code="330106"))

    filing = draft_planning(
        world,
        producers=[producer(world.enterprise), producer(partner, number="(浙)字第00077号")],
    )

    assert list(filing.producers.values_list("enterprise", "is_lead", "licence_number")) == [
        (world.enterprise.pk, True, "（浙）字第01234号"),
        (partner.pk, False, "（浙）字第00077号"),
    ]


def test_the_pre_check_lists_every_problem_at_once(world):
    approved_planning(world, title="江南老街")
    other = draft_planning(
        world,
        title="江南老街",
        synopsis="太短",
        themes="太短",
        episode_synopses=["短"],
        people=crew(actors=1),
    )
    other.producers.update(licence_expires_on=timezone.localdate() - timedelta(days=1))

    problems = services.check_planning_filing(other)

    assert [(problem.field, problem.blocking) for problem in problems] == [
        ("synopsis", True),
        ("themes", True),
        ("episode_synopses", True),
        ("episode_synopses", True),
        ("people", True),
        ("producers", True),
        ("title", True),
        ("tier", False),
    ]


def test_the_pre_check_suggests_a_co_review_from_the_words(world):
    filing = draft_planning(world, title="刑警笔记")

    problems = services.check_planning_filing(filing)

    assert [problem.field for problem in problems if not problem.blocking] == [
        "tier",
        "special_subjects",
    ]


def test_a_filing_with_problems_is_not_submitted(world):
    filing = draft_planning(world, themes="太短")

    with pytest.raises(DomainError) as refused:
        services.submit_planning_filing(filing, actor=world.filer)

    filing.refresh_from_db()
    assert ("statement of themes" in str(refused.value), filing.state) == (
        True,
        enums.PlanningState.DRAFT,
    )


def test_a_submitted_filing_carries_its_tier_rule_and_batch(world):
    filing = submitted_planning(world, planned_investment=Decimal("800"))

    today = timezone.localdate()
    assert (filing.state, filing.tier, filing.tier_rule, filing.submitted_on) == (
        enums.PlanningState.SUBMITTED,
        enums.Tier.KEY,
        "national-2022-series",
        today,
    )
    assert filing.batch_month.day == 1


def test_a_key_work_goes_on_to_the_national_re_review(world):
    filing = submitted_planning(world, planned_investment=Decimal("800"))

    case = decide(filing, world.chief, Decision.ADVANCE)

    assert (case.stage_key, case.reviewing_organization_id) == (
        "national_review",
        world.administration.pk,
    )


def test_a_special_subject_adds_the_co_review(world):
    filing = submitted_planning(world, special_subjects=["police"])

    case = decide(filing, world.chief, Decision.ADVANCE)

    assert case.stage_key == "co_review"


def test_approval_gives_a_planning_number_and_a_place_in_the_months_notice(world):
    filing = approved_planning(world)

    number = filing.numbers.get()
    year = timezone.localdate().year
    assert (filing.state, number.number, number.status, filing.notice_month) == (
        enums.PlanningState.APPROVED,
        f"（浙）网剧规备字（{year}）第0001号",
        enums.NumberStatus.VALID,
        timezone.localdate().replace(day=1),
    )


def test_an_approved_title_is_locked(world):
    filing = approved_planning(world)

    with pytest.raises(TransitionNotAllowed):
        services.update_planning_filing(filing, actor=world.filer, title="新名字")


def test_a_rename_is_a_new_filing_that_supersedes_the_old_once_approved(world):
    old = approved_planning(world)
    renamed = services.rename_planning_filing(old, actor=world.filer, title="《江南新街》")
    services.submit_planning_filing(renamed, actor=world.filer)

    decide(renamed, world.chief, Decision.APPROVE)

    old.refresh_from_db()
    renamed.refresh_from_db()
    assert (old.state, old.numbers.get().status, renamed.state, renamed.project_id) == (
        enums.PlanningState.SUPERSEDED,
        enums.NumberStatus.SUPERSEDED,
        enums.PlanningState.APPROVED,
        old.project_id,
    )
    assert AuditEntry.objects.filter(action="filings.planning.superseded").count() == 1


def test_returned_filings_are_edited_and_resubmitted(world):
    filing = submitted_planning(world)
    decide(filing, world.chief, Decision.RETURN, comment="请补充分集梗概。")

    services.update_planning_filing(filing, actor=world.filer, episodes=2)
    filing = services.submit_planning_filing(filing, actor=world.filer)

    assert (filing.state, filing.review_case.round) == (enums.PlanningState.SUBMITTED, 2)


def test_only_the_issuer_revokes_a_number_and_the_filing_follows(world):
    filing = approved_planning(world)
    number = filing.numbers.get()

    services.revoke_number(number, actor=world.chief, government=world.bureau, reason="违规拍摄。")

    filing.refresh_from_db()
    number.refresh_from_db()
    assert (number.status, filing.state) == (
        enums.NumberStatus.REVOKED,
        enums.PlanningState.REVOKED,
    )
    with pytest.raises(DomainError):
        services.revoke_number(
            number, actor=world.national_chief, government=world.administration, reason="x"
        )


def test_numbers_count_per_issuer_kind_and_year_without_gaps(world):
    first = approved_planning(world, title="甲")
    second = approved_planning(world, title="乙")
    film = approved_planning(
        world, title="丙", kind="film", episodes=1, minutes_per_episode=90, planned_investment=50
    )

    sequences = [
        (number.kind, number.sequence)
        for number in IssuedNumber.objects.filter(planning__in=[first, second, film]).order_by("pk")
    ]
    assert sequences == [("series", 1), ("series", 2), ("film", 1)]
