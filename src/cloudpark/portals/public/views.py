"""The public site: what anyone may read without an account."""

from django.db.models import Count, Q
from django.views.generic import TemplateView

from cloudpark.bases import selectors as bases_selectors
from cloudpark.orgs import enums, selectors
from cloudpark.orgs.models import Enterprise
from cloudpark.orgs.privacy import personal_data_context
from cloudpark.portals import forms
from cloudpark.portals.base import ListMixin
from cloudpark.portals.directory import (
    enterprise_public_columns,
    export_enterprises,
    export_parks,
)


class HomeView(TemplateView):
    template_name = "public/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        park_counts = selectors.public_parks().aggregate(
            total=Count("pk"),
            national=Count("pk", filter=Q(level=enums.ParkLevel.NATIONAL)),
            provincial=Count("pk", filter=Q(level=enums.ParkLevel.PROVINCIAL)),
        )
        context.update(
            park_counts=park_counts,
            enterprise_count=Enterprise.objects.count(),
            national_parks=selectors.public_parks()
            .filter(level=enums.ParkLevel.NATIONAL)
            .order_by("approved_on", "name")[:6],
        )
        return context


class ParkListView(ListMixin, TemplateView):
    template_name = "public/park_list.html"
    rows_template_name = "public/_park_rows.html"
    filter_form_class = forms.ParkFilterForm

    def get_queryset(self):
        queryset = selectors.with_enterprise_totals(selectors.public_parks())
        return (
            selectors.filter_parks(queryset, **self.filters())
            .annotate(level_rank=selectors.level_rank())
            .order_by("-level_rank", "name", "pk")
        )

    def export(self, queryset):
        return export_parks(queryset)


class ParkDetailView(TemplateView):
    template_name = "public/park_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        park = selectors.get_public_park(self.kwargs["pk"])
        enterprises = selectors.public_enterprises().filter(park=park).order_by("name")
        context.update(
            park=park,
            enterprise_total=enterprises.count(),
            enterprises=enterprises[:30],
            accreditations=bases_selectors.accreditations_of(park),
        )
        return context


class EnterpriseListView(ListMixin, TemplateView):
    template_name = "public/enterprise_list.html"
    rows_template_name = "public/_enterprise_rows.html"
    filter_form_class = forms.EnterpriseFilterForm

    def get_queryset(self):
        return selectors.filter_enterprises(
            selectors.public_enterprises(), **self.filters()
        ).order_by("name", "pk")

    def export(self, queryset):
        return export_enterprises(queryset, enterprise_public_columns(), "enterprises")


class EnterpriseDetailView(TemplateView):
    template_name = "public/enterprise_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enterprise = selectors.get_public_enterprise(self.kwargs["pk"])
        user = self.request.user
        private = user.is_authenticated and user.has_perm("orgs.view_private_details", enterprise)
        context.update(enterprise=enterprise, private=private)
        if private:
            context.update(
                years=enterprise.years.all(),
                residences=enterprise.residences.select_related("park"),
                **personal_data_context(user, enterprise),
            )
        return context
