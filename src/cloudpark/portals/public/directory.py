"""The public directory: parks and enterprises, with the private details of an enterprise
for those entitled to them."""

from django.urls import path
from django.views.generic import TemplateView

from cloudpark.awards import selectors as award_selectors
from cloudpark.bases import selectors as bases_selectors
from cloudpark.news import selectors as news_selectors
from cloudpark.orgs import exports, selectors
from cloudpark.orgs.privacy import personal_data_context
from cloudpark.portals.base import COUNT_CAP, ListMixin, QueuedExportMixin
from cloudpark.portals.shared.directory import (
    EnterpriseFilterForm,
    ParkFilterForm,
    SearchedDirectoryMixin,
)


class ParkListView(ListMixin, TemplateView):
    template_name = "orgs/public/park_list.html"
    rows_template_name = "orgs/public/_park_rows.html"
    filter_form_class = ParkFilterForm

    def get_queryset(self):
        queryset = selectors.public_parks()
        return (
            selectors.filter_parks(queryset, **self.filters())
            .annotate(level_rank=selectors.level_rank())
            .order_by("-level_rank", "name", "pk")
        )

    def export(self, queryset):
        return exports.export_parks(queryset)


class ParkDetailView(TemplateView):
    template_name = "orgs/public/park_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        park = selectors.get_public_park(self.kwargs["pk"])
        enterprises = selectors.public_enterprises().filter(park=park).order_by("name")
        context.update(
            park=park,
            enterprise_total=park.enterprise_total,
            enterprises=enterprises[:30],
            accreditations=bases_selectors.accreditations_of(park),
            park_news=news_selectors.published_articles(park=park)[:5],
            park_clarifications=news_selectors.clarifications_concerning(park)[:5],
        )
        return context


class EnterpriseListView(SearchedDirectoryMixin, QueuedExportMixin, ListMixin, TemplateView):
    template_name = "orgs/public/enterprise_list.html"
    rows_template_name = "orgs/public/_enterprise_rows.html"
    filter_form_class = EnterpriseFilterForm
    keyset = True
    export_kind = exports.PUBLIC_ENTERPRISES

    def get_queryset(self):
        return selectors.directory_enterprises(**self.filters())

    def stored_total(self):
        return selectors.directory_enterprise_total(cap=COUNT_CAP, **self.filters())

    def export_now(self, queryset):
        return exports.export_enterprises(queryset, exports.enterprise_public_columns())


class EnterpriseDetailView(TemplateView):
    template_name = "orgs/public/enterprise_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enterprise = selectors.get_public_enterprise(self.kwargs["pk"])
        user = self.request.user
        private = user.is_authenticated and user.has_perm("orgs.view_private_details", enterprise)
        context.update(
            enterprise=enterprise, private=private, awards=award_selectors.award_history(enterprise)
        )
        if private:
            context.update(
                years=enterprise.years.all(),
                residences=enterprise.residences.select_related("park"),
                **personal_data_context(user, enterprise),
            )
        return context


urlpatterns = [
    path("parks/", ParkListView.as_view(), name="park_list"),
    path("parks/<int:pk>/", ParkDetailView.as_view(), name="park_detail"),
    path("enterprises/", EnterpriseListView.as_view(), name="enterprise_list"),
    path("enterprises/<int:pk>/", EnterpriseDetailView.as_view(), name="enterprise_detail"),
]
