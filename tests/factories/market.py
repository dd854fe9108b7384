"""Supply and demand: posts and introductions written through the real services."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from cloudpark.market import enums, services
from tests.factories.orgs import EnterpriseFactory, ParkFactory
from tests.factories.programs import admin_of


def post_values(**overrides):
    today = timezone.localdate()
    values = {
        "direction": enums.Direction.OFFER,
        "kind": enums.PostKind.VENUE,
        "title": "影视摄影棚出租",
        "title_en": "Film studio to let",
        "description": "八百平方米摄影棚，可搭景。",
        "description_en": "An 800 m² studio where sets can be built.",
        "price_min": Decimal("8000"),
        "price_max": Decimal("12000"),
        "available_from": today + timedelta(days=10),
        "available_until": today + timedelta(days=40),
        "valid_until": today + timedelta(days=60),
        "contact_name": "王小明",
        "contact_phone": "13900001111",
        "contact_email": "wang@example.com",
    }
    values.update(overrides)
    return values


def draft_post(enterprise=None, **overrides):
    enterprise = enterprise or EnterpriseFactory(park=ParkFactory())
    overrides.setdefault("park", enterprise.park)
    return services.save_post(
        enterprise, actor=admin_of(enterprise), values=post_values(**overrides)
    )


def published_post(enterprise=None, **overrides):
    post = draft_post(enterprise, **overrides)
    return services.publish_post(post, actor=admin_of(post.enterprise))


def need_values(**overrides):
    values = {
        "direction": enums.Direction.NEED,
        "title": "求租拍摄场地",
        "title_en": "Looking for a shooting venue",
        "price_min": Decimal("5000"),
        "price_max": Decimal("10000"),
        "contact_name": "李华",
        "contact_phone": "13700002222",
        "contact_email": "li@example.com",
    }
    values.update(overrides)
    return values


def published_need(enterprise=None, **overrides):
    return published_post(enterprise, **need_values(**overrides))


def proposed_introduction(post, proposer=None, **values):
    proposer = proposer or EnterpriseFactory(park=post.park or ParkFactory())
    return services.propose_introduction(post, proposer, actor=admin_of(proposer), values=values)


def accepted_introduction(post=None, proposer=None):
    post = post or published_post()
    introduction = proposed_introduction(post, proposer)
    return services.accept_introduction(
        introduction, post.enterprise, actor=admin_of(post.enterprise)
    )
