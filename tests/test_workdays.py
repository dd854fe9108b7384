"""China's working-day calendar: holidays, make-up working days, the years it knows."""

from datetime import date

import pytest

from cloudpark.awards import services as awards
from cloudpark.core import workdays


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 2, 13), True),  # the Friday before the Spring Festival
        (date(2026, 2, 14), True),  # a Saturday worked in place of a holiday
        (date(2026, 2, 16), False),  # a Monday of the Spring Festival
        (date(2026, 2, 24), True),
        (date(2026, 10, 7), False),  # the last day of the National Day week
        (date(2026, 10, 8), True),
        (date(2026, 10, 10), True),  # a Saturday worked
        (date(2025, 1, 26), True),  # a Sunday worked
        (date(2025, 10, 8), False),  # National Day and Mid-Autumn together, 8 days
        (date(2024, 2, 18), True),
        (date(2023, 10, 6), False),
        (date(2028, 1, 3), True),  # an unknown year: weekdays only
        (date(2028, 1, 1), False),
    ],
)
def test_working_days(day, working):
    assert workdays.is_working_day(day) is working


def test_make_up_working_days_are_weekend_days_and_holidays_are_not_worked():
    for year in workdays.KNOWN_YEARS:
        assert all(day.weekday() >= 5 for day in workdays.MAKE_UP_WORKING_DAYS[year])
        assert not workdays.HOLIDAYS[year] & workdays.MAKE_UP_WORKING_DAYS[year]


def test_adding_working_days_skips_holidays():
    # From Thursday 30 April 2026: 1-5 May are off, Saturday 9 May is worked.
    assert workdays.add_working_days(date(2026, 4, 30), 1) == date(2026, 5, 6)
    assert workdays.add_working_days(date(2026, 4, 30), 4) == date(2026, 5, 9)
    assert workdays.next_working_day(date(2026, 10, 1)) == date(2026, 10, 8)


def test_the_years_checked_against_the_notices_are_marked():
    assert set(workdays.VERIFIED_YEARS) == {2025, 2026}
    assert set(workdays.KNOWN_YEARS) == {2023, 2024, 2025, 2026, 2027}


def test_the_awards_five_working_days_skip_public_holidays():
    # Entries shown from Wednesday 30 September 2026: 1-7 October are off, Saturday the 10th
    # is worked.
    assert awards.add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 13)
