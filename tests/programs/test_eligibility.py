"""Eligibility rules: each kind met, not met or unknown with its explanation; all/any; and the
results following changes to the enterprise's data and to the rules."""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from cloudpark.orgs import services as org_services
from cloudpark.programs import eligibility, selectors, services
from cloudpark.programs.enums import Combinator, Outcome, RuleKind
from tests.factories import (
    EligibilityRuleFactory,
    EnterpriseFactory,
    EnterpriseYearFactory,
    QualificationTagFactory,
)


@dataclass(frozen=True)
class Rule:
    kind: str
    params: dict


def named(name):
    return SimpleNamespace(display_name=name)


PARK = SimpleNamespace(display_name="之江视听基地", level="provincial")
FACTS = eligibility.Facts(
    name="之江影视",
    category_code="022",
    category_parent_code="02",
    category=named("广播影视节目制作"),
    park=PARK,
    founded_on=date(2018, 5, 8),
    staff_count=86,
    revenue=Decimal("4120.00"),
    revenue_year=2025,
    tags=frozenset({"high-tech"}),
)
MISSING = replace(
    FACTS, park=None, founded_on=None, staff_count=None, revenue=None, revenue_year=None
)
VOCABULARY = eligibility.Vocabulary(
    categories={"02": named("内容创作生产"), "08": named("文化装备生产")},
    tags={"high-tech": named("高新技术企业"), "listed": named("上市企业")},
)

CASES = [
    # (rule, facts, outcome, explanation)
    (
        Rule(RuleKind.CATEGORY_IN, {"codes": ["02"]}),
        FACTS,
        Outcome.PASSED,
        "Its industry category, 022 广播影视节目制作, is among those eligible: 02 内容创作生产.",
    ),
    (
        Rule(RuleKind.CATEGORY_IN, {"codes": ["08"]}),
        FACTS,
        Outcome.FAILED,
        "Its industry category, 022 广播影视节目制作, is not among those eligible: "
        "08 文化装备生产.",
    ),
    (
        Rule(RuleKind.PARK_LEVEL_AT_LEAST, {"level": "provincial"}),
        FACTS,
        Outcome.PASSED,
        "Its park, 之江视听基地, is rated “Provincial base”, which meets the Provincial base or "
        "higher needed.",
    ),
    (
        Rule(RuleKind.PARK_LEVEL_AT_LEAST, {"level": "national"}),
        FACTS,
        Outcome.FAILED,
        "Its park, 之江视听基地, is rated “Provincial base”, below the National base or higher "
        "needed.",
    ),
    (
        Rule(RuleKind.PARK_LEVEL_AT_LEAST, {"level": "municipal"}),
        MISSING,
        Outcome.FAILED,
        "It is not resident in a park; a park of level Municipal base or higher is needed.",
    ),
    (
        Rule(RuleKind.FOUNDED_BEFORE, {"date": "2020-01-01"}),
        FACTS,
        Outcome.PASSED,
        "Founded on 2018-05-08, before 2020-01-01.",
    ),
    (
        Rule(RuleKind.FOUNDED_BEFORE, {"date": "2018-01-01"}),
        FACTS,
        Outcome.FAILED,
        "Founded on 2018-05-08, not before 2018-01-01.",
    ),
    (
        Rule(RuleKind.FOUNDED_BEFORE, {"date": "2020-01-01"}),
        MISSING,
        Outcome.UNKNOWN,
        "The founding date is missing from the profile; it must be before 2020-01-01.",
    ),
    (
        Rule(RuleKind.STAFF_BETWEEN, {"min": 10, "max": 100}),
        FACTS,
        Outcome.PASSED,
        "86 staff, within 10 to 100.",
    ),
    (
        Rule(RuleKind.STAFF_BETWEEN, {"min": None, "max": 50}),
        FACTS,
        Outcome.FAILED,
        "86 staff, not within at most 50.",
    ),
    (
        Rule(RuleKind.STAFF_BETWEEN, {"min": 10, "max": None}),
        MISSING,
        Outcome.UNKNOWN,
        "The staff count is missing from the profile; at least 10 are needed.",
    ),
    (
        Rule(RuleKind.REVENUE_AT_LEAST, {"amount": "500"}),
        FACTS,
        Outcome.PASSED,
        "Revenue of 4,120 (10,000 yuan) in 2025; at least 500 is needed.",
    ),
    (
        Rule(RuleKind.REVENUE_AT_LEAST, {"amount": "5000"}),
        FACTS,
        Outcome.FAILED,
        "Revenue of 4,120 (10,000 yuan) in 2025, below the 5,000 needed.",
    ),
    (
        Rule(RuleKind.REVENUE_AT_LEAST, {"amount": "500"}),
        MISSING,
        Outcome.UNKNOWN,
        "No yearly revenue has been reported; at least 500 (10,000 yuan) is needed.",
    ),
    (
        Rule(RuleKind.HAS_TAG, {"tag": "high-tech"}),
        FACTS,
        Outcome.PASSED,
        "It holds the qualification 高新技术企业.",
    ),
    (
        Rule(RuleKind.HAS_TAG, {"tag": "listed"}),
        FACTS,
        Outcome.FAILED,
        "It does not hold the qualification 上市企业.",
    ),
    (
        Rule(RuleKind.RESIDENT_IN_ZONE, {}),
        FACTS,
        Outcome.PASSED,
        "It is resident in 之江视听基地.",
    ),
    (
        Rule(RuleKind.RESIDENT_IN_ZONE, {}),
        MISSING,
        Outcome.FAILED,
        "It is not resident in any park of the zone.",
    ),
]


