"""iCalendar (RFC 5545) text for events, written by hand: a handful of properties does not need
a library. Times are in UTC; lines end in CRLF and are folded at 75 octets."""

from datetime import UTC

from django.utils import timezone

PRODUCT = "-//Cloud Park//Events//EN"
UID_DOMAIN = "cloudpark"
LINE_LIMIT = 75  # octets, the line break excluded


def escape(text):
    """Escape a TEXT value: backslash, semicolon, comma and line breaks."""
    text = str(text or "")
    for plain, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,")):
        text = text.replace(plain, escaped)
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line):
    """Split ``line`` into pieces of at most 75 octets, never inside a UTF-8 character; each
    continuation starts with a space, which counts towards its 75."""
    pieces = []
    current = ""
    limit = LINE_LIMIT
    for char in line:
        if len((current + char).encode()) > limit:
            pieces.append(current)
            current = " "
            limit = LINE_LIMIT
        current += char
    pieces.append(current)
    return pieces


def utc_stamp(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(event, *, stamp, url="", summary=None, uid=None):
    location = ", ".join(part for part in (event.display_venue, event.display_city) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid or f'event-{event.pk}@{UID_DOMAIN}'}",
        f"DTSTAMP:{utc_stamp(stamp)}",
        f"DTSTART:{utc_stamp(event.starts_at)}",
        f"DTEND:{utc_stamp(event.ends_at)}",
        f"SUMMARY:{escape(summary or event.display_title)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    description = event.display_theme or event.display_description
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("STATUS:CANCELLED" if event.status == "cancelled" else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar(entries, *, name, stamp=None):
    """A VCALENDAR of ``entries``: ``(event, url)`` pairs, or ``(event, url, summary)``."""
    stamp = stamp or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for entry in entries:
        event, url, *rest = entry
        lines.extend(event_lines(event, stamp=stamp, url=url, summary=rest[0] if rest else None))
    lines.append("END:VCALENDAR")
    return "".join(f"{piece}\r\n" for line in lines for piece in fold(line))
