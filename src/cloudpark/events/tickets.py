"""Tickets: the short code a person can type, and the signed payload their QR code carries.

The payload names the registration, its event and its code, signed with the platform's secret
(``django.core.signing``, with a salt of its own so that no other signed value of the
platform passes for a ticket). Reading one back tells a forged or altered code from a real one;
whether it fits the door is for ``events.services.check_in`` to say.
"""

import io
import re
import secrets
from dataclasses import dataclass

import segno
from django.core import signing
from django.utils.translation import gettext as _t

from cloudpark.core.errors import DomainError

SALT = "cloudpark.events.ticket"
# No 0/O, 1/I/L: a code read aloud or copied from paper stays unambiguous.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
_SEPARATORS = re.compile(r"[\s\-_.·]+")


class InvalidTicket(DomainError):
    pass


@dataclass(frozen=True)
class TicketReading:
    """What a scanned or typed code says: the registration (for a signed payload) or only the
    code (for a typed one), and how it came in."""

    code: str
    registration_id: int | None = None
    event_id: int | None = None

    @property
    def is_signed(self):
        return self.registration_id is not None


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text):
    """``abcde-fghjk`` or ``ABCDE FGHJK`` -> ``ABCDEFGHJK``."""
    return _SEPARATORS.sub("", str(text or "")).upper()


def payload_for(registration):
    return signing.dumps(
        {"r": registration.pk, "e": registration.event_id, "c": registration.code}, salt=SALT
    )


def read(text):
    """Read a scanned payload or a typed code; refuse what cannot be one of our tickets."""
    text = str(text or "").strip()
    if not text:
        raise InvalidTicket(_t("Scan a ticket or type its code."))
    if ":" not in text:
        code = normalize_code(text)
        if len(code) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in code):
            raise InvalidTicket(
                _t("A ticket code has %(length)d letters and digits, like ABCDE-FGHJK.")
                % {"length": CODE_LENGTH}
            )
        return TicketReading(code=code)
    try:
        data = signing.loads(text, salt=SALT)
    except signing.BadSignature:
        raise InvalidTicket(
            _t("This is not a valid Cloud Park ticket: the code was altered or not issued here.")
        ) from None
    if not isinstance(data, dict) or not {"r", "e", "c"} <= set(data):
        raise InvalidTicket(_t("This is not a valid Cloud Park ticket."))
    return TicketReading(code=str(data["c"]), registration_id=data["r"], event_id=data["e"])


def qr_svg_data_uri(registration):
    """The ticket's QR code as an SVG ``data:`` URI (an ``<img>`` keeps to the CSP)."""
    return segno.make(payload_for(registration), error="m").svg_data_uri(scale=5, border=2)


def qr_png_bytes(registration):

    buffer = io.BytesIO()
    segno.make(payload_for(registration), error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()
