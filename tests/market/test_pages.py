"""The supply and demand pages as people use them: the public list and its filters with
masked contacts, an expired post gone from it, bad input at the field, the matches with
their reason, the introduction's steps and the contact shown once accepted, the park's and
government's overview with its Excel export, and the query counts."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cloudpark.market.enums import IntroductionState, PostState
from cloudpark.market.models import Introduction, Post
from tests.factories import EnterpriseFactory, GovernmentBodyFactory, MembershipFactory, ParkFactory
from tests.factories.market import (
    accepted_introduction,
    proposed_introduction,
    published_need,
    published_post,
)
from tests.factories.programs import admin_of
from tests.helpers import changed_models, stored_state

pytestmark = pytest.mark.django_db


def test_the_public_list_filters_by_kind_and_leaves_expired_posts_out(client):
    venue = published_post()
    published_post(kind="equipment")
    expired = published_post()
    Post.objects.filter(pk=expired.pk).update(valid_until=timezone.localdate() - timedelta(days=1))

    response = client.get(reverse("public:market_post_list"), {"kind": "venue"})

    assert [post.pk for post in response.context["rows"]] == [venue.pk]


def test_the_public_post_page_masks_the_contact(client):
    post = published_post()

    response = client.get(reverse("public:market_post_detail", args=[post.pk]))

    content = response.content.decode()
    assert "139****1111" in content
    assert "13900001111" not in content
    assert "wang@example.com" not in content


def test_a_draft_is_not_found_in_public(client):
    post = published_post()
    Post.objects.filter(pk=post.pk).update(state=PostState.DRAFT)

    response = client.get(reverse("public:market_post_detail", args=[post.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"valid_until": ""}, "valid_until", "Say until when the post is valid."),
        (
            {"price_min": "900", "price_max": "100"},
            "price_max",
            "The highest price is below the lowest: the range is inverted.",
        ),
        (
            {"available_from": "2031-03-20", "available_until": "2031-03-03"},
            "available_until",
            "The time window ends before it starts.",
        ),
    ],
)
def test_bad_input_on_the_post_form_is_shown_at_the_field_and_nothing_is_written(
    client, changes, field, message
):
    enterprise = EnterpriseFactory(park=ParkFactory())
    client.force_login(admin_of(enterprise))
    data = {
        "direction": "offer",
        "kind": "venue",
        "title": "摄影棚",
        "price_min": "100",
        "price_max": "900",
        "park": enterprise.park.pk,
        "valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "contact_name": "王小明",
        **changes,
    }
    before = stored_state()

    response = client.post(reverse("enterprise:market_post_create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert changed_models(before, stored_state()) == []


def test_a_post_is_created_and_published_from_the_portal(client):
    enterprise = EnterpriseFactory(park=ParkFactory())
    client.force_login(admin_of(enterprise))
    data = {
        "direction": "offer",
        "kind": "equipment",
        "title": "摄影机租赁",
        "price_min": "500",
        "price_max": "1500",
        "park": enterprise.park.pk,
        "valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "contact_name": "王小明",
    }

    client.post(reverse("enterprise:market_post_create"), data)
    post = Post.objects.get()
    client.post(reverse("enterprise:market_post_publish", args=[post.pk]))

    post.refresh_from_db()
    assert post.state == PostState.PUBLISHED
    assert post.enterprise == enterprise


def test_the_matches_page_shows_the_reason(client):
    park = ParkFactory()
    offer = published_post(EnterpriseFactory(park=park))
    need = published_need(EnterpriseFactory(park=park))
    client.force_login(admin_of(need.enterprise))

    response = client.get(reverse("enterprise:market_match_list"))

    matches = response.context["matches"]
    assert [match.post for match in matches] == [offer]
    assert matches[0].reason in response.content.decode()


def test_the_other_side_accepts_and_both_see_the_contacts(client):
    offer = published_post()
    introduction = proposed_introduction(offer, contact_name="钱七", contact_phone="13500004444")
    client.force_login(admin_of(offer.enterprise))

    client.post(reverse("enterprise:market_introduction_accept", args=[introduction.pk]))
    owner_page = client.get(
        reverse("enterprise:market_introduction_detail", args=[introduction.pk])
    )
    client.force_login(admin_of(introduction.proposer))
    proposer_page = client.get(
        reverse("enterprise:market_introduction_detail", args=[introduction.pk])
    )

    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.ACCEPTED
    assert "13500004444" in owner_page.content.decode()
    assert "13900001111" in proposer_page.content.decode()


def test_the_proposer_cannot_accept_from_the_page_and_is_told_why(client):
    introduction = proposed_introduction(published_post())
    client.force_login(admin_of(introduction.proposer))

    response = client.post(
        reverse("enterprise:market_introduction_accept", args=[introduction.pk]), follow=True
    )

    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.PROPOSED
    assert "you cannot accept your own proposal" in response.content.decode()


def test_an_introduction_is_closed_with_a_deal_from_the_page(client):
    introduction = accepted_introduction()
    client.force_login(admin_of(introduction.owner))

    client.post(
        reverse("enterprise:market_introduction_close", args=[introduction.pk]),
        {"deal_value": "48000"},
    )

    introduction.refresh_from_db()
    assert (introduction.state, str(introduction.deal_value)) == (
        IntroductionState.DEAL,
        "48000.00",
    )


def test_proposing_about_an_expired_post_is_refused_at_the_form(client):
    offer = published_post()
    proposer = EnterpriseFactory(park=offer.park)
    client.force_login(admin_of(proposer))
    url = reverse("enterprise:market_introduction_propose", args=[offer.pk])
    Post.objects.filter(pk=offer.pk).update(valid_until=timezone.localdate() - timedelta(days=1))

    response = client.post(url, {"contact_name": "钱七"})

    assert response.status_code == 404
    assert Introduction.objects.count() == 0


def test_the_government_overview_counts_posts_and_deals_and_exports_them(client):
    park = ParkFactory()
    government = GovernmentBodyFactory(jurisdiction=[park])
    introduction = accepted_introduction(published_post(EnterpriseFactory(park=park)))
    from cloudpark.market import services

    services.close_introduction(introduction, introduction.owner, actor=None, deal_value="5000")
    client.force_login(MembershipFactory(organization=government).user)

    page = client.get(reverse("government:market_overview"))
    workbook = client.get(reverse("government:market_overview"), {"format": "xlsx"})

    sheet = load_workbook(BytesIO(workbook.content)).active
    assert page.context["counts"]["offers"] == 1
    assert page.context["deal_total"]["deals"] == 1
    assert str(page.context["deal_total"]["value"]) == "5000.00"
    assert sheet.max_row == 2
    assert sheet.cell(2, 4).value == "Film studio to let"


LIST_PAGES = [
    # (url name, who signs in, expected queries)
    ("public:market_post_list", None, 4),
    ("enterprise:market_post_list", "enterprise_admin", 9),
    ("enterprise:market_introduction_list", "enterprise_admin", 9),
    ("park:market_overview", "park_member", 15),
    ("government:market_overview", "government_member", 16),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), LIST_PAGES)
def test_the_lists_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, rows, name, who, queries
):
    from tests.market.world import market_with

    world = market_with(rows)
    if who is not None:
        client.force_login(world[who])

    with django_assert_num_queries(queries):
        response = client.get(reverse(name))

    assert response.status_code == 200
    assert len(response.context["rows"]) == rows
