"""Files the demo attaches: small valid documents made on the fly."""

import io
import struct

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw


def pdf_file(name, title):
    """A one-page PDF whose page reads ``title`` (ASCII)."""
    text = title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 16 Tf 72 760 Td (Cloud Park demo material) Tj 0 -28 Td ({text}) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream.encode("ascii")),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return SimpleUploadedFile(name, bytes(body), "application/pdf")


# A small playable film, made without a video encoder: each frame is a picture Pillow encodes
# as a lossy WebP, whose "VP8 " chunk is a VP8 key frame as it is; the frames go into a WebM
# (Matroska) file written element by element. Every frame is a key frame, so the film seeks
# anywhere.


def _ebml_size(size):
    """An EBML variable-length size, in the shortest form that holds ``size``."""
    for length in range(1, 9):
        if size < (1 << (7 * length)) - 1:
            return (size | (1 << (7 * length))).to_bytes(length, "big")
    raise ValueError("too large")


def _element(element_id, payload):
    return element_id + _ebml_size(len(payload)) + payload


def _uint(value):
    return value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big")


def _vp8_frame(image):
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=40, method=4)
    data = buffer.getvalue()
    position = 12
    while position < len(data):
        fourcc = data[position : position + 4]
        (size,) = struct.unpack("<I", data[position + 4 : position + 8])
        if fourcc == b"VP8 ":
            return data[position + 8 : position + 8 + size]
        position += 8 + size + (size & 1)
    raise ValueError("Pillow wrote no VP8 frame")


def webm_film(name, title, *, seconds=20, fps=2, width=320, height=180):
    """A WebM film of ``seconds`` seconds: ``title`` and the running time on a changing
    background, ``fps`` key frames a second. About 3 KB a frame at this size."""
    frames = []
    for index in range(seconds * fps):
        second = index // fps
        shade = 40 + (second * 9) % 120
        image = Image.new("RGB", (width, height), (shade, 60, 150 - shade // 2))
        draw = ImageDraw.Draw(image)
        draw.rectangle(
            (0, height - 8, width * (index + 1) // (seconds * fps), height), fill="white"
        )
        draw.text((16, 16), title, fill="white")
        draw.text((16, height // 2), f"00:00:{second:02d}", fill="white")
        frames.append(_vp8_frame(image))
    header = _element(
        b"\x1a\x45\xdf\xa3",
        _element(b"\x42\x86", _uint(1))
        + _element(b"\x42\xf7", _uint(1))
        + _element(b"\x42\xf2", _uint(4))
        + _element(b"\x42\xf3", _uint(8))
        + _element(b"\x42\x82", b"webm")
        + _element(b"\x42\x87", _uint(2))
        + _element(b"\x42\x85", _uint(2)),
    )
    info = _element(
        b"\x15\x49\xa9\x66",
        _element(b"\x2a\xd7\xb1", _uint(1_000_000))
        + _element(b"\x44\x89", struct.pack(">d", seconds * 1000.0))
        + _element(b"\x4d\x80", b"Cloud Park demo")
        + _element(b"\x57\x41", b"Cloud Park demo"),
    )
    track = _element(
        b"\xae",
        _element(b"\xd7", _uint(1))
        + _element(b"\x73\xc5", _uint(1))
        + _element(b"\x83", _uint(1))
        + _element(b"\x86", b"V_VP8")
        + _element(b"\xe0", _element(b"\xb0", _uint(width)) + _element(b"\xba", _uint(height))),
    )
    tracks = _element(b"\x16\x54\xae\x6b", track)
    clusters = b""
    per_cluster = fps * 5
    for start in range(0, len(frames), per_cluster):
        cluster_time = start * 1000 // fps
        blocks = b""
        for index in range(start, min(start + per_cluster, len(frames))):
            offset = index * 1000 // fps - cluster_time
            blocks += _element(
                b"\xa3", b"\x81" + struct.pack(">h", offset) + b"\x80" + frames[index]
            )
        clusters += _element(b"\x1f\x43\xb6\x75", _element(b"\xe7", _uint(cluster_time)) + blocks)
    segment = _element(b"\x18\x53\x80\x67", info + tracks + clusters)
    return SimpleUploadedFile(name, header + segment, "video/webm")
