"""Registration questions, registrations, the waiting list and seats."""

from django.db import IntegrityError, transaction
from django.db.models import F, Q, prefetch_related_objects
from django.utils import timezone, translation
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit, privacy
from cloudpark.core.errors import DomainError
from cloudpark.core.services import enqueue_after_commit, locked, share_locked
from cloudpark.core.states import check_transition
from cloudpark.events import enums, tickets
from cloudpark.events.models import Event, Registration, RegistrationQuestion
from cloudpark.events.services.common import _check_changeable, _checked, _next_position, local_text
from cloudpark.events.tasks import send_ticket_email

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


def _count_questions(event, copy, change):
    """Keep the locked ``event``'s ``question_total``, and that of the caller's ``copy`` of
    it, ``change`` questions on."""
    Event.objects.filter(pk=event.pk).update(question_total=F("question_total") + change)
    event.question_total += change
    copy.question_total = event.question_total


@transaction.atomic
def add_question(
    event, *, actor, label, label_en="", kind=enums.QuestionKind.TEXT, choices="", required=False
):
    copy, event = event, locked(event)
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
    _count_questions(event, copy, 1)
    audit.log_action(
        event, QUESTION_ADDED, actor=actor, data={"question": question.pk, "label": question.label}
    )
    return question


@transaction.atomic
def remove_question(question, *, actor):
    """Stop asking a question; the answers already given stay with their registrations."""
    copy = question.event
    event = locked(copy)
    _check_changeable(event)
    data = {"question": question.pk, "label": question.label}
    if RegistrationQuestion.objects.filter(pk=question.pk).delete()[0]:
        _count_questions(event, copy, -1)
    audit.log_action(event, QUESTION_REMOVED, actor=actor, data=data)
    return event


def questions_of(event):
    """``event``'s registration questions in order: none read when its stored total says it
    asks none, else read once for this copy of the event (or not at all, prefetched)."""
    if not event.question_total:
        return []
    prefetch_related_objects([event], "questions")
    return list(event.questions.all())


def validated_answers(event, answers):
    """The answers to ``event``'s questions, keyed by question id (as text); raises a
    ``DomainError`` at ``question_<id>`` for a missing or impossible one. The questions are
    read as ``questions_of`` reads them."""
    answers = answers or {}
    cleaned = {}
    for question in questions_of(event):
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


def _queue_ticket(registration):
    enqueue_after_commit(send_ticket_email, registration.pk)


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
    return max(event.capacity - event.seats_taken, 0)


def _change_seats(event, change, *, only_if=None):
    """The one writer of ``Event.seats_taken``, the count of the event's confirmed
    registrations: ``change`` seats more, taken only while free (and while the event's row
    matches ``only_if``), or fewer. One statement, whose lock on the event's row lasts until
    the transaction ends; returns whether the seats were taken."""
    rows = Event.objects.filter(pk=event.pk)
    if change > 0:
        rows = rows.filter(Q(capacity__isnull=True) | Q(seats_taken__lte=F("capacity") - change))
    if only_if is not None:
        rows = rows.filter(only_if)
    if not rows.update(seats_taken=F("seats_taken") + change):
        return False
    event.seats_taken += change
    return True


def _confirmed_at_once(now):
    """The events whose own row gives a seat without a look at anything else at ``now``:
    published, taking registrations without approval, not closed. The main event of a part
    need not be looked at: cancelling or finishing it moves its parts with it, under the
    same lock, and a part is published only after it."""
    return Q(
        status=enums.EventStatus.PUBLISHED,
        registration_enabled=True,
        requires_approval=False,
        ends_at__gt=now,
    ) & (
        Q(registration_deadline__gt=now) | Q(registration_deadline__isnull=True, starts_at__gt=now)
    )


def release_seat_of(registration):
    """Count the seat of a confirmed registration that is being deleted (its person's
    account is) as free."""
    if registration.status == enums.RegistrationStatus.CONFIRMED:
        _change_seats(registration.event, -1)


class AlreadyRegistered(DomainError):
    """The person already holds an active registration for the event: ``registration``."""

    def __init__(self, registration):
        self.registration = registration
        super().__init__(
            _t("You are already registered for this event (%(status)s).")
            % {"status": registration.get_status_display()}
        )


def _refuse_second_registration(event, user):
    existing = Registration.objects.filter(
        event=event, user=user, status__in=enums.ACTIVE_REGISTRATION
    ).first()
    if existing is not None:
        raise AlreadyRegistered(existing)


