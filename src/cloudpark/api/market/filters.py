"""Filters of the supply and demand endpoints, through the same selector as the pages."""

import django_filters

from cloudpark.market import enums, selectors
from cloudpark.market.models import Introduction, Post
from cloudpark.orgs.models import Park, Region


class PostFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="by_words", help_text="Words of the title or enterprise.")
    direction = django_filters.ChoiceFilter(choices=enums.Direction.choices)
    kind = django_filters.ChoiceFilter(choices=enums.PostKind.choices)
    park = django_filters.ModelChoiceFilter(queryset=Park.objects.all())
    district = django_filters.ModelChoiceFilter(queryset=Region.objects.all(), method="by_district")
    price_from = django_filters.NumberFilter(
        method="by_price_from", help_text="Posts whose range reaches this price (yuan)."
    )
    price_to = django_filters.NumberFilter(
        method="by_price_to", help_text="Posts whose range starts at or below this price (yuan)."
    )

    class Meta:
        model = Post
        fields = ["direction", "kind", "park"]

    def by_words(self, queryset, name, value):
        return selectors.filter_posts(queryset, query=value)

    def by_district(self, queryset, name, value):
        return selectors.filter_posts(queryset, district=value)

    def by_price_from(self, queryset, name, value):
        return selectors.filter_posts(queryset, price_from=value)

    def by_price_to(self, queryset, name, value):
        return selectors.filter_posts(queryset, price_to=value)


class IntroductionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=enums.IntroductionState.choices)

    class Meta:
        model = Introduction
        fields = ["state"]
