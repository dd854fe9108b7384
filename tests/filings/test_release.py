from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from cloudpark.core.errors import DomainError
from cloudpark.filings import enums, services
from cloudpark.filings.models import ReleaseFiling
from cloudpark.reviews.enums import Decision
from tests.factories.filings import (
    approved_planning,
    chinese_text,
    decide,
    filing_world,
    licensed_release,
    release_values,
    submitted_release,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return filing_world()


def test_a_licensed_release_carries_the_bureaus_licence_number(world):
    planning = approved_planning(world)

    release = licensed_release(world, planning)

    year = timezone.localdate().year
    assert (release.state, release.licence.number, release.licence.status) == (
        enums.ReleaseState.LICENSED,
        f"（浙）网剧审字（{year}）第001号",
        enums.NumberStatus.VALID,
    )


def test_the_kind_code_comes_from_the_reference_data(world):
    planning = approved_planning(world, kind="micro", planned_investment=Decimal("50"))

    release = licensed_release(world, planning)

    assert "网微剧审字" in release.licence.number


def test_a_key_work_is_licensed_by_the_national_administration(world):
    planning = approved_planning(world, planned_investment=Decimal("400"))
    planning.tier = enums.Tier.KEY
    planning.save(update_fields=["tier"])
    release = submitted_release(world, planning)

    decide(release, world.chief, Decision.ADVANCE)
    decide(release, world.national_chief, Decision.APPROVE)

    release.refresh_from_db()
    assert release.licence.number.startswith("（总局）网剧审字")


def test_drift_from_the_planning_filing_needs_a_new_planning_filing(world):
    planning = approved_planning(world)
    release = services.create_release_filing(
        planning,
        actor=world.filer,
        **release_values(
            planning,
            title="江南旧梦",
            minutes_per_episode=Decimal("60"),
            synopsis=chinese_text(1600, "太空舰队在遥远星系与外星文明展开一场旷日持久的战争。"),
        ),
    )

    problems = services.check_release_filing(release)

    assert [problem.field for problem in problems] == ["title", "minutes_per_episode", "synopsis"]
    with pytest.raises(DomainError):
        services.submit_release_filing(release, actor=world.filer)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"actual_investment": Decimal("-5")}, "actual_investment"),
        ({"actor_fees": Decimal("500")}, "actor_fees"),
        ({"ai_content_declared": True}, "ai_content_note"),
        ({"episodes": 1}, "episodes"),
    ],
)
def test_bad_release_input_is_refused_at_its_field(world, overrides, field):
    planning = approved_planning(world)

    with pytest.raises(DomainError) as refused:
        services.create_release_filing(
            planning, actor=world.filer, **release_values(planning, **overrides)
        )

    assert refused.value.field == field
    assert ReleaseFiling.objects.count() == 0


def test_an_expired_licence_stops_the_approval(world):
    planning = approved_planning(world)
    release = submitted_release(world, planning)
    planning.producers.update(licence_expires_on=timezone.localdate() - timedelta(days=1))

    with pytest.raises(DomainError):
        decide(release, world.chief, Decision.APPROVE)

    release.refresh_from_db()
    assert (release.state, hasattr(release, "licence")) == (enums.ReleaseState.SUBMITTED, False)


def test_revoking_a_licence_revokes_the_release(world):
    release = licensed_release(world, approved_planning(world))

    services.revoke_number(
        release.licence, actor=world.chief, government=world.bureau, reason="内容违规。"
    )

    release.refresh_from_db()
    assert (release.state, release.licence.status) == (
        enums.ReleaseState.REVOKED,
        enums.NumberStatus.REVOKED,
    )
