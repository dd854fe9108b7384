"""Every write to events, their programme, registrations and check-ins.

Pages, the API, the admin and the demo data all come here. Each function works inside one
transaction on rows it has locked (the event first, then what hangs from it), checks the
transition tables in ``events.enums``, writes one audit entry per change and queues e-mails
only once the transaction has committed.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cloudpark.core import audit, privacy
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.services import apply_changes, locked, validated
from cloudpark.core.states import check_transition
from cloudpark.events import enums, tickets
from cloudpark.events.models import (
    CheckIn,
    Event,
    EventOrganizer,
    Exhibitor,
    Film,
    Registration,
    RegistrationQuestion,
    Screening,
    Session,
    Speaker,
)
from cloudpark.notifications import services as notifications
from cloudpark.orgs.enums import OrganizationKind

logger = logging.getLogger(__name__)

EVENT_CREATED = audit.register("events.event.created", _("Event created"))
EVENT_UPDATED = audit.register("events.event.updated", _("Event details changed"))
EVENT_PUBLISHED = audit.register("events.event.published", _("Event published"))
EVENT_CANCELLED = audit.register("events.event.cancelled", _("Event cancelled"))
EVENT_FINISHED = audit.register("events.event.finished", _("Event marked finished"))
ORGANIZER_ADDED = audit.register("events.organizer.added", _("Organiser added"))
ORGANIZER_REMOVED = audit.register("events.organizer.removed", _("Organiser removed"))
ORGANIZER_MOVED = audit.register("events.organizer.moved", _("Organisers reordered"))
SESSION_ADDED = audit.register("events.session.added", _("Agenda session added"))
SESSION_CHANGED = audit.register("events.session.changed", _("Agenda session changed"))
SESSION_REMOVED = audit.register("events.session.removed", _("Agenda session removed"))
SESSION_CANCELLED = audit.register("events.session.cancelled", _("Agenda session cancelled"))
EXHIBITOR_INVITED = audit.register("events.exhibitor.invited", _("Exhibitor invited"))
EXHIBITOR_APPLIED = audit.register("events.exhibitor.applied", _("Application to exhibit"))
EXHIBITOR_CONFIRMED = audit.register("events.exhibitor.confirmed", _("Exhibitor confirmed"))
EXHIBITOR_DECLINED = audit.register("events.exhibitor.declined", _("Exhibitor declined"))
EXHIBITOR_WITHDRAWN = audit.register("events.exhibitor.withdrawn", _("Exhibitor withdrew"))
BOOTH_ASSIGNED = audit.register("events.exhibitor.booth_assigned", _("Booth assigned"))
FILM_ADDED = audit.register("events.film.added", _("Film added"))
FILM_CHANGED = audit.register("events.film.changed", _("Film details changed"))
FILM_REMOVED = audit.register("events.film.removed", _("Film removed"))
SCREENING_ADDED = audit.register("events.screening.added", _("Screening added"))
SCREENING_REMOVED = audit.register("events.screening.removed", _("Screening removed"))
QUESTION_ADDED = audit.register("events.question.added", _("Registration question added"))
QUESTION_REMOVED = audit.register("events.question.removed", _("Registration question removed"))
REGISTERED = audit.register("events.registration.registered", _("Registered"))
REGISTRATION_CONFIRMED = audit.register("events.registration.confirmed", _("Seat confirmed"))
REGISTRATION_WAITLISTED = audit.register(
    "events.registration.waitlisted", _("Put on the waiting list")
)
REGISTRATION_REJECTED = audit.register("events.registration.rejected", _("Registration declined"))
REGISTRATION_CANCELLED = audit.register(
    "events.registration.cancelled", _("Registration cancelled")
)
CHECKED_IN = audit.register("events.registration.checked_in", _("Checked in"))

CANCELLED_NOTICE = notifications.register(
    "events.event_cancelled", _("%(event)s, planned for %(time)s, has been cancelled.")
)
CANCELLED_WITH_REASON_NOTICE = notifications.register(
    "events.event_cancelled_with_reason",
    _("%(event)s, planned for %(time)s, has been cancelled: %(reason)s"),
)

EVENT_FIELDS = (
    "kind",
    "title",
    "title_en",
    "theme",
    "theme_en",
    "description",
    "description_en",
    "starts_at",
    "ends_at",
    "time_zone",
    "venue",
    "venue_en",
    "city",
    "city_en",
    "cover",
    "position",
    "registration_enabled",
    "capacity",
    "registration_deadline",
    "requires_approval",
    "has_waiting_list",
)
SESSION_FIELDS = (
    "starts_at",
    "ends_at",
    "place",
    "place_en",
    "title",
    "title_en",
    "format",
    "description",
    "description_en",
    "position",
)
SPEAKER_FIELDS = (
    "name",
    "name_en",
    "title",
    "title_en",
    "organization_name",
    "organization_name_en",
)
FILM_FIELDS = (
    "title",
    "title_en",
    "runtime_minutes",
    "country_or_region",
    "country_or_region_en",
    "language",
    "language_en",
    "subtitles",
    "subtitles_en",
    "director",
    "director_en",
    "rights_holder",
    "permit_number",
    "synopsis",
    "synopsis_en",
)
ORGANIZING_KINDS = {OrganizationKind.GOVERNMENT, OrganizationKind.PARK}


class AlreadyCheckedIn(DomainError):
    """A second check-in of a ticket at the same door; ``first`` is the one that counted."""

    def __init__(self, first, door):
        self.first = first
        super().__init__(
            _t("Already checked in: this ticket was let in at %(time)s.")
            % {"time": local_text(first.checked_in_at, door)}
        )


def local_text(moment, event):
    """``moment`` as a person at ``event`` reads it on the clock: ``2026-01-09 09:30``."""
    return moment.astimezone(event.zone).strftime("%Y-%m-%d %H:%M")


def _checked(instance, *, exclude):
    """Field validation only: the database holds the constraints, and a service checks what
    spans several rows itself."""
    validated(instance, exclude=exclude, validate_constraints=False)


def _check_times(starts_at, ends_at, *, field="ends_at"):
    if ends_at <= starts_at:
        raise DomainError(_t("The end must come after the start."), field=field)


def _check_within(outer, starts_at, ends_at, message):
    if starts_at < outer.starts_at or ends_at > outer.ends_at:
        raise DomainError(
            message
            % {
                "start": local_text(outer.starts_at, outer),
                "end": local_text(outer.ends_at, outer),
            },
            field="starts_at",
        )


def _check_changeable(event):
    if event.status in {enums.EventStatus.CANCELLED, enums.EventStatus.FINISHED}:
        raise DomainError(_t("A cancelled or finished event can no longer be changed."))


def _next_position(queryset):
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


# Events ------------------------------------------------------------------------------------


def _validate_event(event):
    _check_times(event.starts_at, event.ends_at)
    if event.registration_deadline and event.registration_deadline > event.ends_at:
        raise DomainError(
            _t("The registration deadline must fall before the event ends."),
            field="registration_deadline",
        )
    if event.parent_id is not None:
        _check_within(
            event.parent,
            event.starts_at,
            event.ends_at,
            _t("A part takes place within its event: between %(start)s and %(end)s."),
        )
    _checked(event, exclude=["owner", "parent"])


@transaction.atomic
def create_event(owner, *, actor, parent=None, **values):
    """A new draft event of ``owner``, or a new part of ``parent`` (which then owns it)."""
    event = Event()
    apply_changes(event, values, allowed=EVENT_FIELDS)
    if parent is not None:
        parent = locked(parent)
        if parent.parent_id is not None:
            raise DomainError(_t("A part cannot have parts of its own."))
        _check_changeable(parent)
        owner = parent.owner
        if "position" not in values:
            event.position = _next_position(parent.parts.all())
    if owner.kind not in ORGANIZING_KINDS:
        raise DomainError(_t("Events are organised here by government bodies and parks."))
    event.owner, event.parent = owner, parent
    _validate_event(event)
    event.save()
    audit.log_action(
        event,
        EVENT_CREATED,
        actor=actor,
        data={"kind": event.kind, "parent": parent.pk if parent else None},
    )
    return event


@transaction.atomic
def update_event(event, *, actor, now=None, **values):
    event = locked(event)
    _check_changeable(event)
    changed = apply_changes(event, values, allowed=EVENT_FIELDS)
    if not changed:
        return event
    _validate_event(event)
    if {"starts_at", "ends_at"} & set(changed):
        _check_programme_within(event, field="starts_at" if "starts_at" in changed else "ends_at")
    if "capacity" in changed:
        _check_capacity_holds_confirmed(event)
    event.save(update_fields=[*changed, "updated_at"])
    audit.log_action(event, EVENT_UPDATED, actor=actor, data={"fields": sorted(changed)})
    if {"capacity", "has_waiting_list"} & set(changed):
        _fill_free_seats(event, actor=actor, now=now or timezone.now())
    return event


def _check_programme_within(event, *, field):
    """Refuse new dates that would leave a part, a session or a screening of ``event``
    outside them, naming the first one found."""
    inside = {"starts_at__gte": event.starts_at, "ends_at__lte": event.ends_at}
    if event.parts.exclude(**inside).exists():
        raise DomainError(
            _t("Some of its parts would then fall outside the event's dates: move them first."),
            field=field,
        )
    session = event.sessions.exclude(**inside).order_by("starts_at", "pk").first()
    if session is not None:
        raise DomainError(
            _t(
                "The session “%(session)s” (%(time)s) would then fall outside the event's "
                "dates: move it first."
            )
            % {"session": session.display_title, "time": local_text(session.starts_at, event)},
            field=field,
        )
    screening = (
        Screening.objects.filter(film__event=event)
        .exclude(**inside)
        .select_related("film")
        .order_by("starts_at", "pk")
        .first()
    )
    if screening is not None:
        raise DomainError(
            _t(
                "The screening of “%(film)s” (%(time)s) would then fall outside the event's "
                "dates: move it first."
            )
            % {
                "film": screening.film.display_title,
                "time": local_text(screening.starts_at, event),
            },
            field=field,
        )


def _check_capacity_holds_confirmed(event):
    if event.capacity is None:
        return
    confirmed = _confirmed_count(event)
    if event.capacity < confirmed:
        raise DomainError(
            ngettext(
                "%(count)s seat is already confirmed: the event cannot have fewer seats. "
                "Cancel registrations first.",
                "%(count)s seats are already confirmed: the event cannot have fewer seats. "
                "Cancel registrations first.",
                confirmed,
            )
            % {"count": confirmed},
            field="capacity",
        )


_REFUSALS = {
    enums.EventStatus.PUBLISHED: _(
        "Only a draft can be published (this event is now: %(status)s)."
    ),
    enums.EventStatus.CANCELLED: _(
        "Only a draft or a published event can be cancelled (this event is now: %(status)s)."
    ),
    enums.EventStatus.FINISHED: _(
        "Only a published event can be marked finished (this event is now: %(status)s)."
    ),
}
_STAMPS = {
    enums.EventStatus.PUBLISHED: "published_at",
    enums.EventStatus.CANCELLED: "cancelled_at",
    enums.EventStatus.FINISHED: "finished_at",
}
_ACTIONS = {
    enums.EventStatus.PUBLISHED: EVENT_PUBLISHED,
    enums.EventStatus.CANCELLED: EVENT_CANCELLED,
    enums.EventStatus.FINISHED: EVENT_FINISHED,
}


def _move(event, target, *, actor, now, data=None, **fields):
    """Move a locked ``event`` to ``target``: its stamp, any extra fields, one audit entry."""
    event.status = target
    setattr(event, _STAMPS[target], now)
    for field, value in fields.items():
        setattr(event, field, value)
    event.save(update_fields=["status", _STAMPS[target], *fields, "updated_at"])
    audit.log_action(event, _ACTIONS[target], actor=actor, data=data)
    return event


def _transition(event, target, *, actor, now, **fields):
    event = locked(event)
    if not check_transition(
        enums.EVENT_TRANSITIONS,
        event.status,
        target,
        message=_REFUSALS[target] % {"status": event.get_status_display()},
        field="status",
    ):
        return event, False
    return _move(event, target, actor=actor, now=now, **fields), True


@transaction.atomic
def publish_event(event, *, actor, now=None):
    """Publish a draft, and its parts that are still drafts with it. A part is published
    only once its event is."""
    now = now or timezone.now()
    if event.parent_id is not None and event.parent.status != enums.EventStatus.PUBLISHED:
        raise TransitionNotAllowed(_t("Publish the main event first; its parts follow it."))
    event, moved = _transition(event, enums.EventStatus.PUBLISHED, actor=actor, now=now)
    if moved:
        for part in event.parts.select_for_update().filter(status=enums.EventStatus.DRAFT):
            _move(part, enums.EventStatus.PUBLISHED, actor=actor, now=now)
    return event


@transaction.atomic
def cancel_event(event, *, actor, reason="", now=None):
    """Call an event off, with its parts. Registrations are kept as they were, and everyone
    registered (confirmed, waiting or awaiting approval) is notified in the platform and by
    e-mail once the cancellation is committed."""
    now = now or timezone.now()
    event, moved = _transition(
        event,
        enums.EventStatus.CANCELLED,
        actor=actor,
        now=now,
        cancellation_reason=reason.strip(),
        data={"reason": reason.strip()},
    )
    if moved:
        called_off = [event.pk]
        for part in event.parts.select_for_update().exclude(
            status__in=[enums.EventStatus.CANCELLED, enums.EventStatus.FINISHED]
        ):
            _move(part, enums.EventStatus.CANCELLED, actor=actor, now=now, data={"with": event.pk})
            called_off.append(part.pk)
        _notify_cancellation(event, called_off, reason=reason.strip())
    return event


def _cancelled_name(event):
    if event.parent_id is None:
        return event.display_title
    return _t("%(part)s, part of %(event)s") % {
        "part": event.display_title,
        "event": event.parent.display_title,
    }


def _notify_cancellation(event, called_off, *, reason):
    """Tell everyone with a seat, a place on the waiting list or a request for one of the
    events ``called_off`` (``event`` and the parts cancelled with it), once per person, with
    the event named in the language they registered in."""
    registrations = Registration.objects.filter(
        event_id__in=called_off, status__in=enums.ACTIVE_REGISTRATION
    ).select_related("user")
    people = {}
    # A person registered for the event and for one of its parts is told once, in the
    # language of their registration for the event itself.
    for registration in sorted(
        registrations, key=lambda item: (item.event_id != event.pk, item.pk)
    ):
        people.setdefault(registration.user_id, registration)
    by_language = {}
    for registration in people.values():
        language = registration.language or settings.LANGUAGE_CODE
        by_language.setdefault(language, []).append(registration.user)
    kind = CANCELLED_WITH_REASON_NOTICE if reason else CANCELLED_NOTICE
    url = reverse("public:event_detail", args=[event.pk])
    for language, recipients in sorted(by_language.items()):
        with translation.override(language):
            params = {
                "event": str(_cancelled_name(event)),
                "time": local_text(event.starts_at, event),
                "reason": reason,
            }
        notifications.notify(recipients, kind, params=params, url=url)


@transaction.atomic
def finish_event(event, *, actor, now=None):
    """Mark a published event finished once it has begun, with its published parts."""
    now = now or timezone.now()
    if now < event.starts_at:
        raise TransitionNotAllowed(
            _t("An event can be marked finished once it has begun (%(start)s).")
            % {"start": local_text(event.starts_at, event)}
        )
    event, moved = _transition(event, enums.EventStatus.FINISHED, actor=actor, now=now)
    if moved:
        for part in event.parts.select_for_update().filter(status=enums.EventStatus.PUBLISHED):
            _move(part, enums.EventStatus.FINISHED, actor=actor, now=now, data={"with": event.pk})
    return event


# Organisers --------------------------------------------------------------------------------


def _refresh_organizer_names(event):
    names = []
    for organizer in event.organizers.select_related("organization"):
        if organizer.organization_id is not None:
            names += [organizer.organization.name, organizer.organization.name_en]
        else:
            names += [organizer.name, organizer.name_en]
    event.organizer_names = " ".join(name for name in names if name)
    event.save(update_fields=["organizer_names"])


@transaction.atomic
def add_organizer(event, *, actor, role, organization=None, name="", name_en=""):
    """List an organisation in an organiser role: one of the directory, or one by name."""
    event = locked(event)
    _check_changeable(event)
    name, name_en = name.strip(), name_en.strip()
    if organization is None and not name:
        raise DomainError(
            _t("Choose an organisation of the directory, or type the name of one not in it."),
            field="organization",
        )
    role = enums.OrganizerRole(role)
    if organization is not None:
        name = name_en = ""
        if event.organizers.filter(role=role, organization=organization).exists():
            raise DomainError(
                _t("%(name)s is already listed as %(role)s.")
                % {"name": organization.display_name, "role": role.label},
                field="organization",
            )
    organizer = EventOrganizer.objects.create(
        event=event,
        role=role,
        organization=organization,
        name=name,
        name_en=name_en,
        position=_next_position(event.organizers.filter(role=role)),
    )
    _refresh_organizer_names(event)
    audit.log_action(
        event,
        ORGANIZER_ADDED,
        actor=actor,
        data={
            "role": role.value,
            "organization": organization.pk if organization else None,
            "name": name or (organization.name if organization else ""),
        },
    )
    return organizer


@transaction.atomic
def remove_organizer(organizer, *, actor):
    event = locked(organizer.event)
    _check_changeable(event)
    organizer = EventOrganizer.objects.select_related("organization").get(pk=organizer.pk)
    data = {"role": organizer.role, "name": organizer.display_name}
    organizer.delete()
    _refresh_organizer_names(event)
    audit.log_action(event, ORGANIZER_REMOVED, actor=actor, data=data)
    return event


@transaction.atomic
def move_organizer(organizer, *, actor, offset):
    """Move an organiser one place up (``offset=-1``) or down (``+1``) within its role."""
    event = locked(organizer.event)
    _check_changeable(event)
    in_role = list(event.organizers.filter(role=organizer.role))
    index = next(i for i, item in enumerate(in_role) if item.pk == organizer.pk)
    target = index + offset
    if not 0 <= target < len(in_role):
        return event
    in_role[index], in_role[target] = in_role[target], in_role[index]
    for position, item in enumerate(in_role, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    audit.log_action(event, ORGANIZER_MOVED, actor=actor, data={"role": organizer.role})
    return event


# Agenda ------------------------------------------------------------------------------------


def _session_window_check(event, starts_at, ends_at):
    _check_times(starts_at, ends_at)
    _check_within(
        event,
        starts_at,
        ends_at,
        _t("A session takes place during its event: between %(start)s and %(end)s."),
    )


@transaction.atomic
def add_session(event, *, actor, speakers=(), now=None, **values):
    """Add a session to the agenda; once the event is published the addition shows as a
    change."""
    event = locked(event)
    _check_changeable(event)
    session = Session(event=event)
    apply_changes(session, values, allowed=SESSION_FIELDS)
    _session_window_check(event, session.starts_at, session.ends_at)
    if not values.get("position"):
        session.position = _next_position(event.sessions.all())
    if event.status == enums.EventStatus.PUBLISHED:
        session.changed_at = now or timezone.now()
    _checked(session, exclude=["event"])
    session.save()
    for position, speaker_values in enumerate(speakers, start=1):
        speaker = Speaker(session=session, position=position)
        apply_changes(speaker, speaker_values, allowed=SPEAKER_FIELDS)
        speaker.save()
    audit.log_action(
        event,
        SESSION_ADDED,
        actor=actor,
        data={
            "session": session.pk,
            "title": session.title,
            "after_publication": bool(session.changed_at),
        },
    )
    return session


def _note_change(session, event, now):
    """Mark a session changed when its event is already published."""
    if event.status == enums.EventStatus.PUBLISHED:
        session.changed_at = now or timezone.now()
        return ["changed_at"]
    return []


@transaction.atomic
def update_session(session, *, actor, now=None, **values):
    event = locked(session.event)
    _check_changeable(event)
    session = locked(session)
    changed = apply_changes(session, values, allowed=SESSION_FIELDS)
    if not changed:
        return session
    _session_window_check(event, session.starts_at, session.ends_at)
    _checked(session, exclude=["event"])
    session.save(update_fields=[*changed, *_note_change(session, event, now)])
    audit.log_action(
        event, SESSION_CHANGED, actor=actor, data={"session": session.pk, "fields": sorted(changed)}
    )
    return session


@transaction.atomic
def remove_session(session, *, actor, now=None):
    """Take a session off the agenda: deleted while the event is a draft; once published it
    stays on the agenda, marked cancelled, so that nobody misses the change."""
    event = locked(session.event)
    _check_changeable(event)
    session = locked(session)
    data = {"session": session.pk, "title": session.title}
    if event.status == enums.EventStatus.DRAFT:
        session.delete()
        audit.log_action(event, SESSION_REMOVED, actor=actor, data=data)
        return None
    if session.is_cancelled:
        return session
    session.status = enums.SessionStatus.CANCELLED
    session.save(update_fields=["status", *_note_change(session, event, now)])
    audit.log_action(event, SESSION_CANCELLED, actor=actor, data=data)
    return session


@transaction.atomic
def add_speaker(session, *, actor, now=None, **values):
    event = locked(session.event)
    _check_changeable(event)
    session = locked(session)
    speaker = Speaker(session=session, position=_next_position(session.speakers.all()))
    apply_changes(speaker, values, allowed=SPEAKER_FIELDS)
    _checked(speaker, exclude=["session"])
    speaker.save()
    session.save(update_fields=_note_change(session, event, now))
    audit.log_action(
        event,
        SESSION_CHANGED,
        actor=actor,
        data={"session": session.pk, "fields": ["speakers"], "added": speaker.name},
    )
    return speaker


@transaction.atomic
def remove_speaker(speaker, *, actor, now=None):
    session = speaker.session
    event = locked(session.event)
    _check_changeable(event)
    session = locked(session)
    name = speaker.name
    Speaker.objects.filter(pk=speaker.pk).delete()
    session.save(update_fields=_note_change(session, event, now))
    audit.log_action(
        event,
        SESSION_CHANGED,
        actor=actor,
        data={"session": session.pk, "fields": ["speakers"], "removed": name},
    )
    return session


# Exhibitors --------------------------------------------------------------------------------


def _require_exhibition(event):
    if not event.has_exhibitors:
        raise DomainError(_t("Only exhibitions have exhibitors."))


def _check_booth(event, booth, *, exhibitor=None):
    if not booth:
        return
    taken = event.exhibitors.filter(booth=booth).exclude(pk=getattr(exhibitor, "pk", None)).first()
    if taken is not None:
        raise DomainError(
            _t("Booth %(booth)s is already given to %(name)s.")
            % {"booth": booth, "name": taken.display_name},
            field="booth",
        )


def _check_not_listed(event, organization):
    entry = event.exhibitors.filter(organization=organization).first()
    if entry is not None:
        raise DomainError(
            _t("%(name)s is already on this exhibition's list (%(status)s).")
            % {"name": organization.display_name, "status": entry.get_status_display()},
            field="organization",
        )


@transaction.atomic
def invite_exhibitor(
    event, *, actor, organization=None, name="", name_en="", exhibits="", exhibits_en="", booth=""
):
    event = locked(event)
    _require_exhibition(event)
    _check_changeable(event)
    name, booth = name.strip(), booth.strip()
    if organization is None and not name:
        raise DomainError(
            _t("Choose an organisation of the directory, or type the name of one not in it."),
            field="organization",
        )
    if organization is not None:
        _check_not_listed(event, organization)
        name = name_en = ""
    _check_booth(event, booth)
    exhibitor = Exhibitor.objects.create(
        event=event,
        organization=organization,
        name=name,
        name_en=name_en.strip(),
        exhibits=exhibits.strip(),
        exhibits_en=exhibits_en.strip(),
        booth=booth,
        status=enums.ExhibitorStatus.INVITED,
    )
    audit.log_action(
        event,
        EXHIBITOR_INVITED,
        actor=actor,
        data={"exhibitor": exhibitor.pk, "name": str(exhibitor.display_name)},
    )
    return exhibitor


@transaction.atomic
def apply_to_exhibit(event, organization, *, actor, exhibits, exhibits_en="", now=None):
    """An organisation asks to exhibit; the organiser confirms it with a booth, or declines."""
    now = now or timezone.now()
    event = locked(event)
    _require_exhibition(event)
    if event.status != enums.EventStatus.PUBLISHED or now >= event.starts_at:
        raise DomainError(_t("Applications to exhibit close when the exhibition opens."))
    _check_not_listed(event, organization)
    exhibitor = Exhibitor.objects.create(
        event=event,
        organization=organization,
        exhibits=exhibits.strip(),
        exhibits_en=exhibits_en.strip(),
        status=enums.ExhibitorStatus.APPLIED,
    )
    audit.log_action(
        event,
        EXHIBITOR_APPLIED,
        actor=actor,
        data={"exhibitor": exhibitor.pk, "name": organization.name},
    )
    return exhibitor


_EXHIBITOR_REFUSALS = {
    enums.ExhibitorStatus.CONFIRMED: _("Only an application or an invitation can be confirmed."),
    enums.ExhibitorStatus.DECLINED: _("Only an application or an invitation can be declined."),
    enums.ExhibitorStatus.WITHDRAWN: _("Only an applicant or a confirmed exhibitor can withdraw."),
}
_EXHIBITOR_ACTIONS = {
    enums.ExhibitorStatus.CONFIRMED: EXHIBITOR_CONFIRMED,
    enums.ExhibitorStatus.DECLINED: EXHIBITOR_DECLINED,
    enums.ExhibitorStatus.WITHDRAWN: EXHIBITOR_WITHDRAWN,
}


def _move_exhibitor(exhibitor, target, *, actor, now=None, booth=None):
    event = locked(exhibitor.event)
    _check_changeable(event)
    exhibitor = locked(exhibitor)
    if not check_transition(
        enums.EXHIBITOR_TRANSITIONS,
        exhibitor.status,
        target,
        message=_EXHIBITOR_REFUSALS[target],
    ):
        return exhibitor
    if (
        target == enums.ExhibitorStatus.CONFIRMED
        and actor is not None
        and not actor.has_perm("events.confirm_exhibitor", exhibitor)
    ):
        raise DomainError(_t("Only the organiser can confirm an application to exhibit."))
    fields = ["status", "decided_at", "updated_at"]
    if booth is not None and booth.strip():
        _check_booth(event, booth.strip(), exhibitor=exhibitor)
        exhibitor.booth = booth.strip()
        fields.append("booth")
    if target != enums.ExhibitorStatus.CONFIRMED and exhibitor.booth:
        # A booth given up is free for someone else.
        exhibitor.booth = ""
        fields.append("booth")
    exhibitor.status = target
    exhibitor.decided_at = now or timezone.now()
    exhibitor.save(update_fields=fields)
    audit.log_action(
        event,
        _EXHIBITOR_ACTIONS[target],
        actor=actor,
        data={
            "exhibitor": exhibitor.pk,
            "name": str(exhibitor.display_name),
            "booth": exhibitor.booth,
        },
    )
    return exhibitor


@transaction.atomic
def confirm_exhibitor(exhibitor, *, actor, booth=None, now=None):
    """Confirm an application (by the organiser) or an invitation (by either side): an
    organisation cannot confirm its own application (``events.confirm_exhibitor``)."""
    return _move_exhibitor(
        exhibitor, enums.ExhibitorStatus.CONFIRMED, actor=actor, now=now, booth=booth
    )


@transaction.atomic
def decline_exhibitor(exhibitor, *, actor, now=None):
    return _move_exhibitor(exhibitor, enums.ExhibitorStatus.DECLINED, actor=actor, now=now)


@transaction.atomic
def withdraw_exhibitor(exhibitor, *, actor, now=None):
    return _move_exhibitor(exhibitor, enums.ExhibitorStatus.WITHDRAWN, actor=actor, now=now)


@transaction.atomic
def assign_booth(exhibitor, *, actor, booth):
    event = locked(exhibitor.event)
    _check_changeable(event)
    exhibitor = locked(exhibitor)
    booth = booth.strip()
    if exhibitor.status != enums.ExhibitorStatus.CONFIRMED:
        raise DomainError(_t("Booths go to confirmed exhibitors."), field="booth")
    if exhibitor.booth == booth:
        return exhibitor
    _check_booth(event, booth, exhibitor=exhibitor)
    exhibitor.booth = booth
    exhibitor.save(update_fields=["booth", "updated_at"])
    audit.log_action(
        event,
        BOOTH_ASSIGNED,
        actor=actor,
        data={"exhibitor": exhibitor.pk, "name": str(exhibitor.display_name), "booth": booth},
    )
    return exhibitor


# Films and screenings ----------------------------------------------------------------------


def _require_films(event):
    if not event.has_films:
        raise DomainError(_t("Films are shown at film weeks and screenings."))


@transaction.atomic
def add_film(event, *, actor, **values):
    event = locked(event)
    _require_films(event)
    _check_changeable(event)
    film = Film(event=event, position=_next_position(event.films.all()))
    apply_changes(film, values, allowed=FILM_FIELDS)
    _checked(film, exclude=["event"])
    film.save()
    audit.log_action(event, FILM_ADDED, actor=actor, data={"film": film.pk, "title": film.title})
    return film


@transaction.atomic
def update_film(film, *, actor, **values):
    event = locked(film.event)
    _check_changeable(event)
    film = locked(film)
    changed = apply_changes(film, values, allowed=FILM_FIELDS)
    if not changed:
        return film
    _checked(film, exclude=["event"])
    film.save(update_fields=changed)
    audit.log_action(
        event, FILM_CHANGED, actor=actor, data={"film": film.pk, "fields": sorted(changed)}
    )
    return film


@transaction.atomic
def remove_film(film, *, actor):
    event = locked(film.event)
    _check_changeable(event)
    data = {"film": film.pk, "title": film.title}
    Film.objects.filter(pk=film.pk).delete()
    audit.log_action(event, FILM_REMOVED, actor=actor, data=data)
    return event


@transaction.atomic
def add_screening(film, *, actor, venue, starts_at, ends_at=None, venue_en=""):
    """Show ``film`` at ``venue``; without an end, the slot lasts the film's runtime."""
    event = locked(film.event)
    _check_changeable(event)
    ends_at = ends_at or starts_at + timedelta(minutes=film.runtime_minutes)
    _check_times(starts_at, ends_at)
    _check_within(
        event,
        starts_at,
        ends_at,
        _t("A screening takes place during its event: between %(start)s and %(end)s."),
    )
    screening = Screening(
        film=film,
        venue=venue.strip(),
        venue_en=venue_en.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
    )
    _checked(screening, exclude=["film"])
    screening.save()
    audit.log_action(
        event,
        SCREENING_ADDED,
        actor=actor,
        data={"film": film.pk, "venue": screening.venue, "starts_at": starts_at},
    )
    return screening


