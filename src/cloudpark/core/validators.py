"""Validators for Chinese registry numbers and phone numbers, dates and record ids.

Every number validator first normalises its input with NFKC, so that full-width digits and
letters typed on a Chinese keyboard (``１３８``) are the same as their ASCII forms (``138``).
Digits of other scripts (Arabic-Indic ``٩١``...) have no ASCII form and are refused.
"""

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: 31 characters, the letters I, O, Z, S and V left out.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_VALUES = {char: value for value, char in enumerate(CREDIT_CODE_ALPHABET)}
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")

# GB 11643-1999: 17 digits and a check character.
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK = "10X98765432"
RESIDENT_ID_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")

MOBILE_SHAPE = re.compile(r"^1[3-9][0-9]{9}$")
MOBILE_SEPARATORS = re.compile(r"[\s\-()]")
# A landline: the area code (010 and 02x have three digits, the others four), a local number
# of seven or eight digits, and an optional extension; or a 400/800 service number.
LANDLINE_SHAPE = re.compile(
    r"^(010|02[0-9]|0[3-9][0-9]{2})-?([2-9][0-9]{6,7})(?:(?:-|转|分机|EXT\.?|X|#)([0-9]{1,6}))?$"
)
SERVICE_NUMBER_SHAPE = re.compile(r"^([48]00)-?([0-9]{3})-?([0-9]{4})$")
PHONE_SPACES = re.compile(r"[\s()]")


def normalize(value):
    """NFKC-normalise, strip and upper-case: the canonical form of a code as typed."""
    return unicodedata.normalize("NFKC", str(value or "")).strip().upper()


# Dates a person may mean: earlier or later ones are typing errors (0202 for 2020), and the
# far ends of the calendar break time-zone arithmetic.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

# The largest id a 64-bit integer column holds; SQLite cannot even compare a larger one.
MAX_ID = 2**63 - 1


def _only_latin(value, what):
    """Refuse characters NFKC left outside ASCII, such as digits of another script."""
    if not value.isascii():
        raise ValidationError(
            _("Type the %(what)s with the digits 0 to 9 and Latin letters."),
            code="not_latin",
            params={"what": what},
        )


def credit_code_check_character(first_seventeen):
    total = sum(
        CREDIT_CODE_VALUES[char] * weight
        for char, weight in zip(first_seventeen, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(value):
    return normalize(value).replace(" ", "")


def validate_credit_code(value):
    code = normalize_credit_code(value)
    _only_latin(code, _("unified social credit code"))
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="credit_code_length",
            params={"count": len(code)},
        )
    if not CREDIT_CODE_SHAPE.match(code):
        raise ValidationError(
            _(
                "A unified social credit code uses digits and capital letters other than "
                "I, O, S, V and Z, with digits in places 3 to 8."
            ),
            code="credit_code_characters",
        )
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("The check character of this unified social credit code is wrong: a typing error?"),
            code="credit_code_check",
        )


def resident_id_check_character(first_seventeen):
    total = sum(int(d) * w for d, w in zip(first_seventeen, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK[total % 11]


def normalize_resident_id(value):
    return normalize(value).replace(" ", "")


def validate_resident_id(value):
    number = normalize_resident_id(value)
    _only_latin(number, _("resident ID number"))
    if not RESIDENT_ID_SHAPE.match(number):
        raise ValidationError(
            _("A resident ID number has 17 digits followed by a digit or X."),
            code="resident_id_shape",
        )
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("The date of birth in this resident ID number does not exist."),
            code="resident_id_birth_date",
        ) from None
    if resident_id_check_character(number[:17]) != number[17]:
        raise ValidationError(
            _("The check character of this resident ID number is wrong: a typing error?"),
            code="resident_id_check",
        )


def normalize_mobile(value):
    number = MOBILE_SEPARATORS.sub("", normalize(value))
    for prefix in ("+86", "0086"):
        if number.startswith(prefix):
            number = number[len(prefix) :]
    return number


def validate_mobile(value):
    if not MOBILE_SHAPE.match(normalize_mobile(value)):
        raise ValidationError(
            _("Enter a mainland China mobile number: 11 digits starting with 13 to 19."),
            code="mobile",
        )


def normalize_phone(value):
    """A mobile number as eleven digits; a landline as ``0571-88886666`` (``-8012`` for an
    extension); a service number as ``400-820-8820``. Anything else is returned as typed."""
    if MOBILE_SHAPE.match(normalize_mobile(value)):
        return normalize_mobile(value)
    typed = PHONE_SPACES.sub("", normalize(value))
    if typed.startswith("+86"):
        typed = "0" + typed[3:].lstrip("-0")
    # Digits grouped with hyphens (010-8888-6666) when that is the only way to read them.
    landline = LANDLINE_SHAPE.match(typed) or LANDLINE_SHAPE.match(typed.replace("-", ""))
    if landline:
        area, local, extension = landline.groups()
        return f"{area}-{local}" + (f"-{extension}" if extension else "")
    service = SERVICE_NUMBER_SHAPE.match(typed)
    if service:
        return "-".join(service.groups())
    return str(value).strip()


def validate_phone(value):
    normalized = normalize_phone(value)
    if not (
        MOBILE_SHAPE.match(normalized)
        or LANDLINE_SHAPE.match(normalized)
        or SERVICE_NUMBER_SHAPE.match(normalized)
    ):
        raise ValidationError(
            _(
                "Enter a mobile number (11 digits starting with 13 to 19) or a landline with its "
                "area code, e.g. 0571-88886666."
            ),
            code="phone",
        )


def validate_plausible_date(value):
    """Refuse a date, or a moment, outside the years ``EARLIEST_YEAR`` to ``LATEST_YEAR``:
    founding dates, event times and programme windows all fall well within them."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Enter a date between the years %(earliest)d and %(latest)d."),
            code="implausible_date",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )


def validate_id(value):
    """Refuse what cannot be a record's id: not a whole number, or beyond 64 bits."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= MAX_ID or str(value).strip() != str(number):
        raise ValidationError(_("This is not the number of any record."), code="invalid_id")
