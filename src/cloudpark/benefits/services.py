"""Writes of enterprise benefits: a park publishes, edits and closes offers; a person who works
in the zone claims one and receives a one-time code; the park's desk redeems the code once.
Pages, the API, the admin and the demo all come here.

The last place of a quota is kept by the database: a claim increments the offer's counter in
one ``UPDATE ... WHERE claimed_count < quota`` statement, so two people claiming the last place
at once see one of them updating a row and the other none, on SQLite and PostgreSQL alike.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.benefits import codes, enums, selectors
from cloudpark.benefits.enums import OfferState
from cloudpark.benefits.models import Claim, Offer
from cloudpark.core import audit, links
from cloudpark.core.errors import DomainError
from cloudpark.core.services import apply_changes, locked, validated
from cloudpark.core.states import check_transition
from cloudpark.notifications import services as notifications
from cloudpark.orgs.enums import OrganizationKind
from cloudpark.orgs.models import Park

OFFER_PUBLISHED = audit.register("benefits.offer.published", _("Benefit offer published"))
OFFER_CHANGED = audit.register("benefits.offer.changed", _("Benefit offer changed"))
OFFER_CLOSED = audit.register("benefits.offer.closed", _("Benefit offer closed"))
CLAIMED = audit.register("benefits.claim.claimed", _("Benefit claimed"))
REDEEMED = audit.register("benefits.claim.redeemed", _("Benefit redeemed"))

CLAIMED_NOTICE = notifications.register(
    "benefits.claimed",
    _("You claimed %(offer)s from %(provider)s; show your code %(code)s at its desk."),
)
REDEEMED_NOTICE = notifications.register(
    "benefits.redeemed", _("Your code for %(offer)s was redeemed at %(provider)s.")
)

OFFER_FIELDS = (
    "partner",
    "partner_en",
    "title",
    "title_en",
    "value",
    "value_en",
    "terms",
    "terms_en",
    "quota",
    "valid_from",
    "valid_until",
)
CODE_ATTEMPTS = 5


class AlreadyRedeemed(DomainError):
    """A second redemption of a code; ``claim`` is the one redeemed before."""

    def __init__(self, claim):
        self.claim = claim
        super().__init__(
            _t("Already redeemed: this code was used on %(time)s.")
            % {"time": local_text(claim.redeemed_at)}
        )


def local_text(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _params(claim):
    return {
        **notifications.bilingual(
            offer=(claim.offer.title, claim.offer.title_en), provider=claim.offer.provider
        ),
        "code": claim.display_code,
    }


def _clean_parks(parks):
    parks = list(dict.fromkeys(parks or []))
    if not parks:
        raise DomainError(
            _("Name at least one park whose people may claim."), field="eligible_parks"
        )
    if any(not isinstance(park, Park) for park in parks):
        raise DomainError(_("Only parks can be named here."), field="eligible_parks")
    return parks


# Offers ----------------------------------------------------------------------------------------


@transaction.atomic
def save_offer(provider, *, actor, values, eligible_parks, offer=None):
    """Publish a new offer of ``provider`` (``offer`` None) or change one. Inverted dates, a
    quota under 1, or under the places already claimed, are refused at their field."""
    if provider.kind != OrganizationKind.PARK:
        raise DomainError(_("Only a park publishes benefit offers."))
    parks = _clean_parks(eligible_parks)
    if offer is None:
        offer = Offer(provider=provider, created_by=actor)
    else:
        offer = locked(offer)
        if offer.provider_id != provider.pk:
            raise DomainError(_("This offer belongs to another park."))
        if offer.state == OfferState.CLOSED:
            raise DomainError(_("A closed offer can no longer be changed."))
    changed = apply_changes(offer, dict(values), allowed=OFFER_FIELDS)
    quota = offer.quota
    if quota is not None and quota < 1:
        raise DomainError(_("The quota is at least 1."), field="quota")
    if quota is not None and quota < offer.claimed_count:
        raise DomainError(
            _("%(count)d places are already claimed: the quota cannot be lower.")
            % {"count": offer.claimed_count},
            field="quota",
        )
    validated(offer, exclude=["created_by"])
    created = offer.pk is None
    offer.save()
    offer.eligible_parks.set(parks)
    audit.log_action(
        offer,
        OFFER_PUBLISHED if created else OFFER_CHANGED,
        actor=actor,
        data={"changed": changed, "parks": [park.pk for park in parks]},
    )
    return offer


@transaction.atomic
def close_offer(offer, *, actor):
    """No more claims; the codes already given stay redeemable until the offer's end."""
    offer = locked(offer)
    if not check_transition(
        enums.OFFER_TRANSITIONS,
        offer.state,
        OfferState.CLOSED,
        message=_("This offer cannot be closed."),
    ):
        return offer
    offer.state = OfferState.CLOSED
    offer.save(update_fields=["state", "updated_at"])
    audit.log_action(offer, OFFER_CLOSED, actor=actor)
    return offer