@transaction.atomic
def remove_screening(screening, *, actor):
    event = locked(screening.film.event)
    _check_changeable(event)
    data = {"film": screening.film_id, "venue": screening.venue, "starts_at": screening.starts_at}
    Screening.objects.filter(pk=screening.pk).delete()
    audit.log_action(event, SCREENING_REMOVED, actor=actor, data=data)
    return event


# Registration questions --------------------------------------------------------------------


@transaction.atomic
def add_question(
    event, *, actor, label, label_en="", kind=enums.QuestionKind.TEXT, choices="", required=False
):
    event = locked(event)
    _check_changeable(event)
    question = RegistrationQuestion(
        event=event,
        label=label.strip(),
        label_en=label_en.strip(),
        kind=kind,
        choices=choices.strip(),
        required=required,
        position=_next_position(event.questions.all()),
    )
    if kind == enums.QuestionKind.CHOICE and len(question.choice_list) < 2:
        raise DomainError(_t("Give at least two choices, one per line."), field="choices")
    _checked(question, exclude=["event"])
    question.save()
    audit.log_action(
        event, QUESTION_ADDED, actor=actor, data={"question": question.pk, "label": question.label}
    )
    return question


@transaction.atomic
def remove_question(question, *, actor):
    """Stop asking a question; the answers already given stay with their registrations."""
    event = locked(question.event)
    _check_changeable(event)
    data = {"question": question.pk, "label": question.label}
    RegistrationQuestion.objects.filter(pk=question.pk).delete()
    audit.log_action(event, QUESTION_REMOVED, actor=actor, data=data)
    return event


