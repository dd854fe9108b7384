"""The government portal's own page: its home with the jurisdiction's figures."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from cloudpark.orgs import selectors
from cloudpark.portals.base import GovernmentMixin, PortalPage
from cloudpark.portals.home import HomePanelsMixin


class HomeView(HomePanelsMixin, GovernmentMixin, PortalPage):
    template_name = "portals/government/home.html"
    title = _("Government portal")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parks = selectors.parks_in_care_of(self.organization)
        context.update(
            park_total=parks.count(),
            enterprise_total=parks.aggregate(total=Sum("enterprise_total"))["total"] or 0,
            pending_imports=selectors.imports_of(self.organization).filter(status="checked")[:5],
        )
        return context
