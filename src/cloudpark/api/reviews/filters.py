"""Filters of the review-case endpoint."""

from django_filters import rest_framework as django_filters

from cloudpark.orgs import selectors as org_selectors
from cloudpark.reviews.enums import CaseState


class ReviewCaseFilter(django_filters.FilterSet):
    awaiting = django_filters.BooleanFilter(
        method="filter_awaiting", label="Only cases at a stage you review."
    )
    flow = django_filters.CharFilter(field_name="flow_key", label="Only cases of this flow.")

    def filter_awaiting(self, queryset, name, value):
        if not value:
            return queryset
        ids = [m.organization_id for m in org_selectors.memberships_of(self.request.user)]
        return queryset.filter(state=CaseState.IN_REVIEW, reviewing_organization_id__in=ids)
