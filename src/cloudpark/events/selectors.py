"""Reads. Organisers reach only their own organisation's events (another's is a 404); the
public reaches published, cancelled and finished ones; a person reaches their own
registrations."""

from collections import OrderedDict

from django.db.models import Count, F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.utils import timezone

from cloudpark.core import search
from cloudpark.events import enums
from cloudpark.events.models import (
    CheckIn,
    Event,
    EventOrganizer,
    Exhibitor,
    Film,
    Registration,
    Screening,
    Session,
    Speaker,
)
from cloudpark.orgs import choices
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.enums import Capability
from cloudpark.orgs.models import Organization


def get_within(queryset, pk):
    """The row ``pk`` of ``queryset``, or a 404 (for a missing row as for one outside it)."""
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Organisers ---------------------------------------------------------------------------------


def events_of(organization):
    """The events and parts an organisation manages."""
    if organization is None:
        return Event.objects.none()
    return Event.objects.filter(owner_id=organization.pk)


def main_events_of(organization):
    """The organisation's events without their parts, each with its part and registration
    counts, for the organiser's list."""
    return (
        events_of(organization)
        .filter(parent__isnull=True)
        .annotate(
            part_total=Count("parts", distinct=True),
            confirmed_total=Count(
                "registrations",
                filter=Q(registrations__status=enums.RegistrationStatus.CONFIRMED),
                distinct=True,
            ),
        )
    )


def filter_organiser_events(queryset, *, query="", status="", kind=""):
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if query:
        queryset = search.search(queryset, query)
    return queryset


def get_event_for(organization, pk):
    """An event or part managed by ``organization``, or a 404."""
    return get_within(events_of(organization).select_related("parent", "owner"), pk)


def events_of_organizations_of(user):
    """The events and parts of every organisation ``user`` belongs to, whatever their rights
    there: the API looks events up here, so that another organisation's event is a 404 and
    the rules then answer a member without the right with a 403."""
    owners = [membership.organization_id for membership in org_selectors.memberships_of(user)]
    return Event.objects.filter(owner_id__in=owners)


def registrations_at_events_of_organizations_of(user):
    """Registrations for the events of every organisation ``user`` belongs to."""
    return Registration.objects.filter(event__in=events_of_organizations_of(user)).select_related(
        "event", "event__owner"
    )


def events_for_check_in(user):
    """Events and parts whose doors ``user`` may check tickets in at."""
    owners = [
        membership.organization_id
        for membership in org_selectors.memberships_of(user)
        if membership.has_capability(Capability.CHECK_IN)
    ]
    return Event.objects.filter(owner_id__in=owners)


def organizers_of(event):
    return EventOrganizer.objects.filter(event=event).select_related("organization")


def sessions_of(event, *, with_parts=False):
    """The agenda with speakers; with ``with_parts`` the parts' sessions too."""
    events = Q(event=event) | Q(event__parent=event) if with_parts else Q(event=event)
    return (
        Session.objects.filter(events)
        .select_related("event")
        .prefetch_related(Prefetch("speakers", queryset=Speaker.objects.order_by("position", "pk")))
        .order_by("starts_at", "event__position", "position", "pk")
    )


def exhibitors_of(event):
    return Exhibitor.objects.filter(event=event).select_related("organization")


def films_of(event, *, with_parts=False):
    """An event's films with their screenings; with ``with_parts`` its parts' films too."""
    events = Q(event=event) | Q(event__parent=event) if with_parts else Q(event=event)
    return Film.objects.filter(events).prefetch_related(
        Prefetch("screenings", queryset=Screening.objects.order_by("starts_at", "pk"))
    )


def screenings_by_venue(event):
    """``{venue: [screening, ...]}`` in time order within each venue, the parts' included."""
    venues = OrderedDict()
    screenings = (
        Screening.objects.filter(Q(film__event=event) | Q(film__event__parent=event))
        .select_related("film")
        .order_by("venue", "starts_at", "pk")
    )
    for screening in screenings:
        venues.setdefault(screening.display_venue, []).append(screening)
    return venues


def registrations_for(event):
    """An event's registrations for its organiser, first come first."""
    return (
        Registration.objects.filter(event=event)
        .select_related("user")
        .prefetch_related(Prefetch("check_ins", queryset=CheckIn.objects.select_related("door")))
        .order_by("created_at", "pk")
    )


def filter_registrations(queryset, *, query="", status=""):
    if status:
        queryset = queryset.filter(status=status)
    if query:
        queryset = queryset.filter(
            Q(name__icontains=query)
            | Q(organization_name__icontains=query)
            | Q(user__email__icontains=query)
            | Q(code__iexact=query.replace("-", "").strip())
        )
    return queryset


