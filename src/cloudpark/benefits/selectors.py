"""Reads of enterprise benefits. A provider (a park, or a service partner a park admitted)
reaches its own offers and the claims made on them; a park reaches its partners and their
offers open to its people; a person reaches their own claims; everyone reaches the current
published offers."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone

from cloudpark.benefits.enums import OfferState
from cloudpark.benefits.models import Admission, Claim, Offer
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.enums import OrganizationKind, OtherKind
from cloudpark.orgs.models import Enterprise, OtherOrganization, Park

OFFER_RELATED = ("provider",)
CLAIM_RELATED = ("offer", "offer__provider", "enterprise")
ADMISSION_RELATED = ("partner", "park")
_PARTNERS_CACHE = "_cloudpark_benefit_partners"


def today():
    return timezone.localdate()


# Partners --------------------------------------------------------------------------------------


def partners():
    """The service partners of the directory (organisations of the kind "other", type
    "partner")."""
    return OtherOrganization.objects.filter(other_kind=OtherKind.PARTNER).order_by("name", "pk")


def is_partner(organization):
    if organization is None or organization.kind != OrganizationKind.OTHER:
        return False
    if isinstance(organization, OtherOrganization):
        return organization.other_kind == OtherKind.PARTNER
    return partners().filter(pk=organization.pk).exists()


def as_partner(organization):
    if isinstance(organization, OtherOrganization):
        return organization
    return partners().get(pk=organization.pk)


def partner_ids_of(user):
    """The partners ``user`` is an active member of, read once per request; a person with no
    membership of an organisation of the kind "other" costs no query."""
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, _PARTNERS_CACHE, None)
    if cached is None:
        candidates = [
            membership.organization_id
            for membership in org_selectors.memberships_of(user)
            if membership.organization.kind == OrganizationKind.OTHER
        ]
        cached = (
            list(partners().filter(pk__in=candidates).values_list("pk", flat=True))
            if candidates
            else []
        )
        setattr(user, _PARTNERS_CACHE, cached)
    return cached


def acting_partner(user, chosen_id=None):
    """The partner ``user`` acts for: ``chosen_id`` when it is one of theirs, else their first.
    None when they belong to no partner."""
    ids = partner_ids_of(user)
    if not ids:
        return None
    pk = chosen_id if chosen_id in ids else ids[0]
    return partners().get(pk=pk)


def open_admission(park, partner):
    return Admission.objects.filter(park=park, partner=partner, ended_at__isnull=True).first()


def admitting_parks(partner):
    """The parks whose people ``partner`` may publish to now."""
    return Park.objects.filter(
        benefit_admissions__partner=partner, benefit_admissions__ended_at__isnull=True
    ).order_by("name", "pk")


def admissions_of_park(park):
    return Admission.objects.filter(park=park).select_related(*ADMISSION_RELATED)


def get_admission_for_park(park, pk):
    admission = admissions_of_park(park).filter(pk=pk).first()
    if admission is None:
        raise Http404
    return admission


def admissions_of_partner(partner):
    return Admission.objects.filter(partner=partner).select_related(*ADMISSION_RELATED)


def partners_to_admit(park):
    """The service partners ``park`` has not admitted now."""
    return partners().exclude(
        benefit_admissions__park=park, benefit_admissions__ended_at__isnull=True
    )


# Offers ----------------------------------------------------------------------------------------


def offers_of(provider):
    """The offers of ``provider`` (a park or a partner)."""
    return Offer.objects.filter(provider=provider).select_related(*OFFER_RELATED)


def offers_of_park(park):
    return offers_of(park)


def get_offer_for(provider, pk):
    offer = offers_of(provider).filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer


def get_offer_for_park(park, pk):
    return get_offer_for(park, pk)


def with_figures(offers):
    """Each offer with ``redeemed_total``, the codes redeemed (the claims are its counter)."""
    return offers.annotate(
        redeemed_total=Count("claims", filter=Q(claims__redeemed_at__isnull=False))
    ).order_by(*Offer._meta.ordering)


def partner_offers_in_park(park):
    """The partners' offers open to the people of ``park`` (which the park may withdraw)."""
    return (
        Offer.objects.filter(
            pk__in=Offer.eligible_parks.through.objects.filter(park_id=park.pk).values("offer_id")
        )
        .exclude(provider__kind=OrganizationKind.PARK)
        .select_related(*OFFER_RELATED)
    )


def get_partner_offer_in_park(park, pk):
    offer = partner_offers_in_park(park).filter(pk=pk).first()
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


def claims_of_provider(provider):
    return Claim.objects.filter(offer__provider=provider).select_related(*CLAIM_RELATED)


def claims_of_park(park):
    return claims_of_provider(park)


def recent_redemptions(provider, limit=10):
    return (
        claims_of_provider(provider)
        .filter(redeemed_at__isnull=False)
        .order_by("-redeemed_at")[:limit]
    )


class _Count(Subquery):
    """The number of rows of a correlated queryset, as a column."""

    template = "(SELECT count(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()


def _count(queryset):
    return _Count(queryset.order_by().values("pk"))


def statistics_for(parks):
    """Per park of ``parks``: the offers it published, its partners' offers open to its people,
    and the claims its people made (on the park's offers, a neighbour's or a partner's) and the
    codes of those redeemed. One query."""
    people_claims = Claim.objects.filter(park_id=OuterRef("pk"))
    return (
        Park.objects.filter(pk__in=parks.values("pk"))
        .annotate(
            offer_total=_count(Offer.objects.filter(provider_id=OuterRef("pk"))),
            partner_offer_total=_count(
                Offer.objects.filter(eligible_parks=OuterRef("pk")).exclude(
                    provider__kind=OrganizationKind.PARK
                )
            ),
            claim_total=_count(people_claims),
            redemption_total=_count(people_claims.filter(redeemed_at__isnull=False)),
        )
        .order_by("name", "pk")
    )


def statistics_in_care_of(organization):
    return statistics_for(org_selectors.parks_in_care_of(organization))
