"""The kinds of things the platform search finds, each declared by the capability that owns
it (``<app>/search_kinds.py``, found by ``SearchConfig.ready``).

A kind names its model, the queryset of what the public pages show (the capability's own
selector, so that search never shows more than the pages), how one object reads as a
document, and a number of its own, written into the low bits of its documents' ids (which
lets one scan of the matching ids count every kind, ``search.engine.counts``). Saving or
deleting an object of the kind's model, or of a model it ``watches`` (a programme's policy,
a work's award scheme), brings its documents up to date in the same transaction
(``search.services.refresh``): a publish or a withdrawal is searchable, or gone, as soon as
it is committed. Rows written in bulk, without a save, are announced by the service that
writes them (``core.signals.bulk_written``), and refreshed the same way, a chunk of them at a
time.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

from django.db.models.signals import post_delete, post_save

from cloudpark.core.signals import bulk_written

_KINDS = {}
NUMBERS = range(1, 32)  # a kind's number fits the five low bits of a document id


@dataclass(frozen=True)
class Document:
    """What a kind says about one object. ``title``/``body`` are Chinese (or the article's
    own language), ``title_en``/``body_en`` their English rendering, when there is one."""

    title: str
    title_en: str = ""
    body: str = ""
    body_en: str = ""
    extra: tuple = ()  # further text found but not shown: names, places, credits
    published_at: datetime | None = None
    language: str = ""
    organization_id: int | None = None  # set: only members of that organisation find it
    page_id: int | None = None  # the object whose page shows this one (a work's scheme)


def day(value):
    """A date as the moment its day began (UTC), for ``published_at``; None stays None."""
    if value is None:
        return None
    return datetime.combine(value, time.min, tzinfo=UTC)


@dataclass(frozen=True)
class Kind:
    key: str
    number: int  # for good: the documents written carry it in their ids (1 to 31)
    label: Any  # a lazily translated plural: "News", "Enterprises"
    model: type
    queryset: Callable  # () -> QuerySet of the objects the public pages show
    document: Callable  # (object) -> Document
    watches: dict = field(default_factory=dict)  # model -> (instance) -> iterable of pks
    # (queryset) -> the queryset the documents are read from, when ``document`` needs less
    # than the pages' queryset reads (its related rows): objects are read by the thousand.
    narrow: Callable | None = None

    def documented(self):
        """``queryset()`` as the documents are read from it."""
        queryset = self.queryset()
        return self.narrow(queryset) if self.narrow else queryset


def register(kind):
    if kind.key in _KINDS and _KINDS[kind.key] != kind:
        raise ValueError(f"A search kind named {kind.key!r} is already registered")
    if kind.number not in NUMBERS:
        raise ValueError(f"A search kind's number is one of 1 to 31, not {kind.number!r}")
    taken = {other.number: other.key for other in _KINDS.values() if other.key != kind.key}
    if kind.number in taken:
        raise ValueError(
            f"The search kind {taken[kind.number]!r} already has the number {kind.number}"
        )
    _KINDS[kind.key] = kind
    uid = f"cloudpark-search-{kind.key}"
    post_save.connect(_saved(kind), sender=kind.model, weak=False, dispatch_uid=uid + "-save")
    post_delete.connect(_deleted(kind), sender=kind.model, weak=False, dispatch_uid=uid + "-del")
    bulk_written.connect(_written(kind), sender=kind.model, weak=False, dispatch_uid=uid + "-bulk")
    for model, related in kind.watches.items():
        watch = f"{uid}-watch-{model._meta.label}"
        post_save.connect(_watched(kind, related), sender=model, weak=False, dispatch_uid=watch)
        bulk_written.connect(
            _watched_written(kind, related), sender=model, weak=False, dispatch_uid=watch + "-bulk"
        )
    return kind


def kinds():
    """The registered kinds, in the order they were registered."""
    return dict(_KINDS)


def get(key):
    return _KINDS[key]


def by_number():
    """``{number: kind}`` of the registered kinds."""
    return {kind.number: kind for kind in _KINDS.values()}


def _saved(kind):
    def handler(sender, instance, raw=False, **kwargs):
        if not raw:
            # The services module writes documents; it imports this one.
            from cloudpark.search import services

            services.refresh(kind, [instance.pk])

    return handler


def _deleted(kind):
    def handler(sender, instance, **kwargs):
        # As in ``_saved``: the services module imports this one.
        from cloudpark.search import services

        services.forget(kind, [instance.pk])

    return handler


def _watched(kind, related):
    def handler(sender, instance, raw=False, **kwargs):
        if not raw:
            # As in ``_saved``: the services module imports this one.
            from cloudpark.search import services

            services.refresh(kind, list(related(instance)))

    return handler


def _written(kind):
    def handler(sender, pks, **kwargs):
        # As in ``_saved``: the services module imports this one.
        from cloudpark.search import services

        services.refresh(kind, pks)

    return handler


def _watched_written(kind, related):
    """Rows of a watched model written in bulk: ``related`` is asked of each of them, read
    in one query, and costs what it costs a row (a query, for a reverse relation)."""

    def handler(sender, pks, **kwargs):
        # As in ``_saved``: the services module imports this one.
        from cloudpark.search import services

        watched = sender._base_manager.filter(pk__in=list(pks))
        services.refresh(kind, [pk for instance in watched for pk in related(instance)])

    return handler
