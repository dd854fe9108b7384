"""Benefits figures per park, in the park portal (its own) and the government portal (the
parks in its care); ``?format=xlsx`` exports them. And the redemption desk the park's and a
partner's pages share: the events' check-in desk (``portals/_scanner.html``, ``checkin.js``)
with the benefits' service behind it."""

from django.urls import path
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.benefits import exports, selectors, services
from cloudpark.benefits.forms import RedeemForm
from cloudpark.core.errors import DomainError
from cloudpark.portals.base import PortalMixin

DESK_TEMPLATE = "benefits/desk.html"


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
