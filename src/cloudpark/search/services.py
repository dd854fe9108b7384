"""Writes of the search index: one document per object a kind's queryset shows, none for the
others. Called by the kinds' save and delete signals, and by the signal of rows written in
bulk (``search.registry``), inside the transaction of the change, and by ``cloudpark
reindex``."""

from django.db import transaction

from cloudpark.core import search as tokens
from cloudpark.core.bulk import bulk_insert
from cloudpark.search import engine, registry
from cloudpark.search.models import SearchDocument, new_ids

EXCERPT_LENGTH = 300
REFRESH_CHUNK = 2000
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
def refresh(kind, pks, *, chunk_size=REFRESH_CHUNK):
    """Bring the documents of ``pks`` up to date: written for those ``kind`` shows, removed
    for the others (unpublished, withdrawn, gone). ``chunk_size`` objects at a time, each
    chunk in the same few queries whatever their number (read the objects and their
    documents, delete the gone, take the new ids, insert, rewrite the changed), so that
    100,000 imported enterprises cost 50 rounds of them."""
    pks = list(dict.fromkeys(pk for pk in pks if pk is not None))
    for start in range(0, len(pks), chunk_size):
        _refresh(kind, pks[start : start + chunk_size])


def _refresh(kind, pks):
    shown = {obj.pk: obj for obj in kind.documented().filter(pk__in=pks)}
    existing = {
        document.object_id: document
        for document in SearchDocument.objects.filter(kind=kind.key, object_id__in=pks)
    }
    gone = [existing[pk].pk for pk in existing if pk not in shown]
    new, changed = [], []
    for pk, obj in shown.items():
        document = build(kind, obj)
        current = existing.get(pk)
        if current is None:
            new.append(document)
        elif any(getattr(current, name) != getattr(document, name) for name in FIELDS):
            document.pk = current.pk
            changed.append(document)
    # Many changed documents are written again under their ids: a delete and an insert,
    # where an UPDATE of them all would be a CASE of every id for every field.
    rewritten = changed if len(changed) > 1 else []
    if gone or rewritten:
        SearchDocument.objects.filter(
            pk__in=gone + [document.pk for document in rewritten]
        ).delete()
    if len(changed) == 1:
        changed[0].save(update_fields=FIELDS)
    if new:
        new.sort(key=_oldest_first)
        for document, pk in zip(new, new_ids([kind.key] * len(new)), strict=True):
            document.pk = pk
    bulk_insert(rewritten + new, batch_size=REFRESH_CHUNK)


def forget(kind, pks):
    SearchDocument.objects.filter(kind=kind.key, object_id__in=list(pks)).delete()


def reindex(kinds=None, *, batch_size=1000):
    """Rebuild the documents of ``kinds`` (all when None), oldest first, so that document
    ids follow publication; returns ``{kind: documents}``."""
    written = {}
    for kind in kinds or registry.kinds().values():
        with transaction.atomic():
            SearchDocument.objects.filter(kind=kind.key).delete()
            documents = [build(kind, obj) for obj in kind.documented().iterator(chunk_size=2000)]
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
