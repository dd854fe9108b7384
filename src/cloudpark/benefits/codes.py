"""A claim's one-time code: the short code a person can read out, and the signed payload its
QR code carries. The alphabet, the length and the reading of typed codes are the events'
tickets' (``events.tickets``), so the desk's scanner and the people at it meet one kind of code;
the payload is signed with a salt of its own, so that no event ticket passes for a benefit."""

import segno
from django.core import signing
from django.utils.translation import gettext as _t

from cloudpark.core.errors import DomainError
from cloudpark.events import tickets

SALT = "cloudpark.benefits.claim"


class InvalidCode(DomainError):
    pass


def new_code():
    return tickets.new_code()


def payload_for(claim):
    return signing.dumps({"c": claim.code, "o": claim.offer_id}, salt=SALT)


def read(text):
    """The code in a scanned payload or a typed code; refuse what cannot be one of ours."""
    text = str(text or "").strip()
    if not text:
        raise InvalidCode(_t("Scan a benefit code or type it."))
    if ":" not in text:
        code = tickets.normalize_code(text)
        if len(code) != tickets.CODE_LENGTH or any(
            char not in tickets.CODE_ALPHABET for char in code
        ):
            raise InvalidCode(
                _t("A benefit code has %(length)d letters and digits, like ABCDE-FGHJK.")
                % {"length": tickets.CODE_LENGTH}
            )
        return code
    try:
        data = signing.loads(text, salt=SALT)
    except signing.BadSignature:
        raise InvalidCode(
            _t("This is not a Cloud Park benefit code: it was altered or not issued here.")
        ) from None
    if not isinstance(data, dict) or "c" not in data:
        raise InvalidCode(_t("This is not a Cloud Park benefit code."))
    return str(data["c"])


def qr_svg_data_uri(claim):
    """The code's QR as an SVG ``data:`` URI (an ``<img>`` keeps to the CSP)."""
    return segno.make(payload_for(claim), error="m").svg_data_uri(scale=5, border=2)
