"""Eligibility as data: a programme's rules evaluated against an enterprise's registry data.

Each rule is a kind and its parameters (``EligibilityRule`` rows, or anything with ``kind``
and ``params``). Evaluating one gives an outcome (met, not met, or unknown because the data it
needs is missing) and a sentence that says why, with the values compared. A programme combines
its rules with ``all`` or ``any``.

Nothing here reads the database: ``facts_of`` reads an enterprise whose category (and its
parent), park, tags and yearly figures are loaded, and the names of the categories and tags
the rules mention come in a ``Vocabulary`` built by ``programs.selectors.vocabulary_for``.
The results are computed when asked, so they always follow the enterprise's current data and
the programme's current rules.

Rule parameters:

=====================  ==============================================================
``category_in``        ``{"codes": ["022", "08"]}``: the category or its major category
``park_level_at_least`` ``{"level": "provincial"}`` (``orgs.enums.ParkLevel``)
``founded_before``     ``{"date": "2023-01-01"}``
``staff_between``      ``{"min": 10, "max": 500}``, either may be ``null``
``revenue_at_least``   ``{"amount": "500"}`` in 10,000 yuan, the latest reported year
``has_tag``            ``{"tag": "high-tech"}`` (``orgs.QualificationTag.slug``)
``resident_in_zone``   ``{}``: resident in a park
=====================  ==============================================================
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.orgs.enums import ParkLevel
from cloudpark.programs.enums import Combinator, Outcome, RuleKind
from cloudpark.programs.questions import joined

RANKED_LEVELS = [level for level in ParkLevel if level != ParkLevel.UNRATED]


@dataclass(frozen=True)
class Facts:
    """What the rules look at, read from an enterprise."""

    name: str
    category_code: str
    category_parent_code: str
    category: object
    park: object
    founded_on: date | None
    staff_count: int | None
    revenue: Decimal | None
    revenue_year: int | None
    tags: frozenset


@dataclass
class Vocabulary:
    """Names for the codes the rules mention: ``categories`` and ``tags`` by code and slug."""

    categories: dict = field(default_factory=dict)
    tags: dict = field(default_factory=dict)

    def category(self, code):
        category = self.categories.get(code)
        return f"{code} {category.display_name}" if category else code

    def tag(self, slug):
        tag = self.tags.get(slug)
        return tag.display_name if tag else slug


@dataclass(frozen=True)
class RuleResult:
    kind: str
    params: dict
    outcome: str
    explanation: str
    requirement: str

    @property
    def passed(self):
        return self.outcome == Outcome.PASSED

    @property
    def kind_label(self):
        return RuleKind(self.kind).label

    @property
    def outcome_label(self):
        return Outcome(self.outcome).label


@dataclass(frozen=True)
class Eligibility:
    outcome: str
    combinator: str
    results: tuple

    @property
    def qualifies(self):
        return self.outcome == Outcome.PASSED

    @property
    def outcome_label(self):
        return Outcome(self.outcome).label

    @property
    def unmet(self):
        """The results that keep the enterprise from qualifying."""
        if self.qualifies:
            return ()
        return tuple(result for result in self.results if not result.passed)


def facts_of(enterprise):
    """The facts of an enterprise with ``category__parent`` and ``park`` selected and
    ``tags`` and ``years`` prefetched (or fetched here, one query each)."""
    category = enterprise.category
    reported = [year for year in enterprise.years.all() if year.revenue is not None]
    latest = max(reported, key=lambda year: year.year) if reported else None
    return Facts(
        name=enterprise.display_name,
        category_code=category.code,
        category_parent_code=category.parent.code if category.parent_id else "",
        category=category,
        park=enterprise.park if enterprise.park_id else None,
        founded_on=enterprise.founded_on,
        staff_count=enterprise.staff_count,
        revenue=latest.revenue if latest else None,
        revenue_year=latest.year if latest else None,
        tags=frozenset(tag.slug for tag in enterprise.tags.all()),
    )


def figure(value):
    """``Decimal("4120.00")`` -> ``4,120``; ``Decimal("12.5")`` -> ``12.50``."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _level_label(level):
    return str(ParkLevel(level).label)


