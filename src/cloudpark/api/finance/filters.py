"""Filters of the finance endpoints, through the same selector as the public page."""

import django_filters

from cloudpark.finance import enums, selectors
from cloudpark.finance.models import Introduction, Product


class ProductFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="by_words", help_text="Words of the name or institution.")
    kind = django_filters.ChoiceFilter(choices=enums.ProductKind.choices)
    institution_kind = django_filters.ChoiceFilter(
        choices=enums.InstitutionKind.choices, method="by_institution_kind"
    )
    collateral = django_filters.ChoiceFilter(
        choices=enums.Collateral.choices, method="by_collateral"
    )

    class Meta:
        model = Product
        fields = ["kind"]

    def by_words(self, queryset, name, value):
        return selectors.filter_products(queryset, query=value)

    def by_institution_kind(self, queryset, name, value):
        return selectors.filter_products(queryset, institution_kind=value)

    def by_collateral(self, queryset, name, value):
        return selectors.filter_products(queryset, collateral=value)


class IntroductionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=enums.IntroductionState.choices)

    class Meta:
        model = Introduction
        fields = ["state"]
