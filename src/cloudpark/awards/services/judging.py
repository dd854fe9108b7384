"""Judging a round: scores by rubric (hidden from the other jurors until the round closes),
named votes and anonymous ballots of at most the quota; closing; the tally with its quorum."""

import uuid
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.awards import enums, tally
from cloudpark.awards.models import Assignment, BallotReceipt, Juror, Result, Score, Vote
from cloudpark.awards.services.common import plain
from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.core.services import locked
from cloudpark.core.states import check_transition

ENTRY_SCORED = audit.register("awards.entry.scored", _("Scores given"))
BALLOT_CAST = audit.register("awards.round.ballot_cast", _("Ballot cast"))
ROUND_CLOSED = audit.register("awards.round.closed", _("Judging round closed"))
ROUND_REOPENED = audit.register("awards.round.reopened", _("Judging round reopened"))
ROUND_TALLIED = audit.register("awards.round.tallied", _("Judging round tallied"))


def juror_for(scheme, user):
    """``user``'s seat on the scheme's jury, or None."""
    if user is None or not user.is_authenticated:
        return None
    return Juror.objects.filter(scheme=scheme, user=user).first()


def _check_open(judging_round):
    if judging_round.state != enums.RoundState.OPEN:
        raise DomainError(
            _t("The %(round)s is %(state)s: nothing more can be given in it.")
            % {
                "round": judging_round.get_kind_display(),
                "state": judging_round.get_state_display(),
            }
        )


def _as_score(value, scheme, criterion):
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, AttributeError):
        number = None
    if number is None or not number.is_finite():
        raise DomainError(
            _t("Give %(criterion)s a number.") % {"criterion": criterion.display_name},
            field=f"criterion_{criterion.pk}",
        )
    if not scheme.scale_min <= number <= scheme.scale_max:
        raise DomainError(
            _t("%(criterion)s is scored from %(low)s to %(high)s; %(value)s is outside the scale.")
            % {
                "criterion": criterion.display_name,
                "low": plain(scheme.scale_min),
                "high": plain(scheme.scale_max),
                "value": plain(number),
            },
            field=f"criterion_{criterion.pk}",
        )
    return number.quantize(Decimal("0.01"))


def assignment_for(judging_round, entry, user):
    """``user``'s assignment of ``entry`` in the round, or a refusal saying it is not theirs."""
    assignment = (
        Assignment.objects.select_related("juror", "round__scheme", "entry")
        .filter(round=judging_round, entry=entry, juror__user=user)
        .first()
    )
    if assignment is None:
        raise DomainError(
            _t(
                "%(title)s is not assigned to you in this round; you can score only the works "
                "assigned to you."
            )
            % {"title": entry.display_title}
        )
    return assignment


@transaction.atomic
def score_entry(judging_round, entry, *, actor, scores):
    """The juror's scores for an assigned entry: ``{criterion id: (value, comment)}``, every
    criterion of the rubric, each on the scheme's scale. Given again, they replace the
    earlier ones while the round is open."""
    assignment = assignment_for(judging_round, entry, actor)
    assignment = locked(assignment, select_related=("round__scheme", "juror"))
    judging_round = assignment.round
    scheme = judging_round.scheme
    _check_open(judging_round)
    if not judging_round.is_scored:
        raise DomainError(_t("This round is decided by vote, not by scores."))
    if assignment.state == enums.AssignmentState.RECUSED:
        raise DomainError(_t("You recused from this work."))
    criteria = list(scheme.criteria.all())
    given = {int(key): value for key, value in scores.items()}
    unknown = set(given) - {criterion.pk for criterion in criteria}
    if unknown:
        raise DomainError(_t("Score the criteria of this scheme's rubric only."))
    rows = []
    for criterion in criteria:
        if criterion.pk not in given:
            raise DomainError(
                _t("Score %(criterion)s as well.") % {"criterion": criterion.display_name},
                field=f"criterion_{criterion.pk}",
            )
        value, comment = given[criterion.pk]
        rows.append((criterion, _as_score(value, scheme, criterion), (comment or "").strip()))
    for criterion, value, comment in rows:
        Score.objects.update_or_create(
            assignment=assignment,
            criterion=criterion,
            defaults={"value": value, "comment": comment},
        )
    assignment.state = enums.AssignmentState.DONE
    assignment.scored_at = timezone.now()
    assignment.save(update_fields=["state", "scored_at"])
    audit.log_action(
        assignment.entry,
        ENTRY_SCORED,
        actor=actor,
        data={"round": judging_round.kind, "juror": assignment.juror.name},
    )
    return assignment


def ballot_quota(judging_round, category):
    """How many works a ballot of ``category`` may name: the places of the round."""
    if judging_round.is_final:
        return category.total_quota
    return judging_round.advances


