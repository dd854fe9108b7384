"""Works the zone's enterprises offer for licensing, for anyone: what the work is, who holds
it, and the exclusive licences already granted (so a would-be licensee sees what is taken)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.copyright import selectors
from cloudpark.portals.base import ListMixin


class OfferedWorkListView(ListMixin, TemplateView):
    template_name = "copyright/public/work_list.html"
    rows_template_name = "copyright/public/_work_rows.html"

    def get_queryset(self):
        return selectors.offered_works()

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Works offered for licensing"), **kwargs)


class OfferedWorkDetailView(TemplateView):
    template_name = "copyright/public/work_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        work = selectors.get_offered_work(self.kwargs["pk"])
        context.update(
            work=work,
            title=work.display_title,
            exclusive_licences=[
                licence
                for licence in selectors.encumbrances_of(work)["licences"]
                if licence.exclusive
            ],
        )
        return context


urlpatterns = [
    path("copyright/", OfferedWorkListView.as_view(), name="copyright_work_list"),
    path("copyright/<int:pk>/", OfferedWorkDetailView.as_view(), name="copyright_work_detail"),
]
