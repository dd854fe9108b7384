"""The portal pages, and how to reach each one's object for its own organisation and for
another: shared by the permission matrix and the page checks."""

from dataclasses import dataclass, field

from django.urls import reverse

from cloudpark.orgs import enums, services
from cloudpark.orgs.models import Membership
from tests.bases.world import base_pages
from tests.factories import MembershipFactory
from tests.programs.world import programme_pages


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
    events: dict = field(default_factory=dict)
    bases: dict = field(default_factory=dict)
    programs: dict = field(default_factory=dict)


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


def event_pages(portal):
    """The organiser's event pages of ``portal``. ``w.events[portal]`` is the organisation's
    published exhibition, with a session and a screening part showing a film."""

    def event(w, other=False):
        return w.events[f"other_{portal}" if other else portal]

    def film_of(main):
        part = main.parts.get()
        return [part.pk, part.films.get().pk]

    def pages_of(name, role_without_right=None, extra=None):
        return Page(
            f"{portal}:{name}",
            portal,
            own=lambda w: [event(w).pk, *(extra(event(w)) if extra else [])],
            other=lambda w: [event(w, True).pk, *(extra(event(w, True)) if extra else [])],
            role_without_right=role_without_right,
        )

    return [
        Page(f"{portal}:event_list", portal),
        Page(f"{portal}:event_create", portal, role_without_right=STAFF),
        pages_of("event_detail"),
        pages_of("event_edit", STAFF),
        pages_of("part_create", STAFF),
        pages_of("event_organizers", STAFF),
        pages_of("event_agenda", STAFF),
        pages_of("session_edit", STAFF, lambda main: [main.sessions.get().pk]),
        pages_of("event_exhibitors", STAFF),
        pages_of("event_films", STAFF),
        Page(
            f"{portal}:film_edit",
            portal,
            own=lambda w: film_of(event(w)),
            other=lambda w: film_of(event(w, True)),
            role_without_right=STAFF,
        ),
        pages_of("event_questions", STAFF),
        pages_of("event_registrations", STAFF),
        pages_of("event_check_in"),
        pages_of("event_attendance"),
    ]


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
    *event_pages("government"),
    *base_pages("government"),
    *programme_pages("government"),
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
    *event_pages("park"),
    *base_pages("park"),
    *programme_pages("park"),
    Page("enterprise:home", "enterprise"),
    Page("enterprise:profile", "enterprise"),
    Page("enterprise:profile_edit", "enterprise", role_without_right=STAFF),
    Page("enterprise:members", "enterprise"),
    *programme_pages("enterprise"),
    Page("enterprise:exhibition_list", "enterprise", role_without_right=STAFF),
    Page(
        "enterprise:exhibition_apply",
        "enterprise",
        own=lambda w: [w.events["park"].pk],
        role_without_right=STAFF,
    ),
    Page("individual:home", "individual"),
    Page("individual:profile", "individual"),
    Page("individual:notifications", "individual"),
    Page("individual:registration_list", "individual"),
    Page("individual:agenda_calendar", "individual"),
    Page(
        "individual:registration_detail",
        "individual",
        own=lambda w: [w.events["registration"].pk],
        other=lambda w: [w.events["other_registration"].pk],
    ),
    Page(
        "individual:registration_cancel",
        "individual",
        own=lambda w: [w.events["registration"].pk],
        other=lambda w: [w.events["other_registration"].pk],
    ),
]


def member_pages(portal):
    """The member-management pages of ``portal``: the object is the organisation's staff
    member, or a member of the other organisation of that kind."""

    def staff_of(w):
        return [Membership.objects.get(user=w.people[(portal, STAFF)], organization=own(w)).pk]

    def member_elsewhere(w):
        return [MembershipFactory(organization=getattr(w, f"other_{portal}"), role=STAFF).pk]

    def own(w):
        return getattr(w, portal)

    return [
        Page(f"{portal}:member_invite", portal, role_without_right=STAFF),
        Page(
            f"{portal}:member_change",
            portal,
            own=staff_of,
            other=member_elsewhere,
            role_without_right=STAFF,
        ),
        Page(
            f"{portal}:member_remove",
            portal,
            own=staff_of,
            other=member_elsewhere,
            role_without_right=STAFF,
        ),
    ]


def _invitation_for_the_outsider(w):
    admin = w.people[("park", enums.Role.ADMIN)]
    return [services.invite_member(w.park, email="newcomer@example.cn", role=STAFF, actor=admin)]


PAGES += [
    *member_pages("government"),
    *member_pages("park"),
    *member_pages("enterprise"),
    Page("individual:invitation_accept", "individual", own=_invitation_for_the_outsider),
]

# POST-only or redirecting views: their own tests below say what they do.
NOT_A_PAGE = {"portals:switch", "portals:home", "individual:notification_open"}

ORGANIZATION_PAGES = [page for page in PAGES if page.portal != "individual"]
OBJECT_PAGES = [page for page in PAGES if page.other is not None]
RESTRICTED_PAGES = [page for page in PAGES if page.role_without_right is not None]
