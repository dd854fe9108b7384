"""The current benefit offers of the zone, for everyone to read."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.benefits import selectors
from cloudpark.portals.base import ListMixin


class OfferListView(ListMixin, TemplateView):
    template_name = "benefits/public/offer_list.html"
    rows_template_name = "benefits/public/_offer_rows.html"

    def get_queryset(self):
        return selectors.current_offers().prefetch_related("eligible_parks")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Benefits for the people of the zone")
        return context


urlpatterns = [path("benefits/", OfferListView.as_view(), name="benefit_offer_list")]
