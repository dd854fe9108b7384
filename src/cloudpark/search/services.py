"""Writes of the search index: one document per object a kind's queryset shows, none for the
others. Called by the kinds' save and delete signals (``search.registry``), inside the
transaction of the change, and by ``cloudpark reindex``."""

from django.db import transaction

from cloudpark.core import search as tokens
from cloudpark.search import engine, registry
from cloudpark.search.models import SearchDocument, new_ids

EXCERPT_LENGTH = 300
FIELDS = (
    "page_id",
    "language",
    "title",
    "title_en",
    "excerpt",
    "excerpt_en",
    "published_at",
    "organization_id",
    "title_text",
    "body_text",
    "scope",
)


def _excerpt(text):
    text = " ".join(str(text or "").split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1] + "…"


def build(kind, obj):
    """The unsaved ``SearchDocument`` of ``obj``, read through ``kind``."""
    document = kind.document(obj)
    return SearchDocument(
        kind=kind.key,
        object_id=obj.pk,
        page_id=document.page_id,
        language=document.language,
        title=document.title[:500],
        title_en=document.title_en[:500],
        excerpt=_excerpt(document.body),
        excerpt_en=_excerpt(document.body_en),
        published_at=document.published_at,
        organization_id=document.organization_id,
        title_text=tokens.shadow_text(document.title, document.title_en),
        body_text=tokens.shadow_text(document.body, document.body_en, *document.extra),
        scope=engine.scope_tokens(kind.key, document.organization_id),
    )


@transaction.atomic
def refresh(kind, pks):
    """Bring the documents of ``pks`` up to date: written for those ``kind`` shows, removed
    for the others (unpublished, withdrawn, gone)."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return
    shown = {obj.pk: obj for obj in kind.queryset().filter(pk__in=pks)}
    existing = {
        document.object_id: document
        for document in SearchDocument.objects.filter(kind=kind.key, object_id__in=pks)
    }
    gone = [existing[pk].pk for pk in existing if pk not in shown]
    if gone:
        SearchDocument.objects.filter(pk__in=gone).delete()
    for pk, obj in shown.items():
        document = build(kind, obj)
        current = existing.get(pk)
        if current is None:
            document.save()
        elif any(getattr(current, name) != getattr(document, name) for name in FIELDS):
            document.pk = current.pk
            document.save(update_fields=FIELDS)


def forget(kind, pks):
    SearchDocument.objects.filter(kind=kind.key, object_id__in=list(pks)).delete()


def reindex(kinds=None, *, batch_size=1000):
    """Rebuild the documents of ``kinds`` (all when None), oldest first, so that document
    ids follow publication; returns ``{kind: documents}``."""
    written = {}
    for kind in kinds or registry.kinds().values():
        with transaction.atomic():
            SearchDocument.objects.filter(kind=kind.key).delete()
            documents = [build(kind, obj) for obj in kind.queryset().iterator(chunk_size=2000)]
            documents.sort(key=_oldest_first)
            ids = new_ids([kind.key] * len(documents))
            for document, pk in zip(documents, ids, strict=True):
                document.pk = pk
            SearchDocument.objects.bulk_create(documents, batch_size=batch_size)
        written[kind.key] = len(documents)
    return written


def _oldest_first(document):
    published = document.published_at
    return (published is not None, published.timestamp() if published else 0, document.object_id)
