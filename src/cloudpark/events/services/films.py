"""A film week's films and their screenings."""

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.core.i18n import with_english
from cloudpark.core.services import apply_changes, locked
from cloudpark.events.models import Film, Screening
from cloudpark.events.services.common import (
    _check_changeable,
    _check_times,
    _check_within,
    _checked,
    _next_position,
)

FILM_ADDED = audit.register("events.film.added", _("Film added"))
FILM_CHANGED = audit.register("events.film.changed", _("Film details changed"))
FILM_REMOVED = audit.register("events.film.removed", _("Film removed"))
SCREENING_ADDED = audit.register("events.screening.added", _("Screening added"))
SCREENING_REMOVED = audit.register("events.screening.removed", _("Screening removed"))

FILM_FIELDS = with_english(
    Film,
    "title",
    "runtime_minutes",
    "country_or_region",
    "language",
    "subtitles",
    "director",
    "rights_holder",
    "permit_number",
    "synopsis",
)


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