@pytest.mark.parametrize(
    ("rule", "facts", "outcome", "explanation"),
    CASES,
    ids=[f"{rule.kind}-{outcome}" for rule, _facts, outcome, _text in CASES],
)
def test_each_rule_says_why(rule, facts, outcome, explanation):
    result = eligibility.check(rule, facts, VOCABULARY)

    assert (result.outcome, result.explanation) == (outcome, explanation)


P, F, U = Outcome.PASSED, Outcome.FAILED, Outcome.UNKNOWN


@pytest.mark.parametrize(
    ("outcomes", "all_of", "any_of"),
    [
        ([], P, P),
        ([P, P], P, P),
        ([P, F], F, P),
        ([P, U], U, P),
        ([F, U], F, U),
        ([F, F], F, F),
        ([U, U], U, U),
    ],
)
def test_rules_combine_with_all_or_any(outcomes, all_of, any_of):
    assert eligibility.combine(outcomes, Combinator.ALL) == all_of
    assert eligibility.combine(outcomes, Combinator.ANY) == any_of


def test_an_evaluation_lists_what_keeps_the_enterprise_out():
    rules = [
        Rule(RuleKind.RESIDENT_IN_ZONE, {}),
        Rule(RuleKind.FOUNDED_BEFORE, {"date": "2020-01-01"}),
        Rule(RuleKind.HAS_TAG, {"tag": "listed"}),
    ]

    result = eligibility.evaluate(rules, MISSING, combinator=Combinator.ALL, vocabulary=VOCABULARY)

    assert (result.outcome, result.qualifies) == (Outcome.FAILED, False)
    assert [r.outcome for r in result.unmet] == [F, U, F]


@pytest.mark.parametrize(
    ("kind", "text", "params"),
    [
        (RuleKind.CATEGORY_IN, "022，024、 08", {"codes": ["022", "024", "08"]}),
        (RuleKind.PARK_LEVEL_AT_LEAST, "Provincial", {"level": "provincial"}),
        (RuleKind.FOUNDED_BEFORE, "2023-01-01", {"date": "2023-01-01"}),
        (RuleKind.STAFF_BETWEEN, "10-500", {"min": 10, "max": 500}),
        (RuleKind.STAFF_BETWEEN, "10-", {"min": 10, "max": None}),
        (RuleKind.REVENUE_AT_LEAST, "1,500", {"amount": "1500"}),
        (RuleKind.HAS_TAG, "high-tech", {"tag": "high-tech"}),
        (RuleKind.RESIDENT_IN_ZONE, "", {}),
    ],
)
def test_the_editors_value_reads_into_parameters_and_back(kind, text, params):
    parsed = eligibility.parse_value(kind, text)

    assert parsed == params
    assert eligibility.parse_value(kind, eligibility.format_value(kind, parsed)) == params


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (RuleKind.CATEGORY_IN, "影视"),
        (RuleKind.PARK_LEVEL_AT_LEAST, "galactic"),
        (RuleKind.FOUNDED_BEFORE, "last year"),
        (RuleKind.STAFF_BETWEEN, "500-10"),
        (RuleKind.REVENUE_AT_LEAST, "-3"),
        (RuleKind.HAS_TAG, ""),
    ],
)
def test_a_value_that_does_not_fit_the_rule_is_refused(kind, text):
    with pytest.raises(ValidationError, match="do not fit the rule"):
        eligibility.parse_value(kind, text)


