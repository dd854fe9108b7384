"""The portal pages, and how to reach each one's object for its own organisation and for
another: shared by the permission matrix and the page checks."""

from dataclasses import dataclass, field

from django.urls import reverse

from cloudpark.orgs import enums, services
from cloudpark.orgs.models import Membership
from tests.awards import world as awards
from tests.bases.world import base_pages
from tests.benefits.world import BENEFIT_ACTIONS, BENEFIT_POST_RIGHTS, benefit_pages
from tests.copyright.world import COPYRIGHT_ACTIONS, COPYRIGHT_POST_RIGHTS, copyright_pages
from tests.dashboards.world import DASHBOARD_POST_RIGHTS, dashboard_pages
from tests.factories import ExportFileFactory, MembershipFactory
from tests.filings.world import FILING_ACTIONS, FILING_POST_RIGHTS, filing_pages
from tests.finance.world import FINANCE_ACTIONS, FINANCE_POST_RIGHTS, finance_pages
from tests.jobs.world import JOB_ACTIONS, JOB_POST_RIGHTS, job_pages
from tests.market.world import MARKET_ACTIONS, MARKET_POST_RIGHTS, market_pages
from tests.news.world import NEWS_POSTS, news_pages
from tests.programs.world import programme_pages


class Built(dict):
    """A capability's objects of the world, built the first time a test asks for one of
    them: a test of one capability's pages does not pay for every other's."""

    def __init__(self, build):
        super().__init__()
        self._build = build

    def built(self):
        """The objects, built now if no test asked for one yet."""
        if self._build is not None:
            build, self._build = self._build, None
            self.update(build())
        return self

    def __missing__(self, key):
        if self._build is None:
            raise KeyError(key)
        return self.built()[key]


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
    jobs: dict = field(default_factory=dict)
    news: dict = field(default_factory=dict)
    filings: dict = field(default_factory=dict)
    awards: dict = field(default_factory=dict)
    finance: dict = field(default_factory=dict)
    benefits: dict = field(default_factory=dict)
    market: dict = field(default_factory=dict)
    copyright: dict = field(default_factory=dict)


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
    *news_pages("government"),
    *filing_pages("government"),
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
    *news_pages("park"),
    Page("enterprise:home", "enterprise"),
    Page("enterprise:profile", "enterprise"),
    Page("enterprise:profile_edit", "enterprise", role_without_right=STAFF),
    Page("enterprise:members", "enterprise"),
    *programme_pages("enterprise"),
    *filing_pages("enterprise"),
    Page("enterprise:exhibition_list", "enterprise", role_without_right=STAFF),
    Page(
        "enterprise:exhibition_apply",
        "enterprise",
        own=lambda w: [w.events["park"].pk],
        role_without_right=STAFF,
    ),
    Page("individual:home", "individual"),
    Page("individual:profile", "individual"),
    Page("individual:api_tokens", "individual"),
    Page("individual:export_list", "individual"),
    Page(
        "individual:export_detail",
        "individual",
        own=lambda w: [ExportFileFactory(user=w.people[("individual", enums.Role.ADMIN)]).pk],
        other=lambda w: [ExportFileFactory(user=w.people[("park", enums.Role.ADMIN)]).pk],
    ),
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
        Page(
            f"{portal}:member_sign_out",
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
    *job_pages("government"),
    *job_pages("park"),
    *job_pages("enterprise"),
    *job_pages("individual"),
    *awards.award_pages("government"),
    *awards.award_pages("enterprise"),
    *awards.award_pages("individual"),
    *dashboard_pages("government"),
    *dashboard_pages("park"),
    *dashboard_pages("enterprise"),
    *finance_pages("enterprise"),
    *finance_pages("individual"),
    *benefit_pages("park"),
    *benefit_pages("government"),
    *benefit_pages("individual"),
    *market_pages("enterprise"),
    *market_pages("park"),
    *market_pages("government"),
    *copyright_pages("enterprise"),
    *copyright_pages("government"),
    *copyright_pages("individual"),
]

# POST-only or redirecting views: their own tests below say what they do.
NOT_A_PAGE = {
    "portals:switch",
    "portals:home",
    "individual:notification_open",
    "individual:sign-out-everywhere",
    # Tested in tests/accounts/test_api_tokens.py: another person's token is not found.
    "individual:api_token_revoke",
    # Tested in tests/core/test_exports.py: only the person who asked downloads the file.
    "individual:export_download",
    *JOB_ACTIONS,
    *awards.NOT_A_PAGE,
    *FINANCE_ACTIONS,
    *BENEFIT_ACTIONS,
    *MARKET_ACTIONS,
    *COPYRIGHT_ACTIONS,
    *FILING_ACTIONS,
}

