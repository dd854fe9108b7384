"""The enterprise portal's yearly figures: what it reported, who changed what, and the form
to report or correct a year."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.dashboards import boards, cache, selectors, services
from cloudpark.dashboards.forms import FiguresForm
from cloudpark.portals.base import EnterpriseMixin, ServiceFormMixin
from cloudpark.portals.shared.dashboards import (
    BoardView,
    DashboardFilterForm,
    board_response,
    filters_from,
)


class FiguresView(EnterpriseMixin, TemplateView):
    permission_required = "dashboards.view_figures"
    template_name = "dashboards/enterprise/figures.html"
    title = _("Yearly figures")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years = list(selectors.reported_years_of(self.organization))
        last = services.last_reportable_year()
        history = list(selectors.figures_history(self.organization))
        for entry in history:
            entry.changes = [
                (services.field_label(name), old, new)
                for name, (old, new) in entry.data.get("changes", {}).items()
            ]
        context.update(
            years=years,
            history=history,
            last_year=last,
            last_year_missing=all(row.year != last for row in years),
            can_report=self.request.user.has_perm("dashboards.report_figures", self.organization),
        )
        return context


class FiguresReportView(EnterpriseMixin, ServiceFormMixin, FormView):
    permission_required = "dashboards.report_figures"
    template_name = "dashboards/enterprise/figures_form.html"
    form_class = FiguresForm
    title = _("Report yearly figures")
    success_message = _("The figures have been saved.")

    def get_initial(self):
        year = self.request.GET.get("year", "")
        year = int(year) if year.isdigit() else services.last_reportable_year()
        initial = {"year": year}
        row = selectors.figures_of(self.organization, year)
        if row is not None:
            initial.update({name: getattr(row, name) for name in services.FIELDS})
        return initial

    def perform(self, form):
        data = form.cleaned_data
        return services.report_figures(
            self.organization,
            year=data["year"],
            actor=self.request.user,
            note=data["note"],
            **{name: data[name] for name in services.FIELDS},
        )

    def get_success_url(self, result):
        return reverse("enterprise:figures")


class DashboardView(EnterpriseMixin, BoardView):
    """The enterprise's figures against its park's median, by year."""

    permission_required = "dashboards.view_figures"

    def get_title(self):
        return _("Our dashboard")

    def records(self, kind, value):
        return reverse("enterprise:application_list")

    def get(self, request, *args, **kwargs):
        last = services.last_reportable_year()
        years = list(range(last, last - 5, -1))
        self.filter_form = DashboardFilterForm(request.GET or None, years=years, by_category=False)
        filters = filters_from(self.filter_form, last)
        self.board_key = cache.board_key(
            "enterprise-board", f"enterprise:{self.organization.pk}", filters
        )
        board = cache.cached(
            self.board_key,
            lambda: boards.enterprise_board(self.organization, filters, records=self.records),
        )
        return board_response(self, request, board)


urlpatterns = [
    path("dashboard/", DashboardView.as_view(), name="dashboard"),
    path("figures/", FiguresView.as_view(), name="figures"),
    path("figures/report/", FiguresReportView.as_view(), name="figures_report"),
]