def _staff_range(params):
    low, high = params.get("min"), params.get("max")
    if low is not None and high is not None:
        return _t("%(min)s to %(max)s") % {"min": low, "max": high}
    if low is not None:
        return _t("at least %(min)s") % {"min": low}
    return _t("at most %(max)s") % {"max": high}


# What each rule asks, without an enterprise: for the public catalogue.


def describe(rule, vocabulary):
    kind, params = rule.kind, rule.params or {}
    if kind == RuleKind.CATEGORY_IN:
        return _t("Industry category: %(categories)s (or a category under them).") % {
            "categories": joined(vocabulary.category(code) for code in params.get("codes", []))
        }
    if kind == RuleKind.PARK_LEVEL_AT_LEAST:
        return _t("Resident in a park of level %(level)s or higher.") % {
            "level": _level_label(params["level"])
        }
    if kind == RuleKind.FOUNDED_BEFORE:
        return _t("Founded before %(date)s.") % {"date": params["date"]}
    if kind == RuleKind.STAFF_BETWEEN:
        return _t("Staff: %(range)s.") % {"range": _staff_range(params)}
    if kind == RuleKind.REVENUE_AT_LEAST:
        return _t("Revenue in the latest reported year: at least %(amount)s (10,000 yuan).") % {
            "amount": figure(params["amount"])
        }
    if kind == RuleKind.HAS_TAG:
        return _t("Holds the qualification: %(tag)s.") % {"tag": vocabulary.tag(params["tag"])}
    if kind == RuleKind.RESIDENT_IN_ZONE:
        return _t("Resident in a park (base) of the zone.")
    raise ValueError(f"Unknown rule kind {kind!r}")


# Each rule against an enterprise's facts: (outcome, explanation).


def _category_in(params, facts, vocabulary):
    codes = params.get("codes", [])
    values = {
        "category": f"{facts.category_code} {facts.category.display_name}",
        "allowed": joined(vocabulary.category(code) for code in codes),
    }
    if facts.category_code in codes or facts.category_parent_code in codes:
        return Outcome.PASSED, _t(
            "Its industry category, %(category)s, is among those eligible: %(allowed)s."
        ) % values
    return Outcome.FAILED, _t(
        "Its industry category, %(category)s, is not among those eligible: %(allowed)s."
    ) % values


def _park_level_at_least(params, facts, vocabulary):
    required = ParkLevel(params["level"])
    if facts.park is None:
        return Outcome.FAILED, _t(
            "It is not resident in a park; a park of level %(required)s or higher is needed."
        ) % {"required": required.label}
    level = ParkLevel(facts.park.level)
    values = {"park": facts.park.display_name, "level": level.label, "required": required.label}
    if level.rank >= required.rank:
        return Outcome.PASSED, _t(
            "Its park, %(park)s, is rated “%(level)s”, which meets the %(required)s or higher "
            "needed."
        ) % values
    return Outcome.FAILED, _t(
        "Its park, %(park)s, is rated “%(level)s”, below the %(required)s or higher needed."
    ) % values


def _founded_before(params, facts, vocabulary):
    limit = date.fromisoformat(params["date"])
    if facts.founded_on is None:
        return Outcome.UNKNOWN, _t(
            "The founding date is missing from the profile; it must be before %(date)s."
        ) % {"date": limit.isoformat()}
    values = {"founded": facts.founded_on.isoformat(), "date": limit.isoformat()}
    if facts.founded_on < limit:
        return Outcome.PASSED, _t("Founded on %(founded)s, before %(date)s.") % values
    return Outcome.FAILED, _t("Founded on %(founded)s, not before %(date)s.") % values


def _staff_between(params, facts, vocabulary):
    wanted = _staff_range(params)
    if facts.staff_count is None:
        return Outcome.UNKNOWN, _t(
            "The staff count is missing from the profile; %(range)s are needed."
        ) % {"range": wanted}
    low, high = params.get("min"), params.get("max")
    inside = (low is None or facts.staff_count >= low) and (
        high is None or facts.staff_count <= high
    )
    values = {"staff": facts.staff_count, "range": wanted}
    if inside:
        return Outcome.PASSED, _t("%(staff)s staff, within %(range)s.") % values
    return Outcome.FAILED, _t("%(staff)s staff, not within %(range)s.") % values


