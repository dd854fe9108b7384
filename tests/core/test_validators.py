"""GB 32100 credit codes, GB 11643 resident IDs and mainland mobiles, as typed by people.

The credit code weights are 3**i mod 31 and 31 is prime, so every weight is invertible mod 31:
changing any one of the first 17 characters to another character of the alphabet changes the
weighted sum mod 31 and therefore the check character. The same holds for resident IDs
(weights nonzero mod 11, 11 prime). The properties below rely on exactly that.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from cloudpark.core import privacy, validators

ALPHABET = validators.CREDIT_CODE_ALPHABET
DIGITS = "0123456789"
FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}


def full_width(text):
    """What a Chinese keyboard in full-width mode types: ``９１３３`` for ``9133``."""
    return text.translate(FULL_WIDTH)


def error_code(validate, value):
    with pytest.raises(ValidationError) as caught:
        validate(value)
    return caught.value.code


credit_code_bodies = st.tuples(
    st.text(ALPHABET, min_size=2, max_size=2),
    st.text(DIGITS, min_size=6, max_size=6),
    st.text(ALPHABET, min_size=9, max_size=9),
).map("".join)
credit_codes = credit_code_bodies.map(
    lambda body: body + validators.credit_code_check_character(body)
)

birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
resident_id_bodies = st.tuples(
    st.text(DIGITS, min_size=6, max_size=6),
    birth_dates.map(lambda day: day.strftime("%Y%m%d")),
    st.text(DIGITS, min_size=3, max_size=3),
).map("".join)
resident_ids = resident_id_bodies.map(
    lambda body: body + validators.resident_id_check_character(body)
)

mobiles = st.tuples(st.sampled_from("3456789"), st.text(DIGITS, min_size=9, max_size=9)).map(
    lambda parts: "1" + "".join(parts)
)


# Unified social credit codes (GB 32100-2015) -------------------------------------------------


def test_credit_code_weights_are_powers_of_three_mod_31():
    weights = [pow(3, position, 31) for position in range(17)]

    assert list(validators.CREDIT_CODE_WEIGHTS) == weights


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the example of the standard's explanatory material
        "914403001922038216",  # a Shenzhen technology company, check character a digit
        "91330100716105852F",  # a Hangzhou company
        "9144030071526726XG",
        "91110000600037341L",
    ],
)
def test_real_credit_codes_are_valid(code):
    result = validators.validate_credit_code(code)

    assert result is None


@given(credit_codes)
def test_a_code_with_its_computed_check_character_is_valid(code):
    result = validators.validate_credit_code(code)

    assert result is None


@given(credit_codes, st.data())
def test_changing_the_check_character_makes_a_code_invalid(code, data):
    other = data.draw(st.sampled_from(ALPHABET.replace(code[17], "")))

    error = error_code(validators.validate_credit_code, code[:17] + other)

    assert error == "credit_code_check"


@given(credit_codes, st.integers(min_value=0, max_value=16), st.data())
def test_changing_any_one_character_makes_a_code_invalid(code, position, data):
    allowed = DIGITS if 2 <= position <= 7 else ALPHABET
    other = data.draw(st.sampled_from(allowed.replace(code[position], "")))
    typo = code[:position] + other + code[position + 1 :]

    error = error_code(validators.validate_credit_code, typo)

    assert error == "credit_code_check"


@given(credit_codes)
def test_full_width_lower_case_code_validates_and_normalises_to_the_code(code):
    typed = full_width(code.lower())

    result = validators.validate_credit_code(typed)

    assert result is None
    assert validators.normalize_credit_code(typed) == code


def test_credit_code_with_spaces_normalises_to_the_code():
    typed = " 9135 0100 M000 100Y 43 "

    normalised = validators.normalize_credit_code(typed)

    assert normalised == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("value", "expected_code"),
    [
        ("91350100M000100Y4", "credit_code_length"),
        ("91350100M000100Y433", "credit_code_length"),
        ("", "credit_code_length"),
        ("91350100I000100Y43", "credit_code_characters"),  # I is left out of the alphabet
        ("91350100O000100Y43", "credit_code_characters"),
        ("913501A0M000100Y43", "credit_code_characters"),  # places 3 to 8 are digits
        ("91350100M000100Y44", "credit_code_check"),
    ],
)
def test_malformed_credit_codes_are_refused_with_their_reason(value, expected_code):
    error = error_code(validators.validate_credit_code, value)

    assert error == expected_code


def test_credit_code_length_error_names_the_length():
    with pytest.raises(ValidationError) as caught:
        validators.validate_credit_code("9135")

    assert caught.value.params == {"count": 4}


# Resident ID numbers (GB 11643-1999) ----------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002X",  # the standard's example, check character X
        "440524188001010014",
        "11010519491231002x",  # a lower-case x is the same
        "１１０１０５１９４９１２３１００２Ｘ",
    ],
)
def test_real_format_resident_ids_are_valid(number):
    result = validators.validate_resident_id(number)

    assert result is None


@given(resident_ids)
def test_a_resident_id_with_its_computed_check_character_is_valid(number):
    result = validators.validate_resident_id(number)

    assert result is None


@given(resident_ids)
def test_full_width_resident_id_normalises_to_the_number(number):
    typed = full_width(number.lower())

    result = validators.validate_resident_id(typed)

    assert result is None
    assert validators.normalize_resident_id(typed) == number


@given(resident_ids, st.data())
def test_changing_the_resident_id_check_character_makes_it_invalid(number, data):
    other = data.draw(st.sampled_from(validators.RESIDENT_ID_CHECK.replace(number[17], "")))

    error = error_code(validators.validate_resident_id, number[:17] + other)

    assert error == "resident_id_check"


@given(resident_ids, st.sampled_from([0, 1, 2, 3, 4, 5, 14, 15, 16]), st.data())
def test_changing_a_region_or_sequence_digit_makes_a_resident_id_invalid(number, position, data):
    other = data.draw(st.sampled_from(DIGITS.replace(number[position], "")))
    typo = number[:position] + other + number[position + 1 :]

    error = error_code(validators.validate_resident_id, typo)

    assert error == "resident_id_check"


def test_resident_id_check_is_x_when_the_remainder_is_two():
    check = validators.resident_id_check_character("11010519491231002")

    assert check == "X"


@pytest.mark.parametrize(
    ("value", "expected_code"),
    [
        ("110105194902300011", "resident_id_birth_date"),  # 30 February
        ("110105202302290011", "resident_id_birth_date"),  # 2023 is no leap year
        ("110105194913010011", "resident_id_birth_date"),  # month 13
        ("110105194901000011", "resident_id_birth_date"),  # day 0
        ("11010519491231002", "resident_id_shape"),
        ("1101051949123100XX", "resident_id_shape"),
        ("11010519491231002Y", "resident_id_shape"),
        ("440524188001010015", "resident_id_check"),
    ],
)
def test_malformed_resident_ids_are_refused_with_their_reason(value, expected_code):
    error = error_code(validators.validate_resident_id, value)

    assert error == expected_code


def test_a_leap_day_birth_date_is_valid():
    body = "11010520240229001"
    number = body + validators.resident_id_check_character(body)

    result = validators.validate_resident_id(number)

    assert result is None


# Mainland mobile numbers ---------------------------------------------------------------------


@given(mobiles, st.sampled_from(["", "+86", "+86 ", "0086", "(+86) ", "＋８６ "]))
def test_mobile_with_country_prefix_normalises_to_eleven_digits(number, prefix):
    typed = prefix + number

    result = validators.validate_mobile(typed)

    assert result is None
    assert validators.normalize_mobile(typed) == number


@given(mobiles)
def test_full_width_mobile_with_separators_normalises_to_eleven_digits(number):
    typed = full_width(f"{number[:3]} {number[3:7]}-{number[7:]}")

    result = validators.validate_mobile(typed)

    assert result is None
    assert validators.normalize_mobile(typed) == number


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("１３８　１２３４　５６７８", "13812345678"),  # full-width digits, ideographic spaces
        ("(0086)19912345678", "19912345678"),
    ],
)
def test_known_mobile_spellings_normalise(typed, expected):
    normalised = validators.normalize_mobile(typed)

    assert normalised == expected


@pytest.mark.parametrize(
    "value",
    [
        "12812345678",  # no mobile prefix starts with 12
        "1381234567",  # ten digits
        "138123456789",  # twelve digits
        "8613812345678",  # a country code without + or 00
        "1381234567a",
        "",
    ],
)
def test_malformed_mobiles_are_refused(value):
    error = error_code(validators.validate_mobile, value)

    assert error == "mobile"


# Telephone numbers: mobiles and landlines ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("138 1234 5678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("0571-88886666", "0571-88886666"),
        ("(0571) 8888 6666", "0571-88886666"),
        ("057188886666", "0571-88886666"),
        ("01088886666", "010-88886666"),
        ("010-8888-6666", "010-88886666"),
        ("０５７１－８８８８６６６６", "0571-88886666"),
        ("0571-88886666转8012", "0571-88886666-8012"),
        ("+86 571 88886666", "0571-88886666"),
        ("4008208820", "400-820-8820"),
    ],
)
def test_a_phone_is_stored_in_one_form_whatever_the_typing(typed, stored):
    validators.validate_phone(typed)

    assert validators.normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["1234", "0571-1234567", "12812345678", "0571-888866", "电话"])
def test_what_is_no_telephone_number_is_refused(typed):
    with pytest.raises(ValidationError, match="or a landline with its area code"):
        validators.validate_phone(typed)


# Masking of personal data --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mask", "value", "expected"),
    [
        (privacy.mask_phone, "13812341234", "138****1234"),
        (privacy.mask_phone, "12345", "*****"),
        (privacy.mask_phone, "0571-88886666", "0571-****6666"),
        (privacy.mask_phone, "0571-88886666-12", "0571-****6666-12"),
        (privacy.mask_phone, "400-820-8820", "400-***-8820"),
        (privacy.mask_phone, "", ""),
        (privacy.mask_phone, None, ""),
        (privacy.mask_resident_id, "11010519491231002X", "110105********002X"),
        (privacy.mask_resident_id, "1101", "****"),
        (privacy.mask_resident_id, "", ""),
        (privacy.mask_name, "张三丰", "张**"),
        (privacy.mask_name, "Li Wei", "L*****"),
        (privacy.mask_name, "", ""),
        (privacy.mask_email, "zhang.san@example.cn", "z********@example.cn"),
        (privacy.mask_email, "a@example.cn", "a*@example.cn"),
        (privacy.mask_email, "no-at-sign", "n*********"),
    ],
)
def test_masks(mask, value, expected):
    masked = mask(value)

    assert masked == expected


@given(mobiles)
def test_masked_mobile_keeps_only_prefix_and_last_four(number):
    masked = privacy.mask_phone(number)

    assert masked == number[:3] + "****" + number[-4:]


@given(resident_ids)
def test_masked_resident_id_hides_birth_date_and_sequence(number):
    masked = privacy.mask_resident_id(number)

    assert masked == number[:6] + "********" + number[-4:]


def test_a_seven_character_mobile_is_not_shown_whole():
    masked = privacy.mask_phone("1381234")

    assert masked == "*******"


def test_a_short_resident_id_keeps_its_length_and_hides_digits():
    masked = privacy.mask_resident_id("12345678")

    assert masked == "********"
