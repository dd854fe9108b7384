from django.db import connections, models
from django.utils.translation import gettext_lazy as _

from cloudpark.core.i18n import Bilingual


class SearchDocument(models.Model):
    """One searchable thing of the platform (an article, a park, a work...), as the search
    page lists it. Written only by ``search.services`` from the kinds the capabilities
    register (``search.registry``); never edited by hand.

    ``title_text``, ``body_text`` and ``scope`` hold the tokens the engine indexes (CJK
    characters and pairs, lower-cased words; ``scope`` the kind and audience), so that
    nothing is cut or computed at query time: SQLite indexes them in an FTS5 table,
    PostgreSQL in a stored ``tsvector`` column with a GIN index (``search.engine``).

    An id carries the number of its kind in its five low bits (``new_ids``): an index scan
    that reads only the matching ids can tell their kinds apart, and counts every kind at
    once. Ids still grow in the order documents are written."""

    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.BigIntegerField(_("object"))
    # The object whose page shows this one, when it has none of its own (a work's scheme).
    page_id = models.BigIntegerField(_("shown on"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    title = models.CharField(_("title"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    excerpt_en = models.TextField(_("excerpt (English)"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("seen only by"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    title_text = models.TextField(editable=False, blank=True, default="")
    body_text = models.TextField(editable=False, blank=True, default="")
    scope = models.CharField(editable=False, max_length=100, blank=True, default="")

    display_title = Bilingual("title")
    display_excerpt = Bilingual("excerpt")

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_one_per_object")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"

    def save(self, *args, **kwargs):
        if self.pk is None:
            (self.pk,) = new_ids([self.kind], using=kwargs.get("using") or "default")
        super().save(*args, **kwargs)


ID_BITS = 5  # registry.NUMBERS fit in them
KIND_MASK = (1 << ID_BITS) - 1


def number_of(pk):
    """The kind number an id carries."""
    return pk & KIND_MASK


def new_ids(kinds, *, using="default"):
    """Ids for new documents of ``kinds`` (keys, in writing order): growing, each carrying its
    kind's number. SQLite counts on from the largest id (its writes are serialised by the
    IMMEDIATE transactions); PostgreSQL takes the numbers from the table's own sequence."""
    from cloudpark.search import registry  # the registry's kinds name this model's app

    kinds = list(kinds)
    if not kinds:
        return []
    numbers = [registry.get(key).number for key in kinds]
    table = SearchDocument._meta.db_table
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(numbers)],
            )
            sequence = sorted(row[0] for row in cursor.fetchall())
        else:
            cursor.execute(f'SELECT coalesce(max("id"), 0) FROM "{table}"')
            first = (cursor.fetchone()[0] >> ID_BITS) + 1
            sequence = range(first, first + len(numbers))
    return [(value << ID_BITS) | number for value, number in zip(sequence, numbers, strict=True)]
