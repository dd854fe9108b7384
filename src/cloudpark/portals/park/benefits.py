"""The park portal's benefits: its offers (publish, edit, close) and the desk where their codes
are redeemed. The desk is the events' check-in desk (``portals/_scanner.html``, ``checkin.js``)
with the benefits' service behind it."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from cloudpark.benefits import selectors, services
from cloudpark.benefits.forms import OfferForm, RedeemForm
from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.portals.base import ListMixin, ParkMixin, ServiceFormMixin


class OfferListView(ParkMixin, ListMixin, TemplateView):
    permission_required = "benefits.redeem_codes"
    template_name = "benefits/park/offer_list.html"
    rows_template_name = "benefits/park/_offer_rows.html"
    title = _("Benefits we offer")

    def get_queryset(self):
        return selectors.offers_of_park(self.organization)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm(
            "benefits.manage_offers", self.organization
        )
        return context


class OfferCreateView(ParkMixin, ServiceFormMixin, FormView):
    permission_required = "benefits.manage_offers"
    template_name = "portals/_form_page.html"
    form_class = OfferForm
    title = _("Publish a benefit offer")
    success_message = _("The offer is published.")

    def get_initial(self):
        return {"eligible_parks": [self.organization.pk]}

    def perform(self, form):
        return services.save_offer(
            self.organization,
            actor=self.request.user,
            values=form.values(),
            eligible_parks=list(form.cleaned_data["eligible_parks"]),
        )

    def get_success_url(self, result):
        return reverse("park:benefit_offer_detail", args=[result.pk])


class OfferDetailView(ParkMixin, TemplateView):
    permission_required = "benefits.redeem_codes"
    template_name = "benefits/park/offer_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offer = selectors.get_offer_for_park(self.organization, self.kwargs["pk"])
        context.update(
            offer=offer,
            title=offer.display_title,
            parks=list(offer.eligible_parks.order_by("name")),
            claims=list(offer.claims.select_related("user", "enterprise")[:50]),
            can_manage=self.request.user.has_perm("benefits.manage_offers", self.organization),
            history=audit.history_of(offer),
        )
        return context


class OfferEditView(OfferCreateView):
    title = _("Edit the benefit offer")
    success_message = _("The offer is saved.")

    def get_offer(self):
        return selectors.get_offer_for_park(self.organization, self.kwargs["pk"])

    def get_initial(self):
        return OfferForm.initial_for(self.get_offer())

    def perform(self, form):
        return services.save_offer(
            self.organization,
            actor=self.request.user,
            values=form.values(),
            eligible_parks=list(form.cleaned_data["eligible_parks"]),
            offer=self.get_offer(),
        )


class OfferCloseView(ParkMixin, View):
    permission_required = "benefits.manage_offers"
    http_method_names = ["post"]

    def post(self, request, pk):
        offer = selectors.get_offer_for_park(self.organization, pk)
        try:
            services.close_offer(offer, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The offer is closed: no more claims."))
        return redirect("park:benefit_offer_detail", pk=offer.pk)


class DeskView(ParkMixin, FormView):
    """The redemption desk: the camera reads the QR code or the code is typed; each attempt
    shows its result."""

    permission_required = "benefits.redeem_codes"
    template_name = "benefits/park/desk.html"
    form_class = RedeemForm
    title = _("Benefit desk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent"] = selectors.recent_redemptions(self.organization)
        return context

    def get_template_names(self):
        if getattr(self.request, "htmx", False):
            return ["benefits/park/desk.html#result"]
        return super().get_template_names()

    def form_valid(self, form):
        result = {"ok": False}
        try:
            claim = services.redeem(
                self.organization, form.cleaned_data["code"], actor=self.request.user
            )
        except services.AlreadyRedeemed as error:
            result.update(message=str(error), claim=error.claim, repeated=True)
        except DomainError as error:
            result.update(message=str(error))
        else:
            result.update(
                ok=True,
                claim=claim,
                message=_t("Redeemed: %(offer)s at %(time)s.")
                % {
                    "offer": claim.offer.display_title,
                    "time": services.local_text(claim.redeemed_at),
                },
            )
        return self.render_to_response(self.get_context_data(form=self.form_class(), result=result))


urlpatterns = [
    path("benefits/", OfferListView.as_view(), name="benefit_offer_list"),
    path("benefits/new/", OfferCreateView.as_view(), name="benefit_offer_create"),
    path("benefits/desk/", DeskView.as_view(), name="benefit_desk"),
    path("benefits/<int:pk>/", OfferDetailView.as_view(), name="benefit_offer_detail"),
    path("benefits/<int:pk>/edit/", OfferEditView.as_view(), name="benefit_offer_edit"),
    path("benefits/<int:pk>/close/", OfferCloseView.as_view(), name="benefit_offer_close"),
]