def doors_of(event):
    """Where tickets are checked: the main event's door, then each part's."""
    main = event.parent if event.parent_id else event
    return [main, *main.parts.order_by("position", "starts_at", "pk")]


def _people_with_a_seat_at(door):
    """How many people hold a confirmed seat for ``door`` or for one of its parts: a person
    registered for the event and for a part is expected once at the main door."""
    return Subquery(
        Registration.objects.filter(
            Q(event_id=door) | Q(event__parent_id=door),
            status=enums.RegistrationStatus.CONFIRMED,
        )
        .order_by()
        .annotate(
            people=Func(F("user_id"), function="COUNT", template="COUNT(DISTINCT %(expressions)s)")
        )
        .values("people")[:1],
        output_field=IntegerField(),
    )


def attendance_of(event):
    """Per door of ``event`` (its own and its parts'): the people with a confirmed seat it
    admits and the people let in there. A main event's door admits its parts' tickets too;
    a person registered for the event and a part counts once there."""
    main = event.parent if event.parent_id else event
    doors = list(
        Event.objects.filter(Q(pk=main.pk) | Q(parent=main))
        .annotate(
            confirmed=Count(
                "registrations",
                filter=Q(registrations__status=enums.RegistrationStatus.CONFIRMED),
                distinct=True,
            ),
            people_expected=_people_with_a_seat_at(OuterRef("pk")),
            arrived=Count("check_ins__registration__user", distinct=True),
        )
        .order_by("parent_id", "position", "starts_at", "pk")
    )
    rows = []
    for door in doors:
        expected = door.people_expected if door.pk == main.pk else door.confirmed
        rows.append(
            {
                "door": door,
                "expected": expected,
                "arrived": door.arrived,
                "percent": round(100 * door.arrived / expected) if expected else 0,
            }
        )
    # The main door first: ordering by parent puts NULL last on PostgreSQL, first on SQLite.
    rows.sort(key=lambda row: row["door"].pk != main.pk)
    return rows


def check_ins_at(event):
    """Check-ins at an event's doors (its own and its parts'), latest first."""
    main = event.parent if event.parent_id else event
    return CheckIn.objects.filter(Q(door=main) | Q(door__parent=main)).select_related(
        "registration", "door", "checked_in_by"
    )


# The public ---------------------------------------------------------------------------------

PUBLIC_LIST_RELATED = ("owner",)


def public_events():
    return Event.objects.filter(status__in=enums.PUBLIC_STATUSES)


def hosts_prefetch():
    """``event.hosts``: the host organisations, for lists of events."""
    return Prefetch(
        "organizers",
        queryset=EventOrganizer.objects.filter(role=enums.OrganizerRole.HOST)
        .select_related("organization")
        .order_by("position", "pk"),
        to_attr="hosts",
    )


def public_main_events():
    return public_events().filter(parent__isnull=True)


