"""My benefits: the offers I may claim as a person who works in the zone, and my codes."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from cloudpark.benefits import codes, selectors, services
from cloudpark.core.errors import DomainError
from cloudpark.portals.base import IndividualMixin


class OfferListView(IndividualMixin, TemplateView):
    template_name = "benefits/individual/offer_list.html"
    title = _("Benefits I can claim")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            workplaces=selectors.workplaces_of(self.request.user),
            offers=list(selectors.offers_claimable_by(self.request.user)),
            claims=list(selectors.claims_of(self.request.user)),
        )
        return context


class ClaimView(IndividualMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        offer = selectors.get_public_offer(pk)
        try:
            claim = services.claim_offer(offer, user=request.user)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("individual:benefit_offer_list")
        messages.success(request, _("Claimed: show this code at the desk."))
        return redirect("individual:benefit_claim_detail", pk=claim.pk)


class ClaimDetailView(IndividualMixin, TemplateView):
    template_name = "benefits/individual/claim_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claim = selectors.get_claim_for_user(self.request.user, self.kwargs["pk"])
        context.update(
            claim=claim,
            title=claim.offer.display_title,
            qr=None if claim.is_redeemed else codes.qr_svg_data_uri(claim),
        )
        return context


urlpatterns = [
    path("benefits/", OfferListView.as_view(), name="benefit_offer_list"),
    path("benefits/<int:pk>/claim/", ClaimView.as_view(), name="benefit_claim"),
    path("benefits/codes/<int:pk>/", ClaimDetailView.as_view(), name="benefit_claim_detail"),
]
