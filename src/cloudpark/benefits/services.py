"""Writes of enterprise benefits: a park admits service partners and ends their admission; a
park, or a partner it admitted, publishes, edits and closes offers, and a park withdraws a
partner's offer from its people; a person who works in the zone claims one and receives a
one-time code; the desk of the offer's provider redeems the code once. Pages, the API, the admin
and the demo all come here.

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
from cloudpark.benefits.models import Admission, Claim, Offer
from cloudpark.core import audit, links
from cloudpark.core.errors import DomainError
from cloudpark.core.services import apply_changes, locked, validated
from cloudpark.core.states import check_transition
from cloudpark.notifications import services as notifications
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.enums import OrganizationKind
from cloudpark.orgs.models import Park

OFFER_PUBLISHED = audit.register("benefits.offer.published", _("Benefit offer published"))
OFFER_CHANGED = audit.register("benefits.offer.changed", _("Benefit offer changed"))
OFFER_CLOSED = audit.register("benefits.offer.closed", _("Benefit offer closed"))
OFFER_WITHDRAWN = audit.register(
    "benefits.offer.withdrawn", _("Benefit offer withdrawn from a park")
)
PARTNER_ADMITTED = audit.register("benefits.partner.admitted", _("Benefit partner admitted"))
PARTNER_ENDED = audit.register("benefits.partner.ended", _("Benefit partner's admission ended"))
CLAIMED = audit.register("benefits.claim.claimed", _("Benefit claimed"))
REDEEMED = audit.register("benefits.claim.redeemed", _("Benefit redeemed"))

CLAIMED_NOTICE = notifications.register(
    "benefits.claimed",
    _("You claimed %(offer)s from %(provider)s; show your code %(code)s at its desk."),
)
REDEEMED_NOTICE = notifications.register(
    "benefits.redeemed", _("Your code for %(offer)s was redeemed at %(provider)s.")
)
ADMITTED_NOTICE = notifications.register(
    "benefits.partner_admitted",
    _("%(park)s admitted %(partner)s to publish benefit offers to its people."),
)
ENDED_NOTICE = notifications.register(
    "benefits.partner_ended",
    _(
        "%(park)s ended the admission of %(partner)s: its offers are no longer open to the "
        "park's people."
    ),
)
WITHDRAWN_NOTICE = notifications.register(
    "benefits.offer_withdrawn",
    _("%(park)s withdrew your offer %(offer)s from its people."),
)

OFFER_FIELDS = (
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


def _partner_people(partner):
    return org_selectors.people_with(partner)


# Partners --------------------------------------------------------------------------------------


@transaction.atomic
def admit_partner(park, partner, *, actor, now=None):
    """Admit ``partner`` (a service partner of the directory) to publish offers to the people
    of ``park``. A partner already admitted, or an organisation that is not a service partner,
    is refused at the ``partner`` field."""
    if park.kind != OrganizationKind.PARK:
        raise DomainError(_("Only a park admits benefit partners."))
    if not selectors.is_partner(partner):
        raise DomainError(
            _("Only a service partner of the directory can be admitted."), field="partner"
        )
    partner = selectors.as_partner(partner)
    if selectors.open_admission(park, partner) is not None:
        raise DomainError(
            _("%(partner)s is already admitted to this park.") % {"partner": partner},
            field="partner",
        )
    try:
        with transaction.atomic():
            admission = Admission.objects.create(
                park=park, partner=partner, admitted_at=now or timezone.now(), admitted_by=actor
            )
    except IntegrityError:
        raise DomainError(
            _("%(partner)s is already admitted to this park.") % {"partner": partner},
            field="partner",
        ) from None
    audit.log_action(admission, PARTNER_ADMITTED, actor=actor, data={"park": park.pk})
    notifications.notify(
        _partner_people(partner),
        ADMITTED_NOTICE,
        params=notifications.bilingual(park=park, partner=partner),
        url=links.url("benefits.partner.offers", partner.pk),
    )
    return admission


@transaction.atomic
def end_admission(admission, *, actor, now=None):
    """End a partner's admission: its offers are withdrawn from the park's people (an offer
    left open to no park is closed); codes already given stay redeemable at its desk."""
    admission = locked(admission)
    if admission.ended_at is not None:
        return admission
    admission.ended_at = now or timezone.now()
    admission.ended_by = actor
    admission.save(update_fields=["ended_at", "ended_by", "updated_at"])
    withdrawn = [
        _withdraw(offer, admission.park, actor=actor)
        for offer in Offer.objects.filter(
            provider=admission.partner_id, eligible_parks=admission.park
        ).order_by("pk")
    ]
    audit.log_action(
        admission,
        PARTNER_ENDED,
        actor=actor,
        data={"park": admission.park_id, "offers": [offer.pk for offer in withdrawn]},
    )
    notifications.notify(
        _partner_people(admission.partner),
        ENDED_NOTICE,
        params=notifications.bilingual(park=admission.park, partner=admission.partner),
        url=links.url("benefits.partner.offers", admission.partner_id),
    )
    return admission


def _withdraw(offer, park, *, actor):
    offer = locked(offer)
    offer.eligible_parks.remove(park)
    closed = False
    if offer.state == OfferState.PUBLISHED and not offer.eligible_parks.exists():
        offer.state = OfferState.CLOSED
        offer.save(update_fields=["state", "updated_at"])
        closed = True
    audit.log_action(offer, OFFER_WITHDRAWN, actor=actor, data={"park": park.pk, "closed": closed})
    return offer


@transaction.atomic
def withdraw_offer(offer, park, *, actor):
    """``park`` takes a partner's offer away from its people (an offer left open to no park is
    closed); the codes already given stay redeemable at the partner's desk."""
    if offer.provider_id == park.pk:
        raise DomainError(_("Close your own offer instead: withdrawing is for partners' offers."))
    if not offer.eligible_parks.filter(pk=park.pk).exists():
        raise DomainError(_("This offer is not open to the people of your park."))
    offer = _withdraw(offer, park, actor=actor)
    notifications.notify(
        _partner_people(offer.provider),
        WITHDRAWN_NOTICE,
        params=notifications.bilingual(park=park, offer=(offer.title, offer.title_en)),
        url=links.url("benefits.offer.partner", offer.pk),
    )
    return offer


# Offers ----------------------------------------------------------------------------------------


def _check_provider(provider, parks):
    """A park publishes to any park; a partner only to the parks that admitted it."""
    if provider.kind == OrganizationKind.PARK:
        return
    if not selectors.is_partner(provider):
        raise DomainError(_("Only a park or a service partner publishes benefit offers."))
    admitting = set(selectors.admitting_parks(provider).values_list("pk", flat=True))
    refused = [park for park in parks if park.pk not in admitting]
    if refused:
        raise DomainError(
            _("%(parks)s has not admitted you to publish to its people.")
            % {"parks": ", ".join(str(park) for park in refused)},
            field="eligible_parks",
        )


@transaction.atomic
def save_offer(provider, *, actor, values, eligible_parks, offer=None):
    """Publish a new offer of ``provider`` (``offer`` None) or change one. Inverted dates, a
    quota under 1, or under the places already claimed, are refused at their field; a partner
    may name only the parks that admitted it."""
    parks = _clean_parks(eligible_parks)
    _check_provider(provider, parks)
    if offer is None:
        offer = Offer(provider=provider, created_by=actor)
    else:
        offer = locked(offer)
        if offer.provider_id != provider.pk:
            raise DomainError(_("This offer belongs to another provider."))
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
            _t(
                "This code is for an offer of another provider, %(provider)s: it can be "
                "redeemed only at that provider's own desk."
            )
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
