"""Copyright objects of the portal tests' world, the copyright pages of the permission matrix,
and the rows the query counts list.

Each enterprise of the world holds a registered work, offered for licensing, licensed
exclusively and pledged to a bank, and a drafted one; the world's enterprise has a licensing
request from the other enterprise, and the other enterprise one from a third. The world's
outsider acts for a bank (the finance world), so the pledge look-up opens to them.
"""

from cloudpark.copyright import services
from cloudpark.orgs import enums as org_enums
from tests.factories import EnterpriseFactory, MembershipFactory
from tests.factories.copyright import (
    drafted_work,
    granted_licence,
    offered_work,
    recorded_pledge,
    request_values,
)
from tests.factories.finance import FinancialInstitutionFactory
from tests.factories.programs import admin_of


def _objects_of(enterprise, requester, bank):
    work = offered_work(enterprise)
    return {
        "work": work,
        "draft": drafted_work(enterprise),
        "licence": granted_licence(work),
        "pledge": recorded_pledge(work, bank),
        "request": services.request_licence(
            work,
            requester,
            actor=admin_of(requester),
            values=request_values(exclusive=False, media=["print"]),
        ),
    }


def copyright_world(world):
    bank = world.finance["institution"]
    own = _objects_of(world.enterprise, world.other_enterprise, bank)
    other = _objects_of(world.other_enterprise, EnterpriseFactory(), FinancialInstitutionFactory())
    return {**own, **{f"other_{key}": value for key, value in other.items()}}


def _desk_ready(world):
    world.finance.built()
    return []


def copyright_pages(portal):
    """The copyright pages of ``portal`` (``pages.py`` builds ``PAGES`` with them)."""
    from tests.portals.pages import STAFF, Page

    def page(name, key, role_without_right=None):
        return Page(
            name,
            portal,
            own=lambda w: [w.copyright[key].pk],
            other=lambda w: [w.copyright[f"other_{key}"].pk],
            role_without_right=role_without_right,
        )

    if portal == "enterprise":
        return [
            Page("enterprise:copyright_work_list", portal),
            Page("enterprise:copyright_work_create", portal, role_without_right=STAFF),
            page("enterprise:copyright_work_detail", "work"),
            page("enterprise:copyright_work_edit", "work", STAFF),
            page("enterprise:copyright_work_statement", "draft"),
            page("enterprise:copyright_work_outcome", "draft", STAFF),
            page("enterprise:copyright_licence_create", "work", STAFF),
            page("enterprise:copyright_pledge_create", "work", STAFF),
            Page("enterprise:copyright_licence_list", portal),
            Page("enterprise:copyright_pledge_list", portal),
            Page("enterprise:copyright_request_list", portal),
            page("enterprise:copyright_request_detail", "request"),
            # Asked of another enterprise's offered work; a work not offered is not found.
            Page(
                "enterprise:copyright_request_create",
                portal,
                own=lambda w: [w.copyright["other_work"].pk],
                other=lambda w: [w.copyright["other_draft"].pk],
                role_without_right=STAFF,
            ),
        ]
    if portal == "government":
        return [Page("government:copyright_overview", portal)]
    return [Page("individual:copyright_pledge_verify", portal, own=_desk_ready)]


# POST-only views; tests/copyright/test_pages.py says what each does.
COPYRIGHT_ACTIONS = {
    "enterprise:copyright_work_submit",
    "enterprise:copyright_work_offer",
    "enterprise:copyright_pledge_release",
}

COPYRIGHT_POST_RIGHTS = {
    "enterprise:copyright_work_create": org_enums.Role.STAFF,
    "enterprise:copyright_work_edit": org_enums.Role.STAFF,
    "enterprise:copyright_work_outcome": org_enums.Role.STAFF,
    "enterprise:copyright_licence_create": org_enums.Role.STAFF,
    "enterprise:copyright_pledge_create": org_enums.Role.STAFF,
    "enterprise:copyright_request_create": org_enums.Role.STAFF,
    # Both sides see a request; the holder's administrators alone move it (a form error
    # for anyone else, tested in tests/copyright/test_pages.py).
    "enterprise:copyright_request_detail": None,
}


def copyright_with(count):
    """For the query counts: an enterprise holding ``count`` offered works, each licensed,
    pledged to a bank and asked for by another enterprise."""
    enterprise = EnterpriseFactory()
    requester = EnterpriseFactory()
    bank = FinancialInstitutionFactory()
    banker = MembershipFactory(organization=bank.organization).user
    for _ in range(count):
        work = offered_work(enterprise)
        granted_licence(work)
        recorded_pledge(work, bank)
        services.request_licence(
            work, requester, actor=admin_of(requester), values=request_values()
        )
    return {"enterprise_admin": admin_of(enterprise), "banker": banker}
