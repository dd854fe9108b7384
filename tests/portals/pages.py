"""The portal pages, and how to reach each one's object for its own organisation and for
another: shared by the permission matrix and the page checks."""

from dataclasses import dataclass, field

from django.urls import reverse

from cloudpark.orgs import enums


@dataclass
class World:
    park: object
    other_park: object
    government: object
    other_government: object
    enterprise: object
    other_enterprise: object
    park_import: object
    other_park_import: object
    government_import: object
    other_government_import: object
    people: dict = field(default_factory=dict)
    cases: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    """One portal URL: how to build its arguments for the user's own organisation and for
    another one, and which role lacks the right to it (None: every member has it)."""

    name: str
    portal: str
    own: object = None
    other: object = None
    role_without_right: str | None = None

    def url(self, world, *, other=False):
        builder = self.other if other else self.own
        return reverse(self.name, args=builder(world) if builder else [])


STAFF = enums.Role.STAFF
PAGES = [
    Page("government:home", "government"),
    Page("government:park_list", "government"),
    Page(
        "government:park_detail",
        "government",
        own=lambda w: [w.park.pk],
        other=lambda w: [w.other_park.pk],
    ),
    Page("government:enterprise_list", "government"),
    Page(
        "government:enterprise_detail",
        "government",
        own=lambda w: [w.enterprise.pk],
        other=lambda w: [w.other_enterprise.pk],
    ),
    Page("government:import_list", "government", role_without_right=STAFF),
    Page("government:import_template", "government", role_without_right=STAFF),
    Page(
        "government:import_detail",
        "government",
        own=lambda w: [w.government_import.pk],
        other=lambda w: [w.other_government_import.pk],
        role_without_right=STAFF,
    ),
    Page("government:members", "government"),
    Page("government:review_list", "government"),
    Page(
        "government:review_detail",
        "government",
        own=lambda w: [w.cases["government"].pk],
        other=lambda w: [w.cases["other_government"].pk],
    ),
    Page("park:home", "park"),
    Page("park:profile", "park"),
    Page("park:profile_edit", "park", role_without_right=STAFF),
    Page("park:enterprise_list", "park"),
    Page("park:enterprise_admit", "park", role_without_right=STAFF),
    Page(
        "park:enterprise_detail",
        "park",
        own=lambda w: [w.enterprise.pk],
        other=lambda w: [w.other_enterprise.pk],
    ),
    Page(
        "park:enterprise_release",
        "park",
        own=lambda w: [w.enterprise.pk],
        other=lambda w: [w.other_enterprise.pk],
        role_without_right=STAFF,
    ),
    Page("park:import_list", "park", role_without_right=STAFF),
    Page("park:import_template", "park", role_without_right=STAFF),
    Page(
        "park:import_detail",
        "park",
        own=lambda w: [w.park_import.pk],
        other=lambda w: [w.other_park_import.pk],
        role_without_right=STAFF,
    ),
    Page("park:members", "park"),
    Page("park:review_list", "park"),
    Page(
        "park:review_detail",
        "park",
        own=lambda w: [w.cases["park"].pk],
        other=lambda w: [w.cases["other_park"].pk],
    ),
    Page("enterprise:home", "enterprise"),
    Page("enterprise:profile", "enterprise"),
    Page("enterprise:profile_edit", "enterprise", role_without_right=STAFF),
    Page("enterprise:members", "enterprise"),
    Page("individual:home", "individual"),
    Page("individual:profile", "individual"),
    Page("individual:notifications", "individual"),
]
# POST-only or redirecting views: their own tests below say what they do.
NOT_A_PAGE = {"portals:switch", "portals:home"}

ORGANIZATION_PAGES = [page for page in PAGES if page.portal != "individual"]
OBJECT_PAGES = [page for page in PAGES if page.other is not None]
RESTRICTED_PAGES = [page for page in PAGES if page.role_without_right is not None]
