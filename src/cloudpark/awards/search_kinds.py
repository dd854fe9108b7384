"""What the platform search finds of the awards: the works on a public honour list."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cloudpark.awards import enums
from cloudpark.awards.models import Entry, Scheme
from cloudpark.search import registry


def _honoured_works():
    """The entries ``awards.selectors.honour_list`` shows, across every scheme."""
    return (
        Entry.objects.exclude(level="")
        .filter(
            Q(scheme__state=enums.SchemeState.PUBLICITY)
            | Q(scheme__state=enums.SchemeState.FINAL, state=enums.EntryState.AWARDED)
        )
        .select_related("scheme", "submitter")
    )


def _document(entry):
    return registry.Document(
        title=entry.title,
        title_en=entry.title_en,
        body=entry.scheme.title,
        body_en=entry.scheme.title_en,
        extra=(entry.submitter.name, entry.submitter.name_en, entry.column),
        published_at=registry.day(entry.scheme.results_published_on or entry.broadcast_on),
        page_id=entry.scheme_id,
    )


registry.register(
    registry.Kind(
        key="work",
        number=8,
        label=_("Award-winning works"),
        model=Entry,
        queryset=_honoured_works,
        document=_document,
        watches={Scheme: lambda scheme: scheme.entries.values_list("pk", flat=True)},
    )
)
