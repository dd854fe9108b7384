"""The iCalendar text, line by line."""

from datetime import UTC, datetime

import pytest

from cloudpark.events import ical
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

STAMP = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def test_an_event_is_written_with_utc_times_and_crlf_lines():
    event = EventFactory(
        title="国家文化产业创新实验区发展论坛",
        title_en="",
        theme="科技赋能文化创新, 文化赋能城市发展; 云园区",
        starts_at=datetime(2027, 1, 9, 1, 0, tzinfo=UTC),
        ends_at=datetime(2027, 1, 9, 9, 30, tzinfo=UTC),
        venue="北京市朝阳区",
        venue_en="",
        city="北京",
        city_en="",
    )

    text = ical.calendar(
        [(event, "https://cloudpark.example/events/1/")], name="云园区", stamp=STAMP
    )

    assert text.split("\r\n") == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Cloud Park//Events//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:云园区",
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@cloudpark",
        "DTSTAMP:20261120T080000Z",
        "DTSTART:20270109T010000Z",
        "DTEND:20270109T093000Z",
        "SUMMARY:国家文化产业创新实验区发展论坛",
        "LOCATION:北京市朝阳区\\, 北京",
        "DESCRIPTION:科技赋能文化创新\\, 文化赋能城市发展\\; 云园区",
        "URL:https://cloudpark.example/events/1/",
        "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "视听产业" * 20

    pieces = ical.fold(line)

    assert [len(piece.encode()) for piece in pieces] == [74, 73, 73, 31]
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join(piece.removeprefix(" ") for piece in pieces) == line


def test_text_is_escaped():
    escaped = ical.escape("第一行\n第二行; A, B \\ C")

    assert escaped == "第一行\\n第二行\\; A\\, B \\\\ C"


def test_a_cancelled_event_says_so():
    event = EventFactory()
    event.status = "cancelled"

    lines = ical.event_lines(event, stamp=STAMP)

    assert "STATUS:CANCELLED" in lines
