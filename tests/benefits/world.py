"""Benefits objects of the portal tests' world, the benefits pages of the permission matrix,
and the rows the query counts list.

Each park of the world publishes an offer for its own people. The world's individual (the
outsider, who belongs to an association) also works at an enterprise of a third park, which
the park's offer is opened to: so the individual's claim is one of their own, and the other
park's worker's claim is someone else's.
"""

from cloudpark.accounts.models import User
from cloudpark.benefits import services
from cloudpark.orgs import enums as org_enums
from tests.factories import MembershipFactory, ParkFactory, enterprise_in
from tests.factories.benefits import claimed, published_offer, worker_in
from tests.factories.programs import admin_of

STAFF = org_enums.Role.STAFF


def benefits_world(world):
    third_park = ParkFactory()
    outsider = world.people["outsider"]
    MembershipFactory(organization=enterprise_in(third_park), user=outsider, role=STAFF)
    offer = published_offer(world.park, eligible_parks=[world.park, third_park])
    other_offer = published_offer(world.other_park)
    return {
        "offer": offer,
        "other_offer": other_offer,
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
        ]
    if portal == "government":
        return [Page("government:benefit_statistics", portal)]
    return [
        Page("individual:benefit_offer_list", portal, own=_built),
        page("individual:benefit_claim_detail", "claim"),
    ]


# POST-only views; tests/benefits/test_pages.py says what each does.
BENEFIT_ACTIONS = {"park:benefit_offer_close", "individual:benefit_claim"}

BENEFIT_POST_RIGHTS = {
    "park:benefit_offer_create": STAFF,
    "park:benefit_offer_edit": STAFF,
    # Staff redeem codes: the desk is their job.
    "park:benefit_desk": None,
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
