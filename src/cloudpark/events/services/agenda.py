"""An event's agenda: its sessions and their speakers."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit
from cloudpark.core.i18n import with_english
from cloudpark.core.services import apply_changes, locked
from cloudpark.events import enums
from cloudpark.events.models import Session, Speaker
from cloudpark.events.services.common import (
    _check_changeable,
    _check_times,
    _check_within,
    _checked,
    _next_position,
)

SESSION_ADDED = audit.register("events.session.added", _("Agenda session added"))
SESSION_CHANGED = audit.register("events.session.changed", _("Agenda session changed"))
SESSION_REMOVED = audit.register("events.session.removed", _("Agenda session removed"))
SESSION_CANCELLED = audit.register("events.session.cancelled", _("Agenda session cancelled"))

SESSION_FIELDS = with_english(
    Session,
    "starts_at",
    "ends_at",
    "place",
    "title",
    "format",
    "description",
    "position",
)

SPEAKER_FIELDS = with_english(
    Speaker,
    "name",
    "title",
    "organization_name",
)


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