def filter_public_events(
    queryset,
    *,
    query="",
    kind="",
    city="",
    organizer=None,
    organizer_name="",
    date_from=None,
    date_to=None,
    when="",
):
    """The public list's filters; each may be empty. ``organizer`` is an organisation of the
    directory; ``organizer_name`` part of the name of any organiser, in the directory or
    only named on the event, or of the managing body. ``when`` is ``upcoming`` (not ended
    yet, soonest first) or ``past`` (latest first)."""
    now = timezone.now()
    if kind:
        # A part counts once the public sees it: a draft part is still the organiser's own.
        queryset = queryset.filter(
            Q(kind=kind) | Q(parts__kind=kind, parts__status__in=enums.PUBLIC_STATUSES)
        ).distinct()
    if city:
        queryset = queryset.filter(Q(city=city) | Q(city_en=city))
    if organizer:
        queryset = queryset.filter(
            Q(owner=organizer) | Q(organizers__organization=organizer)
        ).distinct()
    organizer_name = organizer_name.strip()
    if organizer_name:
        queryset = queryset.filter(
            Q(owner__name__icontains=organizer_name)
            | Q(owner__name_en__icontains=organizer_name)
            | Q(organizers__name__icontains=organizer_name)
            | Q(organizers__name_en__icontains=organizer_name)
            | Q(organizers__organization__name__icontains=organizer_name)
            | Q(organizers__organization__name_en__icontains=organizer_name)
        ).distinct()
    if date_from:
        queryset = queryset.filter(ends_at__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(starts_at__date__lte=date_to)
    if query:
        queryset = search.search(queryset, query)
    if when == "past":
        return queryset.filter(ends_at__lt=now).order_by("-starts_at", "pk")
    if when == "upcoming":
        return queryset.filter(ends_at__gte=now).order_by("starts_at", "pk")
    return queryset.order_by("-starts_at", "pk")


# The public list's city and organiser filters are kept with the directory's cached choices,
# which any event or organiser saved makes stale (``EventsConfig.ready``); an organisation
# renamed shows its new name there within ``choices.CHOICES_SECONDS``.


def public_cities():
    """``(city, city_en)`` of the public events, for the city filter."""
    return choices.cached(
        "events:cities",
        lambda: list(
            public_main_events().order_by("city").values_list("city", "city_en").distinct()
        ),
    )


def public_organizers():
    """The organisations that own or co-organise a public event, for the organiser filter:
    looked up by the ids the events name, so the cost follows the number of events, not of
    organisations on the platform."""
    ids = choices.cached("events:organizer-ids", _public_organizer_ids)
    return Organization.objects.filter(pk__in=ids).order_by("name")


def public_organizer_choices(label):
    """``[(pk, label(organisation)), ...]`` of ``public_organizers()``, for its dropdown."""
    return choices.cached_choices("events:organizers", public_organizers, label)


def _public_organizer_ids():
    ids = set()
    for owner_id, organizer_id in public_events().values_list(
        "owner_id", "organizers__organization_id"
    ):
        ids.update((owner_id, organizer_id))
    ids.discard(None)
    return sorted(ids)


def get_public_event(pk, *, with_owner=True):
    """A published, cancelled or finished event or part (whose main event is public too),
    read with its main event and, unless ``with_owner`` is false, its organiser."""
    queryset = public_events().select_related("parent", *(["owner"] if with_owner else []))
    event = get_within(queryset, pk)
    if event.parent_id is not None and not event.parent.is_public:
        raise Http404
    return event


def public_parts_of(event):
    return event.parts.filter(status__in=enums.PUBLIC_STATUSES).order_by(
        "position", "starts_at", "pk"
    )


def with_exhibitor_totals(events):
    return events.annotate(
        exhibitor_total=Count(
            "exhibitors", filter=Q(exhibitors__status=enums.ExhibitorStatus.CONFIRMED)
        )
    )


def public_exhibitors_of(event):
    return exhibitors_of(event).filter(status=enums.ExhibitorStatus.CONFIRMED)


def agenda_days(event):
    """``[(date, [session, ...]), ...]``: the agenda of an event and its public parts, day by
    day in the event's time zone."""
    days = OrderedDict()
    sessions = sessions_of(event, with_parts=True).filter(
        Q(event=event) | Q(event__status__in=enums.PUBLIC_STATUSES)
    )
    for session in sessions:
        day = session.starts_at.astimezone(event.zone).date()
        days.setdefault(day, []).append(session)
    return list(days.items())


# A person's own -----------------------------------------------------------------------------


def registrations_of(user):
    if user is None or not user.is_authenticated:
        return Registration.objects.none()
    return Registration.objects.filter(user=user).select_related("event", "event__parent")


def active_registrations_of(user):
    return registrations_of(user).filter(status__in=enums.ACTIVE_REGISTRATION)


def upcoming_registrations_of(user):
    """The person's active registrations for events not yet over, the soonest first."""
    return (
        active_registrations_of(user)
        .filter(event__ends_at__gte=timezone.now())
        .order_by("event__starts_at", "pk")
    )


def get_registration_of(user, pk):
    return get_within(registrations_of(user), pk)


def active_registration_for(user, event):
    if user is None or not user.is_authenticated:
        return None
    return Registration.objects.filter(
        user=user, event=event, status__in=enums.ACTIVE_REGISTRATION
    ).first()


# Exhibitors' side ---------------------------------------------------------------------------


def exhibitor_entries_of(organization):
    return Exhibitor.objects.filter(organization=organization).select_related("event")


def get_exhibitor_entry_of(organization, pk):
    return get_within(exhibitor_entries_of(organization), pk)


def exhibitions_open_to_applications():
    return public_events().filter(
        kind__in=enums.EXHIBITION_KINDS,
        status=enums.EventStatus.PUBLISHED,
        starts_at__gt=timezone.now(),
    )


def get_exhibition_open_to_applications(pk):
    return get_within(exhibitions_open_to_applications(), pk)


def events_of_organizations_where(user, permission):
    """The events and parts of the organisations in which ``user`` holds the organisation-level
    ``permission`` (e.g. ``events.view_events``)."""
    owners = [
        membership.organization_id
        for membership in org_selectors.memberships_of(user)
        if user.has_perm(permission, membership.organization)
    ]
    return Event.objects.filter(owner_id__in=owners)
