"""Job pages mounted in several portals: the anonymised talent figures of a park or of the
parks a government body looks after; and the jobs panel of the enterprise's home page (the
postings awaiting a park's review are in its review panel, with every other review)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.jobs import enums, selectors
from cloudpark.portals import home
from cloudpark.portals.base import PORTAL_OF_KIND, Portal, PortalMixin


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


def enterprise_home_panel(request, organization):
    """New applications to the enterprise's postings, for those who handle them; nothing
    when none are new."""
    if not request.user.has_perm("jobs.manage_applications", organization):
        return None
    new = selectors.applications_to(organization).filter(state=enums.ApplicationState.APPLIED)
    rows = list(new.order_by("-created_at")[:5])
    if not rows:
        return None
    return {"applications": rows, "total": new.count()}


home.register(
    Portal.ENTERPRISE,
    home.Panel("jobs.applications", "jobs/_enterprise_home.html", enterprise_home_panel, 200),
)
