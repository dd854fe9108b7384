"""The public list of financing products, filtered, with each product's conditions in words;
the list downloads as Excel."""

from django import forms as django_forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.finance import enums, exports, selectors
from cloudpark.portals.base import ListMixin
from cloudpark.portals.forms import FilterForm, SearchField


class ProductFilterForm(FilterForm):
    q = SearchField()
    kind = django_forms.ChoiceField(
        choices=[("", _("All kinds")), *enums.ProductKind.choices], required=False, label=_("Kind")
    )
    institution_kind = django_forms.ChoiceField(
        choices=[("", _("All institutions")), *enums.InstitutionKind.choices],
        required=False,
        label=_("Institution"),
    )
    collateral = django_forms.ChoiceField(
        choices=[("", _("Any collateral")), *enums.Collateral.choices],
        required=False,
        label=_("Collateral"),
    )


class ProductListView(ListMixin, TemplateView):
    template_name = "finance/public/product_list.html"
    rows_template_name = "finance/_product_rows.html"
    filter_form_class = ProductFilterForm
    paginate_by = 20

    def get_queryset(self):
        return selectors.filter_products(selectors.published_products(), **self.filters()).order_by(
            "kind", "cost_min", "pk"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Financing products"), **kwargs)

    def export(self, queryset):
        return exports.export_products(queryset)


class ProductDetailView(TemplateView):
    template_name = "finance/public/product_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = selectors.get_public_product(self.kwargs["pk"])
        context.update(
            product=product,
            title=product.display_name,
            requirements=selectors.requirements_of(product),
        )
        return context


urlpatterns = [
    path("finance/", ProductListView.as_view(), name="finance_product_list"),
    path("finance/<int:pk>/", ProductDetailView.as_view(), name="finance_product_detail"),
]
