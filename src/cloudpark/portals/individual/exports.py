"""A person's exports: the workbooks too large for a request, written by the task worker,
with their progress, and downloaded by that person alone until they expire."""

from django.conf import settings
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.core import exports
from cloudpark.portals.base import FileDownloadView, IndividualMixin, ProgressPollMixin


class ExportListView(IndividualMixin, TemplateView):
    template_name = "portals/individual/export_list.html"
    title = _("My exports")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            exports=exports.exports_of(self.request.user)[:50],
            retention_days=settings.EXPORT_RETENTION_DAYS,
        )
        return context


class ExportDetailView(IndividualMixin, ProgressPollMixin, TemplateView):
    """An export's progress bar while the worker writes it, then its download button."""

    template_name = "portals/individual/export_detail.html"
    progress_target = "export-progress"
    progress_template_name = "portals/individual/_export_progress.html"
    progress_object_name = "export"

    def get_progress_object(self):
        return exports.get_export_for(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        export = exports.get_export_for(self.request.user, self.kwargs["pk"])
        context.update(export=export, title=export.original_name)
        return context


class ExportDownloadView(IndividualMixin, FileDownloadView):
    def get_file_object(self):
        return exports.get_export_for(self.request.user, self.kwargs["pk"], ready=True)


urlpatterns = [
    path("exports/", ExportListView.as_view(), name="export_list"),
    path("exports/<int:pk>/", ExportDetailView.as_view(), name="export_detail"),
    path("exports/<int:pk>/download/", ExportDownloadView.as_view(), name="export_download"),
]
