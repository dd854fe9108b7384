"""Verified credits: what the platform itself knows a person did, shown on their résumé.

A credit comes from a registered source, never from the person: each capability that knows
of people's work (events' speakers; award entries and filing crews as they come) registers a
``CreditSource`` whose ``find(user)`` returns ``Credit`` rows. The résumé shows every source's
credits by itself, and the person cannot edit them.

    credits.register(CreditSource("awards.winner", _("Award"), find=award_credits))
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cloudpark.awards import enums as award_enums
from cloudpark.awards.models import Certificate
from cloudpark.awards.models import Credit as EntryCredit
from cloudpark.core import links
from cloudpark.events import enums as event_enums
from cloudpark.events.models import Speaker
from cloudpark.filings import enums as filing_enums
from cloudpark.filings.models import Person
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

    @property
    def url(self):
        """Where the source shows the record, or "" when it has no public page."""
        return links.url(self.link, *self.link_args) if self.link else ""


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


def _member_of(user):
    """The organisations ``user`` is an active member of, by id."""
    return list(
        Membership.objects.filter(user=user, is_active=True).values_list(
            "organization_id", flat=True
        )
    )


def _named(user, field="name"):
    """Records naming ``user`` by the name on their account, as the speakers' match does:
    neither an entry's credits nor a filing's crew carries an account. The caller adds the
    organisation that must agree."""
    return Q(**{f"{field}__iexact": user.name.strip()})


def award_credits(user):
    """Credited on an awarded work (director, writer, presenter...).

    An entry names its creators by name and role, under the enterprise that entered it (or
    the unit that recommended it). The platform vouches for a creator whose account bears
    the name and who is an active member of either."""
    if not (user.name or "").strip():
        return []
    organizations = _member_of(user)
    if not organizations:
        return []
    rows = (
        EntryCredit.objects.filter(
            _named(user),
            Q(entry__submitter_id__in=organizations) | Q(entry__recommender_id__in=organizations),
            entry__state=award_enums.EntryState.AWARDED,
        )
        .select_related("entry__scheme", "entry__category")
        .order_by("-entry__scheme__final_on", "entry__pk", "pk")
    )
    rows = list(rows)
    certificates = {
        certificate.entry_id: certificate.number
        for certificate in Certificate.objects.filter(
            entry__in={row.entry_id for row in rows},
            status=award_enums.CertificateStatus.VALID,
        ).order_by("issued_on", "pk")
    }
    found, seen = [], set()
    for row in rows:
        if row.entry_id in seen:
            continue
        seen.add(row.entry_id)
        entry = row.entry
        number = certificates.get(entry.pk)
        found.append(
            Credit(
                source=AWARD_CREATORS.key,
                label=AWARD_CREATORS.label,
                title=entry.display_title,
                detail=f"{row.role} · {entry.scheme.display_title} · {entry.get_level_display()}",
                on=entry.scheme.final_on or entry.scheme.results_published_on or entry.broadcast_on,
                link="awards.certificate.public" if number else "awards.results.public",
                link_args=(number,) if number else (entry.scheme_id,),
            )
        )
    return found


# A planning filing's crew as the archive keeps it; foreign personnel are listed for approval,
# not as credits.
FILED_ROLES = (
    filing_enums.PersonRole.WRITER,
    filing_enums.PersonRole.DIRECTOR,
    filing_enums.PersonRole.ACTOR,
)


def filing_credits(user):
    """Writer, director or lead actor of a drama whose planning filing was approved.

    A filing names its crew by name and role, under the enterprise that filed it and its
    producers. The platform vouches for a person whose account bears the name and who is an
    active member of one of them."""
    if not (user.name or "").strip():
        return []
    organizations = _member_of(user)
    if not organizations:
        return []
    people = (
        Person.objects.filter(
            _named(user),
            Q(filing__project__enterprise_id__in=organizations)
            | Q(filing__producers__enterprise_id__in=organizations),
            role__in=FILED_ROLES,
            filing__state=filing_enums.PlanningState.APPROVED,
        )
        .select_related("filing")
        .distinct()
        .order_by("-filing__decided_on", "filing__pk", "pk")
    )
    found, seen = [], set()
    for person in people:
        filing = person.filing
        if (filing.pk, person.role) in seen:
            continue
        seen.add((filing.pk, person.role))
        public = filing.notice_month is not None
        found.append(
            Credit(
                source=FILING_CREW.key,
                label=FILING_CREW.label,
                title=filing.display_title,
                detail=person.get_role_display(),
                on=filing.decided_on or filing.created_at.date(),
                link="filings.title.public" if public else "",
                link_args=(filing.pk,) if public else (),
            )
        )
    return found


AWARD_CREATORS = register(
    CreditSource("awards.creator", _("Creator of an awarded work"), find=award_credits)
)
FILING_CREW = register(
    CreditSource("filings.crew", _("Crew of a filed drama"), find=filing_credits)
)
