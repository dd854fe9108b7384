"""Factories for drama filings. Filings are made by the real services, so that a factory's
filing has the history the platform would have given it; the world is a national
administration, the Zhejiang bureau under it, a park it oversees and an enterprise there."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cloudpark.filings import reference, screening, services
from cloudpark.orgs import enums as org_enums
from cloudpark.reviews import enums as review_enums
from cloudpark.reviews import services as reviews
from tests.factories.orgs import (
    EnterpriseFactory,
    GovernmentBodyFactory,
    ParkFactory,
    RegionFactory,
)
from tests.factories.programs import admin_of

SENTENCE = "青年导演回到江南小镇拍摄纪录片记录老街变迁与邻里温情。"


def chinese_text(characters, sentence=SENTENCE):
    """At least ``characters`` Chinese characters, repeating ``sentence``."""
    count = sum(1 for character in sentence if "\u4e00" <= character <= "\u9fff")
    return sentence * (characters // count + 1)


@dataclass
class FilingWorld:
    administration: object
    bureau: object
    park: object
    enterprise: object

    @property
    def filer(self):
        return admin_of(self.enterprise)

    @property
    def chief(self):
        return admin_of(self.bureau)

    @property
    def national_chief(self):
        return admin_of(self.administration)


def filing_world():
    administration = GovernmentBodyFactory(
        level=org_enums.GovernmentLevel.NATIONAL, region=RegionFactory(code="110000")
    )
    park = ParkFactory()
    bureau = GovernmentBodyFactory(
        level=org_enums.GovernmentLevel.PROVINCIAL,
        region=RegionFactory(code="330000"),
        parent=administration,
        jurisdiction=[park],
    )
    enterprise = EnterpriseFactory(park=park)
    return FilingWorld(administration, bureau, park, enterprise)


def producer(enterprise, *, number="（浙）字第01234号", expires_on=None, is_lead=False):
    return {
        "enterprise": enterprise,
        "licence_number": number,
        "licence_expires_on": expires_on or timezone.localdate() + timedelta(days=365),
        "is_lead": is_lead,
    }


def crew(actors=2):
    return [
        {"role": "writer", "name": "林一鸣"},
        {"role": "director", "name": "周以安"},
        *(
            {"role": "actor", "name": f"演员{number}", "character": f"角色{number}"}
            for number in range(1, actors + 1)
        ),
    ]


def planning_values(**overrides):
    """A complete series: two episodes, every text long enough, not key (200 × 10,000 yuan)."""
    kind = overrides.get("kind", "series")
    episodes = overrides.get("episodes", 2 if kind != "micro" else 3)
    minimum = reference.MIN_EPISODE_SYNOPSIS_CHARACTERS.get(kind, 0)
    values = {
        "title": "江南老街",
        "kind": kind,
        "era": "contemporary",
        "subject": "urban",
        "episodes": episodes,
        "minutes_per_episode": Decimal("45") if kind != "micro" else Decimal("3"),
        "planned_investment": Decimal("200"),
        "shoot_starts_on": date(2026, 3, 1),
        "shoot_ends_on": date(2026, 6, 30),
        "synopsis": chinese_text(reference.MIN_SYNOPSIS_CHARACTERS),
        "themes": chinese_text(reference.MIN_THEMES_CHARACTERS),
        "episode_synopses": [chinese_text(minimum) for _ in range(episodes)] if minimum else [],
    }
    values.update(overrides)
    return values


def draft_planning(world, *, producers=None, people=None, **overrides):
    return services.create_planning_filing(
        world.enterprise,
        actor=world.filer,
        producers=producers or [producer(world.enterprise)],
        people=crew() if people is None else people,
        **planning_values(**overrides),
    )


def submitted_planning(world, **overrides):
    filing = draft_planning(world, **overrides)
    return services.submit_planning_filing(filing, actor=world.filer)


def decide(subject, actor, decision, comment=""):
    subject.refresh_from_db()
    case = subject.review_case
    return reviews.decide(
        case, actor=actor, stage_key=case.stage_key, decision=decision, comment=comment
    )


def approved_planning(world, **overrides):
    """Approved by the bureau (a non-key work: the provincial decision is the last)."""
    filing = submitted_planning(world, **overrides)
    decide(filing, world.chief, review_enums.Decision.APPROVE)
    filing.refresh_from_db()
    return filing


def release_values(planning, **overrides):
    values = {
        "platforms": ["云视频"],
        "actual_investment": planning.planned_investment,
        "actor_fees": Decimal("20"),
        "episode_synopses": list(planning.episode_synopses),
    }
    values.update(overrides)
    return values


def submitted_release(world, planning, **overrides):
    release = services.create_release_filing(
        planning, actor=world.filer, **release_values(planning, **overrides)
    )
    return services.submit_release_filing(release, actor=world.filer)


def licensed_release(world, planning, **overrides):
    release = submitted_release(world, planning, **overrides)
    decide(release, world.chief, review_enums.Decision.APPROVE)
    release.refresh_from_db()
    return release


def webm(name="成片.webm", body=b"film"):
    """A small file that passes the film checks as WebM (its EBML signature first)."""
    return SimpleUploadedFile(name, b"\x1a\x45\xdf\xa3" + body, "video/webm")


def release_with_cut(world, planning=None, *, duration="00:20:00", submit=True, filer=None):
    """A release filing with one cut of its film, submitted to the bureau unless told not."""
    filer = filer or world.filer
    planning = planning or approved_planning(world)
    release = services.create_release_filing(planning, actor=filer, **release_values(planning))
    screening.attach_cut(release, actor=filer, uploaded=webm(), duration=duration)
    if submit:
        release = services.submit_release_filing(release, actor=filer)
    return release
