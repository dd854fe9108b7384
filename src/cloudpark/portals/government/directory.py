"""The government portal's parks: those in the body's jurisdiction, and one park with its
enterprises. The enterprises and imports are the shared directory pages."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.core import audit
from cloudpark.orgs import exports, selectors
from cloudpark.portals.base import GovernmentMixin, ListMixin, PortalPage
from cloudpark.portals.shared.directory import ParkFilterForm


class ParkListView(GovernmentMixin, ListMixin, TemplateView):
    permission_required = "orgs.view_parks"
    template_name = "orgs/government/park_list.html"
    rows_template_name = "orgs/government/_park_rows.html"
    filter_form_class = ParkFilterForm
    title = _("Parks in our jurisdiction")

    def get_queryset(self):
        queryset = selectors.parks_in_care_of(self.organization).select_related("region")
        return (
            selectors.filter_parks(queryset, **self.filters())
            .annotate(level_rank=selectors.level_rank())
            .order_by("-level_rank", "name", "pk")
        )

    def export(self, queryset):
        return exports.export_parks(queryset)


class ParkDetailView(GovernmentMixin, PortalPage):
    permission_required = "orgs.view_parks"
    template_name = "orgs/government/park_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        park = selectors.get_park_for(self.organization, self.kwargs["pk"])
        enterprises = selectors.enterprises_in_care_of(park).select_related(
            *selectors.ENTERPRISE_LIST_RELATED
        )
        context.update(
            park=park,
            title=park.display_name,
            enterprise_total=park.enterprise_total,
            enterprises=enterprises.order_by("name")[:30],
            history=audit.history_of(park)[:50],
        )
        return context


urlpatterns = [
    path("parks/", ParkListView.as_view(), name="park_list"),
    path("parks/<int:pk>/", ParkDetailView.as_view(), name="park_detail"),
]
