"""What a certificate says to a verifier, and the seal on the link its QR code carries.

The link is signed with ``django.core.signing`` so that a printed QR code can be told from a
hand-typed address; the record itself (exists, not revoked, issued by the scheme's body) is
what the verify page checks.
"""

from django.core import signing

SALT = "cloudpark.awards.certificate"


def seal(certificate):
    return signing.Signer(salt=SALT).signature(certificate.number)


def seal_matches(certificate, value):
    return bool(value) and signing.constant_time_compare(seal(certificate), value)


def as_json(certificate):
    """The verify page as data (an Open Badges hosted assertion in spirit): 410 with
    ``revoked: true`` once revoked."""
    entry = certificate.entry
    data = {
        "number": certificate.number,
        "status": certificate.status,
        "revoked": certificate.is_revoked,
        "work": entry.title,
        "work_en": entry.title_en,
        "category": entry.category.name,
        "level": certificate.level,
        "level_label": str(certificate.get_level_display()),
        "holder": certificate.holder.name,
        "issuer": certificate.issuer_name,
        "scheme": entry.scheme.title,
        "issued_on": certificate.issued_on.isoformat(),
    }
    if certificate.is_revoked:
        data.update(
            revoked_on=certificate.revoked_on.isoformat(),
            revocation_reason=certificate.revocation_reason,
        )
    return data
