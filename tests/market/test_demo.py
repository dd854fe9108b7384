"""The demo's supply and demand: the service company's studio offer meets the film company's
approved drama's shooting days and is among its matches with that reason; an equipment need;
an introduction accepted and closed with a deal; every write in the audit log."""

import pytest

from cloudpark.core.models import AuditEntry
from cloudpark.demo import data
from cloudpark.market import selectors
from cloudpark.market.enums import Direction, IntroductionState, PostKind
from cloudpark.market.models import Introduction, Post
from cloudpark.orgs.models import Enterprise

pytestmark = pytest.mark.django_db


def test_the_studio_offer_is_matched_to_the_film_companys_shoot_with_the_reason(demo):
    film_company = Enterprise.objects.get(name=data.FIXED_ENTERPRISES[0]["values"]["name"])

    matches = [match for match in selectors.matches_for(film_company) if match.filing is not None]

    studio = next(match for match in matches if match.post.kind == PostKind.VENUE)

    assert sorted(match.post.kind for match in matches) == [PostKind.EQUIPMENT, PostKind.VENUE]
    assert studio.post.direction == Direction.OFFER
    assert f"while “{studio.filing.display_title}” shoots" in studio.reason


def test_the_demo_has_an_equipment_need_that_an_offer_meets(demo):
    need = Post.objects.get(direction=Direction.NEED, kind=PostKind.EQUIPMENT)

    matches = selectors.matches_for_post(need)

    assert [match.post.title for match in matches] == ["电影摄影机与灯光器材短租"]


def test_the_demo_has_a_deal_and_an_introduction_waiting(demo):
    states = sorted(Introduction.objects.values_list("state", "deal_value"))

    assert [state for state, _value in states] == [
        IntroductionState.DEAL,
        IntroductionState.PROPOSED,
    ]
    assert str(states[0][1]) == "86000.00"
    assert selectors.deal_totals()["value"] == states[0][1]


def test_every_market_write_is_in_the_audit_log(demo):
    actions = set(
        AuditEntry.objects.filter(action__startswith="market.").values_list("action", flat=True)
    )

    assert actions == {
        "market.post.saved",
        "market.post.published",
        "market.introduction.proposed",
        "market.introduction.accepted",
        "market.introduction.closed",
    }
