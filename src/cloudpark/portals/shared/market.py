"""Supply and demand pages several portals share: the list filters, and the overview a park
and a government body have of the posts and deals of the enterprises they look after, with
its Excel export."""

from django import forms as django_forms
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.market import enums, exports, selectors
from cloudpark.market.forms import districts
from cloudpark.orgs import selectors as org_selectors
from cloudpark.portals.base import ListMixin, PortalMixin
from cloudpark.portals.forms import FilterForm, SearchField


class IntroductionFilterForm(FilterForm):
    state = django_forms.ChoiceField(
        choices=[("", _("All states")), *enums.IntroductionState.choices],
        required=False,
        label=_("State"),
    )


class PostFilterForm(FilterForm):
    q = SearchField()
    direction = django_forms.ChoiceField(
        choices=[("", _("Needs and offers")), *enums.Direction.choices],
        required=False,
        label=_("Need or offer"),
    )
    kind = django_forms.ChoiceField(
        choices=[("", _("All kinds")), *enums.PostKind.choices], required=False, label=_("Kind")
    )
    park = django_forms.ModelChoiceField(
        queryset=org_selectors.parks_by_name(),
        required=False,
        label=_("Park"),
        empty_label=_("All parks"),
    )
    district = django_forms.ModelChoiceField(
        queryset=districts(), required=False, label=_("District"), empty_label=_("All districts")
    )
    price_from = django_forms.DecimalField(
        required=False, min_value=0, label=_("Price from (yuan)")
    )
    price_to = django_forms.DecimalField(required=False, min_value=0, label=_("Price to (yuan)"))


class OverviewView(PortalMixin, ListMixin, TemplateView):
    """The posts of the enterprises a park or government body looks after, with counts by
    kind and the deals closed this year and in all."""

    permission_required = "market.oversee_market"
    template_name = "market/overview.html"
    rows_template_name = "market/_oversight_rows.html"
    filter_form_class = PostFilterForm
    title = _("Supply and demand")

    def get_queryset(self):
        return selectors.filter_posts(
            selectors.posts_in_care_of(self.organization), **self.filters()
        ).order_by("-created_at", "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        posts = selectors.posts_in_care_of(self.organization)
        deals = selectors.deals_in_care_of(self.organization)
        context.update(
            counts=selectors.post_counts(posts),
            deals=list(deals.order_by("-closed_on", "-id")[:10]),
            year=timezone.localdate().year,
            deal_total=selectors.deal_totals(parks=selectors.parks_in_care_of(self.organization)),
            deal_total_year=selectors.deal_totals(
                year=timezone.localdate().year,
                parks=selectors.parks_in_care_of(self.organization),
            ),
        )
        return context

    def export(self, queryset):
        return exports.export_posts(queryset)


def urlpatterns_for(portal):
    return [path("market/", OverviewView.as_view(portal=portal), name="market_overview")]