ORGANIZATION_PAGES = [page for page in PAGES if page.portal != "individual"]
OBJECT_PAGES = [page for page in PAGES if page.other is not None]
RESTRICTED_PAGES = [page for page in PAGES if page.role_without_right is not None]

# Every portal URL that takes a POST, with the role refused it (None: every member may post).
# Most follow the page; a page every member sees may still keep its POST to those with the
# right (publishing an event, deciding a case). A guard test keeps this table complete.
POST_RIGHTS = {
    "individual:profile": None,
    "individual:api_tokens": None,
    "individual:registration_cancel": None,
    "individual:invitation_accept": None,
    # The export button: every member who sees the enterprises may export them.
    "park:enterprise_list": None,
    "government:enterprise_list": None,
    "government:notice_edit": STAFF,
    **{
        f"{portal}:{name}": STAFF
        for portal in ("government", "park", "enterprise")
        for name in ("member_invite", "member_change", "member_remove", "member_sign_out")
    },
    "enterprise:profile_edit": STAFF,
    "enterprise:application_create": STAFF,
    "enterprise:application_edit": STAFF,
    "enterprise:application_materials": STAFF,
    "enterprise:application_submit": STAFF,
    "enterprise:application_withdraw": STAFF,
    "enterprise:exhibition_list": STAFF,
    "enterprise:exhibition_apply": STAFF,
    "park:profile_edit": STAFF,
    "park:import_list": STAFF,
    "park:import_detail": STAFF,
    "park:enterprise_admit": STAFF,
    "park:enterprise_release": STAFF,
    "park:review_detail": STAFF,
    "park:base_declare": STAFF,
    "park:base_declaration_edit": STAFF,
    "park:base_material_upload": STAFF,
    "park:base_declaration_submit": STAFF,
    "park:base_declaration_withdraw": STAFF,
    "park:base_annual_create": STAFF,
    "government:import_list": STAFF,
    "government:import_detail": STAFF,
    "government:review_detail": STAFF,
    "government:base_round_create": STAFF,
    "government:base_round_edit": STAFF,
    "government:base_round_delete": STAFF,
    "government:base_annual_detail": STAFF,
    "government:base_end": STAFF,
    "government:policy_create": STAFF,
    "government:policy_edit": STAFF,
    "government:policy_attach": STAFF,
    "government:programme_create": STAFF,
    "government:programme_edit": STAFF,
    "government:programme_rules": STAFF,
    "government:programme_form": STAFF,
    "government:programme_qualifying": STAFF,
    "government:notice_create": STAFF,
    "government:notice_detail": STAFF,
    "government:objection_answer": STAFF,
    **{
        f"{portal}:{name}": STAFF
        for portal in ("park", "government")
        for name in (
            "event_create",
            "event_detail",
            "event_edit",
            "part_create",
            "event_organizers",
            "event_agenda",
            "session_edit",
            "event_exhibitors",
            "event_films",
            "film_edit",
            "event_questions",
            "event_registrations",
        )
    },
    # Staff check people in: the door is their job.
    "park:event_check_in": None,
    "government:event_check_in": None,
    **JOB_POST_RIGHTS,
    **NEWS_POSTS,
    **FILING_POST_RIGHTS,
    **awards.POST_RIGHTS,
    **DASHBOARD_POST_RIGHTS,
    **FINANCE_POST_RIGHTS,
    **BENEFIT_POST_RIGHTS,
    **MARKET_POST_RIGHTS,
    **COPYRIGHT_POST_RIGHTS,
}


@dataclass(frozen=True)
class Post:
    """A POST to a portal URL: the page it is sent to, and the role refused it."""

    page: Page
    role_without_right: str | None

    @property
    def name(self):
        return self.page.name

    @property
    def portal(self):
        return self.page.portal

    def url(self, world, *, other=False):
        return self.page.url(world, other=other)


_PAGES_BY_NAME = {page.name: page for page in PAGES}
POSTS = [Post(_PAGES_BY_NAME[name], role) for name, role in POST_RIGHTS.items()]
ORGANIZATION_POSTS = [post for post in POSTS if post.portal != "individual"]
OBJECT_POSTS = [post for post in POSTS if post.page.other is not None]
RESTRICTED_POSTS = [post for post in POSTS if post.role_without_right is not None]
