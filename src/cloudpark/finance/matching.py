"""Whether a product fits a need, and why: amount, term, collateral and cost, each a sentence
with the figures compared. Eligibility (who may borrow at all) is the programmes' rule engine,
``programs.eligibility``; this module adds only what a financing need asks of a product.
Nothing here reads the database."""

from django.utils.translation import gettext as _t

from cloudpark.core.matching import Fit
from cloudpark.finance import enums
from cloudpark.programs.eligibility import figure
from cloudpark.programs.questions import joined


def _range(low, high):
    return figure(low) if low == high else f"{figure(low)}–{figure(high)}"


def fit(product, need):
    reasons, misses = [], []
    amounts = {
        "amount": figure(need.amount),
        "range": _range(product.amount_min, product.amount_max),
    }
    if product.amount_min <= need.amount <= product.amount_max:
        reasons.append(_t("It lends %(range)s (10,000 yuan); you need %(amount)s.") % amounts)
    else:
        misses.append(_t("It lends %(range)s (10,000 yuan), not %(amount)s.") % amounts)
    terms = {"term": need.term, "range": _range(product.term_min, product.term_max)}
    if product.term_min <= need.term <= product.term_max:
        reasons.append(
            _t("Its term of %(range)s months covers the %(term)s months needed.") % terms
        )
    else:
        misses.append(_t("Its term of %(range)s months does not cover %(term)s months.") % terms)
    shared = [value for value in need.collateral if value in product.collateral]
    if shared:
        reasons.append(
            _t("It accepts the collateral offered: %(collateral)s.")
            % {"collateral": joined(str(enums.Collateral(value).label) for value in shared)}
        )
    else:
        misses.append(
            _t("It accepts %(accepted)s; none of it is offered.")
            % {"accepted": joined(product.collateral_labels)}
        )
    if need.target_cost is not None:
        costs = {
            "target": figure(need.target_cost),
            "range": _range(product.cost_min, product.cost_max),
        }
        if product.cost_min <= need.target_cost:
            reasons.append(
                _t("Its all-in cost of %(range)s%% a year can meet the target of %(target)s%%.")
                % costs
            )
        else:
            misses.append(
                _t("Its all-in cost of %(range)s%% a year is above the target of %(target)s%%.")
                % costs
            )
    return Fit.of(reasons, misses)
