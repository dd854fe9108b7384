"""Enterprise benefits: offers and claims are written through the real services."""

from datetime import timedelta

from django.utils import timezone

from cloudpark.benefits import services
from cloudpark.orgs import enums as org_enums
from tests.factories.orgs import MembershipFactory, OtherOrganizationFactory, enterprise_in
from tests.factories.programs import admin_of


def offer_values(**overrides):
    today = timezone.localdate()
    values = {
        "title": "健身月卡",
        "title_en": "A month at the gym",
        "value": "免费一个月",
        "value_en": "One month free",
        "terms": "凭码到前台领取。",
        "terms_en": "Show the code at the front desk.",
        "quota": 10,
        "valid_from": today - timedelta(days=1),
        "valid_until": today + timedelta(days=30),
    }
    values.update(overrides)
    return values


def published_offer(park, *, eligible_parks=None, **overrides):
    return services.save_offer(
        park,
        actor=admin_of(park),
        values=offer_values(**overrides),
        eligible_parks=eligible_parks or [park],
    )


def worker_in(park):
    """A person with an active membership of an enterprise in ``park``."""
    return MembershipFactory(organization=enterprise_in(park), role=org_enums.Role.STAFF).user


def claimed(offer, user=None):
    return services.claim_offer(offer, user=user or worker_in(offer.provider))


def partner(**fields):
    """A service partner of the directory (a gym, a cinema...)."""
    fields.setdefault("name", "健身工作室")
    fields.setdefault("name_en", "A fitness studio")
    return OtherOrganizationFactory(other_kind=org_enums.OtherKind.PARTNER, **fields)


def admitted_partner(*parks, **fields):
    """A partner admitted by each of ``parks`` through the real service."""
    organization = partner(**fields)
    for park in parks:
        services.admit_partner(park, organization, actor=admin_of(park))
    return organization


def partner_offer(organization, parks, **overrides):
    return services.save_offer(
        organization,
        actor=admin_of(organization),
        values=offer_values(**overrides),
        eligible_parks=list(parks),
    )
