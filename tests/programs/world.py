"""Programme objects of the portal tests' world, and the programme pages of the permission
matrix.

Each government body of the world publishes a policy (with an attachment) and a programme
under it. The world's enterprise drafts an application (with a file) to its body's programme,
and so does the other enterprise. In each body's care an enterprise of its park has been
approved, the approved list publicised, and someone objected to it.
"""

from cloudpark.orgs import enums
from tests.factories import (
    ApplicationFactory,
    ApplicationMaterialFactory,
    EligibilityRuleFactory,
    GovernmentBodyFactory,
    ObjectionFactory,
    ParkFactory,
    PolicyAttachmentFactory,
    PolicyFactory,
    ProgrammeFactory,
    enterprise_in,
)
from tests.factories.programs import admin_of, approved, publicised_notice


def _objects_of(government, park, enterprise):
    policy = PolicyFactory(owner=government)
    programme = ProgrammeFactory(policy=policy)
    draft = ApplicationFactory(programme=programme, enterprise=enterprise)
    application = approved(programme, enterprise_in(park))
    notice = publicised_notice(programme)
    return {
        "policy": policy,
        "attachment": PolicyAttachmentFactory(policy=policy),
        "programme": programme,
        "draft": draft,
        "draft_material": ApplicationMaterialFactory(application=draft),
        "application": application,
        "material": application.materials.get(),
        "notice": notice,
        "objection": ObjectionFactory(notice=notice),
    }


def programme_world(world):
    own = _objects_of(world.government, world.park, world.enterprise)
    other = _objects_of(world.other_government, world.other_park, world.other_enterprise)
    return {**own, **{f"other_{key}": value for key, value in other.items()}}


def _page(name, portal, key=None, *, extra=None, role_without_right=None):
    """A page whose arguments are ``w.programs[key]`` (and ``extra``'s object), for the own
    organisation and for the other one."""
    from tests.portals.pages import Page

    if key is None:
        return Page(name, portal, role_without_right=role_without_right)

    def arguments(w, prefix):
        values = [w.programs[f"{prefix}{key}"].pk]
        if extra:
            values.append(w.programs[f"{prefix}{extra}"].pk)
        return values

    return Page(
        name,
        portal,
        own=lambda w: arguments(w, ""),
        other=lambda w: arguments(w, "other_"),
        role_without_right=role_without_right,
    )


STAFF = enums.Role.STAFF


def programme_pages(portal):
    if portal == "enterprise":
        from tests.portals.pages import Page

        return [
            Page("enterprise:programme_list", portal),
            Page(
                "enterprise:programme_detail",
                portal,
                own=lambda w: [w.programs["programme"].pk],
            ),
            Page(
                "enterprise:application_create",
                portal,
                own=lambda w: [w.programs["programme"].pk],
                role_without_right=STAFF,
            ),
            _page("enterprise:application_list", portal),
            _page("enterprise:application_detail", portal, "draft"),
            _page("enterprise:application_edit", portal, "draft", role_without_right=STAFF),
            _page("enterprise:application_materials", portal, "draft", role_without_right=STAFF),
            _page("enterprise:application_material", portal, "draft", extra="draft_material"),
            _page("enterprise:application_submit", portal, "draft", role_without_right=STAFF),
            _page("enterprise:application_withdraw", portal, "draft", role_without_right=STAFF),
        ]
    if portal == "park":
        return [
            _page("park:application_list", portal),
            _page("park:application_detail", portal, "application"),
            _page("park:application_material", portal, "application", extra="material"),
        ]
    return [
        _page("government:policy_list", portal),
        _page("government:policy_create", portal, role_without_right=STAFF),
        _page("government:policy_detail", portal, "policy"),
        _page("government:policy_edit", portal, "policy", role_without_right=STAFF),
        _page("government:policy_attach", portal, "policy", role_without_right=STAFF),
        _page("government:policy_attachment", portal, "attachment"),
        _page("government:programme_create", portal, "policy", role_without_right=STAFF),
        _page("government:programme_list", portal),
        _page("government:programme_detail", portal, "programme"),
        _page("government:programme_edit", portal, "programme", role_without_right=STAFF),
        _page("government:programme_rules", portal, "programme", role_without_right=STAFF),
        _page("government:programme_form", portal, "programme", role_without_right=STAFF),
        _page("government:programme_qualifying", portal, "programme"),
        _page("government:notice_create", portal, "programme", role_without_right=STAFF),
        _page("government:application_list", portal),
        _page("government:application_detail", portal, "application"),
        _page("government:application_material", portal, "application", extra="material"),
        _page("government:notice_list", portal),
        _page("government:notice_detail", portal, "notice"),
        _page("government:notice_edit", portal, "notice", role_without_right=STAFF),
        _page("government:objection_answer", portal, "objection", role_without_right=STAFF),
    ]


# Pages that send a file rather than HTML.
FILE_PAGES = (":application_material", ":policy_attachment")


def programmes_with(count):
    """A government body overseeing a park with ``count`` enterprises; ``count`` policies,
    each with a programme whose one rule they all meet; the first enterprise (whose admin is
    ``enterprise_admin``) approved in each programme, each approved list publicised, and
    ``count`` objections to the first list. (The objections share a notice because seeing
    their contacts in full is logged once per notice: a write, not a read per row.)"""
    park = ParkFactory()
    government = GovernmentBodyFactory(jurisdiction=[park])
    enterprises = [enterprise_in(park) for _ in range(count)]
    first = enterprises[0]
    programmes = []
    notices = []
    for _ in range(count):
        programme = ProgrammeFactory(policy=PolicyFactory(owner=government))
        EligibilityRuleFactory(programme=programme)
        approved(programme, first)
        notices.append(publicised_notice(programme))
        programmes.append(programme)
    for _ in range(count):
        ObjectionFactory(notice=notices[0])
    return {
        "park": park,
        "government": government,
        "enterprise": first,
        "enterprise_admin": admin_of(first),
        "park_admin": admin_of(park),
        "government_admin": admin_of(government),
        "programme": programmes[0],
    }
