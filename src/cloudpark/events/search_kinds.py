"""What the platform search finds of events: the public ones (and public parts of them)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cloudpark.events import enums, selectors
from cloudpark.events.models import Event
from cloudpark.search import registry


def _public_events():
    return selectors.public_events().filter(
        Q(parent__isnull=True) | Q(parent__status__in=enums.PUBLIC_STATUSES)
    )


def _document(event):
    return registry.Document(
        title=event.title,
        title_en=event.title_en,
        body=event.description,
        body_en=event.description_en,
        extra=(event.city, event.city_en, event.venue, event.venue_en, event.organizer_names),
        published_at=event.starts_at,
    )


def _with_parts(event):
    return [event.pk, *event.parts.values_list("pk", flat=True)]


registry.register(
    registry.Kind(
        key="event",
        number=6,
        label=_("Events"),
        model=Event,
        queryset=_public_events,
        document=_document,
        watches={Event: _with_parts},
    )
)
