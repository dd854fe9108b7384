from datetime import date
from decimal import Decimal

import pytest

from cloudpark.filings import regime
from cloudpark.filings.enums import Tier


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("《江南老街》", "江南老街"),
        ("  《ＡＢＣ１２３之夜》 ", "ABC123之夜"),
        ("〈长河〉  第二季", "长河 第二季"),
    ],
)
def test_titles_are_stored_without_brackets_and_in_one_width(typed, stored):
    assert regime.normalize_title(typed) == stored


def test_only_chinese_characters_are_counted():
    assert regime.chinese_characters("江南 abc 123，老街。") == 4


@pytest.mark.parametrize(
    ("kind", "investment", "promoted", "special", "province", "on", "expected"),
    [
        (
            "series",
            "500",
            False,
            False,
            "33",
            date(2026, 3, 1),
            (Tier.ORDINARY, "national-2022-series"),
        ),
        (
            "series",
            "500.01",
            False,
            False,
            "33",
            date(2026, 3, 1),
            (Tier.KEY, "national-2022-series"),
        ),
        ("film", "80", True, False, "33", date(2026, 3, 1), (Tier.KEY, "national-2022-film")),
        ("micro", "100", False, False, "33", date(2026, 3, 1), (Tier.KEY, "national-2025-micro")),
        (
            "micro",
            "100",
            False,
            False,
            "33",
            date(2025, 1, 1),
            (Tier.ORDINARY, "national-2022-film"),
        ),
        (
            "micro",
            "29.99",
            False,
            False,
            "33",
            date(2026, 3, 1),
            (Tier.OTHER, "national-2025-micro"),
        ),
        ("micro", "30", False, True, "33", date(2026, 3, 1), (Tier.KEY, "national-2025-micro")),
        (
            "micro",
            "200",
            False,
            False,
            "45",
            date(2026, 3, 1),
            (Tier.ORDINARY, "guangxi-2026-micro"),
        ),
        ("micro", "300", False, False, "45", date(2026, 3, 1), (Tier.KEY, "guangxi-2026-micro")),
    ],
)
def test_the_tier_follows_the_dated_rule_of_the_province(
    kind, investment, promoted, special, province, on, expected
):
    tier, rule = regime.tier_for(
        kind=kind,
        investment=Decimal(investment),
        promoted=promoted,
        special_subject=special,
        province=province,
        on=on,
    )

    assert (tier, rule.key) == expected


@pytest.mark.parametrize(
    ("submitted", "month", "forwarded", "notice"),
    [
        # Twenty working days from 5 June end on 6 July (19 June is the Dragon Boat holiday),
        # past the 5th: the notice is August's.
        (date(2026, 5, 25), date(2026, 5, 1), date(2026, 6, 5), date(2026, 8, 5)),
        # 5 July 2026 is a Sunday: the province forwards on Monday the 6th.
        (date(2026, 5, 26), date(2026, 6, 1), date(2026, 7, 6), date(2026, 8, 5)),
        # 5 February 2027 is the Spring Festival's eve (a statutory day): the next working day.
        (date(2026, 12, 3), date(2026, 12, 1), date(2027, 1, 5), date(2027, 2, 9)),
    ],
)
def test_a_filing_joins_the_batch_of_its_month_until_the_25th(submitted, month, forwarded, notice):
    batch = regime.batch_for(submitted)

    assert (batch.month, batch.forwarded_by, batch.notice_expected) == (month, forwarded, notice)


def test_the_national_review_skips_the_spring_festival_and_counts_its_make_up_days():
    batch = regime.batch_for(date(2026, 1, 20))

    # From 5 February 2026: 14 February (a Saturday) is worked, 15-23 February are off.
    assert (batch.forwarded_by, batch.national_review_ends) == (date(2026, 2, 5), date(2026, 3, 11))
    assert batch.notice_expected == date(2026, 4, 7)


def test_subject_words_suggest_a_co_review():
    found = regime.suggested_special_subjects("刑警队长", "一名缉毒警察在边境的故事")

    assert found == {"police": ["警察", "刑警", "缉毒"]}


@pytest.mark.parametrize(
    ("number", "parts"),
    [
        ("（浙）网剧审字（2026）第003号", ("浙", "剧", 2026, 3)),
        ("(冀)网微剧审字(2022)第001号", ("冀", "微剧", 2022, 1)),
        ("（总局）网影审字（2022）第002号", ("总局", "影", 2022, 2)),
        ("浙网剧审字2026第003号", None),
    ],
)
def test_licence_numbers_are_read_with_brackets_of_either_width(number, parts):
    assert regime.licence_number_parts(number) == parts


@pytest.mark.parametrize(
    ("number", "province"),
    [
        ("（浙）字第01234号", "浙"),
        ("(京)字第123号", "京"),
        ("（浙）第01234号", None),
        ("（X）字第1号", None),
    ],
)
def test_production_licence_numbers_name_their_province(number, province):
    assert regime.production_licence_province(number) == province
