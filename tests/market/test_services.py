"""Posts and introductions through their services: the refusals that change nothing, the
transition tables, matching with its reasons, audit entries and notifications both ways."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import product as pairs

import pytest
from django.utils import timezone

from cloudpark.core import audit
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.states import check_transition
from cloudpark.market import enums, selectors, services
from cloudpark.market.enums import IntroductionState, PostState
from cloudpark.market.models import Introduction, Post
from cloudpark.notifications.models import Notification
from tests.factories import EnterpriseFactory
from tests.factories.filings import approved_planning, filing_world
from tests.factories.market import (
    accepted_introduction,
    draft_post,
    post_values,
    proposed_introduction,
    published_need,
    published_post,
)
from tests.factories.orgs import ParkFactory
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


def actions_of(obj):
    return [entry.action for entry in reversed(audit.history_of(obj))]


def refused_post(enterprise, **overrides):
    with pytest.raises(DomainError) as refused:
        services.save_post(
            enterprise,
            actor=admin_of(enterprise),
            values=post_values(park=enterprise.park, **overrides),
        )
    return refused.value


# Bad input ---------------------------------------------------------------------------------


def test_a_post_without_a_validity_date_is_refused_at_its_field_and_nothing_is_written():
    enterprise = EnterpriseFactory(park=ParkFactory())

    error = refused_post(enterprise, valid_until=None)

    assert error.field == "valid_until"
    assert "valid" in str(error)
    assert Post.objects.count() == 0


def test_an_inverted_price_range_is_refused_at_the_highest_price_and_nothing_is_written():
    enterprise = EnterpriseFactory(park=ParkFactory())

    error = refused_post(enterprise, price_min=Decimal("9000"), price_max=Decimal("3000"))

    assert error.field == "price_max"
    assert "inverted" in str(error)
    assert Post.objects.count() == 0


def test_a_negative_price_is_refused_at_its_field():
    enterprise = EnterpriseFactory(park=ParkFactory())

    error = refused_post(enterprise, price_min=Decimal("-1"))

    assert error.field == "price_min"
    assert Post.objects.count() == 0


def test_a_window_ending_before_it_starts_is_refused_and_nothing_is_written():
    enterprise = EnterpriseFactory(park=ParkFactory())
    today = timezone.localdate()

    error = refused_post(
        enterprise,
        available_from=today + timedelta(days=20),
        available_until=today + timedelta(days=5),
    )

    assert error.field == "available_until"
    assert "ends before it starts" in str(error)
    assert Post.objects.count() == 0


def test_a_post_without_park_or_district_is_refused():
    enterprise = EnterpriseFactory()

    with pytest.raises(DomainError) as refused:
        services.save_post(
            enterprise, actor=admin_of(enterprise), values=post_values(park=None, district=None)
        )

    assert refused.value.field == "park"
    assert Post.objects.count() == 0


def test_proposing_an_introduction_on_ones_own_post_is_refused_and_nothing_is_written():
    post = published_post()

    with pytest.raises(DomainError) as refused:
        services.propose_introduction(
            post, post.enterprise, actor=admin_of(post.enterprise), values={}
        )

    assert refused.value.field == "post"
    assert Introduction.objects.count() == 0


def test_the_proposer_cannot_accept_its_own_proposal():
    introduction = proposed_introduction(published_post())

    with pytest.raises(DomainError) as refused:
        services.accept_introduction(
            introduction, introduction.proposer, actor=admin_of(introduction.proposer)
        )

    introduction.refresh_from_db()
    assert refused.value.field == "enterprise"
    assert introduction.state == IntroductionState.PROPOSED
    assert actions_of(introduction) == ["market.introduction.proposed"]


def test_an_introduction_on_an_expired_post_is_refused_and_nothing_is_written():
    post = published_post()
    Post.objects.filter(pk=post.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    proposer = EnterpriseFactory(park=post.park)

    with pytest.raises(DomainError) as refused:
        services.propose_introduction(post, proposer, actor=admin_of(proposer), values={})

    assert refused.value.field == "post"
    assert "validity" in str(refused.value)
    assert Introduction.objects.count() == 0


# Posts -------------------------------------------------------------------------------------


def test_a_post_is_saved_as_a_draft_then_published_with_its_audit_trail():
    post = draft_post()

    published = services.publish_post(post, actor=admin_of(post.enterprise))

    assert published.state == PostState.PUBLISHED
    assert published.published_at is not None
    assert actions_of(post) == ["market.post.saved", "market.post.published"]


def test_a_new_post_takes_the_enterprises_contact_when_none_is_given():
    enterprise = EnterpriseFactory(
        park=ParkFactory(), contact_name="赵六", contact_mobile="13600003333"
    )

    post = services.save_post(
        enterprise,
        actor=admin_of(enterprise),
        values=post_values(park=enterprise.park, contact_name="", contact_phone=""),
    )

    assert (post.contact_name, post.contact_phone) == ("赵六", "13600003333")


def test_an_expired_post_leaves_the_public_list_by_the_query_and_is_marked_later():
    post = published_post()
    Post.objects.filter(pk=post.pk).update(valid_until=timezone.localdate() - timedelta(days=1))

    listed = list(selectors.live_posts())
    expired = services.expire_posts()

    post.refresh_from_db()
    assert listed == []
    assert expired == 1
    assert post.state == PostState.EXPIRED
    assert actions_of(post)[-1] == "market.post.expired"


def test_a_closed_post_cannot_be_changed():
    post = published_post()
    services.close_post(post, actor=admin_of(post.enterprise))

    with pytest.raises(DomainError):
        services.save_post(post.enterprise, actor=None, values={"title": "新"}, post=post)

    post.refresh_from_db()
    assert post.title == "影视摄影棚出租"


@pytest.mark.parametrize(
    ("table", "states"),
    [
        (enums.POST_TRANSITIONS, PostState),
        (enums.INTRODUCTION_TRANSITIONS, IntroductionState),
    ],
)
def test_the_transition_tables_refuse_every_pair_not_in_them(table, states):
    refused = []

    for current, target in pairs(states, states):
        if current == target or target in table[current]:
            continue
        with pytest.raises(TransitionNotAllowed):
            check_transition(table, current, target)
        refused.append((current, target))

    assert len(refused) == len(states) ** 2 - len(states) - sum(map(len, table.values()))


# Matching ----------------------------------------------------------------------------------


def test_an_offer_matches_a_need_of_the_same_kind_place_dates_and_budget_with_the_reason():
    park = ParkFactory()
    offer = published_post(EnterpriseFactory(park=park))
    need = published_need(EnterpriseFactory(park=park), park=park)

    matches = selectors.matches_for(need.enterprise)

    assert [(match.post, match.own_post) for match in matches] == [(offer, need)]
    start = max(offer.available_from, need.available_from)
    end = min(offer.available_until, need.available_until)
    assert matches[0].reason == (
        f"Venue, {park.display_name}, {start:%Y-%m-%d} – {end:%Y-%m-%d}, within budget"
    )


def test_an_offer_above_the_budget_or_elsewhere_does_not_match():
    park = ParkFactory()
    published_post(
        EnterpriseFactory(park=park), price_min=Decimal("20000"), price_max=Decimal("30000")
    )
    published_post(EnterpriseFactory(park=ParkFactory(region__code="110105")))
    need = published_need(EnterpriseFactory(park=park), park=park)

    assert selectors.matches_for(need.enterprise) == []


def test_a_venue_offer_is_matched_to_an_approved_drama_shooting_in_its_window():
    world = filing_world()
    filing = approved_planning(
        world,
        shoot_starts_on=timezone.localdate() + timedelta(days=15),
        shoot_ends_on=timezone.localdate() + timedelta(days=30),
    )
    offer = published_post(EnterpriseFactory(park=world.park))

    matches = selectors.matches_for(world.enterprise)
    shooting = selectors.enterprises_shooting_within(offer)

    assert [(match.post, match.filing) for match in matches] == [(offer, filing)]
    assert f"while “{filing.display_title}” shoots" in matches[0].reason
    assert [found for found, _fit in shooting] == [filing]


# Introductions -----------------------------------------------------------------------------


def test_an_introduction_is_proposed_accepted_and_closed_with_a_deal_telling_both_sides():
    post = published_post()
    proposer = EnterpriseFactory(park=post.park)
    owner_admin, proposer_admin = admin_of(post.enterprise), admin_of(proposer)

    introduction = services.propose_introduction(
        post, proposer, actor=proposer_admin, values={"contact_name": "钱七", "message": "想租两周"}
    )
    services.accept_introduction(introduction, post.enterprise, actor=owner_admin)
    services.close_introduction(
        introduction, proposer, actor=proposer_admin, deal_value=Decimal("150000")
    )

    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.DEAL
    assert introduction.deal_value == Decimal("150000")
    assert introduction.closed_on == timezone.localdate()
    assert actions_of(introduction) == [
        "market.introduction.proposed",
        "market.introduction.accepted",
        "market.introduction.closed",
    ]
    assert sorted(
        (notice.recipient_id, notice.kind) for notice in Notification.objects.all()
    ) == sorted(
        [
            (owner_admin.pk, "market.introduction_proposed"),
            (proposer_admin.pk, "market.introduction_accepted"),
            (owner_admin.pk, "market.introduction_closed"),
        ]
    )


def test_contacts_stay_masked_until_accepted_and_each_reveal_is_audited():
    post = published_post()
    introduction = proposed_introduction(post, contact_name="钱七", contact_phone="13500004444")

    with pytest.raises(TransitionNotAllowed):
        services.reveal_contact(introduction, post.enterprise, actor=admin_of(post.enterprise))
    masked = selectors.masked_contact(post)
    introduction = services.accept_introduction(
        introduction, post.enterprise, actor=admin_of(post.enterprise)
    )
    for_owner = services.reveal_contact(
        introduction, post.enterprise, actor=admin_of(post.enterprise)
    )
    for_proposer = services.reveal_contact(
        introduction, introduction.proposer, actor=admin_of(introduction.proposer)
    )

    assert masked == {"name": "王**", "phone": "139****1111", "email": "w***@example.com"}
    assert for_owner["phone"] == "13500004444"
    assert for_proposer == {"name": "王小明", "phone": "13900001111", "email": "wang@example.com"}
    assert actions_of(introduction).count("market.contact.revealed") == 2


def test_a_deal_without_a_positive_value_is_refused_and_nothing_is_written():
    introduction = accepted_introduction()

    with pytest.raises(DomainError) as refused:
        services.close_introduction(
            introduction, introduction.proposer, actor=None, deal_value=Decimal("0")
        )

    introduction.refresh_from_db()
    assert refused.value.field == "deal_value"
    assert introduction.state == IntroductionState.ACCEPTED
    assert introduction.deal_value is None


def test_an_accepted_introduction_closes_without_a_deal():
    introduction = accepted_introduction()

    services.close_introduction(introduction, introduction.owner, actor=None, reason="档期不合")

    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.NO_DEAL
    assert introduction.deal_value is None


def test_a_proposed_introduction_cannot_be_closed_with_a_deal():
    introduction = proposed_introduction(published_post())

    with pytest.raises(TransitionNotAllowed):
        services.close_introduction(
            introduction, introduction.owner, actor=None, deal_value=Decimal("100")
        )

    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.PROPOSED


def test_a_second_open_introduction_on_the_same_post_is_refused():
    post = published_post()
    introduction = proposed_introduction(post)

    with pytest.raises(DomainError):
        proposed_introduction(post, introduction.proposer)

    assert Introduction.objects.count() == 1


def test_declined_and_withdrawn_introductions_tell_the_other_side():
    post = published_post()
    declined = proposed_introduction(post)
    withdrawn = proposed_introduction(post)

    services.decline_introduction(declined, post.enterprise, actor=None, reason="已租出")
    services.withdraw_introduction(withdrawn, withdrawn.proposer, actor=None)

    declined.refresh_from_db()
    withdrawn.refresh_from_db()
    assert (declined.state, withdrawn.state) == (
        IntroductionState.DECLINED,
        IntroductionState.WITHDRAWN,
    )
    assert Notification.objects.filter(kind="market.introduction_declined").count() == 1
    assert Notification.objects.filter(kind="market.introduction_withdrawn").count() == 1


def test_deal_totals_add_the_deal_values_by_year_and_by_park():
    first, second = accepted_introduction(), accepted_introduction()
    services.close_introduction(first, first.owner, actor=None, deal_value=Decimal("1000"))
    services.close_introduction(second, second.owner, actor=None, deal_value=Decimal("2500.50"))
    year = timezone.localdate().year
    park = first.owner.park

    everything = selectors.deal_totals(year=year)
    one_park = selectors.deal_totals(park=park)
    last_year = selectors.deal_totals(year=year - 1)
    by_year = selectors.deal_totals(group_by="year")

    assert everything == {"deals": 2, "value": Decimal("3500.50")}
    assert one_park == {"deals": 1, "value": Decimal("1000")}
    assert last_year == {"deals": 0, "value": Decimal("0")}
    assert by_year == [{"year": year, "deals": 2, "value": Decimal("3500.50")}]


def test_a_past_validity_date_is_refused_when_saving():
    enterprise = EnterpriseFactory(park=ParkFactory())

    error = refused_post(enterprise, valid_until=date(2020, 1, 1))

    assert error.field == "valid_until"
    assert Post.objects.count() == 0
