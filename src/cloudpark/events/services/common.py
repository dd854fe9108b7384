"""Checks and small helpers the event services share."""

from django.db.models import Max
from django.utils.translation import gettext as _t

from cloudpark.core.errors import DomainError
from cloudpark.core.services import validated
from cloudpark.events import enums


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