def validated_answers(event, answers):
    """The answers to ``event``'s questions, keyed by question id (as text); raises a
    ``DomainError`` at ``question_<id>`` for a missing or impossible one."""
    answers = answers or {}
    cleaned = {}
    for question in event.questions.all():
        key = str(question.pk)
        value = answers.get(key, answers.get(question.pk, ""))
        if question.kind == enums.QuestionKind.YES_NO:
            value = {"yes": True, "no": False, "true": True, "false": False}.get(
                str(value).strip().lower(), value if isinstance(value, bool) else None
            )
            if value is None and question.required:
                raise DomainError(
                    _t("Answer “%(question)s”.") % {"question": question.display_label},
                    field=f"question_{question.pk}",
                )
            if value is not None:
                cleaned[key] = value
            continue
        value = str(value or "").strip()
        if not value:
            if question.required:
                raise DomainError(
                    _t("Answer “%(question)s”.") % {"question": question.display_label},
                    field=f"question_{question.pk}",
                )
            continue
        if question.kind == enums.QuestionKind.CHOICE and value not in question.choice_list:
            raise DomainError(
                _t("Choose one of the answers offered for “%(question)s”.")
                % {"question": question.display_label},
                field=f"question_{question.pk}",
            )
        cleaned[key] = value[:2000]
    return cleaned


