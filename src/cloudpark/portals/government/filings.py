"""The government portal's drama filings: the filings a bureau reviews (the review itself
happens in the review room) and the numbers it issued, which its chief may revoke."""

from django import forms as django_forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.core import audit
from cloudpark.filings import forms, selectors, services
from cloudpark.portals.base import (
    FileDownloadView,
    GovernmentMixin,
    ListMixin,
    PortalPage,
    ServiceFormMixin,
)
from cloudpark.portals.forms import FilterForm


class FilingsMixin(GovernmentMixin):
    permission_required = "filings.view_reviewed"


class FilingFilterForm(FilterForm):
    """The month a filing was submitted in, as a dashboard's bar gives it."""

    month = django_forms.RegexField(
        label=_("Submitted in (year-month)"), regex=r"^\d{4}-\d{2}$", required=False
    )


class FilingListView(FilingsMixin, ListMixin, TemplateView):
    template_name = "filings/government/filing_list.html"
    rows_template_name = "filings/_filing_rows.html"
    title = _("Drama filings reviewed")
    filter_form_class = FilingFilterForm

    def get_queryset(self):
        filings = selectors.planning_filings_reviewed_by(self.organization)
        month = self.filters().get("month")
        if month:
            year, number = (int(part) for part in month.split("-"))
            filings = filings.filter(submitted_on__year=year, submitted_on__month=number)
        return filings.order_by("-submitted_on", "-pk")


class FilingDetailView(FilingsMixin, PortalPage):
    template_name = "filings/government/filing_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filing = selectors.get_planning_for_government(self.organization, self.kwargs["pk"])
        context.update(
            filing=filing,
            title=str(filing),
            case=filing.review_case,
            history=audit.history_of(filing)[:50],
        )
        return context


class MaterialDownloadView(FilingsMixin, FileDownloadView):
    def get_file_object(self):
        return selectors.get_material_for_government(self.organization, self.kwargs["pk"])


class NumberListView(FilingsMixin, ListMixin, TemplateView):
    template_name = "filings/government/number_list.html"
    rows_template_name = "filings/government/_number_rows.html"
    title = _("Numbers issued")

    def get_queryset(self):
        return selectors.numbers_issued_by(self.organization)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_revoke"] = self.request.user.has_perm(
            "filings.revoke_number", self.organization
        )
        return context


class RevokeNumberView(FilingsMixin, ServiceFormMixin, FormView):
    permission_required = "filings.revoke_number"
    template_name = "filings/government/number_revoke.html"
    form_class = forms.RevokeForm
    success_message = _("The number is revoked; the public archive shows it so.")

    def get_number(self):
        return selectors.get_number_for_government(self.organization, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        number = self.get_number()
        context.update(number=number, title=_("Revoke %(number)s") % {"number": number.number})
        return context

    def perform(self, form):
        return services.revoke_number(
            self.get_number(),
            actor=self.request.user,
            government=self.organization,
            reason=form.cleaned_data["reason"],
        )

    def get_success_url(self, result):
        return reverse("government:filing_number_list")


urlpatterns = [
    path("filings/", FilingListView.as_view(), name="filing_list"),
    path("filings/<int:pk>/", FilingDetailView.as_view(), name="filing_detail"),
    path(
        "filings/materials/<int:pk>/",
        MaterialDownloadView.as_view(),
        name="filing_material_download",
    ),
    path("filings/numbers/", NumberListView.as_view(), name="filing_number_list"),
    path(
        "filings/numbers/<int:pk>/revoke/", RevokeNumberView.as_view(), name="filing_number_revoke"
    ),
]