# A new ticket code repeats an existing one about once in 10^15 draws; a few tries suffice.
CODE_ATTEMPTS = 5


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

    Everything that needs no lock comes first: the checks, the answers, the ticket code. A
    seat is then taken in one statement on the event's row (``_change_seats``), so that
    however many people register at once there are never more confirmed seats than the
    capacity, and the row stays locked only while the registration is written. When the
    event is full the registration goes to the waiting list, or is refused if it keeps none;
    when the organiser approves registrations it waits for that. A second registration of
    the same person and a ticket code drawn twice are refused by the database's unique
    constraints rather than looked up each time: the first raises ``AlreadyRegistered``,
    the rare second is drawn again. The event's questions are read as ``questions_of`` reads
    them: not at all for an event that asks none, once for a copy that the caller's form
    read them on.
    """
    now = now or timezone.now()
    try:
        _check_open_for_registration(event, now)
    except DomainError:
        # The caller's copy of the event may be older than the event: ask the database.
        event = Event.objects.select_related("parent").get(pk=event.pk)
        _check_open_for_registration(event, now)
    name = name.strip()
    if not name:
        raise DomainError(_t("Give the name to print on the ticket."), field="name")
    values = {
        "user": user,
        "name": name,
        "organization_name": organization_name.strip(),
        "job_title": job_title.strip(),
        "answers": validated_answers(event, answers),
        "language": language or translation.get_language() or "",
    }
    for _attempt in range(CODE_ATTEMPTS - 1):
        try:
            return _enter(event, values, code=tickets.new_code(), actor=actor, now=now)
        except IntegrityError:
            # The person registered at the same moment elsewhere, or the code was taken.
            _refuse_second_registration(event, user)
    return _enter(event, values, code=tickets.new_code(), actor=actor, now=now)


class _SeatFreed(Exception):
    """A seat came free while a registration was on its way to the waiting list."""


def _enter(event, values, *, code, actor, now):
    """Write the registration: to a seat when one is free, else to the waiting list (or to
    wait for approval). A seat is taken in one statement on the event's row
    (``_change_seats``), whose lock lasts until the commit. When the event is full, the row
    is held against changes only (``share_locked``): the people who join the waiting list
    at the same moment are written side by side, in the order of their arrival
    (``waiting_since``), while anything that frees a seat waits for them and so finds them
    when it fills the seat. Should a seat come free before the row is held, the
    registration is written again with the row locked alone, and takes it."""
    try:
        return _write(event, values, code=code, actor=actor, now=now, alone=False)
    except _SeatFreed:
        return _write(event, values, code=code, actor=actor, now=now, alone=True)


@transaction.atomic
def _write(event, values, *, code, actor, now, alone):
    # The caller's copy of the event tells whether a seat is worth trying for; the
    # statement itself decides.
    taken = seats_left(event) != 0 and _change_seats(event, 1, only_if=_confirmed_at_once(now))
    if not taken:
        event = locked(event, select_related=["parent"]) if alone else share_locked(event)
        _check_open_for_registration(event, now)
        if not event.requires_approval and seats_left(event) != 0:
            if not alone:
                raise _SeatFreed
            taken = _change_seats(event, 1)
    if taken:
        status = enums.RegistrationStatus.CONFIRMED
    elif event.requires_approval:
        status = enums.RegistrationStatus.PENDING
    elif event.has_waiting_list:
        status = enums.RegistrationStatus.WAITING
    else:
        raise DomainError(_t("This event is full, and it keeps no waiting list."))
    registration = Registration.objects.create(
        event=event,
        status=status,
        code=code,
        waiting_since=now if status == enums.RegistrationStatus.WAITING else None,
        confirmed_at=now if taken else None,
        **values,
    )
    audit.log_action(
        registration, REGISTERED, actor=actor, data={"event": event.pk, "status": status}
    )
    if taken:
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
    """Give ``registration`` the seat just taken for it (``_change_seats``)."""
    registration.status = enums.RegistrationStatus.CONFIRMED
    registration.confirmed_at = now
    registration.save(update_fields=["status", "confirmed_at", "updated_at"])
    audit.log_action(registration, REGISTRATION_CONFIRMED, actor=actor, data={"via": via})
    _queue_ticket(registration)
    return registration


def _fill_free_seats(event, *, actor, now):
    """Give the free seats of a locked ``event`` to the waiting list, first come first
    served; only as many people as there are seats are read and locked."""
    waiting = (
        Registration.objects.select_for_update()
        .filter(event=event, status=enums.RegistrationStatus.WAITING)
        .order_by("waiting_since", "pk")
    )
    free = seats_left(event)
    if free == 0:
        return []
    promoted = []
    for registration in waiting if free is None else waiting[:free]:
        if not _change_seats(event, 1):
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
    if _change_seats(event, 1):
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
        _change_seats(event, -1)
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