# Live, from the database ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_result_follows_the_enterprises_data(programme, enterprise):
    EligibilityRuleFactory(
        programme=programme, kind=RuleKind.REVENUE_AT_LEAST, params={"amount": "1000"}
    )
    unknown = selectors.eligibility_of(enterprise, programme).outcome
    EnterpriseYearFactory(enterprise=enterprise, year=2024, revenue=Decimal("800"))
    low = selectors.eligibility_of(enterprise, programme).outcome

    EnterpriseYearFactory(enterprise=enterprise, year=2025, revenue=Decimal("1200"))

    result = selectors.eligibility_of(enterprise, programme)
    assert (unknown, low, result.outcome) == (Outcome.UNKNOWN, Outcome.FAILED, Outcome.PASSED)
    assert result.results[0].explanation == (
        "Revenue of 1,200 (10,000 yuan) in 2025; at least 1,000 is needed."
    )


@pytest.mark.django_db
def test_the_result_follows_the_rules(programme, enterprise, people):
    services.set_rules(
        programme,
        [(RuleKind.HAS_TAG, {"tag": "high-tech"})],
        combinator=Combinator.ALL,
        actor=people["chief"],
    )
    before = selectors.eligibility_of(enterprise, programme).outcome
    org_services.update_enterprise(
        enterprise, actor=people["applicant"], tags=[QualificationTagFactory(slug="high-tech")]
    )
    tagged = selectors.eligibility_of(enterprise, programme).outcome

    services.set_rules(
        programme,
        [(RuleKind.HAS_TAG, {"tag": "high-tech"}), (RuleKind.STAFF_BETWEEN, {"max": 10})],
        combinator=Combinator.ALL,
        actor=people["chief"],
    )

    after = selectors.eligibility_of(enterprise, programme).outcome
    assert (before, tagged, after) == (Outcome.FAILED, Outcome.PASSED, Outcome.FAILED)


@pytest.mark.django_db
def test_the_government_sees_which_enterprises_qualify(programme, park, government):
    EligibilityRuleFactory(programme=programme, kind=RuleKind.STAFF_BETWEEN, params={"min": 50})
    big = EnterpriseFactory(park=park, staff_count=80, name="大型影视有限公司")
    EnterpriseFactory(park=park, staff_count=20)
    unknown = EnterpriseFactory(park=park, staff_count=None, name="未知人数有限公司")
    EnterpriseFactory(staff_count=500)  # outside the body's jurisdiction

    passed = selectors.enterprise_results(programme, government)
    missing = selectors.enterprise_results(programme, government, outcome=Outcome.UNKNOWN)

    assert [enterprise for enterprise, _result in passed] == [big]
    assert [enterprise for enterprise, _result in missing] == [unknown]


@pytest.mark.django_db
def test_descriptions_name_the_categories_and_tags(programme):
    EligibilityRuleFactory(programme=programme, kind=RuleKind.CATEGORY_IN, params={"codes": ["02"]})
    EligibilityRuleFactory(programme=programme, kind=RuleKind.HAS_TAG, params={"tag": "high-tech"})

    assert selectors.requirements_of(programme) == [
        "Industry category: 02 Content creation and production (or a category under them).",
        "Holds the qualification: High-tech enterprise.",
    ]
