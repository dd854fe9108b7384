"""Files served in byte ranges (RFC 9110, section 14): a browser's <video> asks for the part
it needs next, and seeks by asking for another. One range per request; a request for several
gets the first."""

import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)")


def parse_range(header, size):
    """``(first, last)`` byte of ``header`` within a file of ``size`` bytes; None when there
    is no usable range (serve the whole file); ``"unsatisfiable"`` when it asks past the
    end."""
    match = _RANGE.match((header or "").strip())
    if not match or not (match.group(1) or match.group(2)):
        return None
    first, last = match.groups()
    if first == "":
        length = int(last)
        if length == 0:
            return "unsatisfiable"
        return max(size - length, 0), size - 1
    first = int(first)
    last = int(last) if last else size - 1
    if first >= size or last < first:
        return "unsatisfiable"
    return first, min(last, size - 1)


def _read(handle, first, last):
    try:
        handle.seek(first)
        remaining = last - first + 1
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


def ranged_file_response(request, field_file, *, content_type):
    """``field_file`` shown in the browser (never as a download), whole or in the range the
    request asks for."""
    size = field_file.size
    wanted = parse_range(request.headers.get("Range"), size)
    if wanted == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted is None:
        response = FileResponse(field_file.open("rb"), content_type=content_type)
    else:
        first, last = wanted
        response = StreamingHttpResponse(
            _read(field_file.open("rb"), first, last), status=206, content_type=content_type
        )
        response["Content-Length"] = str(last - first + 1)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    return response