# Claims ----------------------------------------------------------------------------------------


def _workplace_for(offer, user):
    eligible = set(offer.eligible_parks.values_list("pk", flat=True))
    for enterprise in selectors.workplaces_of(user):
        if enterprise.park_id in eligible:
            return enterprise
    raise DomainError(
        _(
            "This offer is for the people of %(parks)s: claim it through an active membership "
            "of an enterprise there."
        )
        % {"parks": ", ".join(str(park) for park in offer.eligible_parks.order_by("name"))}
    )


@transaction.atomic
def claim_offer(offer, *, user, now=None):
    """Give ``user`` a place of ``offer`` and its one-time code.

    Refused: an offer not published, before or after its dates, a person without an active
    membership of an enterprise in one of its parks, a second claim by the same person, and a
    claim beyond the quota. The quota is held by one conditional ``UPDATE``.
    """
    now = now or timezone.now()
    offer = Offer.objects.get(pk=offer.pk)
    if offer.state != OfferState.PUBLISHED:
        raise DomainError(_("This offer is closed."))
    day = timezone.localdate(now)
    if not offer.is_valid_on(day):
        raise DomainError(
            _("This offer can be claimed from %(start)s to %(end)s.")
            % {
                "start": formats.date_format(offer.valid_from),
                "end": formats.date_format(offer.valid_until),
            }
        )
    enterprise = _workplace_for(offer, user)
    if Claim.objects.filter(offer=offer, user=user).exists():
        raise DomainError(_("You have already claimed this offer: your code is under My benefits."))
    taken = Offer.objects.filter(pk=offer.pk, claimed_count__lt=F("quota")).update(
        claimed_count=F("claimed_count") + 1
    )
    if not taken:
        raise DomainError(
            _("All %(quota)d places of this offer are taken.") % {"quota": offer.quota}
        )
    claim = _create_claim(offer, user, enterprise, now)
    audit.log_action(claim, CLAIMED, actor=user, data={"offer": offer.pk})
    notifications.notify(
        [user],
        CLAIMED_NOTICE,
        params=_params(claim),
        url=links.url("benefits.claim.individual", claim.pk),
    )
    return claim


def _create_claim(offer, user, enterprise, now):
    for _attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return Claim.objects.create(
                    offer=offer,
                    user=user,
                    enterprise=enterprise,
                    park_id=enterprise.park_id,
                    code=codes.new_code(),
                    claimed_at=now,
                )
        except IntegrityError:
            if Claim.objects.filter(offer=offer, user=user).exists():
                raise DomainError(
                    _("You have already claimed this offer: your code is under My benefits.")
                ) from None
    raise DomainError(_("No code could be made just now; try again."))


# Redemption ------------------------------------------------------------------------------------


@transaction.atomic
def redeem(provider, code, *, actor, now=None):
    """Redeem a code at ``provider``'s desk, once only.

    ``code`` is what the camera read (the signed payload) or what was typed. Codes of another
    provider's offer are refused, and a second redemption says when the first one was.
    """
    now = now or timezone.now()
    value = codes.read(code)
    claim = (
        Claim.objects.select_for_update(of=("self",))
        .select_related("offer", "offer__provider", "enterprise")
        .filter(code=value)
        .first()
    )
    if claim is None:
        raise codes.InvalidCode(
            _t("No benefit has the code %(code)s. Check the letters and digits and try again.")
            % {"code": f"{value[:5]}-{value[5:]}"}
        )
    if claim.offer.provider_id != provider.pk:
        raise DomainError(
            _t("This code is for an offer of another provider: %(provider)s.")
            % {"provider": claim.offer.provider}
        )
    if claim.redeemed_at is not None:
        raise AlreadyRedeemed(claim)
    if timezone.localdate(now) > claim.offer.valid_until:
        raise DomainError(
            _t("This offer ended on %(end)s: its codes can no longer be redeemed.")
            % {"end": formats.date_format(claim.offer.valid_until)}
        )
    claim.redeemed_at = now
    claim.redeemed_by = actor if actor is not None and actor.is_authenticated else None
    claim.save(update_fields=["redeemed_at", "redeemed_by", "updated_at"])
    audit.log_action(claim, REDEEMED, actor=actor, data={"provider": provider.pk})
    notifications.notify(
        [claim.user],
        REDEEMED_NOTICE,
        params=_params(claim),
        url=links.url("benefits.claim.individual", claim.pk),
    )
    return claim
