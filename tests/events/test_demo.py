"""The demo's events: the industry calendar, written through the services."""

from collections import Counter
from datetime import date

import pytest

from cloudpark.core.models import AuditEntry
from cloudpark.events.models import CheckIn, Event, Exhibitor, Film, Registration

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)
FORUM = "2021中国网络媒体论坛"


def test_the_four_events_of_the_calendar_and_the_next_forum(demo):
    main_events = {
        event.title: (event.status, event.city, event.local_starts_at.date(), event.owner.name)
        for event in Event.objects.filter(parent=None)
    }

    assert main_events == {
        FORUM: ("finished", "广州", date(2021, 11, 25), "浙江省广播电视局"),
        "2022中国—东盟电影文化周": ("finished", "南宁", date(2022, 12, 29), "浙江省广播电视局"),
        "2022年度行业电视节目优秀作品创作交流活动及2022行业电视荣誉盛典": (
            "finished",
            "佛山",
            date(2023, 2, 15),
            "中国（之江）视听创新创业基地",
        ),
        "国家文化产业创新实验区发展论坛": (
            "finished",
            "北京",
            date(2023, 1, 9),
            "国家文化产业创新实验区协调办公室",
        ),
        "2027国家文化产业创新实验区发展论坛": (
            "published",
            "北京",
            date(2027, 1, 9),
            "国家文化产业创新实验区协调办公室",
        ),
    }


def test_the_forum_has_its_parts_and_43_exhibitors_and_the_ceremony_every_role(demo):
    forum = Event.objects.get(title=FORUM)
    kinds = Counter(forum.parts.values_list("kind", flat=True))
    ceremony = Event.objects.get(title__startswith="2022年度行业电视", parent=None)
    roles = list(ceremony.organizers.values_list("role", flat=True))

    assert kinds == {"forum": 1, "sub_forum": 6, "exhibition": 1}
    assert Exhibitor.objects.filter(event__parent=forum, status="confirmed").count() == 43
    assert list(forum.organizers.values_list("role", "name")) == [
        ("host", "中央网信办"),
        ("host", "中央广播电视总台"),
        ("host", "广东省委网信委"),
    ]
    assert list(dict.fromkeys(roles)) == [
        "guidance",
        "host",
        "organizer",
        "co_organizer",
        "supporter",
    ]
    assert len(roles) == 15


def test_the_demo_person_has_tickets_and_every_write_is_audited(demo):
    mine = Registration.objects.filter(user__email="person@demo.cloudpark.cn")
    actions = Counter(
        AuditEntry.objects.filter(action__startswith="events.").values_list("action", flat=True)
    )

    assert mine.count() == 6
    assert CheckIn.objects.filter(registration__in=mine).count() == 4
    assert Film.objects.count() == 6
    assert actions["events.event.created"] == Event.objects.count()
    assert actions["events.registration.registered"] == Registration.objects.count()
    assert actions["events.registration.checked_in"] == CheckIn.objects.count()
    assert actions["events.exhibitor.confirmed"] == 43
