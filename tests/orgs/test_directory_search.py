"""A searched directory: the most relevant matches first, from the newest ones read off the
index, in the list's scope, counted no further than a cap; and nothing that holds the query
is ever missed. On the database the suite runs on (SQLite FTS5 or PostgreSQL)."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cloudpark.core import search
from cloudpark.orgs import selectors
from cloudpark.orgs.models import Enterprise
from tests.factories import EnterpriseFactory, GovernmentBodyFactory, ParkFactory


def names_of(ranked):
    by_id = dict(Enterprise.objects.filter(pk__in=ranked.ids).values_list("pk", "name"))
    return [by_id[pk] for pk in ranked.ids]


@pytest.fixture
def small_spans(monkeypatch):
    """Walk the ids two at a time (then 8, 32...), as a million rows walk 8,192 at a time."""
    monkeypatch.setattr(search, "FIRST_SPAN", 2)


def test_the_closest_names_come_first_and_the_newest_among_equals(db, small_spans):
    for name in ["视园影视中心", "之江影视园区", "影视园", "杭州影视园有限公司", "影视园区公司"]:
        EnterpriseFactory(name=name)
    EnterpriseFactory(name="影视传媒", name_en="Yingshi Yuan Film")

    ranked = selectors.directory_search(query="影视园")

    assert names_of(ranked) == [
        "影视园",  # the name is the query
        "影视园区公司",  # starts with it
        "杭州影视园有限公司",  # holds it, the newer of two
        "之江影视园区",
        "视园影视中心",  # holds its pieces only
    ]
    assert (ranked.count, ranked.more, ranked.complete) == (5, False, True)


def test_a_match_on_the_english_name_comes_after_the_chinese_ones(db):
    film = EnterpriseFactory(name="之江传媒", name_en="Zhijiang Film Media")
    named = EnterpriseFactory(name="Film 工作室", name_en="Studio")

    ranked = selectors.directory_search(query="film")

    assert ranked.ids == [named.pk, film.pk]


def test_the_newest_candidates_are_ranked_and_the_matches_counted_to_the_cap(
    db, small_spans, monkeypatch
):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 3)
    monkeypatch.setattr(selectors, "SEARCH_COUNT_CAP", 4)
    oldest = EnterpriseFactory(name="影视")
    others = [EnterpriseFactory(name=f"影视{n}号公司") for n in range(5)]
    EnterpriseFactory(name="出版公司")

    ranked = selectors.directory_search(query="影视")

    # The oldest is the closest match, but not among the three newest matches.
    assert oldest.pk not in ranked.ids
    assert ranked.ids == [others[4].pk, others[3].pk, others[2].pk]
    assert (ranked.count, ranked.more, ranked.complete) == (4, True, False)


def test_a_count_below_the_cap_past_the_candidates_is_exact(db, small_spans, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 2)
    for n in range(5):
        EnterpriseFactory(name=f"影视{n}号公司")
        EnterpriseFactory(name=f"出版{n}号公司")

    ranked = selectors.directory_search(query="影视")

    assert (len(ranked.ids), ranked.count, ranked.more, ranked.complete) == (2, 5, False, False)


def test_a_government_body_finds_only_the_enterprises_in_its_care(db, small_spans):
    overseen, elsewhere = ParkFactory(), ParkFactory()
    government = GovernmentBodyFactory(jurisdiction=[overseen])
    inside = EnterpriseFactory(name="之江影视公司", park=overseen)
    EnterpriseFactory(name="滨江影视公司", park=elsewhere)
    EnterpriseFactory(name="西湖影视公司")

    result = [
        selectors.directory_search(government, query="影视").ids,
        selectors.directory_search(overseen, query="影视").ids,
        selectors.directory_search(elsewhere, query="之江").ids,
    ]

    assert result == [[inside.pk], [inside.pk], []]


def test_the_list_filters_narrow_the_search(db, small_spans):
    park = ParkFactory()
    inside = EnterpriseFactory(name="之江影视公司", park=park)
    EnterpriseFactory(name="滨江影视公司")

    ranked = selectors.directory_search(query="影视", park=park)

    assert (ranked.ids, ranked.count) == ([inside.pk], 1)


def test_a_query_with_no_pieces_finds_nothing(db):
    EnterpriseFactory(name="之江影视公司")

    ranked = selectors.directory_search(query=" ·。")

    assert (ranked.ids, ranked.count, ranked.complete) == ([], 0, True)


# Recall ---------------------------------------------------------------------------------------

ALPHABET = "影视园区公司文化"
name_strategy = st.text(alphabet=ALPHABET, min_size=1, max_size=6)


@hypothesis_settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(name_strategy, min_size=1, max_size=6),
    query=st.text(alphabet=ALPHABET, min_size=1, max_size=3),
    span=st.integers(min_value=1, max_value=5),
    scan=st.integers(min_value=0, max_value=12),
)
def test_every_enterprise_whose_name_holds_the_query_is_found(
    db, monkeypatch, names, query, span, scan
):
    # Small ranges, and (PostgreSQL) the rest read through the index after ``scan`` ids.
    monkeypatch.setattr(search, "FIRST_SPAN", span)
    monkeypatch.setattr(search, "SCAN_IDS", scan)
    with transaction.atomic():
        made = {EnterpriseFactory(name=name).pk: name for name in names}

        ranked = selectors.directory_search(query=query)

        holding = {pk for pk, name in made.items() if query in name}
        # Every holder found, ahead of those that hold the query's pieces only.
        assert set(ranked.ids[: len(holding)]) == holding
        assert set(ranked.ids) == set(
            search.search(Enterprise.objects.all(), query).values_list("pk", flat=True)
        )
        assert ranked.count == len(ranked.ids)
        transaction.set_rollback(True)