@transaction.atomic
def cast_ballot(judging_round, category, *, actor, entries):
    """A juror's vote in a category: named or anonymous as the round says, at most the quota;
    only works assigned to the juror may be named, and each juror votes once per category."""
    judging_round = locked(judging_round, select_related=("scheme",))
    _check_open(judging_round)
    if judging_round.mode not in enums.VOTING_MODES:
        raise DomainError(_t("This round is scored by rubric, not decided by vote."))
    juror = juror_for(judging_round.scheme, actor)
    if juror is None or not juror.is_voting:
        raise DomainError(_t("Only the voting jurors of this scheme vote."))
    entries = list({entry.pk: entry for entry in entries}.values())
    quota = ballot_quota(judging_round, category)
    if len(entries) > quota:
        raise DomainError(
            _t("A ballot in %(category)s names at most %(quota)s works; this one names %(count)s.")
            % {"category": category.display_name, "quota": quota, "count": len(entries)},
            field="entries",
        )
    assigned = set(
        Assignment.objects.filter(round=judging_round, juror=juror, entry__category=category)
        .exclude(state=enums.AssignmentState.RECUSED)
        .values_list("entry_id", flat=True)
    )
    outside = [entry for entry in entries if entry.pk not in assigned]
    if outside:
        raise DomainError(
            _t("%(title)s is not assigned to you in this category.")
            % {"title": outside[0].display_title},
            field="entries",
        )
    if BallotReceipt.objects.filter(round=judging_round, category=category, juror=juror).exists():
        raise DomainError(_t("You have voted in this category already."))
    BallotReceipt.objects.create(round=judging_round, category=category, juror=juror)
    named = judging_round.mode == enums.RoundMode.NAMED_VOTE
    ballot = uuid.uuid4().hex
    Vote.objects.bulk_create(
        Vote(round=judging_round, entry=entry, juror=juror if named else None, ballot=ballot)
        for entry in entries
    )
    audit.log_action(
        judging_round.scheme,
        BALLOT_CAST,
        actor=actor,
        data={
            "round": judging_round.kind,
            "category": category.code,
            **({"entries": [entry.pk for entry in entries]} if named else {}),
        },
    )
    return len(entries)


@transaction.atomic
def close_round(judging_round, *, actor):
    judging_round = locked(judging_round, select_related=("scheme",))
    if not check_transition(
        enums.ROUND_TRANSITIONS,
        judging_round.state,
        enums.RoundState.CLOSED,
        message=_t("Only an open round can be closed."),
    ):
        return judging_round
    judging_round.state = enums.RoundState.CLOSED
    judging_round.closed_at = timezone.now()
    judging_round.save(update_fields=["state", "closed_at"])
    audit.log_action(
        judging_round.scheme, ROUND_CLOSED, actor=actor, data={"round": judging_round.kind}
    )
    return judging_round


@transaction.atomic
def reopen_round(judging_round, *, actor):
    judging_round = locked(judging_round, select_related=("scheme",))
    if not check_transition(
        enums.ROUND_TRANSITIONS,
        judging_round.state,
        enums.RoundState.OPEN,
        message=_t("Only a closed round that is not yet tallied can be reopened."),
    ):
        return judging_round
    if judging_round.state == enums.RoundState.PLANNED:
        raise DomainError(_t("Assign the round's entries to open it."))
    judging_round.state = enums.RoundState.OPEN
    judging_round.save(update_fields=["state"])
    audit.log_action(
        judging_round.scheme, ROUND_REOPENED, actor=actor, data={"round": judging_round.kind}
    )
    return judging_round


def participation(judging_round):
    """``(jurors who took part, voting jurors)``: in a scored round a juror took part who
    judged every entry given to them (recusals aside); in a vote, who cast a ballot."""
    voting = judging_round.scheme.jurors.filter(is_voting=True).count()
    if judging_round.is_scored:
        pending = set(
            Assignment.objects.filter(
                round=judging_round, state=enums.AssignmentState.ASSIGNED
            ).values_list("juror_id", flat=True)
        )
        judged = set(
            Assignment.objects.filter(
                round=judging_round, state=enums.AssignmentState.DONE
            ).values_list("juror_id", flat=True)
        )
        return len(judged - pending), voting
    took_part = BallotReceipt.objects.filter(round=judging_round).values("juror").distinct().count()
    return took_part, voting


def has_quorum(judging_round):
    took_part, voting = participation(judging_round)
    return voting > 0 and Decimal(took_part) > judging_round.quorum * voting


def round_scores(judging_round, *, scheme=None):
    """(juror id, entry) -> the juror's weighted score, for the judged assignments."""
    scheme = scheme or judging_round.scheme
    weights = {criterion.pk: criterion.weight for criterion in scheme.criteria.all()}
    assignments = (
        Assignment.objects.filter(round=judging_round, state=enums.AssignmentState.DONE)
        .select_related("entry__category")
        .prefetch_related("scores")
    )
    scores = {}
    for assignment in assignments:
        values = {score.criterion_id: score.value for score in assignment.scores.all()}
        if set(values) >= set(weights):
            scores[(assignment.juror_id, assignment.entry)] = tally.weighted(values, weights)
    return scores


