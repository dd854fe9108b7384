"""Benefits objects of the portal tests' world, the benefits pages of the permission matrix,
and the rows the query counts list.

Each park of the world publishes an offer for its own people. The world's individual (the
outsider, who belongs to an association) also works at an enterprise of a third park, which
the park's offer is opened to: so the individual's claim is one of their own, and the other
park's worker's claim is someone else's. The outsider's association is also a service partner
the park admitted, with an offer to the park's people (its desk is the outsider's); another
partner, admitted by the other park, has its own.
"""

from cloudpark.accounts.models import User
from cloudpark.benefits import services
from cloudpark.benefits.models import Admission
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.models import OtherOrganization
from tests.factories import MembershipFactory, ParkFactory, enterprise_in
from tests.factories.benefits import (
    admitted_partner,
    claimed,
    partner_offer,
    published_offer,
    worker_in,
)
from tests.factories.programs import admin_of

STAFF = org_enums.Role.STAFF


def benefits_world(world):
    third_park = ParkFactory()
    outsider = world.people["outsider"]
    MembershipFactory(organization=enterprise_in(third_park), user=outsider, role=STAFF)
    offer = published_offer(world.park, eligible_parks=[world.park, third_park])
    other_offer = published_offer(world.other_park)
    association = OtherOrganization.objects.get(memberships__user=outsider)
    association.other_kind = org_enums.OtherKind.PARTNER
    association.save(update_fields=["other_kind"])
    services.admit_partner(world.park, association, actor=admin_of(world.park))
    other_partner = admitted_partner(world.other_park)
    return {
        "offer": offer,
        "other_offer": other_offer,
        "partner_offer": partner_offer(association, [world.park]),
        "other_partner_offer": partner_offer(other_partner, [world.other_park]),
        "admission": Admission.objects.get(park=world.park),
        "other_admission": Admission.objects.get(park=world.other_park),
        # A fresh copy: the person's memberships are read once per object.
        "claim": claimed(offer, User.objects.get(pk=outsider.pk)),
        "other_claim": claimed(other_offer, worker_in(world.other_park)),
    }


def _built(world):
    """The list takes no argument; it shows the offers once the world holds them."""
    world.benefits.built()
    return []


def benefit_pages(portal):
    """The benefits pages of ``portal`` (``pages.py`` builds ``PAGES`` with them)."""
    from tests.portals.pages import Page

    def page(name, key, role_without_right=None):
        return Page(
            name,
            portal,
            own=lambda w: [w.benefits[key].pk],
            other=lambda w: [w.benefits[f"other_{key}"].pk],
            role_without_right=role_without_right,
        )

    if portal == "park":
        return [
            Page("park:benefit_offer_list", portal),
            Page("park:benefit_offer_create", portal, role_without_right=STAFF),
            page("park:benefit_offer_detail", "offer"),
            page("park:benefit_offer_edit", "offer", role_without_right=STAFF),
            Page("park:benefit_desk", portal),
            Page("park:benefit_statistics", portal),
            Page("park:benefit_partner_list", portal),
            Page("park:benefit_partner_admit", portal, role_without_right=STAFF),
        ]
    if portal == "government":
        return [Page("government:benefit_statistics", portal)]
    return [
        Page("individual:benefit_offer_list", portal, own=_built),
        page("individual:benefit_claim_detail", "claim"),
        # The partner's pages: the outsider's association is a partner once the world is built.
        Page("individual:partner_offer_list", portal, own=_built),
        Page("individual:partner_offer_create", portal, own=_built),
        page("individual:partner_offer_detail", "partner_offer"),
        page("individual:partner_offer_edit", "partner_offer"),
        Page("individual:partner_desk", portal, own=_built),
    ]


# POST-only views; tests/benefits/test_pages.py and test_partners.py say what each does.
BENEFIT_ACTIONS = {
    "park:benefit_offer_close",
    "park:benefit_partner_end",
    "park:benefit_partner_offer_withdraw",
    "individual:benefit_claim",
    "individual:partner_offer_close",
}

BENEFIT_POST_RIGHTS = {
    "park:benefit_offer_create": STAFF,
    "park:benefit_offer_edit": STAFF,
    # Staff redeem codes: the desk is their job.
    "park:benefit_desk": None,
    "park:benefit_partner_admit": STAFF,
    "individual:partner_offer_create": None,
    "individual:partner_offer_edit": None,
    "individual:partner_desk": None,
}


def benefits_with(count):
    """For the query counts: a park with ``count`` offers, each claimed by a person of one of
    its enterprises; one person with ``count`` claims."""
    park = ParkFactory()
    person = worker_in(park)
    for _ in range(count):
        offer = published_offer(park)
        services.claim_offer(offer, user=User.objects.get(pk=person.pk))
    return {"park": park, "park_admin": admin_of(park), "person": person}


def partners_with(count):
    """For the query counts: a park with ``count`` admitted partners; the first publishes
    ``count`` offers to the park, each claimed by a person of the park, one redeemed."""
    park = ParkFactory()
    partners = [admitted_partner(park, name=f"健身房{n}", name_en=f"Gym {n}") for n in range(count)]
    first = partners[0]
    for _ in range(count):
        claim = claimed(partner_offer(first, [park]), worker_in(park))
    services.redeem(first, claim.code, actor=admin_of(first))
    return {"park": park, "park_admin": admin_of(park), "partner_admin": admin_of(first)}
