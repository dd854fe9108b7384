"""Filters of the programme endpoints."""

import django_filters

from cloudpark.programs import selectors
from cloudpark.programs.enums import ApplicationState, NoticeState, ProgrammeType


class ProgrammeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search (CJK bigrams)")
    programme_type = django_filters.ChoiceFilter(choices=ProgrammeType.choices)
    issuer = django_filters.NumberFilter(field_name="issuer_id")
    policy = django_filters.NumberFilter(field_name="policy_id")
    open = django_filters.BooleanFilter(method="filter_open", label="Open now")

    def filter_search(self, queryset, name, value):
        return selectors.filter_programmes(queryset, query=value)

    def filter_open(self, queryset, name, value):
        if value:
            return selectors.filter_programmes(queryset, open_now=True)
        return queryset


class PolicyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search (CJK bigrams)")

    def filter_search(self, queryset, name, value):
        return selectors.filter_policies(queryset, query=value)


class ApplicationFilter(django_filters.FilterSet):
    programme = django_filters.NumberFilter(field_name="programme_id")
    state = django_filters.ChoiceFilter(choices=ApplicationState.choices)


class NoticeFilter(django_filters.FilterSet):
    programme = django_filters.NumberFilter(field_name="programme_id")
    state = django_filters.ChoiceFilter(choices=NoticeState.choices)
