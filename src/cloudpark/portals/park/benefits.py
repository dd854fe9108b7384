"""The park portal's benefits: its offers (publish, edit, close), the desk where their codes
are redeemed (``portals.shared.benefits.DeskMixin``), and the service partners it admits to
publish to its people (admit, end, withdraw one of their offers)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from cloudpark.benefits import selectors, services
from cloudpark.benefits.forms import AdmitPartnerForm
from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.portals.base import ListMixin, ParkMixin, ServiceFormMixin
from cloudpark.portals.shared.benefits import DeskMixin, OfferEditMixin, OfferFormMixin


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


class OfferCreateView(OfferFormMixin, ParkMixin, FormView):
    permission_required = "benefits.manage_offers"
    detail_url_name = "park:benefit_offer_detail"

    def offer_provider(self):
        return self.organization

    def provider_offer(self, pk):
        return selectors.get_offer_for_park(self.organization, pk)

    def new_offer_parks(self):
        return [self.organization.pk]


class OfferEditView(OfferEditMixin, OfferCreateView):
    pass


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


class DeskView(DeskMixin, ParkMixin, FormView):
    permission_required = "benefits.redeem_codes"

    def desk_provider(self):
        return self.organization


# Partners --------------------------------------------------------------------------------------


class PartnerListView(ParkMixin, TemplateView):
    """The partners the park admitted (and those it no longer does), and their offers open to
    the park's people, which the park may withdraw."""

    permission_required = "benefits.redeem_codes"
    template_name = "benefits/park/partner_list.html"
    title = _("Benefit partners")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            admissions=list(selectors.admissions_of_park(self.organization)),
            offers=list(
                selectors.with_figures(selectors.partner_offers_in_park(self.organization))
            ),
            can_manage=self.request.user.has_perm("benefits.manage_partners", self.organization),
        )
        return context


class PartnerAdmitView(ParkMixin, ServiceFormMixin, FormView):
    permission_required = "benefits.manage_partners"
    template_name = "portals/_form_page.html"
    form_class = AdmitPartnerForm
    title = _("Admit a benefit partner")
    success_message = _("The partner is admitted: it may publish offers to your people.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "partners": selectors.partners_to_admit(self.organization),
        }

    def perform(self, form):
        return services.admit_partner(
            self.organization, form.cleaned_data["partner"], actor=self.request.user
        )

    def get_success_url(self, result):
        return reverse("park:benefit_partner_list")


class PartnerEndView(ParkMixin, View):
    permission_required = "benefits.manage_partners"
    http_method_names = ["post"]

    def post(self, request, pk):
        admission = selectors.get_admission_for_park(self.organization, pk)
        services.end_admission(admission, actor=request.user)
        messages.success(
            request,
            _("The admission is ended: the partner's offers are withdrawn from your people."),
        )
        return redirect("park:benefit_partner_list")


class PartnerOfferWithdrawView(ParkMixin, View):
    permission_required = "benefits.manage_partners"
    http_method_names = ["post"]

    def post(self, request, pk):
        offer = selectors.get_partner_offer_in_park(self.organization, pk)
        try:
            services.withdraw_offer(offer, self.organization, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The offer is withdrawn from your people."))
        return redirect("park:benefit_partner_list")


urlpatterns = [
    path("benefits/", OfferListView.as_view(), name="benefit_offer_list"),
    path("benefits/new/", OfferCreateView.as_view(), name="benefit_offer_create"),
    path("benefits/desk/", DeskView.as_view(), name="benefit_desk"),
    path("benefits/partners/", PartnerListView.as_view(), name="benefit_partner_list"),
    path("benefits/partners/admit/", PartnerAdmitView.as_view(), name="benefit_partner_admit"),
    path("benefits/partners/<int:pk>/end/", PartnerEndView.as_view(), name="benefit_partner_end"),
    path(
        "benefits/partners/offers/<int:pk>/withdraw/",
        PartnerOfferWithdrawView.as_view(),
        name="benefit_partner_offer_withdraw",
    ),
    path("benefits/<int:pk>/", OfferDetailView.as_view(), name="benefit_offer_detail"),
    path("benefits/<int:pk>/edit/", OfferEditView.as_view(), name="benefit_offer_edit"),
    path("benefits/<int:pk>/close/", OfferCloseView.as_view(), name="benefit_offer_close"),
]
