"""The park portal's follow-up of the yearly figures: its enterprises that have not reported
a year."""

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.dashboards import selectors, services
from cloudpark.portals.base import ListMixin, ParkMixin
from cloudpark.portals.forms import FilterForm


class YearFilterForm(FilterForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        last = services.last_reportable_year()
        self.fields["year"].choices = [(year, year) for year in range(last, last - 5, -1)]


class MissingReportsView(ParkMixin, ListMixin, TemplateView):
    permission_required = "dashboards.view_missing_reports"
    template_name = "dashboards/park/missing_reports.html"
    rows_template_name = "dashboards/park/_missing_rows.html"
    filter_form_class = YearFilterForm
    title = _("Enterprises that have not reported")

    @property
    def year(self):
        return self.filters().get("year") or services.last_reportable_year()

    def get_queryset(self):
        return selectors.missing_reports(self.organization, self.year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["year"] = self.year
        return context


urlpatterns = [
    path("figures/missing/", MissingReportsView.as_view(), name="figures_missing"),
]
