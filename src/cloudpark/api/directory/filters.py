"""Filters of the directory endpoints."""

import django_filters

from cloudpark.core import search
from cloudpark.orgs import enums, selectors


class DirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search (CJK bigrams)")

    def search(self, queryset, name, value):
        return search.search(queryset, value)


class ParkFilter(DirectoryFilter):
    level = django_filters.ChoiceFilter(choices=enums.ParkLevel.choices)


class EnterpriseFilter(DirectoryFilter):
    q = django_filters.CharFilter(
        method="search",
        label=(
            f"Search (CJK bigrams): the most relevant of the newest "
            f"{selectors.SEARCH_CANDIDATES} matches first, their count no further than "
            f"{selectors.SEARCH_COUNT_CAP:,}"
        ),
    )
    park = django_filters.NumberFilter(field_name="park_id")
    category = django_filters.CharFilter(field_name="category__code")