def _revenue_at_least(params, facts, vocabulary):
    required = Decimal(str(params["amount"]))
    if facts.revenue is None:
        return Outcome.UNKNOWN, _t(
            "No yearly revenue has been reported; at least %(required)s (10,000 yuan) is needed."
        ) % {"required": figure(required)}
    values = {
        "amount": figure(facts.revenue),
        "year": facts.revenue_year,
        "required": figure(required),
    }
    if facts.revenue >= required:
        return Outcome.PASSED, _t(
            "Revenue of %(amount)s (10,000 yuan) in %(year)s; at least %(required)s is needed."
        ) % values
    return Outcome.FAILED, _t(
        "Revenue of %(amount)s (10,000 yuan) in %(year)s, below the %(required)s needed."
    ) % values


def _has_tag(params, facts, vocabulary):
    values = {"tag": vocabulary.tag(params["tag"])}
    if params["tag"] in facts.tags:
        return Outcome.PASSED, _t("It holds the qualification %(tag)s.") % values
    return Outcome.FAILED, _t("It does not hold the qualification %(tag)s.") % values


def _resident_in_zone(params, facts, vocabulary):
    if facts.park is None:
        return Outcome.FAILED, _t("It is not resident in any park of the zone.")
    return Outcome.PASSED, _t("It is resident in %(park)s.") % {"park": facts.park.display_name}


CHECKS = {
    RuleKind.CATEGORY_IN: _category_in,
    RuleKind.PARK_LEVEL_AT_LEAST: _park_level_at_least,
    RuleKind.FOUNDED_BEFORE: _founded_before,
    RuleKind.STAFF_BETWEEN: _staff_between,
    RuleKind.REVENUE_AT_LEAST: _revenue_at_least,
    RuleKind.HAS_TAG: _has_tag,
    RuleKind.RESIDENT_IN_ZONE: _resident_in_zone,
}


def check(rule, facts, vocabulary):
    outcome, explanation = CHECKS[RuleKind(rule.kind)](rule.params or {}, facts, vocabulary)
    return RuleResult(
        kind=rule.kind,
        params=rule.params or {},
        outcome=outcome,
        explanation=explanation,
        requirement=describe(rule, vocabulary),
    )


def combine(outcomes, combinator):
    """All: one unmet rule fails, else one unknown leaves it unknown. Any: one met rule
    passes, else one unknown leaves it unknown. No rules: open to every enterprise."""
    outcomes = list(outcomes)
    if not outcomes:
        return Outcome.PASSED
    decisive, opposite = (
        (Outcome.FAILED, Outcome.PASSED)
        if combinator == Combinator.ALL
        else (Outcome.PASSED, Outcome.FAILED)
    )
    if decisive in outcomes:
        return decisive
    if Outcome.UNKNOWN in outcomes:
        return Outcome.UNKNOWN
    return opposite


def evaluate(rules, facts, *, combinator, vocabulary):
    results = tuple(check(rule, facts, vocabulary) for rule in rules)
    return Eligibility(
        outcome=combine((result.outcome for result in results), combinator),
        combinator=combinator,
        results=results,
    )


# Parameters: checking them, and the one-line form the rule editor shows.

CODES = re.compile(r"[\s,，、;；]+")
STAFF_RANGE = re.compile(r"^\s*(\d*)\s*[-~～至到]\s*(\d*)\s*$")


