"""The permission matrix over every portal URL.

For each page: anonymous -> sign in; no membership in that portal -> 403; the object of
another organisation -> 404; a member without the right -> 403; a member with it -> 200.
A guard test fails when a portal URL is missing from the matrix.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import get_resolver, reverse

from cloudpark.orgs import enums
from tests.factories import (
    GovernmentBodyFactory,
    MembershipFactory,
    OtherOrganizationFactory,
    ParkFactory,
    UserFactory,
    enterprise_in,
)
from tests.portals.workbooks import checked_import

PORTAL_NAMESPACES = ("government", "park", "enterprise", "individual", "portals")


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


@pytest.fixture
def world(db, media_root):
    park = ParkFactory()
    other_park = ParkFactory()
    government = GovernmentBodyFactory(jurisdiction=[park])
    other_government = GovernmentBodyFactory(jurisdiction=[other_park])
    enterprise = enterprise_in(park)
    other_enterprise = enterprise_in(other_park)
    world = World(
        park=park,
        other_park=other_park,
        government=government,
        other_government=other_government,
        enterprise=enterprise,
        other_enterprise=other_enterprise,
        park_import=checked_import(park),
        other_park_import=checked_import(other_park),
        government_import=checked_import(government),
        other_government_import=checked_import(other_government),
    )
    for key, organization in {
        "park": park,
        "government": government,
        "enterprise": enterprise,
    }.items():
        for role in (enums.Role.ADMIN, enums.Role.STAFF):
            world.people[(key, role)] = MembershipFactory(organization=organization, role=role).user
    # Belongs to an association only: no government, park or enterprise portal.
    outsider = MembershipFactory(organization=OtherOrganizationFactory()).user
    world.people["outsider"] = outsider
    world.people[("individual", enums.Role.ADMIN)] = outsider
    return world


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
    Page("enterprise:home", "enterprise"),
    Page("enterprise:profile", "enterprise"),
    Page("enterprise:profile_edit", "enterprise", role_without_right=STAFF),
    Page("enterprise:members", "enterprise"),
    Page("individual:home", "individual"),
    Page("individual:profile", "individual"),
]
# POST-only or redirecting views: their own tests below say what they do.
NOT_A_PAGE = {"portals:switch", "portals:home"}

ORGANIZATION_PAGES = [page for page in PAGES if page.portal != "individual"]
OBJECT_PAGES = [page for page in PAGES if page.other is not None]
RESTRICTED_PAGES = [page for page in PAGES if page.role_without_right is not None]


def _portal_url_names():
    names = set()
    resolver = get_resolver()
    for namespace in PORTAL_NAMESPACES:
        sub = resolver.namespace_dict[namespace][1]
        for key in sub.reverse_dict:
            if isinstance(key, str):
                names.add(f"{namespace}:{key}")
    return names


def test_every_portal_url_is_in_the_matrix():
    in_matrix = {page.name for page in PAGES} | NOT_A_PAGE

    missing = _portal_url_names() - in_matrix

    assert missing == set()


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_anonymous_visitors_are_sent_to_sign_in(client, world, page):
    url = page.url(world)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("page", ORGANIZATION_PAGES, ids=lambda page: page.name)
def test_people_outside_the_portal_are_refused(client, world, page):
    client.force_login(world.people["outsider"])

    response = client.get(page.url(world))

    assert response.status_code == 403


@pytest.mark.parametrize("page", OBJECT_PAGES, ids=lambda page: page.name)
def test_another_organisations_object_is_not_found(client, world, page):
    client.force_login(world.people[(page.portal, enums.Role.ADMIN)])

    response = client.get(page.url(world, other=True))

    assert response.status_code == 404


@pytest.mark.parametrize("page", RESTRICTED_PAGES, ids=lambda page: page.name)
def test_members_without_the_right_are_refused(client, world, page):
    client.force_login(world.people[(page.portal, page.role_without_right)])

    response = client.get(page.url(world))

    assert response.status_code == 403


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_members_with_the_right_see_the_page(client, world, page):
    client.force_login(world.people[(page.portal, enums.Role.ADMIN)])

    response = client.get(page.url(world))

    assert response.status_code == 200


def test_staff_cannot_release_an_enterprise_by_post(client, world):
    client.force_login(world.people[("park", enums.Role.STAFF)])

    response = client.post(
        reverse("park:enterprise_release", args=[world.enterprise.pk]), {"note": "x"}
    )

    world.enterprise.refresh_from_db()
    assert response.status_code == 403
    assert world.enterprise.park_id == world.park.pk


def test_staff_cannot_run_an_import_by_post(client, world):
    client.force_login(world.people[("park", enums.Role.STAFF)])

    response = client.post(reverse("park:import_detail", args=[world.park_import.pk]))

    world.park_import.refresh_from_db()
    assert response.status_code == 403
    assert world.park_import.status == enums.ImportStatus.CHECKED


def test_staff_cannot_edit_the_enterprise_profile_by_post(client, world):
    client.force_login(world.people[("enterprise", enums.Role.STAFF)])
    name = world.enterprise.name

    response = client.post(reverse("enterprise:profile_edit"), {"name": "改名"})

    world.enterprise.refresh_from_db()
    assert response.status_code == 403
    assert world.enterprise.name == name


def test_a_park_cannot_release_another_parks_enterprise(client, world):
    client.force_login(world.people[("park", enums.Role.ADMIN)])

    response = client.post(reverse("park:enterprise_release", args=[world.other_enterprise.pk]), {})

    world.other_enterprise.refresh_from_db()
    assert response.status_code == 404
    assert world.other_enterprise.park_id == world.other_park.pk


def test_switching_to_a_membership_opens_its_portal(client, world):
    person = world.people[("park", enums.Role.ADMIN)]
    membership = MembershipFactory(user=person, organization=world.enterprise)
    client.force_login(person)

    response = client.post(reverse("portals:switch", args=[membership.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("enterprise:home")
    assert client.session["cloudpark_membership"] == membership.pk


def test_switching_to_someone_elses_membership_is_not_found(client, world):
    others = MembershipFactory(organization=world.park)
    client.force_login(world.people[("enterprise", enums.Role.ADMIN)])

    response = client.post(reverse("portals:switch", args=[others.pk]))

    assert response.status_code == 404
    assert "cloudpark_membership" not in client.session


def test_the_way_in_leads_to_the_portal_last_acted_for(client, world):
    person = world.people[("park", enums.Role.ADMIN)]
    membership = MembershipFactory(user=person, organization=world.enterprise)
    client.force_login(person)
    client.post(reverse("portals:switch", args=[membership.pk]))

    response = client.get(reverse("portals:home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("enterprise:home")


def test_the_way_in_leads_a_person_without_organisations_to_their_own_page(client, db):
    client.force_login(UserFactory())

    response = client.get(reverse("portals:home"))

    assert response["Location"] == reverse("individual:home")


def test_the_way_in_asks_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("portals:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
