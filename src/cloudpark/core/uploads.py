"""Checking uploaded documents: size, the name's extension, and that the content is what the
name says (a renamed executable is not a PDF). Any capability that takes materials uses it."""

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core.errors import DomainError

MEGABYTE = 1024 * 1024
DOCUMENT_MAX_BYTES = 10 * MEGABYTE


@dataclass(frozen=True)
class FileType:
    label: object
    content_type: str
    # The first bytes every such file starts with.
    signature: bytes
    # For zip-based Office files: a member the archive must hold.
    zip_member: str = ""


PDF = FileType(_("PDF"), "application/pdf", b"%PDF-")
DOCX = FileType(
    _("Word document (.docx)"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    b"PK\x03\x04",
    "word/document.xml",
)
XLSX = FileType(
    _("Excel workbook (.xlsx)"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    b"PK\x03\x04",
    "xl/workbook.xml",
)
JPEG = FileType(_("JPEG image"), "image/jpeg", b"\xff\xd8\xff")
PNG = FileType(_("PNG image"), "image/png", b"\x89PNG\r\n\x1a\n")

DOCUMENT_TYPES = {"pdf": PDF, "docx": DOCX, "xlsx": XLSX, "jpg": JPEG, "jpeg": JPEG, "png": PNG}


def extension_of(name):
    _stem, dot, extension = str(name or "").rpartition(".")
    return extension.lower() if dot else ""


def accept_attribute(types=None):
    """The ``accept`` attribute of a file input for ``types``."""
    return ",".join(f".{extension}" for extension in (types or DOCUMENT_TYPES))


def _content_matches(uploaded, file_type):
    uploaded.seek(0)
    head = uploaded.read(len(file_type.signature))
    uploaded.seek(0)
    if head != file_type.signature:
        return False
    if not file_type.zip_member:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(uploaded.read())) as archive:
            return file_type.zip_member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        uploaded.seek(0)


def check_document(uploaded, *, types=None, max_bytes=DOCUMENT_MAX_BYTES):
    """The ``FileType`` of ``uploaded``, or a ``DomainError`` saying what is wrong with it."""
    types = types or DOCUMENT_TYPES
    name = getattr(uploaded, "name", "") or ""
    if uploaded.size > max_bytes:
        raise DomainError(
            _t("%(name)s is larger than %(limit)d MB.")
            % {"name": name, "limit": max_bytes // MEGABYTE},
            field="file",
        )
    if uploaded.size == 0:
        raise DomainError(_t("%(name)s is empty.") % {"name": name}, field="file")
    file_type = types.get(extension_of(name))
    if file_type is None:
        raise DomainError(
            _t("%(name)s is not an accepted type. Send one of: %(types)s.")
            % {"name": name, "types": ", ".join(f".{ext}" for ext in types)},
            field="file",
        )
    if not _content_matches(uploaded, file_type):
        raise DomainError(
            _t("%(name)s is not a real %(type)s: its content does not match its name.")
            % {"name": name, "type": file_type.label},
            field="file",
        )
    return file_type
