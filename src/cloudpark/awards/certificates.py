"""What a certificate says to a verifier, and the seal on the link its QR code carries.

The link is signed with ``django.core.signing`` so that a printed QR code can be told from a
hand-typed address; the record itself (exists, not revoked, issued by the scheme's body) is
what the verify page checks.
"""

import io
from pathlib import Path

import segno
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _
from fpdf import FPDF

from cloudpark.awards import enums
from cloudpark.core import links
from cloudpark.core.errors import DomainError

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


def verify_url(certificate):
    """The public verify page, on the platform's public address, with the link's seal: what
    the certificate's QR code carries."""
    path = links.url("awards.certificate.public", certificate.number)
    return f"{links.absolute_url(path)}?seal={seal(certificate)}"


class FontMissing(DomainError):
    default_message = _("The certificate font is not installed; the operators can help.")


def _font():
    path = Path(settings.AWARDS_CERTIFICATE_FONT)
    if not path.is_file():
        raise FontMissing()
    return path


def certificate_pdf(certificate):
    """The certificate as a one-page A4 landscape PDF, in Chinese with the CJK font embedded
    (subset to the characters used), and the QR code of its verify page."""
    entry = certificate.entry
    scheme = entry.scheme
    document = FPDF(orientation="L", unit="mm", format="A4")
    document.set_title(certificate.number)
    document.set_creator("Cloud Park")
    document.add_font(
        "cjk", fname=_font(), collection_font_number=settings.AWARDS_CERTIFICATE_FONT_INDEX
    )
    document.set_auto_page_break(False)
    document.add_page()
    width = document.w
    document.set_draw_color(160, 30, 30)
    document.set_line_width(1.2)
    document.rect(10, 10, width - 20, document.h - 20)
    document.set_font("cjk", size=34)
    document.set_text_color(160, 30, 30)
    document.set_xy(0, 30)
    document.cell(width, 16, "荣誉证书", align="C")
    document.set_text_color(20, 20, 20)
    document.set_font("cjk", size=15)
    document.set_xy(30, 62)
    document.multi_cell(
        width - 60,
        10,
        f"{certificate.holder.name}：\n"
        f"贵单位报送的作品《{entry.title.strip('《》')}》在{scheme.title}中"
        f"荣获{entry.category.name}类{LEVEL_NAMES.get(certificate.level, certificate.level)}。"
        "\n特发此证，以资鼓励。",
        align="L",
    )
    document.set_font("cjk", size=13)
    document.set_xy(width - 130, 140)
    document.cell(100, 8, certificate.issuer_name, align="R")
    document.set_xy(width - 130, 150)
    issued = certificate.issued_on
    # Written as Chinese documents date themselves: no leading zeros (2026年3月5日).
    document.cell(100, 8, f"{issued.year}年{issued.month}月{issued.day}日", align="R")
    buffer = io.BytesIO()
    segno.make(verify_url(certificate), error="m").save(buffer, kind="png", scale=8, border=2)
    buffer.seek(0)
    document.image(buffer, x=30, y=128, w=40, h=40)
    document.set_font("cjk", size=9)
    document.set_xy(30, 170)
    document.cell(120, 6, f"证书编号 {certificate.number} · 扫码核验")
    return bytes(document.output())


# Certificates are printed in Chinese whatever the reader's language.
LEVEL_NAMES = {
    enums.AwardLevel.SPECIAL: "特别奖",
    enums.AwardLevel.FIRST: "一等奖",
    enums.AwardLevel.SECOND: "二等奖",
    enums.AwardLevel.THIRD: "三等奖",
    enums.AwardLevel.AWARDED: "优秀作品",
    enums.AwardLevel.NOMINATED: "提名作品",
}
