"""Reads of enterprise benefits. A park reaches its own offers and the claims made on them; a
person reaches their own claims; everyone reaches the current published offers."""

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from cloudpark.benefits.enums import OfferState
from cloudpark.benefits.models import Claim, Offer
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.enums import OrganizationKind
from cloudpark.orgs.models import Enterprise, Park

OFFER_RELATED = ("provider",)
CLAIM_RELATED = ("offer", "offer__provider", "enterprise")


def today():
    return timezone.localdate()


def offers_of_park(park):
    return Offer.objects.filter(provider=park).select_related(*OFFER_RELATED)


def get_offer_for_park(park, pk):
    offer = offers_of_park(park).filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer


def current_offers(day=None):
    """Published offers on ``day`` (today), with places left or not."""
    day = day or today()
    return Offer.objects.filter(
        state=OfferState.PUBLISHED, valid_from__lte=day, valid_until__gte=day
    ).select_related(*OFFER_RELATED)


def get_public_offer(pk):
    offer = current_offers().filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer


def workplaces_of(user):
    """The enterprises in a park where ``user`` has an active membership: what shows that a
    person works in the zone, and in which parks."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    ids = [
        membership.organization_id
        for membership in org_selectors.memberships_of(user)
        if membership.organization.kind == OrganizationKind.ENTERPRISE
    ]
    if not ids:
        return []
    return list(Enterprise.objects.filter(pk__in=ids, park__isnull=False).order_by("name", "pk"))


def offers_claimable_by(user, day=None):
    """Current offers open to a park where ``user`` works, with places left."""
    park_ids = {enterprise.park_id for enterprise in workplaces_of(user)}
    if not park_ids:
        return Offer.objects.none()
    return (
        current_offers(day)
        .filter(
            pk__in=Offer.eligible_parks.through.objects.filter(park_id__in=park_ids).values(
                "offer_id"
            )
        )
        .exclude(claims__user=user)
    )


def claims_of(user):
    if user is None or not user.is_authenticated:
        return Claim.objects.none()
    return Claim.objects.filter(user=user).select_related(*CLAIM_RELATED)


def get_claim_for_user(user, pk):
    claim = claims_of(user).filter(pk=pk).first()
    if claim is None:
        raise Http404
    return claim


def claims_of_park(park):
    return Claim.objects.filter(offer__provider=park).select_related(*CLAIM_RELATED)


def recent_redemptions(park, limit=10):
    return claims_of_park(park).filter(redeemed_at__isnull=False).order_by("-redeemed_at")[:limit]


def statistics_for(parks):
    """Per park of ``parks``: offers it published, claims made on them, codes redeemed."""
    return (
        Park.objects.filter(pk__in=parks.values("pk"))
        .annotate(
            offer_total=Count("benefit_offers", distinct=True),
            claim_total=Count("benefit_offers__claims", distinct=True),
            redemption_total=Count(
                "benefit_offers__claims",
                filter=Q(benefit_offers__claims__redeemed_at__isnull=False),
                distinct=True,
            ),
        )
        .order_by("name", "pk")
    )


def statistics_in_care_of(organization):
    return statistics_for(org_selectors.parks_in_care_of(organization))
