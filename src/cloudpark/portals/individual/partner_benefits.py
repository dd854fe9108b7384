"""A service partner's benefits (a gym, a cinema, a shop that a park admitted). A partner is an
organisation of the directory of the kind "other", so its people sign in to My Cloud Park, as a
finance institution's do; these pages act for the partner chosen in the menu (else their first):
its offers to the parks that admitted it (publish, edit, close), the claims on each with its
figures, and its own redemption desk, where only its own codes pass."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from cloudpark.benefits import selectors, services
from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.portals.base import (
    IndividualMixin,
    ListMixin,
    Portal,
    active_membership,
)
from cloudpark.portals.shared.benefits import DeskMixin, OfferEditMixin, OfferFormMixin


class PartnerMixin(IndividualMixin):
    """Acts for ``self.partner``; a person of no partner gets a 403."""

    permission_required = "benefits.work_partner_desk"

    def get_permission_object(self):
        if not hasattr(self, "partner"):
            chosen = active_membership(self.request, Portal.INDIVIDUAL)
            self.partner = selectors.acting_partner(
                self.request.user, chosen.organization_id if chosen else None
            )
        if self.partner is None:
            # Even a superuser, whom every rule lets through, has no desk without a partner.
            raise PermissionDenied
        return self.partner

    def can_manage(self):
        return self.request.user.has_perm("benefits.manage_partner_offers", self.partner)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(partner=self.partner, can_manage=self.can_manage())
        return context


class OfferListView(PartnerMixin, ListMixin, TemplateView):
    template_name = "benefits/partner/offer_list.html"
    rows_template_name = "benefits/partner/_offer_rows.html"
    title = _("Our benefit offers")

    def get_queryset(self):
        return selectors.with_figures(selectors.offers_of(self.partner))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["parks"] = list(selectors.admitting_parks(self.partner))
        return context


class OfferCreateView(OfferFormMixin, PartnerMixin, FormView):
    permission_required = "benefits.manage_partner_offers"
    detail_url_name = "individual:partner_offer_detail"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "parks": selectors.admitting_parks(self.partner)}

    def offer_provider(self):
        return self.partner

    def provider_offer(self, pk):
        return selectors.get_offer_for(self.partner, pk)

    def new_offer_parks(self):
        return list(selectors.admitting_parks(self.partner))


class OfferEditView(OfferEditMixin, OfferCreateView):
    pass


class OfferDetailView(PartnerMixin, TemplateView):
    template_name = "benefits/partner/offer_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offer = selectors.get_offer_for(self.partner, self.kwargs["pk"])
        claims = list(offer.claims.select_related("enterprise", "park")[:50])
        context.update(
            offer=offer,
            title=offer.display_title,
            parks=list(offer.eligible_parks.order_by("name")),
            claims=claims,
            redeemed_total=offer.claims.filter(redeemed_at__isnull=False).count(),
            history=audit.history_of(offer),
        )
        return context


class OfferCloseView(PartnerMixin, View):
    http_method_names = ["post"]

    permission_required = "benefits.manage_partner_offers"

    def post(self, request, pk):
        offer = selectors.get_offer_for(self.partner, pk)
        try:
            services.close_offer(offer, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The offer is closed: no more claims."))
        return redirect("individual:partner_offer_detail", pk=offer.pk)


class DeskView(DeskMixin, PartnerMixin, FormView):
    def desk_provider(self):
        return self.partner


urlpatterns = [
    path("partner/benefits/", OfferListView.as_view(), name="partner_offer_list"),
    path("partner/benefits/new/", OfferCreateView.as_view(), name="partner_offer_create"),
    path("partner/benefits/desk/", DeskView.as_view(), name="partner_desk"),
    path("partner/benefits/<int:pk>/", OfferDetailView.as_view(), name="partner_offer_detail"),
    path("partner/benefits/<int:pk>/edit/", OfferEditView.as_view(), name="partner_offer_edit"),
    path("partner/benefits/<int:pk>/close/", OfferCloseView.as_view(), name="partner_offer_close"),
]
