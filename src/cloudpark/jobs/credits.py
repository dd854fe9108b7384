"""Verified credits: what the platform itself knows a person did, shown on their résumé.

A credit comes from a registered source, never from the person: each capability that knows
of people's work (events' speakers; award entries and filing crews as they come) registers a
``CreditSource`` whose ``find(user)`` returns ``Credit`` rows. The résumé shows every source's
credits by itself, and the person cannot edit them.

    credits.register(CreditSource("awards.winner", _("Award"), find=award_credits))
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cloudpark.events import enums as event_enums
from cloudpark.events.models import Speaker
from cloudpark.orgs.models import Membership

_SOURCES = {}


@dataclass(frozen=True)
class Credit:
    source: str
    label: object
    title: str
    detail: str
    on: object  # a date
    # A named link (``core.links``) and its arguments, or "" for none.
    link: str = ""
    link_args: tuple = ()


@dataclass(frozen=True)
class CreditSource:
    key: str
    label: object
    # user -> iterable of Credit
    find: object


def register(source):
    if source.key in _SOURCES and _SOURCES[source.key] is not source:
        raise ValueError(f"A credit source named {source.key!r} is already registered")
    _SOURCES[source.key] = source
    return source


def registered():
    return dict(_SOURCES)


def credits_for(user):
    """Every source's credits for ``user``, newest first."""
    if user is None or not getattr(user, "pk", None):
        return []
    found = [credit for source in _SOURCES.values() for credit in source.find(user)]
    return sorted(found, key=lambda credit: credit.on, reverse=True)


def speaker_credits(user):
    """Speaking at a published or finished event.

    An agenda names its speakers by name and organisation, not by account. The platform
    vouches for a speaker when both agree with what it knows of the person: the name on their
    account, and an organisation they are an active member of.
    """
    if not user.name:
        return []
    organizations = Membership.objects.filter(user=user, is_active=True).values_list(
        "organization__name", flat=True
    )
    speakers = (
        Speaker.objects.filter(
            name=user.name,
            organization_name__in=list(organizations),
            session__event__status__in=[
                event_enums.EventStatus.PUBLISHED,
                event_enums.EventStatus.FINISHED,
            ],
        )
        .select_related("session__event__parent")
        .order_by("-session__starts_at")
    )
    credits = []
    for speaker in speakers:
        event = speaker.session.event
        main = event.parent or event
        credits.append(
            Credit(
                source=EVENT_SPEAKERS.key,
                label=EVENT_SPEAKERS.label,
                title=main.display_title,
                detail=speaker.session.display_title,
                on=speaker.session.starts_at.date(),
                link="events.event.public",
                link_args=(main.pk,),
            )
        )
    return credits


EVENT_SPEAKERS = register(
    CreditSource("events.speaker", _("Speaker at an event"), find=speaker_credits)
)
