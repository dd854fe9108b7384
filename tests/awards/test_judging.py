"""Scoring, ballots, closing and the tally of a round, through the services."""

from datetime import timedelta
from decimal import Decimal

import pytest

from cloudpark.awards import enums, selectors, services
from cloudpark.awards.models import Assignment, BallotReceipt, Result, Score, Vote
from cloudpark.core.errors import DomainError
from tests.factories import EnterpriseFactory
from tests.factories.awards import (
    assigned_round,
    eligible_entry,
    judging,
    jury,
    open_scheme,
    scores_for,
)
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored_round():
    """A final scored round with two documentaries and five jurors, assigned."""
    scheme = open_scheme()
    first = eligible_entry(scheme, EnterpriseFactory(), title="甲")
    second = eligible_entry(scheme, EnterpriseFactory(), title="乙")
    jurors = jury(scheme, 5, chair=True)
    judging(scheme)
    return assigned_round(scheme), first, second, jurors


def test_a_score_outside_the_scale_is_refused_and_nothing_is_written(scored_round):
    judging_round, entry, _second, jurors = scored_round
    scheme = judging_round.scheme
    scores = scores_for(scheme, "8")
    scores[scheme.criteria.last().pk] = ("11", "")

    with pytest.raises(DomainError) as refusal:
        services.score_entry(judging_round, entry, actor=jurors[0].user, scores=scores)

    assert "outside the scale" in str(refusal.value)
    assert Score.objects.count() == 0
    assert Assignment.objects.get(entry=entry, juror=jurors[0]).state == (
        enums.AssignmentState.ASSIGNED
    )


def test_a_juror_cannot_score_an_entry_not_assigned_to_them(scored_round):
    judging_round, entry, _second, jurors = scored_round
    chair = jurors[-1]

    with pytest.raises(DomainError) as refusal:
        services.score_entry(
            judging_round, entry, actor=chair.user, scores=scores_for(judging_round.scheme, "9")
        )

    assert "not assigned to you" in str(refusal.value)
    assert Score.objects.count() == 0


def test_every_criterion_must_be_scored(scored_round):
    judging_round, entry, _second, jurors = scored_round
    scores = scores_for(judging_round.scheme, "8")
    scores.popitem()

    with pytest.raises(DomainError):
        services.score_entry(judging_round, entry, actor=jurors[0].user, scores=scores)

    assert Score.objects.count() == 0


def test_other_jurors_scores_stay_hidden_until_the_round_closes(scored_round):
    judging_round, entry, _second, jurors = scored_round
    for juror in jurors[:2]:
        services.score_entry(
            judging_round, entry, actor=juror.user, scores=scores_for(judging_round.scheme, "8")
        )

    while_open = {
        s.assignment.juror_id for s in selectors.scores_visible_to(jurors[0].user, judging_round)
    }
    services.close_round(judging_round, actor=admin_of(judging_round.scheme.owner))
    judging_round.refresh_from_db()
    once_closed = {
        s.assignment.juror_id for s in selectors.scores_visible_to(jurors[0].user, judging_round)
    }

    assert (while_open, once_closed) == ({jurors[0].pk}, {jurors[0].pk, jurors[1].pk})


def test_the_chair_sees_progress_as_counts(scored_round):
    judging_round, entry, _second, jurors = scored_round
    services.score_entry(
        judging_round, entry, actor=jurors[0].user, scores=scores_for(judging_round.scheme, "8")
    )

    progress = {
        j.name: (j.assigned, j.judged, j.recused) for j in selectors.progress_of(judging_round)
    }

    assert progress["评委1"] == (2, 1, 0)
    assert progress["评委2"] == (2, 0, 0)


def _score_all(judging_round, first, second, values):
    """values: per voting juror, (score for ``first``, score for ``second``)."""
    scheme = judging_round.scheme
    jurors = list(scheme.jurors.filter(is_voting=True).order_by("pk"))
    for juror, (a, b) in zip(jurors, values, strict=True):
        for entry, value in ((first, a), (second, b)):
            services.score_entry(
                judging_round, entry, actor=juror.user, scores=scores_for(scheme, value)
            )


