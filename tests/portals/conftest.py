import copy

import pytest
from django.contrib.contenttypes.models import ContentType

from cloudpark.orgs import enums
from cloudpark.reviews import services as review_services
from tests.awards.world import awards_world
from tests.bases.world import bases_world
from tests.benefits.world import benefits_world
from tests.copyright.world import copyright_world
from tests.database import module_transaction
from tests.events.world import event_world
from tests.factories import (
    GovernmentBodyFactory,
    MembershipFactory,
    OtherOrganizationFactory,
    ParkFactory,
    enterprise_in,
)
from tests.filings.world import filings_world
from tests.finance.world import finance_world
from tests.jobs.world import jobs_world
from tests.market.world import market_world
from tests.news.world import news_world
from tests.portals.pages import Built, World
from tests.portals.workbooks import checked_import
from tests.programs.world import programme_world
from tests.reviews.flow import TEST_FLOW


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """Query counts must not depend on which test ran first and filled Django's cache."""
    ContentType.objects.clear_cache()


@pytest.fixture
def world(db, media_root):
    return build_world()


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for a whole module of read-mostly checks (the permission matrices), built once
    inside a transaction that is rolled back when the module ends. Each test runs inside it, in
    its own savepoint, as Django's ``TestCase.setUpTestData`` does, and gets its own copy of the
    world's objects. The capabilities' parts are built up front, and uploads go to the module's
    folder."""
    with module_transaction(django_db_blocker, tmp_path_factory.mktemp("media")):
        world = build_world()
        # The benefits part stays built on demand: it makes the outsider work at an
        # enterprise, which the enterprise portal's "outside the portal" checks must not see.
        for part in (
            *(world.jobs, world.news, world.filings, world.awards),
            *(world.finance, world.market, world.copyright),
        ):
            part.built()
        yield world


@pytest.fixture
def copied_world(db, shared_world):
    """This test's copy of the module's world; what the test writes is rolled back after it."""
    return copy.deepcopy(shared_world)


def build_world():
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
    world.cases.update(review_cases(world))
    world.events.update(event_world(world))
    world.bases.update(bases_world(world))
    world.programs.update(programme_world(world))
    # The newer capabilities' objects are built when a test first reaches for one.
    world.jobs = Built(lambda: jobs_world(world))
    world.news = Built(lambda: news_world(world))
    world.filings = Built(lambda: filings_world(world))
    world.awards = Built(lambda: awards_world(world))
    world.finance = Built(lambda: finance_world(world))
    world.benefits = Built(lambda: benefits_world(world))
    world.market = Built(lambda: market_world(world))
    world.copyright = Built(lambda: copyright_world(world))
    return world


def review_cases(world):
    """A case before each park, and one before each government body."""

    def submitted(park):
        enterprise = enterprise_in(park)
        return review_services.submit(
            enterprise, flow=TEST_FLOW, applicant=enterprise, actor=None, label=enterprise.name
        )

    def at_government(park):
        admin = MembershipFactory(organization=park, role=enums.Role.ADMIN).user
        return review_services.decide(
            submitted(park), actor=admin, stage_key="park_opinion", decision="advance"
        )

    return {
        "park": submitted(world.park),
        "other_park": submitted(world.other_park),
        "government": at_government(world.park),
        "other_government": at_government(world.other_park),
    }
