"""The public site's home: what anyone may read without an account, at a glance."""

from django.db.models import Count, Q
from django.views.generic import TemplateView

from cloudpark.orgs import enums, selectors, totals
from cloudpark.portals import home


class HomeView(TemplateView):
    template_name = "portals/public/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        park_counts = selectors.public_parks().aggregate(
            total=Count("pk"),
            national=Count("pk", filter=Q(level=enums.ParkLevel.NATIONAL)),
            provincial=Count("pk", filter=Q(level=enums.ParkLevel.PROVINCIAL)),
        )
        context.update(
            park_counts=park_counts,
            enterprise_count=totals.enterprise_count(),
            national_parks=selectors.public_parks()
            .filter(level=enums.ParkLevel.NATIONAL)
            .order_by("approved_on", "name")[:6],
            home_panels=home.panels_for(home.PUBLIC, self.request, None),
        )
        return context