def test_a_round_without_quorum_cannot_be_tallied(scored_round):
    judging_round, *_ = scored_round
    owner = admin_of(judging_round.scheme.owner)
    # Four of five jurors is not more than four fifths.
    jurors = list(judging_round.scheme.jurors.filter(is_voting=True).order_by("pk"))[:4]
    for assignment in Assignment.objects.filter(round=judging_round, juror__in=jurors):
        services.score_entry(
            judging_round,
            assignment.entry,
            actor=assignment.juror.user,
            scores=scores_for(judging_round.scheme, "7"),
        )
    services.close_round(judging_round, actor=owner)

    with pytest.raises(DomainError) as refusal:
        services.tally_round(judging_round, actor=owner)

    judging_round.refresh_from_db()
    assert "4 of 5 voting jurors" in str(refusal.value)
    assert (judging_round.state, Result.objects.count()) == (enums.RoundState.CLOSED, 0)


def test_the_tally_ranks_by_the_trimmed_mean_and_hands_out_levels(scored_round):
    judging_round, first, second, _jurors = scored_round
    owner = admin_of(judging_round.scheme.owner)
    # 甲: 9 9 9 9 2 -> mean 7.6, trimmed 9; 乙: 8 8 8 8 8 -> 8.
    _score_all(
        judging_round, first, second, [("9", "8"), ("9", "8"), ("9", "8"), ("9", "8"), ("2", "8")]
    )
    services.close_round(judging_round, actor=owner)

    services.tally_round(judging_round, actor=owner)

    results = {r.entry_id: r for r in Result.objects.filter(round=judging_round)}
    a, b = results[first.pk], results[second.pk]
    assert (a.raw_mean, a.trimmed_mean, a.rank_raw, a.rank_trimmed, a.rank, a.level) == (
        Decimal("7.600"),
        Decimal("9.000"),
        2,
        1,
        1,
        enums.AwardLevel.FIRST,
    )
    assert (b.raw_mean, b.trimmed_mean, b.rank, b.level) == (
        Decimal("8.000"),
        Decimal("8.000"),
        2,
        enums.AwardLevel.SECOND,
    )


@pytest.fixture
def ballot_round():
    scheme = open_scheme(rounds=(("first", "ballot"), ("final", "scored")))
    entries = [eligible_entry(scheme, EnterpriseFactory(), title=t) for t in ("甲", "乙", "丙")]
    jurors = jury(scheme, 5)
    judging(scheme)
    return assigned_round(scheme, enums.RoundKind.FIRST), entries, jurors


def test_a_ballot_over_the_quota_is_refused(ballot_round):
    judging_round, entries, jurors = ballot_round
    category = entries[0].category

    with pytest.raises(DomainError) as refusal:
        services.cast_ballot(judging_round, category, actor=jurors[0].user, entries=entries)

    assert "at most 2 works; this one names 3" in str(refusal.value)
    assert (BallotReceipt.objects.count(), Vote.objects.count()) == (0, 0)


def test_an_anonymous_ballot_keeps_no_juror_on_its_votes(ballot_round):
    judging_round, entries, jurors = ballot_round

    services.cast_ballot(
        judging_round, entries[0].category, actor=jurors[0].user, entries=entries[:2]
    )

    assert list(Vote.objects.values_list("juror", flat=True)) == [None, None]
    assert BallotReceipt.objects.get().juror == jurors[0]


def test_a_juror_votes_once_per_category(ballot_round):
    judging_round, entries, jurors = ballot_round
    category = entries[0].category
    services.cast_ballot(judging_round, category, actor=jurors[0].user, entries=entries[:1])

    with pytest.raises(DomainError):
        services.cast_ballot(judging_round, category, actor=jurors[0].user, entries=entries[1:2])

    assert Vote.objects.count() == 1


def test_a_ballot_round_sends_the_top_entries_on(ballot_round):
    judging_round, entries, jurors = ballot_round
    category = entries[0].category
    owner = admin_of(judging_round.scheme.owner)
    for juror in jurors:
        services.cast_ballot(judging_round, category, actor=juror.user, entries=entries[:2])
    services.close_round(judging_round, actor=owner)

    services.tally_round(judging_round, actor=owner)

    assert {
        r.entry_id: (r.votes, r.rank, r.goes_on) for r in Result.objects.filter(round=judging_round)
    } == {entries[0].pk: (5, 1, True), entries[1].pk: (5, 1, True), entries[2].pk: (0, 3, False)}
    final = judging_round.scheme.rounds.get(kind="final")
    assert {e.pk for e in services.entries_for_round(final)} == {entries[0].pk, entries[1].pk}


def test_entries_still_on_notice_wait_for_the_next_round():
    scheme = open_scheme()
    waiting = eligible_entry(scheme, EnterpriseFactory())
    type(waiting).objects.filter(pk=waiting.pk).update(
        notice_ends_on=waiting.eligible_on + timedelta(days=7)
    )

    assert services.entries_for_round(scheme.rounds.get()) == []
