"""China's working days: Monday to Friday, less the public holidays, plus the weekend days
worked in their place (调休上班), as the State Council's yearly notice on holiday arrangements
(国务院办公厅关于 YYYY 年部分节假日安排的通知) sets them.

The calendar is data, one year a block, each with where it comes from:

- 2025 (国办发明电〔2024〕12号) and 2026 (notice of 2025-11-04) were checked against the
  notices' published text.
- 2023 (国办发明电〔2022〕16号) and 2024 (国办发明电〔2023〕7号) are written from the notices
  as remembered and were not checked against their text here: UNVERIFIED.
- 2027: the notice was not available here. Only the statutory days of the 2024 holiday rules
  are listed (New Year's Day, the Spring Festival's eve to its third day, Qingming, 1-2 May,
  Dragon Boat, Mid-Autumn, 1-3 October), with no bridging days and no make-up working days:
  UNVERIFIED, to be replaced by the notice's arrangement.
- Other years: weekends only.

Add a year by adding its block; ``VERIFIED_YEARS`` says which blocks were checked.
"""

from datetime import date, timedelta


def _span(first, last):
    return {first + timedelta(days=offset) for offset in range((last - first).days + 1)}


HOLIDAYS = {
    2023: (
        _span(date(2022, 12, 31), date(2023, 1, 2))
        | _span(date(2023, 1, 21), date(2023, 1, 27))
        | {date(2023, 4, 5)}
        | _span(date(2023, 4, 29), date(2023, 5, 3))
        | _span(date(2023, 6, 22), date(2023, 6, 24))
        | _span(date(2023, 9, 29), date(2023, 10, 6))
    ),
    2024: (
        {date(2024, 1, 1)}
        | _span(date(2024, 2, 10), date(2024, 2, 17))
        | _span(date(2024, 4, 4), date(2024, 4, 6))
        | _span(date(2024, 5, 1), date(2024, 5, 5))
        | {date(2024, 6, 10)}
        | _span(date(2024, 9, 15), date(2024, 9, 17))
        | _span(date(2024, 10, 1), date(2024, 10, 7))
    ),
    2025: (
        {date(2025, 1, 1)}
        | _span(date(2025, 1, 28), date(2025, 2, 4))
        | _span(date(2025, 4, 4), date(2025, 4, 6))
        | _span(date(2025, 5, 1), date(2025, 5, 5))
        | _span(date(2025, 5, 31), date(2025, 6, 2))
        | _span(date(2025, 10, 1), date(2025, 10, 8))
    ),
    2026: (
        _span(date(2026, 1, 1), date(2026, 1, 3))
        | _span(date(2026, 2, 15), date(2026, 2, 23))
        | _span(date(2026, 4, 4), date(2026, 4, 6))
        | _span(date(2026, 5, 1), date(2026, 5, 5))
        | _span(date(2026, 6, 19), date(2026, 6, 21))
        | _span(date(2026, 9, 25), date(2026, 9, 27))
        | _span(date(2026, 10, 1), date(2026, 10, 7))
    ),
    # Statutory days only (UNVERIFIED, see above).
    2027: (
        {date(2027, 1, 1)}
        | _span(date(2027, 2, 5), date(2027, 2, 8))
        | {date(2027, 4, 5)}
        | _span(date(2027, 5, 1), date(2027, 5, 2))
        | {date(2027, 6, 9)}
        | {date(2027, 9, 15)}
        | _span(date(2027, 10, 1), date(2027, 10, 3))
    ),
}

# Weekend days worked in place of a holiday.
MAKE_UP_WORKING_DAYS = {
    2023: {date(2023, 1, 28), date(2023, 1, 29), date(2023, 4, 23), date(2023, 5, 6)}
    | {date(2023, 6, 25), date(2023, 10, 7), date(2023, 10, 8)},
    2024: {date(2024, 2, 4), date(2024, 2, 18), date(2024, 4, 7), date(2024, 4, 28)}
    | {date(2024, 5, 11), date(2024, 9, 14), date(2024, 9, 29), date(2024, 10, 12)},
    2025: {date(2025, 1, 26), date(2025, 2, 8), date(2025, 4, 27), date(2025, 9, 28)}
    | {date(2025, 10, 11)},
    2026: {date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9)}
    | {date(2026, 9, 20), date(2026, 10, 10)},
    2027: set(),
}

VERIFIED_YEARS = frozenset({2025, 2026})
KNOWN_YEARS = frozenset(HOLIDAYS)

_HOLIDAYS = frozenset().union(*HOLIDAYS.values())
_MAKE_UP = frozenset().union(*MAKE_UP_WORKING_DAYS.values())


def is_working_day(day):
    if day in _MAKE_UP:
        return True
    return day.weekday() < 5 and day not in _HOLIDAYS


def add_working_days(day, count):
    """The day ``count`` working days after ``day``."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def next_working_day(day):
    """``day`` when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
