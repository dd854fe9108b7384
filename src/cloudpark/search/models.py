from django.db import models
from django.utils.translation import gettext_lazy as _

from cloudpark.core.i18n import Bilingual


class SearchDocument(models.Model):
    """One searchable thing of the platform (an article, a park, a work...), as the search
    page lists it. Written only by ``search.services`` from the kinds the capabilities
    register (``search.registry``); never edited by hand.

    ``title_text``, ``body_text`` and ``scope`` hold the tokens the engine indexes (CJK
    characters and pairs, lower-cased words; ``scope`` the kind and audience), so that
    nothing is cut or computed at query time: SQLite indexes them in an FTS5 table,
    PostgreSQL in a stored ``tsvector`` column with a GIN index (``search.engine``)."""

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
