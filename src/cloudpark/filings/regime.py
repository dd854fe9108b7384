"""The rules of the regime that need no database: title normalisation, counting Chinese
characters, the tier a work falls in, the monthly batch calendar and the shapes of numbers.
They read ``filings.reference``; services and pages call them."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from cloudpark.core import workdays
from cloudpark.filings import reference
from cloudpark.filings.enums import Tier

# Title brackets a filer may type around a title; stored without them.
TITLE_BRACKETS = re.compile(r"[《》〈〉<>«»]")
SPACES = re.compile(r"\s+")
CHINESE_CHARACTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def normalize_title(title):
    """A title as stored: full-width letters, digits and punctuation made half-width (NFKC),
    the 《》 brackets dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", str(title or ""))
    text = TITLE_BRACKETS.sub("", text)
    return SPACES.sub(" ", text).strip()


def chinese_characters(text):
    """How many Chinese characters ``text`` holds: the 字 the minimum lengths count."""
    return len(CHINESE_CHARACTER.findall(str(text or "")))


# Tiers --------------------------------------------------------------------------------------


def province_of(region_code):
    return str(region_code or "")[:2]


def tier_rule_for(kind, province, on):
    """The rule in force on ``on`` for ``kind``: the newest of the province's own, else the
    newest national one."""
    in_force = [
        rule for rule in reference.TIER_RULES if kind in rule.kinds and rule.valid_from <= on
    ]
    for scope in (province, ""):
        scoped = [rule for rule in in_force if rule.province == scope]
        if scope and not province:
            continue
        if scoped:
            return max(scoped, key=lambda rule: rule.valid_from)
    return None


def tier_for(*, kind, investment, promoted, special_subject, province, on):
    """``(tier, rule)``: whether the work is key, ordinary or other, and the rule that says so."""
    rule = tier_rule_for(kind, province, on)
    if rule is None:
        return Tier.ORDINARY, None
    above = investment >= rule.key_from if rule.inclusive else investment > rule.key_from
    if above or promoted or (rule.special_subject_is_key and special_subject):
        return Tier.KEY, rule
    if rule.ordinary_from is not None and investment < rule.ordinary_from:
        return Tier.OTHER, rule
    return Tier.ORDINARY, rule


# The monthly calendar -----------------------------------------------------------------------


def _first_of_next_month(day):
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def add_working_days(day, count):
    """``count`` working days after ``day``: weekends and public holidays skipped, the
    weekend days worked in their place counted (``core.workdays``)."""
    return workdays.add_working_days(day, count)


@dataclass(frozen=True)
class Batch:
    month: date
    cut_off: date
    forwarded_by: date
    national_review_ends: date
    notice_expected: date


def batch_for(submitted_on):
    """The monthly batch a filing submitted on ``submitted_on`` joins and what follows: the
    province forwards by the 5th of the next month, the national re-review takes about 20
    working days, the approved list appears about the 5th after that. A day that falls on a
    weekend or a public holiday moves to the next working day."""
    month = submitted_on.replace(day=1)
    if submitted_on.day > reference.BATCH_CUT_OFF_DAY:
        month = _first_of_next_month(month)
    forwarded_by = workdays.next_working_day(
        _first_of_next_month(month).replace(day=reference.FORWARD_BY_DAY)
    )
    review_ends = add_working_days(forwarded_by, reference.NATIONAL_REVIEW_WORKING_DAYS)
    notice = review_ends.replace(day=reference.NOTICE_DAY)
    if notice < review_ends:
        notice = _first_of_next_month(review_ends).replace(day=reference.NOTICE_DAY)
    notice = workdays.next_working_day(notice)
    return Batch(
        month=month,
        cut_off=month.replace(day=reference.BATCH_CUT_OFF_DAY),
        forwarded_by=forwarded_by,
        national_review_ends=review_ends,
        notice_expected=notice,
    )


# Words and numbers --------------------------------------------------------------------------


def suggested_special_subjects(*texts):
    """Special subjects whose words appear in ``texts``: ``{subject: [words found]}``."""
    joined = "\n".join(str(text or "") for text in texts)
    found = {}
    for subject, words in reference.CO_REVIEW_WORDS.items():
        hits = [word for word in words if word in joined]
        if hits:
            found[subject] = hits
    return found


def normalize_brackets(number):
    return (
        unicodedata.normalize("NFKC", str(number or ""))
        .strip()
        .replace("(", "（")
        .replace(")", "）")
    )


def production_licence_province(number):
    """The abbreviation of the province that issued a production and operation licence
    number, or None when the number does not have the licence's shape."""
    match = re.match(reference.PRODUCTION_LICENCE_PATTERN, normalize_brackets(number))
    if match is None or match.group(1) not in reference.PROVINCE_ABBREVIATIONS.values():
        return None
    return match.group(1)


def licence_number_parts(number):
    """``(issuer, code, year, sequence)`` of a distribution licence number, or None."""
    match = re.match(reference.LICENCE_NUMBER_PATTERN, normalize_brackets(number))
    if match is None:
        return None
    issuer, code, year, sequence = match.groups()
    return issuer, code, int(year), int(sequence)


def issuer_abbreviation(*, national, region_code):
    if national:
        return reference.NATIONAL_ISSUER
    return reference.PROVINCE_ABBREVIATIONS.get(province_of(region_code), "")


def timecode(seconds):
    """``3725`` -> ``"01:02:05"``: a point of the film as reviewers read it."""
    seconds = max(int(seconds or 0), 0)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def parse_timecode(value):
    """Seconds from ``"hh:mm:ss"``, ``"mm:ss"`` or a plain number of seconds; None when it is
    none of them."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value >= 0 else None
    parts = str(value or "").strip().split(":")
    if not 1 <= len(parts) <= 3 or not all(part.isdigit() and part.isascii() for part in parts):
        return None
    numbers = [int(part) for part in parts]
    if any(number >= 60 for number in numbers[1:]):
        return None
    total = 0
    for number in numbers:
        total = total * 60 + number
    return total
