"""Benefits figures per park, in the park portal (its own) and the government portal (the
parks in its care); ``?format=xlsx`` exports them."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.benefits import exports, selectors
from cloudpark.portals.base import PortalMixin


class StatisticsView(PortalMixin, TemplateView):
    permission_required = "benefits.view_statistics"
    template_name = "benefits/statistics.html"
    title = _("Benefits by park")

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            return exports.export_statistics(selectors.statistics_in_care_of(self.organization))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(selectors.statistics_in_care_of(self.organization))
        context.update(
            rows=rows,
            totals={
                "offers": sum(row.offer_total for row in rows),
                "claims": sum(row.claim_total for row in rows),
                "redemptions": sum(row.redemption_total for row in rows),
            },
        )
        return context


def urlpatterns_for(portal):
    return [
        path(
            "benefits/statistics/",
            StatisticsView.as_view(portal=portal),
            name="benefit_statistics",
        )
    ]
