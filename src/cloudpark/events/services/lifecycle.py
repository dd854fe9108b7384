"""Events and their parts: creating, changing, publishing, cancelling, finishing."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cloudpark.core import audit, links
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.i18n import with_english
from cloudpark.core.services import apply_changes, locked
from cloudpark.core.states import check_transition
from cloudpark.events import enums
from cloudpark.events.models import Event, Registration, Screening
from cloudpark.events.services.common import (
    _check_changeable,
    _check_times,
    _check_within,
    _checked,
    _next_position,
    local_text,
)
from cloudpark.events.services.registrations import _fill_free_seats
from cloudpark.jobs import services as follows
from cloudpark.notifications import services as notifications
from cloudpark.orgs.enums import OrganizationKind

EVENT_CREATED = audit.register("events.event.created", _("Event created"))
EVENT_UPDATED = audit.register("events.event.updated", _("Event details changed"))
EVENT_PUBLISHED = audit.register("events.event.published", _("Event published"))
EVENT_CANCELLED = audit.register("events.event.cancelled", _("Event cancelled"))
EVENT_FINISHED = audit.register("events.event.finished", _("Event marked finished"))

CANCELLED_NOTICE = notifications.register(
    "events.event_cancelled", _("%(event)s, planned for %(time)s, has been cancelled.")
)

CANCELLED_WITH_REASON_NOTICE = notifications.register(
    "events.event_cancelled_with_reason",
    _("%(event)s, planned for %(time)s, has been cancelled: %(reason)s"),
)

EVENT_FIELDS = with_english(
    Event,
    "kind",
    "title",
    "theme",
    "description",
    "starts_at",
    "ends_at",
    "time_zone",
    "venue",
    "city",
    "cover",
    "position",
    "registration_enabled",
    "capacity",
    "registration_deadline",
    "requires_approval",
    "has_waiting_list",
)

ORGANIZING_KINDS = {OrganizationKind.GOVERNMENT, OrganizationKind.PARK}


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
    confirmed = event.seats_taken
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
        # People who follow the organiser (or the main event) asked to hear of it.
        follows.notify_event_followers(event)
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
    url = links.url("events.event.public", event.pk)
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