# Registrations -----------------------------------------------------------------------------


def _queue_ticket(registration):
    from cloudpark.events.tasks import send_ticket_email

    transaction.on_commit(functools.partial(send_ticket_email.enqueue, registration.pk))


def _check_open_for_registration(event, now):
    for layer in (event.parent, event) if event.parent_id else (event,):
        if layer.status == enums.EventStatus.CANCELLED:
            raise DomainError(_t("This event has been cancelled."))
        if layer.status == enums.EventStatus.FINISHED or now >= layer.ends_at:
            raise DomainError(_t("This event is over."))
        if layer.status != enums.EventStatus.PUBLISHED:
            raise DomainError(_t("This event is not open for registration yet."))
    if not event.registration_enabled:
        raise DomainError(_t("This event does not take registrations."))
    if now >= event.registration_closes_at:
        raise DomainError(
            _t("Registration closed on %(time)s.")
            % {"time": local_text(event.registration_closes_at, event)}
        )


def registration_refusal(event, *, now=None):
    """Why ``event`` takes no registration now (a message for the person), or ``None``: the
    pages use it to offer the form; ``register`` applies the same rules."""
    try:
        _check_open_for_registration(event, now or timezone.now())
    except DomainError as error:
        return str(error)
    return None


def seats_left(event):
    """Free seats, or ``None`` when the event has no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - _confirmed_count(event), 0)


def _confirmed_count(event):
    return Registration.objects.filter(
        event=event, status=enums.RegistrationStatus.CONFIRMED
    ).count()


def _has_free_seat(event):
    return event.capacity is None or _confirmed_count(event) < event.capacity


def _unique_code():
    while True:
        code = tickets.new_code()
        if not Registration.objects.filter(code=code).exists():
            return code


@transaction.atomic
def register(
    event,
    user,
    *,
    actor,
    name,
    organization_name="",
    job_title="",
    answers=None,
    now=None,
    language=None,
):
    """Register ``user`` for ``event`` (or a part of one).

    The event's row is locked while the confirmed seats are counted, so that however many
    people register at once there are never more confirmed seats than the capacity. When the
    event is full the registration goes to the waiting list, or is refused if it keeps none;
    when the organiser approves registrations it waits for that.
    """
    now = now or timezone.now()
    event = locked(event)
    _check_open_for_registration(event, now)
    existing = Registration.objects.filter(
        event=event, user=user, status__in=enums.ACTIVE_REGISTRATION
    ).first()
    if existing is not None:
        raise DomainError(
            _t("You are already registered for this event (%(status)s).")
            % {"status": existing.get_status_display()}
        )
    name = name.strip()
    if not name:
        raise DomainError(_t("Give the name to print on the ticket."), field="name")
    cleaned = validated_answers(event, answers)
    if event.requires_approval:
        status = enums.RegistrationStatus.PENDING
    elif _has_free_seat(event):
        status = enums.RegistrationStatus.CONFIRMED
    elif event.has_waiting_list:
        status = enums.RegistrationStatus.WAITING
    else:
        raise DomainError(_t("This event is full, and it keeps no waiting list."))
    registration = Registration.objects.create(
        event=event,
        user=user,
        status=status,
        code=_unique_code(),
        name=name,
        organization_name=organization_name.strip(),
        job_title=job_title.strip(),
        answers=cleaned,
        language=language or translation.get_language() or "",
        waiting_since=now if status == enums.RegistrationStatus.WAITING else None,
        confirmed_at=now if status == enums.RegistrationStatus.CONFIRMED else None,
    )
    audit.log_action(
        registration, REGISTERED, actor=actor, data={"event": event.pk, "status": status}
    )
    if status == enums.RegistrationStatus.CONFIRMED:
        _queue_ticket(registration)
    return registration


def _registration_step(registration, target):
    """Whether ``registration`` has a step to take to ``target`` (not when it is there)."""
    return check_transition(
        enums.REGISTRATION_TRANSITIONS,
        registration.status,
        target,
        message=_t("This registration is %(status)s: that step is no longer possible.")
        % {"status": registration.get_status_display()},
    )


def _confirm(registration, *, actor, now, via):
    registration.status = enums.RegistrationStatus.CONFIRMED
    registration.confirmed_at = now
    registration.save(update_fields=["status", "confirmed_at", "updated_at"])
    audit.log_action(registration, REGISTRATION_CONFIRMED, actor=actor, data={"via": via})
    _queue_ticket(registration)
    return registration


def _fill_free_seats(event, *, actor, now):
    """Give free seats to the waiting list, first come first served."""
    waiting = (
        Registration.objects.select_for_update()
        .filter(event=event, status=enums.RegistrationStatus.WAITING)
        .order_by("waiting_since", "pk")
    )
    promoted = []
    for registration in waiting:
        if not _has_free_seat(event):
            break
        promoted.append(_confirm(registration, actor=actor, now=now, via="waiting_list"))
    return promoted


@transaction.atomic
def approve_registration(registration, *, actor, now=None):
    """Accept a registration: a seat if one is free, else a place on the waiting list."""
    now = now or timezone.now()
    event = locked(registration.event)
    _check_changeable(event)
    registration = locked(registration)
    if not _registration_step(registration, enums.RegistrationStatus.CONFIRMED):
        return registration
    if _has_free_seat(event):
        return _confirm(registration, actor=actor, now=now, via="approval")
    if registration.status == enums.RegistrationStatus.WAITING:
        raise DomainError(_t("No seat is free: the registration stays on the waiting list."))
    if not event.has_waiting_list:
        raise DomainError(
            _t("The event is full: raise its capacity or cancel a confirmed registration first.")
        )
    registration.status = enums.RegistrationStatus.WAITING
    registration.waiting_since = now
    registration.save(update_fields=["status", "waiting_since", "updated_at"])
    audit.log_action(registration, REGISTRATION_WAITLISTED, actor=actor)
    return registration


@transaction.atomic
def reject_registration(registration, *, actor):
    _check_changeable(locked(registration.event))
    registration = locked(registration)
    if not _registration_step(registration, enums.RegistrationStatus.REJECTED):
        return registration
    registration.status = enums.RegistrationStatus.REJECTED
    registration.save(update_fields=["status", "updated_at"])
    audit.log_action(registration, REGISTRATION_REJECTED, actor=actor)
    return registration


@transaction.atomic
def cancel_registration(registration, *, actor, now=None):
    """Cancel a registration (the person or the organiser); a seat it held goes to the first
    person waiting."""
    now = now or timezone.now()
    event = locked(registration.event)
    _check_changeable(event)
    registration = locked(registration)
    if not _registration_step(registration, enums.RegistrationStatus.CANCELLED):
        return registration
    held_a_seat = registration.status == enums.RegistrationStatus.CONFIRMED
    registration.status = enums.RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    audit.log_action(
        registration,
        REGISTRATION_CANCELLED,
        actor=actor,
        data={
            "by": "registrant"
            if actor is not None and actor.pk == registration.user_id
            else "organiser"
        },
    )
    if held_a_seat:
        _fill_free_seats(event, actor=actor, now=now)
    return registration


def registrant_contacts_visible(user, event):
    """Whether ``user`` sees the e-mail addresses of ``event``'s registrants unmasked: those
    with the personal-data right in the organisation that manages it. Each time they are
    shown, the view is logged on the event."""
    visible = user.has_perm("orgs.view_personal_data", event.owner)
    if visible:
        privacy.record_personal_data_view(event, actor=user, fields=["registrations.email"])
    return visible


# Check-in ----------------------------------------------------------------------------------


def admits(door, event):
    """Whether ``door`` lets in the tickets of ``event``: its own, and at the door of a main
    event those of its parts too."""
    return event.pk == door.pk or (door.parent_id is None and event.parent_id == door.pk)


def _ticket_registration(reading):
    queryset = Registration.objects.select_for_update()
    if reading.is_signed:
        registration = queryset.filter(pk=reading.registration_id).first()
        if (
            registration is None
            or registration.code != reading.code
            or registration.event_id != reading.event_id
        ):
            raise tickets.InvalidTicket(_t("This ticket no longer exists or has been altered."))
        return registration
    registration = queryset.filter(code=reading.code).first()
    if registration is None:
        raise tickets.InvalidTicket(
            _t("No ticket has the code %(code)s. Check the letters and digits and try again.")
            % {"code": f"{reading.code[:5]}-{reading.code[5:]}"}
        )
    return registration


@transaction.atomic
def check_in(door, code, *, actor, now=None):
    """Let a ticket in at ``door`` (an event or a part), once only.

    ``code`` is what the camera read (the signed payload) or what was typed (the short code).
    Forged or altered payloads, other events' tickets and registrations without a seat are
    refused; a second check-in at the same door says when the first one was.
    """
    now = now or timezone.now()
    reading = tickets.read(code)
    door = Event.objects.get(pk=door.pk)
    if door.status != enums.EventStatus.PUBLISHED:
        raise DomainError(
            _t("Check-in is open while the event is published (it is now: %(status)s).")
            % {"status": door.get_status_display()}
        )
    registration = _ticket_registration(reading)
    event = registration.event
    if not admits(door, event):
        raise DomainError(
            _t("This ticket is for another event: %(event)s.")
            % {"event": event.display_title if event.is_public else _t("not this one")}
        )
    if registration.status != enums.RegistrationStatus.CONFIRMED:
        raise DomainError(
            _t("This ticket does not let anyone in: the registration is %(status)s.")
            % {"status": registration.get_status_display()}
        )
    first = CheckIn.objects.filter(registration=registration, door=door).first()
    if first is not None:
        raise AlreadyCheckedIn(first, door)
    method = enums.CheckInMethod.SCANNED if reading.is_signed else enums.CheckInMethod.TYPED
    check = CheckIn.objects.create(
        registration=registration,
        door=door,
        checked_in_at=now,
        checked_in_by=actor if actor is not None and actor.is_authenticated else None,
        method=method,
    )
    audit.log_action(
        registration, CHECKED_IN, actor=actor, data={"door": door.pk, "method": method}
    )
    return check
