"""Applications as an Excel workbook, with their stages, decisions and, for those who may
see them, the reviewers' opinions and scores."""

from django.utils import timezone
from django.utils.translation import gettext as _t

from cloudpark.core import excel
from cloudpark.programs.enums import ApplicationState
from cloudpark.programs.flows import APPLICATION_FLOW


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _decision_lines(case):
    lines = []
    for decision in case.decisions.all():
        stage = APPLICATION_FLOW.stage(decision.stage_key).label
        line = _t("Round %(round)s · %(stage)s: %(decision)s (%(who)s, %(when)s)") % {
            "round": decision.round,
            "stage": stage,
            "decision": decision.get_decision_display(),
            "who": decision.decided_by,
            "when": _when(decision.created_at),
        }
        if decision.data.get("amount"):
            line += " " + _t("amount %(amount)s yuan") % {"amount": decision.data["amount"]}
        if decision.comment:
            line += f" — {decision.comment}"
        lines.append(line)
    return "\n".join(lines)


def _opinion_lines(case):
    lines = []
    for opinion in case.opinions.all():
        line = _t("Round %(round)s · %(who)s: %(recommendation)s") % {
            "round": opinion.round,
            "who": opinion.reviewer,
            "recommendation": opinion.get_recommendation_display(),
        }
        if opinion.score is not None:
            line += " · " + _t("score %(score)s") % {"score": opinion.score}
        lines.append(f"{line} — {opinion.comment}")
    return "\n".join(lines)


def _average_score(case):
    scores = [
        opinion.score
        for opinion in case.opinions.all()
        if opinion.round == case.round and opinion.score is not None
    ]
    return round(float(sum(scores) / len(scores)), 2) if scores else None


def _number(value):
    """A figure Excel sums: a float, not the text of a decimal."""
    return float(value) if value is not None else None


def case_of(application):
    """The application's review case, told its subject: the rule on who sees the reviewers'
    opinions reads the subject, which is loaded already."""
    case = application.review_case
    if case is not None:
        case.subject = application
    return case


def export_applications(queryset, user):
    """One row per application, with its stages, decisions, and the opinions and scores for
    those who see them (``reviews.view_opinions``)."""
    headers = [
        _t("Programme"),
        _t("Enterprise"),
        _t("Unified social credit code"),
        _t("Industry category"),
        _t("Park"),
        _t("State"),
        _t("Amount requested (yuan)"),
        _t("Amount approved (yuan)"),
        _t("First submitted"),
        _t("Decided"),
        _t("Review stage"),
        _t("Round"),
        _t("Decisions"),
        _t("Reviewers' opinions and scores"),
        _t("Average score (latest round)"),
    ]

    def row(application):
        case = case_of(application)
        opinions_shown = case is not None and user.has_perm("reviews.view_opinions", case)
        in_review = application.state in (
            ApplicationState.PARK_REVIEW,
            ApplicationState.GOVERNMENT_REVIEW,
        )
        return [
            application.programme.display_title,
            application.enterprise.display_name,
            application.enterprise.credit_code,
            str(application.enterprise.category),
            application.park.display_name if application.park else "",
            application.get_state_display(),
            _number(application.requested_amount),
            _number(application.approved_amount),
            application.submitted_at,
            application.decided_at,
            str(APPLICATION_FLOW.stage(case.stage_key).label) if case and in_review else "",
            case.round if case else None,
            _decision_lines(case) if case else "",
            _opinion_lines(case) if opinions_shown else "",
            _average_score(case) if opinions_shown else None,
        ]

    rows = (row(application) for application in queryset)
    stamp = timezone.localdate().isoformat()
    return excel.workbook_response(f"applications-{stamp}.xlsx", _t("Applications"), headers, rows)
