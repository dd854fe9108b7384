"""The arithmetic of a scored round, apart from the database so that it can be checked by hand.

A juror's score for an entry is the weighted mean of their criterion scores. Per entry the
tally gives, side by side:

* the raw mean of its jurors' scores;
* the trimmed mean: the highest and the lowest score dropped when there are five or more
  (common practice in Chinese juries; with fewer scores it is the raw mean);
* the normalised score: each juror's scores turned into z-scores over everything that juror
  scored in the round (a lenient and a severe juror then count alike), put back on the
  scale of the round's raw scores (overall mean and spread), clamped to the scale, and
  averaged over the entry's jurors;

the competition rank under each ("1, 2, 2, 4"), whether the entry shares its rank, and a
stability mark: whether leaving out any one juror would change which entries are awarded.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PLACES = Decimal("0.001")
TRIM_FROM = 5

RAW = "raw"
TRIMMED = "trimmed"
NORMALISED = "normalised"
MEASURES = (RAW, TRIMMED, NORMALISED)


def rounded(value):
    return None if value is None else value.quantize(PLACES, rounding=ROUND_HALF_UP)


def weighted(scores, weights):
    """The weighted mean of ``scores`` (criterion -> value) with ``weights`` (criterion ->
    weight); every criterion of ``weights`` must be scored."""
    total = sum(weights.values(), Decimal(0))
    return sum((scores[key] * weight for key, weight in weights.items()), Decimal(0)) / total


def mean(values):
    values = list(values)
    return sum(values, Decimal(0)) / len(values) if values else None


def trimmed_mean(values):
    values = sorted(values)
    if len(values) >= TRIM_FROM:
        values = values[1:-1]
    return mean(values)


def _spread(values):
    centre = mean(values)
    return (sum(((value - centre) ** 2 for value in values), Decimal(0)) / len(values)).sqrt()


def normalised(scores, *, low, high):
    """``scores`` ((juror, entry) -> score) put on a common footing, same keys.

    A juror who gave every entry the same score (no spread) has every z-score at 0, so each of
    their scores counts as the round's mean.
    """
    if not scores:
        return {}
    overall = list(scores.values())
    centre, spread = mean(overall), _spread(overall)
    by_juror = {}
    for (juror, _entry), value in scores.items():
        by_juror.setdefault(juror, []).append(value)
    stats = {juror: (mean(values), _spread(values)) for juror, values in by_juror.items()}
    result = {}
    for (juror, entry), value in scores.items():
        juror_mean, juror_spread = stats[juror]
        z = (value - juror_mean) / juror_spread if juror_spread else Decimal(0)
        result[(juror, entry)] = min(max(centre + z * spread, low), high)
    return result


def competition_ranks(values):
    """entry -> rank, highest value first; equal values share a rank and the next rank is
    skipped ("1, 2, 2, 4"). Entries without a value are left out."""
    ordered = sorted((value for value in values.values() if value is not None), reverse=True)
    return {entry: ordered.index(value) + 1 for entry, value in values.items() if value is not None}


def chosen(values, places):
    """The entries ranked within ``places`` (a tie at the last place takes every tied entry)."""
    ranks = competition_ranks(values)
    return frozenset(entry for entry, rank in ranks.items() if rank <= places)


@dataclass(frozen=True)
class Standing:
    entry: object
    judges: int
    raw: Decimal | None
    trimmed: Decimal | None
    normalised: Decimal | None
    rank_raw: int | None
    rank_trimmed: int | None
    rank_normalised: int | None
    rank: int | None
    tied: bool
    stable: bool

    def measure(self, name):
        return getattr(self, name)


def _measures(by_entry, normal_by_entry):
    raw = {entry: rounded(mean(scores.values())) for entry, scores in by_entry.items()}
    trimmed = {entry: rounded(trimmed_mean(scores.values())) for entry, scores in by_entry.items()}
    normal = {entry: rounded(mean(normal_by_entry.get(entry, {}).values())) for entry in by_entry}
    return {RAW: raw, TRIMMED: trimmed, NORMALISED: normal}


def _by_entry(scores):
    by_entry = {}
    for (juror, entry), value in scores.items():
        by_entry.setdefault(entry, {})[juror] = value
    return by_entry


def _primary(scores, *, low, high, rank_by):
    normal = normalised(scores, low=low, high=high) if rank_by == NORMALISED else {}
    by_entry = _by_entry(scores)
    if rank_by == RAW:
        return {entry: rounded(mean(values.values())) for entry, values in by_entry.items()}
    if rank_by == TRIMMED:
        return {entry: rounded(trimmed_mean(values.values())) for entry, values in by_entry.items()}
    normal_by_entry = _by_entry(normal)
    return {entry: rounded(mean(values.values())) for entry, values in normal_by_entry.items()}


def tally_scores(scores, *, low, high, rank_by=TRIMMED, places=0, groups=None):
    """Every entry's ``Standing`` from ``scores`` ((juror, entry) -> score on the scale).

    ``groups`` (entry -> group, e.g. its category) ranks each group apart; ``places`` is how
    many entries of a group are awarded (or go on), for the stability mark: a number, or
    group -> number. Normalisation runs
    over the whole round: a juror's leniency shows across every entry they scored.
    """
    groups = groups or {}
    normal = normalised(scores, low=low, high=high)
    by_entry = _by_entry(scores)
    measures = _measures(by_entry, _by_entry(normal))
    members = {}
    for entry in by_entry:
        members.setdefault(groups.get(entry), []).append(entry)
    jurors = {juror for juror, _entry in scores}
    # Who is chosen with the whole jury, and without each juror in turn.
    primary = measures[rank_by]
    with_all = _chosen_by_group(primary, members, places)
    without = [
        _chosen_by_group(
            _primary(
                {key: value for key, value in scores.items() if key[0] != juror},
                low=low,
                high=high,
                rank_by=rank_by,
            ),
            members,
            places,
        )
        for juror in jurors
    ]
    standings = []
    for group_entries in members.values():
        ranks = {
            name: competition_ranks({entry: measures[name][entry] for entry in group_entries})
            for name in MEASURES
        }
        counts = {}
        for entry in group_entries:
            counts[primary[entry]] = counts.get(primary[entry], 0) + 1
        for entry in group_entries:
            standings.append(
                Standing(
                    entry=entry,
                    judges=len(by_entry[entry]),
                    raw=measures[RAW][entry],
                    trimmed=measures[TRIMMED][entry],
                    normalised=measures[NORMALISED][entry],
                    rank_raw=ranks[RAW].get(entry),
                    rank_trimmed=ranks[TRIMMED].get(entry),
                    rank_normalised=ranks[NORMALISED].get(entry),
                    rank=ranks[rank_by].get(entry),
                    tied=counts[primary[entry]] > 1,
                    stable=all((entry in alone) == (entry in with_all) for alone in without),
                )
            )
    return sorted(standings, key=lambda s: (str(groups.get(s.entry)), s.rank or 0, str(s.entry)))


def _places_of(places, group):
    return places.get(group, 0) if isinstance(places, dict) else places


def _chosen_by_group(values, members, places):
    found = set()
    for group, group_entries in members.items():
        found |= chosen(
            {entry: values.get(entry) for entry in group_entries}, _places_of(places, group)
        )
    return found


def tally_votes(ballots, *, places=0, groups=None, candidates=()):
    """Every entry's ``Standing`` from ``ballots`` (ballot -> the entries it names): votes
    count, ranked per group; stable when leaving out any one ballot keeps the same entries
    within ``places``. ``candidates`` adds entries nobody voted for."""
    groups = groups or {}
    counts = {entry: 0 for entry in candidates}
    for entries in ballots.values():
        for entry in entries:
            counts[entry] = counts.get(entry, 0) + 1
    members = {}
    for entry in counts:
        members.setdefault(groups.get(entry), []).append(entry)
    as_decimal = {entry: Decimal(count) for entry, count in counts.items()}
    with_all = _chosen_by_group(as_decimal, members, places)
    without = []
    for _ballot, entries in ballots.items():
        less = dict(as_decimal)
        for entry in entries:
            less[entry] -= 1
        without.append(_chosen_by_group(less, members, places))
    standings = []
    for group_entries in members.values():
        ranks = competition_ranks({entry: as_decimal[entry] for entry in group_entries})
        for entry in group_entries:
            same = sum(1 for other in group_entries if counts[other] == counts[entry])
            standings.append(
                Standing(
                    entry=entry,
                    judges=len(ballots),
                    raw=None,
                    trimmed=None,
                    normalised=None,
                    rank_raw=None,
                    rank_trimmed=None,
                    rank_normalised=None,
                    rank=ranks[entry],
                    tied=same > 1,
                    stable=all((entry in alone) == (entry in with_all) for alone in without),
                )
            )
    return sorted(standings, key=lambda s: (str(groups.get(s.entry)), s.rank or 0, str(s.entry)))
