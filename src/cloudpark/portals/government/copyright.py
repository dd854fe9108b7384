"""The government's read-only view of the zone's copyright register: counts of works by
category and registration, licences and pledges in force, and an Excel workbook per holder."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.copyright import exports, selectors
from cloudpark.portals.base import GovernmentMixin


class OverviewView(GovernmentMixin, TemplateView):
    permission_required = "copyright.view_overview"
    template_name = "copyright/government/overview.html"
    title = _("Copyright in the zone")

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            return exports.export_overview(selectors.enterprises_with_works())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(overview=selectors.overview(), **kwargs)


urlpatterns = [
    path("copyright/", OverviewView.as_view(), name="copyright_overview"),
]