def clean_params(kind, params):
    """``params`` checked and normalised for ``kind``; a ``ValidationError`` otherwise."""
    kind = RuleKind(kind)
    params = dict(params or {})
    try:
        if kind == RuleKind.CATEGORY_IN:
            codes = [str(code).strip() for code in params.get("codes") or [] if str(code).strip()]
            if not codes or not all(re.fullmatch(r"\d{2,3}", code) for code in codes):
                raise ValueError
            return {"codes": list(dict.fromkeys(codes))}
        if kind == RuleKind.PARK_LEVEL_AT_LEAST:
            return {"level": ParkLevel(params.get("level")).value}
        if kind == RuleKind.FOUNDED_BEFORE:
            return {"date": date.fromisoformat(str(params.get("date"))).isoformat()}
        if kind == RuleKind.STAFF_BETWEEN:
            low = params.get("min")
            high = params.get("max")
            low = None if low in (None, "") else int(low)
            high = None if high in (None, "") else int(high)
            if (low is None and high is None) or (low or 0) < 0 or (high or 0) < 0:
                raise ValueError
            if low is not None and high is not None and low > high:
                raise ValueError
            return {"min": low, "max": high}
        if kind == RuleKind.REVENUE_AT_LEAST:
            amount = Decimal(str(params.get("amount")))
            if not amount.is_finite() or amount < 0:
                raise ValueError
            return {"amount": str(amount)}
        if kind == RuleKind.HAS_TAG:
            tag = str(params.get("tag") or "").strip()
            if not tag:
                raise ValueError
            return {"tag": tag}
        return {}
    except (ValueError, TypeError, InvalidOperation):
        raise ValidationError(
            _("These values do not fit the rule “%(rule)s”: %(hint)s"),
            params={"rule": kind.label, "hint": VALUE_HINTS[kind]},
            code="invalid",
        ) from None


VALUE_HINTS = {
    RuleKind.CATEGORY_IN: _("category codes separated by commas, e.g. 022, 024, 08"),
    RuleKind.PARK_LEVEL_AT_LEAST: _("national, provincial or municipal"),
    RuleKind.FOUNDED_BEFORE: _("a date such as 2023-01-01"),
    RuleKind.STAFF_BETWEEN: _("a range such as 10-500, 10- or -500"),
    RuleKind.REVENUE_AT_LEAST: _("an amount in 10,000 yuan, e.g. 500"),
    RuleKind.HAS_TAG: _("the key of a qualification, e.g. high-tech"),
    RuleKind.RESIDENT_IN_ZONE: _("nothing: leave it empty"),
}


def parse_value(kind, text):
    """The parameters of ``kind`` from the editor's one-line value."""
    kind = RuleKind(kind)
    text = (text or "").strip()
    if kind == RuleKind.CATEGORY_IN:
        return clean_params(kind, {"codes": [code for code in CODES.split(text) if code]})
    if kind == RuleKind.PARK_LEVEL_AT_LEAST:
        return clean_params(kind, {"level": text.lower()})
    if kind == RuleKind.FOUNDED_BEFORE:
        return clean_params(kind, {"date": text})
    if kind == RuleKind.STAFF_BETWEEN:
        match = STAFF_RANGE.match(text)
        if match is None:
            return clean_params(kind, {"min": None, "max": None})
        return clean_params(kind, {"min": match.group(1) or None, "max": match.group(2) or None})
    if kind == RuleKind.REVENUE_AT_LEAST:
        return clean_params(kind, {"amount": text.replace(",", "")})
    if kind == RuleKind.HAS_TAG:
        return clean_params(kind, {"tag": text})
    return {}


def format_value(kind, params):
    """The editor's one-line value for ``params``: the inverse of ``parse_value``."""
    kind = RuleKind(kind)
    params = params or {}
    if kind == RuleKind.CATEGORY_IN:
        return ", ".join(params.get("codes", []))
    if kind == RuleKind.PARK_LEVEL_AT_LEAST:
        return params.get("level", "")
    if kind == RuleKind.FOUNDED_BEFORE:
        return params.get("date", "")
    if kind == RuleKind.STAFF_BETWEEN:
        low, high = params.get("min"), params.get("max")
        return f"{'' if low is None else low}-{'' if high is None else high}"
    if kind == RuleKind.REVENUE_AT_LEAST:
        return str(params.get("amount", ""))
    if kind == RuleKind.HAS_TAG:
        return params.get("tag", "")
    return ""
