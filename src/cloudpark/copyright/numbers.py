"""The official number formats of the copyright registers (domain reference 6.2), kept as
data and checked one field at a time: a work's certificate number, and software's
registration number and certificate number, which are often mixed up and so are checked
apart.

What the letter of a work number stands for is not published reliably: it is accepted as
any capital letter and the work's category is never derived from it."""

import re

from django.utils.translation import gettext_lazy as _

from cloudpark.core.errors import DomainError

WORK_NUMBER = re.compile(r"^国作登字-\d{4}-[A-Z]-\d{8}$")
WORK_NUMBER_EXAMPLE = "国作登字-2026-A-00037559"
SOFTWARE_REGISTRATION_NUMBER = re.compile(r"^\d{4}SR\d{6,8}$")
SOFTWARE_REGISTRATION_EXAMPLE = "2014SR001852"
SOFTWARE_CERTIFICATE_NUMBER = re.compile(r"^软著登字第\d{7}号$")
SOFTWARE_CERTIFICATE_EXAMPLE = "软著登字第0671096号"

FORMATS = {
    "registration_number": (
        WORK_NUMBER,
        _("A work registration number reads 国作登字-year-letter-eight digits, as %(example)s."),
        WORK_NUMBER_EXAMPLE,
    ),
    "software_registration_number": (
        SOFTWARE_REGISTRATION_NUMBER,
        _(
            "A software registration number reads the year, SR and the sequence, as "
            "%(example)s; the certificate number goes in its own field."
        ),
        SOFTWARE_REGISTRATION_EXAMPLE,
    ),
    "software_certificate_number": (
        SOFTWARE_CERTIFICATE_NUMBER,
        _(
            "A software certificate number reads 软著登字第, seven digits and 号, as "
            "%(example)s; the registration number (…SR…) goes in its own field."
        ),
        SOFTWARE_CERTIFICATE_EXAMPLE,
    ),
}


def clean_number(field, value):
    """``value`` stripped, or a ``DomainError`` at ``field`` saying the expected form."""
    value = (value or "").strip()
    if not value:
        return ""
    pattern, message, example = FORMATS[field]
    if not pattern.match(value):
        raise DomainError(message % {"example": example}, field=field)
    return value
