"""The tally's arithmetic, against figures worked out by hand."""

from decimal import Decimal as D

from cloudpark.awards import tally
from cloudpark.awards.enums import AwardLevel
from cloudpark.awards.services.judging import _levels


def test_a_jurors_score_is_the_weighted_mean_of_the_criteria():
    # (8×4 + 6×3 + 10×3) / 10
    assert tally.weighted({1: D(8), 2: D(6), 3: D(10)}, {1: D(4), 2: D(3), 3: D(3)}) == D(8)


def test_the_trimmed_mean_drops_the_highest_and_lowest_of_five_scores():
    # raw (5+7+8+9+10)/5 = 7.8; trimmed (7+8+9)/3 = 8
    scores = [D(5), D(7), D(8), D(9), D(10)]

    assert (tally.mean(scores), tally.trimmed_mean(scores)) == (D("7.8"), D(8))


def test_the_trimmed_mean_of_four_scores_is_the_mean():
    scores = [D(5), D(7), D(8), D(9)]

    assert tally.trimmed_mean(scores) == tally.mean(scores) == D("7.25")


def test_normalising_puts_a_severe_and_a_lenient_juror_on_one_footing():
    # J1 gives 8 and 6, J2 gives 4 and 2: both rank A one spread above their mean. The round's
    # scores have mean 5 and spread √5, so A is 5 + √5 for both and B is 5 − √5.
    scores = {("J1", "A"): D(8), ("J1", "B"): D(6), ("J2", "A"): D(4), ("J2", "B"): D(2)}

    result = tally.normalised(scores, low=D(0), high=D(10))

    root5 = D(5).sqrt()
    assert result == {
        ("J1", "A"): 5 + root5,
        ("J1", "B"): 5 - root5,
        ("J2", "A"): 5 + root5,
        ("J2", "B"): 5 - root5,
    }


def test_a_juror_who_gives_one_score_to_all_counts_as_the_round_mean():
    scores = {("J1", "A"): D(7), ("J1", "B"): D(7), ("J2", "A"): D(9), ("J2", "B"): D(1)}

    result = tally.normalised(scores, low=D(0), high=D(10))

    assert (result[("J1", "A")], result[("J1", "B")]) == (D(6), D(6))


def test_competition_ranks_share_a_rank_and_skip_the_next():
    assert tally.competition_ranks({"a": D(9), "b": D(8), "c": D(8), "d": D(7)}) == {
        "a": 1,
        "b": 2,
        "c": 2,
        "d": 4,
    }


def test_the_tally_shows_every_measure_and_rank_side_by_side():
    scores = {("J1", "A"): D(8), ("J1", "B"): D(6), ("J2", "A"): D(4), ("J2", "B"): D(2)}

    standings = {s.entry: s for s in tally.tally_scores(scores, low=D(0), high=D(10), places=1)}

    a, b = standings["A"], standings["B"]
    assert (a.raw, a.trimmed, a.normalised, a.rank_raw, a.rank_trimmed, a.rank_normalised) == (
        D("6.000"),
        D("6.000"),
        D("7.236"),
        1,
        1,
        1,
    )
    assert (b.raw, b.trimmed, b.normalised, b.rank) == (D("4.000"), D("4.000"), D("2.764"), 2)


def test_equal_scores_are_flagged_as_tied():
    scores = {(j, e): D(8) for j in ("J1", "J2", "J3") for e in ("A", "B")}

    standings = tally.tally_scores(scores, low=D(0), high=D(10), places=1)

    assert [(s.rank, s.tied) for s in standings] == [(1, True), (1, True)]


def test_an_award_that_hangs_on_one_juror_is_marked_unstable():
    # A: 10, 10, 2 (mean 7.333) beats B: 7, 7, 7; without J1, A has 6 and B wins.
    scores = {
        ("J1", "A"): D(10),
        ("J2", "A"): D(10),
        ("J3", "A"): D(2),
        ("J1", "B"): D(7),
        ("J2", "B"): D(7),
        ("J3", "B"): D(7),
    }

    standings = {
        s.entry: s
        for s in tally.tally_scores(scores, low=D(0), high=D(10), rank_by=tally.RAW, places=1)
    }

    assert (standings["A"].rank, standings["A"].stable, standings["B"].stable) == (1, False, False)


def test_a_clear_award_is_stable():
    scores = {(j, "A"): D(9) for j in ("J1", "J2", "J3")} | {
        (j, "B"): D(5) for j in ("J1", "J2", "J3")
    }

    standings = tally.tally_scores(scores, low=D(0), high=D(10), places=1)

    assert [s.stable for s in standings] == [True, True]


def test_categories_are_ranked_apart():
    scores = {("J1", "A"): D(9), ("J1", "B"): D(5), ("J1", "C"): D(3)}

    standings = tally.tally_scores(
        scores, low=D(0), high=D(10), places=1, groups={"A": "doc", "B": "doc", "C": "sv"}
    )

    assert {s.entry: s.rank for s in standings} == {"A": 1, "B": 2, "C": 1}


def test_votes_are_counted_ranked_and_checked_for_stability():
    # A 2 votes, B 1, C 1. Without ballot b1, A and C tie for the one place; without b2, all
    # three do: B and C could reach it, A keeps it whatever ballot is left out.
    ballots = {"b1": ["A", "B"], "b2": ["A"], "b3": ["C"]}

    standings = {s.entry: s for s in tally.tally_votes(ballots, places=1)}

    assert {e: (s.rank, s.tied, s.stable) for e, s in standings.items()} == {
        "A": (1, False, True),
        "B": (2, True, False),
        "C": (2, True, False),
    }


def test_levels_follow_the_quotas_in_rank_order():
    category = _Category({AwardLevel.FIRST: 1, AwardLevel.SECOND: 2})
    standings = [_Standing("A", 1), _Standing("B", 2), _Standing("C", 2), _Standing("D", 4)]

    assert _levels(standings, category) == {
        "A": AwardLevel.FIRST,
        "B": AwardLevel.SECOND,
        "C": AwardLevel.SECOND,
    }


def test_a_tie_across_a_quota_drops_whole_to_the_next_level():
    category = _Category({AwardLevel.FIRST: 1, AwardLevel.SECOND: 2})
    standings = [_Standing("A", 1), _Standing("B", 1), _Standing("C", 3)]

    assert _levels(standings, category) == {"A": AwardLevel.SECOND, "B": AwardLevel.SECOND}


class _Category:
    def __init__(self, quotas):
        self.quota_by_level = quotas


class _Standing:
    def __init__(self, entry, rank):
        self.entry, self.rank = entry, rank
