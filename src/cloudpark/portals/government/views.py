"""The government portal: the parks and enterprises in the body's jurisdiction."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.core import audit
from cloudpark.orgs import selectors
from cloudpark.portals import directory, forms, reviews
from cloudpark.portals.base import ListMixin, Portal, PortalMixin, PortalPage


class GovernmentMixin(PortalMixin):
    portal = Portal.GOVERNMENT


class HomeView(GovernmentMixin, PortalPage):
    template_name = "government/home.html"
    title = _("Government portal")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parks = selectors.parks_in_care_of(self.organization)
        context.update(
            park_total=parks.count(),
            enterprise_total=selectors.enterprises_in_care_of(self.organization).count(),
            pending_imports=selectors.imports_of(self.organization).filter(status="checked")[:5],
        )
        return context


class ParkListView(GovernmentMixin, ListMixin, TemplateView):
    permission_required = "orgs.view_parks"
    template_name = "government/park_list.html"
    rows_template_name = "government/_park_rows.html"
    filter_form_class = forms.ParkFilterForm
    title = _("Parks in our jurisdiction")

    def get_queryset(self):
        queryset = selectors.with_enterprise_totals(
            selectors.parks_in_care_of(self.organization).select_related("region")
        )
        return (
            selectors.filter_parks(queryset, **self.filters())
            .annotate(level_rank=selectors.level_rank())
            .order_by("-level_rank", "name", "pk")
        )

    def export(self, queryset):
        return directory.export_parks(queryset)


class ParkDetailView(GovernmentMixin, PortalPage):
    permission_required = "orgs.view_parks"
    template_name = "government/park_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        park = selectors.get_park_for(self.organization, self.kwargs["pk"])
        enterprises = selectors.enterprises_in_care_of(park).select_related(
            *selectors.ENTERPRISE_LIST_RELATED
        )
        context.update(
            park=park,
            title=park.display_name,
            enterprise_total=enterprises.count(),
            enterprises=enterprises.order_by("name")[:30],
            history=audit.history_of(park)[:50],
        )
        return context


class EnterpriseListView(GovernmentMixin, directory.EnterpriseListView):
    pass


class EnterpriseDetailView(GovernmentMixin, directory.EnterpriseDetailView):
    pass


class ImportListView(GovernmentMixin, directory.ImportListView):
    pass


class ImportTemplateView(GovernmentMixin, directory.ImportTemplateView):
    pass


class ImportDetailView(GovernmentMixin, directory.ImportDetailView):
    pass


class ReviewListView(GovernmentMixin, reviews.ReviewListView):
    pass


class ReviewCaseView(GovernmentMixin, reviews.ReviewCaseView):
    pass


class MembersView(GovernmentMixin, directory.MemberListView):
    pass
