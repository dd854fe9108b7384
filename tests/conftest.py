"""Fixtures the whole suite shares: a park with a resident enterprise, a second park, a
government body overseeing the first park, and a way to make members of organisations."""

import os

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from cloudpark.demo.loader import load_demo
from tests.database import module_transaction
from tests.factories import (
    EnterpriseFactory,
    GovernmentBodyFactory,
    MembershipFactory,
    ParkFactory,
    UserFactory,
)

# Few examples by default to keep the suite fast; HYPOTHESIS_PROFILE=thorough for a deep run.
# No example database: failures print their example; .hypothesis/ only holds caches. No
# deadline: an example is judged by what it returns, not by how long a busy machine took.
hypothesis_settings.register_profile("fast", max_examples=30, database=None, deadline=None)
hypothesis_settings.register_profile("thorough", max_examples=2000, database=None, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


def pytest_runtest_setup(item):
    """``@pytest.mark.postgres`` tests run on PostgreSQL only."""
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def park(db):
    return ParkFactory(name="之江文化产业园", name_en="Zhijiang Cultural Industry Park")


@pytest.fixture
def other_park(db):
    return ParkFactory(name="滨江数字文化基地", name_en="Binjiang Digital Culture Base")


@pytest.fixture
def government(db, park):
    """A municipal body with ``park`` in its jurisdiction."""
    return GovernmentBodyFactory(
        name="杭州市文化广电旅游局", name_en="Hangzhou Culture Bureau", jurisdiction=[park]
    )


@pytest.fixture
def enterprise(db, park):
    """An enterprise resident in ``park`` (admitted by the real service)."""
    return EnterpriseFactory(park=park)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def member(db):
    """``member(organization, role="admin", **membership_fields) -> User``."""

    def make(organization, role="admin", **fields):
        return MembershipFactory(organization=organization, role=role, **fields).user

    return make


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder that pytest removes."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _language_reset():
    """A test that activates a language (a page rendered in Chinese, an e-mail in the
    recipient's language) leaves the next test on this worker in the default one."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached totals and choices must not outlive the test (and its database) they came from."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def demo(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the module (dated up to the module's ``TODAY``, if it has
    one) and rolled back after its last test; ``True`` as ``load_demo`` returns it."""
    with module_transaction(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield load_demo(today=getattr(request.module, "TODAY", None))
