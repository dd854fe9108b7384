from django.db import models
from django.utils.translation import gettext_lazy as _

from cloudpark.orgs.models import IndustryCategory, Park


class Figure(models.Model):
    """One stored figure: a metric (``metrics.STORED``) of the enterprises of one park and one
    major category in one year, with how many enterprises the cell holds and how many of them
    reported. Written only by ``services.refresh_figures``; the dashboards read these."""

    metric = models.CharField(_("metric"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(
        IndustryCategory,
        verbose_name=_("major category"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)
    population = models.PositiveIntegerField(_("enterprises"))
    reported = models.PositiveIntegerField(_("enterprises that reported"))
    as_of = models.DateTimeField(_("as of"))

    class Meta:
        verbose_name = _("stored figure")
        verbose_name_plural = _("stored figures")
        ordering = ["metric", "year", "park", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "year", "park", "category"], name="dashboards_one_figure_a_cell"
            )
        ]
        indexes = [models.Index(fields=["park", "year"])]

    def __str__(self):
        return f"{self.metric} {self.year} {self.park_id}/{self.category_id}: {self.value}"
