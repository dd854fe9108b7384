"""Supply and demand objects of the portal tests' world, its pages in the permission matrix,
and the rows the query counts list.

Each enterprise of the world has a published venue offer; the world's enterprise proposes an
introduction about a third enterprise's offer, and another pair of enterprises has one of its
own, which the world's enterprise never sees."""

from cloudpark.market import services
from cloudpark.orgs import enums as org_enums
from tests.factories import EnterpriseFactory, ParkFactory
from tests.factories.market import accepted_introduction, proposed_introduction, published_post
from tests.factories.programs import admin_of


def market_world(world):
    post = published_post(world.enterprise)
    other_post = published_post(world.other_enterprise)
    third = EnterpriseFactory(park=world.park)
    third_post = published_post(third)
    return {
        "post": post,
        "other_post": other_post,
        "third_post": third_post,
        "introduction": proposed_introduction(third_post, world.enterprise),
        "other_introduction": proposed_introduction(
            other_post, EnterpriseFactory(park=world.other_park)
        ),
    }


def market_pages(portal):
    """The supply and demand pages of ``portal`` (``pages.py`` builds ``PAGES`` with them)."""
    from tests.portals.pages import STAFF, Page

    def page(name, key, role_without_right=None):
        return Page(
            name,
            portal,
            own=lambda w: [w.market[key].pk],
            other=lambda w: [w.market[f"other_{key}"].pk],
            role_without_right=role_without_right,
        )

    if portal == "enterprise":
        return [
            Page("enterprise:market_post_list", portal),
            Page("enterprise:market_post_create", portal, role_without_right=STAFF),
            page("enterprise:market_post_detail", "post"),
            page("enterprise:market_post_edit", "post", STAFF),
            Page("enterprise:market_match_list", portal),
            # Any live post of another enterprise may be proposed about: nothing is hidden.
            Page(
                "enterprise:market_introduction_propose",
                portal,
                own=lambda w: [w.market["third_post"].pk],
                role_without_right=STAFF,
            ),
            Page("enterprise:market_introduction_list", portal),
            page("enterprise:market_introduction_detail", "introduction"),
        ]
    return [Page(f"{portal}:market_overview", portal)]


# POST-only views; tests/market/test_pages.py says what each does.
MARKET_ACTIONS = {
    "enterprise:market_post_publish",
    "enterprise:market_post_close",
    "enterprise:market_introduction_accept",
    "enterprise:market_introduction_decline",
    "enterprise:market_introduction_withdraw",
    "enterprise:market_introduction_close",
}

MARKET_POST_RIGHTS = {
    "enterprise:market_post_create": org_enums.Role.STAFF,
    "enterprise:market_post_edit": org_enums.Role.STAFF,
    "enterprise:market_introduction_propose": org_enums.Role.STAFF,
}


def market_with(count):
    """For the query counts: an enterprise of a park with ``count`` published offers, each
    with an introduction closed with a deal, and the park's and its government's people."""
    from tests.factories import GovernmentBodyFactory, MembershipFactory

    park = ParkFactory()
    government = GovernmentBodyFactory(jurisdiction=[park])
    enterprise = EnterpriseFactory(park=park)
    for _ in range(count):
        introduction = accepted_introduction(published_post(enterprise))
        services.close_introduction(
            introduction, enterprise, actor=admin_of(enterprise), deal_value="1000"
        )
    return {
        "enterprise": enterprise,
        "enterprise_admin": admin_of(enterprise),
        "park_member": MembershipFactory(organization=park, role=org_enums.Role.STAFF).user,
        "government_member": MembershipFactory(
            organization=government, role=org_enums.Role.STAFF
        ).user,
    }
