"""Finance objects of the portal tests' world, the finance pages of the permission matrix, and
the rows the query counts list.

The world's outsider belongs to an association, which here is also a bank: the outsider is
the person of an institution's finance desk (My Cloud Park). Another bank has its own
product, and each enterprise of the world a need, an introduction and a data room with one of
the two banks.
"""

from cloudpark.finance import enums, services
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.models import Membership
from tests.factories import EnterpriseFactory, MembershipFactory, ParkFactory
from tests.factories.finance import (
    FinancialInstitutionFactory,
    published_need,
    published_product,
)
from tests.factories.programs import admin_of


def _objects_of(enterprise, institution):
    product = published_product(institution)
    need = published_need(enterprise)
    return {
        "institution": institution,
        "product": product,
        "need": need,
        "introduction": services.request_introduction(need, product, actor=admin_of(enterprise)),
        "data_room": services.open_data_room(
            enterprise,
            institution,
            actor=admin_of(enterprise),
            figures=[enums.SharedFigure.PROFILE, enums.SharedFigure.YEARLY],
            days=7,
        ),
    }


def finance_world(world):
    association = Membership.objects.get(user=world.people["outsider"]).organization
    own = _objects_of(world.enterprise, services.register_institution(association, kind="bank"))
    other = _objects_of(world.other_enterprise, FinancialInstitutionFactory())
    return {**own, **{f"other_{key}": value for key, value in other.items()}}


def _desk_ready(world):
    """The desk's pages take no argument; they open once the outsider's association is a
    bank, which building the finance world makes it."""
    world.finance.built()
    return []


def finance_pages(portal):
    """The finance pages of ``portal`` (``pages.py`` builds ``PAGES`` with them)."""
    from tests.portals.pages import STAFF, Page

    def page(name, key, role_without_right=None):
        return Page(
            name,
            portal,
            own=lambda w: [w.finance[key].pk],
            other=lambda w: [w.finance[f"other_{key}"].pk],
            role_without_right=role_without_right,
        )

    def desk(name):
        return Page(name, portal, own=_desk_ready)

    if portal == "enterprise":
        return [
            Page("enterprise:finance_need_list", portal),
            Page("enterprise:finance_need_create", portal, role_without_right=STAFF),
            page("enterprise:finance_need_detail", "need"),
            Page("enterprise:finance_introduction_list", portal),
            page("enterprise:finance_introduction_detail", "introduction"),
            Page("enterprise:finance_data_room_list", portal),
            Page("enterprise:finance_data_room_create", portal, role_without_right=STAFF),
        ]
    return [
        desk("individual:finance_product_list"),
        desk("individual:finance_product_create"),
        page("individual:finance_product_detail", "product"),
        page("individual:finance_product_edit", "product"),
        desk("individual:finance_need_matches"),
        desk("individual:finance_introduction_list"),
        page("individual:finance_introduction_detail", "introduction"),
        desk("individual:finance_data_room_list"),
        page("individual:finance_data_room_detail", "data_room"),
    ]


# POST-only views; tests/finance/test_pages.py says what each does.
FINANCE_ACTIONS = {
    "enterprise:finance_need_close",
    "enterprise:finance_introduction_request",
    "enterprise:finance_introduction_withdraw",
    "enterprise:finance_data_room_end",
    "individual:finance_product_publish",
}

FINANCE_POST_RIGHTS = {
    "enterprise:finance_need_create": org_enums.Role.STAFF,
    "enterprise:finance_data_room_create": org_enums.Role.STAFF,
    "individual:finance_product_create": None,
    "individual:finance_product_edit": None,
    "individual:finance_introduction_detail": None,
}


def finance_with(count):
    """For the query counts: a bank with ``count`` published products, and an enterprise with
    ``count`` needs, each introduced for one product, and ``count`` data rooms open to the bank."""
    park = ParkFactory()
    enterprise = EnterpriseFactory(park=park)
    institution = FinancialInstitutionFactory()
    banker = MembershipFactory(organization=institution.organization).user
    for _ in range(count):
        product = published_product(institution)
        need = published_need(enterprise)
        services.request_introduction(need, product, actor=admin_of(enterprise))
        services.open_data_room(
            enterprise, institution, actor=admin_of(enterprise), figures=["profile"], days=7
        )
    return {"enterprise": enterprise, "enterprise_admin": admin_of(enterprise), "banker": banker}
