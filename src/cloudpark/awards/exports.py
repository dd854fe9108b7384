"""A round's scores and results as Excel workbooks, for the organisers' pages and the API."""

from django.utils import timezone
from django.utils.translation import gettext as _t

from cloudpark.core import excel


def _number(value):
    return float(value) if value is not None else None


def results_response(judging_round, results):
    """Every entry's standing side by side: mean, trimmed mean, normalised score, votes, the
    rank under each, the tie and stability marks, and the level or whether it goes on."""
    headers = [
        _t("Category"),
        _t("Work"),
        _t("Submitting unit"),
        _t("Jurors counted"),
        _t("Mean"),
        _t("Trimmed mean"),
        _t("Normalised score"),
        _t("Votes"),
        _t("Rank by mean"),
        _t("Rank by trimmed mean"),
        _t("Rank by normalised score"),
        _t("Rank"),
        _t("Tied"),
        _t("Stable"),
        _t("Goes on"),
        _t("Level"),
    ]
    rows = (
        [
            result.entry.category.display_name,
            result.entry.display_title,
            result.entry.submitter.display_name,
            result.judges,
            _number(result.raw_mean),
            _number(result.trimmed_mean),
            _number(result.normalised),
            result.votes,
            result.rank_raw,
            result.rank_trimmed,
            result.rank_normalised,
            result.rank,
            _t("yes") if result.tied else "",
            _t("yes") if result.stable else _t("no"),
            _t("yes") if result.goes_on else "",
            result.get_level_display(),
        ]
        for result in results
    )
    stamp = timezone.localdate().isoformat()
    return excel.workbook_response(
        f"results-{judging_round.scheme.code}-{judging_round.kind}-{stamp}.xlsx",
        _t("Results"),
        headers,
        rows,
    )


def scores_response(judging_round, scores):
    """Every juror's score on every criterion, with comments: one row per score."""
    headers = [
        _t("Category"),
        _t("Work"),
        _t("Juror"),
        _t("Criterion"),
        _t("Weight"),
        _t("Score"),
        _t("Comment"),
    ]
    rows = (
        [
            score.assignment.entry.category.display_name,
            score.assignment.entry.display_title,
            score.assignment.juror.name,
            score.criterion.display_name,
            _number(score.criterion.weight),
            _number(score.value),
            score.comment,
        ]
        for score in scores
    )
    stamp = timezone.localdate().isoformat()
    return excel.workbook_response(
        f"scores-{judging_round.scheme.code}-{judging_round.kind}-{stamp}.xlsx",
        _t("Scores"),
        headers,
        rows,
    )
