"""Odd input is refused with a message, never a server error."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cloudpark.core import validators

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def error_code(validate, value):
    with pytest.raises(ValidationError) as raised:
        validate(value)
    return raised.value.code


@pytest.mark.parametrize(
    "code",
    [
        "91330100716105852F".translate(ARABIC_INDIC),
        "91" + "330100".translate(ARABIC_INDIC) + "716105852F",
    ],
)
def test_a_credit_code_in_other_digits_is_refused_with_a_message(code):
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            validators.validate_credit_code(code)
        messages = raised.value.messages

    assert raised.value.code == "not_latin"
    assert messages == [
        "Type the unified social credit code with the digits 0 to 9 and Latin letters."
    ]


def test_a_resident_id_in_other_digits_is_refused():
    number = "11010519491231002X".translate(ARABIC_INDIC)

    assert error_code(validators.validate_resident_id, number) == "not_latin"


def test_full_width_digits_are_still_the_ascii_ones():
    result = validators.validate_resident_id("１１０１０５１９４９１２３１００２Ｘ")

    assert result is None


@pytest.mark.parametrize(
    "value", [date(1899, 12, 31), date(2101, 1, 1), date(1, 1, 1), datetime(9999, 12, 31)]
)
def test_dates_outside_1900_to_2100_are_refused(value):
    assert error_code(validators.validate_plausible_date, value) == "implausible_date"


@pytest.mark.parametrize("value", [date(1900, 1, 1), datetime(2100, 12, 31, 23, 59), None])
def test_dates_within_1900_to_2100_are_accepted(value):
    result = validators.validate_plausible_date(value)

    assert result is None


@pytest.mark.parametrize("value", ["1", 42, str(validators.MAX_ID)])
def test_ids_within_64_bits_are_accepted(value):
    result = validators.validate_id(value)

    assert result is None


@pytest.mark.parametrize(
    "value", ["0", "-3", "99999999999999999999", str(validators.MAX_ID + 1), "1.5", "٩", "x", ""]
)
def test_what_cannot_be_an_id_is_refused(value):
    assert error_code(validators.validate_id, value) == "invalid_id"
