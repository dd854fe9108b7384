"""Benefits figures per park, in the park portal (its own) and the government portal (the
parks in its care); ``?format=xlsx`` exports them. And what the park's and a partner's pages
share: the offer form, and the redemption desk (the events' check-in desk,
``portals/_scanner.html`` and ``checkin.js``, with the benefits' service behind it)."""

from django.urls import path, reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.benefits import exports, selectors, services
from cloudpark.benefits.forms import OfferForm, RedeemForm
from cloudpark.core.errors import DomainError
from cloudpark.portals.base import PortalMixin, ServiceFormMixin

DESK_TEMPLATE = "benefits/desk.html"


class OfferFormMixin(ServiceFormMixin):
    """Publish an offer of ``offer_provider()``, or with ``editing`` change the one of the
    address (``provider_offer(pk)``, a 404 outside the provider's own); the page of the offer
    is ``detail_url_name``."""

    template_name = "portals/_form_page.html"
    form_class = OfferForm
    title = _("Publish a benefit offer")
    success_message = _("The offer is published.")
    editing = False
    detail_url_name = None

    def offer_provider(self):
        raise NotImplementedError

    def provider_offer(self, pk):
        raise NotImplementedError

    def new_offer_parks(self):
        """The parks a new offer is opened to at first."""
        raise NotImplementedError

    def get_offer(self):
        return self.provider_offer(self.kwargs["pk"]) if self.editing else None

    def get_initial(self):
        if self.editing:
            return OfferForm.initial_for(self.get_offer())
        return {"eligible_parks": self.new_offer_parks()}

    def perform(self, form):
        return services.save_offer(
            self.offer_provider(),
            actor=self.request.user,
            values=form.values(),
            eligible_parks=list(form.cleaned_data["eligible_parks"]),
            offer=self.get_offer(),
        )

    def get_success_url(self, result):
        return reverse(self.detail_url_name, args=[result.pk])


class OfferEditMixin(OfferFormMixin):
    title = _("Edit the benefit offer")
    success_message = _("The offer is saved.")
    editing = True


class DeskMixin:
    """The redemption desk of ``desk_provider()``: the camera reads the QR code or the code is
    typed; each attempt shows its result. A code of another provider's offer is refused."""

    template_name = DESK_TEMPLATE
    form_class = RedeemForm
    title = _("Benefit desk")

    def desk_provider(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            provider=self.desk_provider(),
            recent=selectors.recent_redemptions(self.desk_provider()),
        )
        return context

    def get_template_names(self):
        if getattr(self.request, "htmx", False):
            return [f"{DESK_TEMPLATE}#result"]
        return super().get_template_names()

    def form_valid(self, form):
        result = {"ok": False}
        try:
            claim = services.redeem(
                self.desk_provider(), form.cleaned_data["code"], actor=self.request.user
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


class StatisticsView(PortalMixin, TemplateView):
    permission_required = "benefits.view_statistics"
    template_name = "benefits/statistics.html"
    title = _("Benefits by park")

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            return exports.export_statistics(selectors.statistics_in_care_of(self.organization))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(selectors.statistics_in_care_of(self.organization))
        context.update(
            rows=rows,
            totals={
                "offers": sum(row.offer_total for row in rows),
                "partner_offers": sum(row.partner_offer_total for row in rows),
                "claims": sum(row.claim_total for row in rows),
                "redemptions": sum(row.redemption_total for row in rows),
            },
        )
        return context


def urlpatterns_for(portal):
    return [
        path(
            "benefits/statistics/",
            StatisticsView.as_view(portal=portal),
            name="benefit_statistics",
        )
    ]