def _levels(standings, category):
    """entry -> level for the final round, highest level first, within each level's quota.
    A tie that straddles the end of a level's quota drops whole to the next level, so that no
    quota is exceeded; the tie stays flagged for the chair."""
    quotas = list(category.quota_by_level.items())
    ranked = sorted((s for s in standings if s.rank is not None), key=lambda s: s.rank)
    groups = {}
    for standing in ranked:
        groups.setdefault(standing.rank, []).append(standing.entry)
    levels = {}
    index, left = 0, quotas[0][1] if quotas else 0
    for rank in sorted(groups):
        group = groups[rank]
        while index < len(quotas) and len(group) > left:
            index += 1
            left = quotas[index][1] if index < len(quotas) else 0
        if index >= len(quotas):
            break
        for entry in group:
            levels[entry] = quotas[index][0]
        left -= len(group)
    return levels


@transaction.atomic
def tally_round(judging_round, *, actor):
    """Count a closed round: every measure, rank, tie and stability mark per entry; who goes
    on (earlier rounds) or which level each entry reaches (the final round)."""
    judging_round = locked(judging_round, select_related=("scheme",))
    scheme = judging_round.scheme
    if not check_transition(
        enums.ROUND_TRANSITIONS,
        judging_round.state,
        enums.RoundState.TALLIED,
        message=_t("Close the round before it is tallied."),
    ):
        return judging_round
    took_part, voting = participation(judging_round)
    if not has_quorum(judging_round):
        raise DomainError(
            _t(
                "%(took_part)s of %(voting)s voting jurors took part; the round needs more than "
                "%(share)s%% of them."
            )
            % {
                "took_part": took_part,
                "voting": voting,
                "share": plain(judging_round.quorum * 100),
            }
        )
    categories = {
        category.pk: category for category in scheme.categories.prefetch_related("quotas")
    }
    entries = {
        assignment.entry_id: assignment.entry
        for assignment in Assignment.objects.filter(round=judging_round).select_related("entry")
    }
    places = {
        pk: (category.total_quota if judging_round.is_final else judging_round.advances)
        for pk, category in categories.items()
    }
    groups = {pk: entry.category_id for pk, entry in entries.items()}
    if judging_round.is_scored:
        scores = {
            (juror, entry.pk): value
            for (juror, entry), value in round_scores(judging_round).items()
        }
        standings = tally.tally_scores(
            scores,
            low=scheme.scale_min,
            high=scheme.scale_max,
            rank_by=judging_round.rank_by,
            places=places,
            groups=groups,
        )
    else:
        ballots = {}
        for vote in Vote.objects.filter(round=judging_round):
            ballots.setdefault(vote.ballot, []).append(vote.entry_id)
        standings = tally.tally_votes(
            ballots, places=places, groups=groups, candidates=list(entries)
        )
    levels = {}
    if judging_round.is_final:
        for category_id, category in categories.items():
            levels.update(
                _levels(
                    [s for s in standings if entries[s.entry].category_id == category_id], category
                )
            )
    votes = {}
    if not judging_round.is_scored:
        for vote in Vote.objects.filter(round=judging_round):
            votes[vote.entry_id] = votes.get(vote.entry_id, 0) + 1
    Result.objects.filter(round=judging_round).delete()
    Result.objects.bulk_create(
        Result(
            round=judging_round,
            entry_id=standing.entry,
            judges=standing.judges,
            raw_mean=standing.raw,
            trimmed_mean=standing.trimmed,
            normalised=standing.normalised,
            votes=votes.get(standing.entry, 0) if not judging_round.is_scored else None,
            rank_raw=standing.rank_raw,
            rank_trimmed=standing.rank_trimmed,
            rank_normalised=standing.rank_normalised,
            rank=standing.rank or 0,
            tied=standing.tied,
            stable=standing.stable,
            goes_on=(not judging_round.is_final)
            and standing.rank is not None
            and standing.rank <= places[entries[standing.entry].category_id],
            level=levels.get(standing.entry, ""),
        )
        for standing in standings
        if standing.rank is not None
    )
    judging_round.state = enums.RoundState.TALLIED
    judging_round.tallied_at = timezone.now()
    judging_round.save(update_fields=["state", "tallied_at"])
    audit.log_action(
        scheme,
        ROUND_TALLIED,
        actor=actor,
        data={
            "round": judging_round.kind,
            "took_part": took_part,
            "voting": voting,
            "unstable": sum(1 for s in standings if not s.stable),
        },
    )
    return judging_round
