"""Job pages mounted in several portals: the anonymised talent figures of a park or of the
parks a government body looks after."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.jobs import selectors
from cloudpark.portals.base import PORTAL_OF_KIND, PortalMixin


class TalentFiguresView(PortalMixin, TemplateView):
    permission_required = "jobs.view_talent_figures"
    template_name = "jobs/talent_figures.html"
    title = _("Talent figures")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = selectors.talent_figures(self.organization)
        context.update(
            rows=rows,
            totals={
                key: sum(row[key] for row in rows) for key in ("postings", "applications", "hires")
            },
        )
        return context


def urlpatterns_for(portal):
    assert portal in PORTAL_OF_KIND.values()
    return [
        path("talent/", TalentFiguresView.as_view(portal=portal), name="talent_figures"),
    ]
