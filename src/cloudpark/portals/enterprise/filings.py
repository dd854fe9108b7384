"""The enterprise portal's drama filings: its works from the first draft of the planning
filing to the distribution licence, with the pre-check listing every problem at once."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.core import audit
from cloudpark.filings import regime, selectors, services
from cloudpark.portals.base import EnterpriseMixin, ListMixin, PortalPage


class FilingsMixin(EnterpriseMixin):
    permission_required = "filings.view_filings"


class FilingListView(FilingsMixin, ListMixin, TemplateView):
    template_name = "filings/enterprise/filing_list.html"
    rows_template_name = "filings/enterprise/_filing_rows.html"
    title = _("Drama filings")

    def get_queryset(self):
        return selectors.planning_filings_of(self.organization)


class PlanningMixin(FilingsMixin):
    def get_filing(self):
        if getattr(self, "filing", None) is None:
            self.filing = selectors.get_planning_for_enterprise(
                self.organization, self.kwargs["pk"]
            )
        return self.filing


class FilingDetailView(PlanningMixin, PortalPage):
    template_name = "filings/enterprise/filing_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filing = self.get_filing()
        problems = services.check_planning_filing(filing) if filing.is_editable else []
        context.update(
            filing=filing,
            title=str(filing),
            case=filing.review_case,
            problems=problems,
            batch=regime.batch_for(filing.submitted_on) if filing.submitted_on else None,
            releases=filing.release_filings.order_by("-created_at"),
            can_file=self.request.user.has_perm("filings.file", self.organization),
            history=audit.history_of(filing)[:50],
        )
        return context


class ReleaseDetailView(FilingsMixin, PortalPage):
    template_name = "filings/enterprise/release_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        release = selectors.get_release_for_enterprise(self.organization, self.kwargs["pk"])
        context.update(
            release=release,
            title=str(release),
            case=release.review_case,
            problems=services.check_release_filing(release) if release.is_editable else [],
            licence=getattr(release, "licence", None),
            can_file=self.request.user.has_perm("filings.file", self.organization),
            history=audit.history_of(release)[:50],
        )
        return context


urlpatterns = [
    path("filings/", FilingListView.as_view(), name="filing_list"),
    path("filings/<int:pk>/", FilingDetailView.as_view(), name="filing_detail"),
    path("filings/releases/<int:pk>/", ReleaseDetailView.as_view(), name="release_detail"),
]
