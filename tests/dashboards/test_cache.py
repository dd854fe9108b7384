"""The boards each process keeps of what it read from the cache: used again under the same
key, never past a new version (even one another process wrote), never for another
organisation, never past the cache's entry, and no more of them than the bound."""

import pickle
import time
from decimal import Decimal

import pytest
from django.core.cache import cache as shared
from django.db.models import F
from django.urls import reverse

from cloudpark.core import versions
from cloudpark.dashboards import cache
from cloudpark.dashboards.models import Figure
from tests.dashboards.figures import LAST, build_zone
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def zone(db):
    return build_zone()


@pytest.fixture
def boards_asked(monkeypatch):
    """The keys of the boards the shared cache is asked for."""
    asked = []
    get_or_set = shared.get_or_set

    def counted(key, *args, **kwargs):
        asked.append(key)
        return get_or_set(key, *args, **kwargs)

    monkeypatch.setattr(shared, "get_or_set", counted)
    return asked


def kpi_value(board, code):
    return next(kpi.value for kpi in board.kpis if kpi.metric.code == code)


def test_the_second_request_reads_the_board_kept_in_the_process(client, zone, boards_asked):
    client.force_login(admin_of(zone.government))

    first = client.get(reverse("government:dashboard"))
    again = client.get(reverse("government:dashboard"))

    boards = [key for key in boards_asked if key.startswith("dashboards:board:")]
    assert len(boards) == 1
    assert again.context["board"] is first.context["board"]
    assert again.content.count(b'id="chart-data-') == first.content.count(b'id="chart-data-') > 0


def test_pages_leave_the_kept_board_as_it_was(client, zone):
    client.force_login(admin_of(zone.government))
    board = client.get(reverse("government:dashboard")).context["board"]
    before = pickle.dumps(board)

    client.get(reverse("government:dashboard"))
    client.get(reverse("government:dashboard"), {"format": "xlsx"})
    client.get(reverse("government:dashboard"), {"format": "xlsx", "chart": "by_park"})

    assert pickle.dumps(board) == before


def test_a_version_another_process_wrote_is_seen_on_the_next_request(client, zone):
    client.force_login(admin_of(zone.government))
    before = client.get(reverse("government:dashboard")).context["board"]

    # Another process stores new figures and renews the version in the shared cache; this
    # process hears of neither through its own signals.
    Figure.objects.filter(metric="revenue", year=LAST).update(value=F("value") + 1)
    versions.renew(cache.VERSION_KEY)
    after = client.get(reverse("government:dashboard")).context["board"]

    stored = Figure.objects.filter(
        metric="revenue", year=LAST, park__in=[zone.park, zone.second_park]
    )
    assert kpi_value(after, "revenue") == kpi_value(before, "revenue") + stored.count()
    assert stored.count() > 0
    assert kpi_value(before, "revenue") == Decimal("9580.00")


def test_a_board_kept_in_the_process_is_not_another_parks(client, zone):
    client.force_login(admin_of(zone.park))
    client.get(reverse("park:dashboard"))
    mine = client.get(reverse("park:dashboard")).context["board"]
    client.force_login(admin_of(zone.second_park))

    theirs = client.get(reverse("park:dashboard")).context["board"]

    assert kpi_value(mine, "enterprises") == 3
    assert kpi_value(theirs, "enterprises") == 2


def test_the_right_is_checked_before_a_kept_board_is_used(client, zone):
    client.force_login(admin_of(zone.park))
    client.get(reverse("park:dashboard"))
    client.force_login(admin_of(zone.film))

    response = client.get(reverse("park:dashboard"))

    assert response.status_code != 200
    assert "board" not in (response.context or {})


def test_a_kept_board_does_not_outlive_the_caches_entry(monkeypatch):
    built = []
    cache.cached("dashboards:test:expiry", lambda: built.append(1) or "board")
    later = time.time() + cache.BOARD_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)

    assert cache.cached("dashboards:test:expiry", lambda: built.append(2) or "board") == "board"
    assert built == [1, 2]


def test_the_process_keeps_no_more_boards_than_its_bound(monkeypatch, boards_asked):
    monkeypatch.setattr(cache, "KEPT_IN_PROCESS", 2)
    keys = [f"dashboards:test:bound:{number}" for number in range(3)]
    for key in keys:
        cache.cached(key, lambda key=key: key)
    cache.cached(keys[2], lambda: "not asked")
    cache.cached(keys[1], lambda: "not asked")
    asked_before = len(boards_asked)

    # The oldest went when the third came in; the shared cache still holds it.
    assert cache.cached(keys[0], lambda: "not asked") == keys[0]
    assert boards_asked[asked_before:] == [f"{keys[0]}:dated"]
    assert len(cache._in_process) <= 2
