"""Filters of the news endpoints."""

import django_filters

from cloudpark.news import enums, taxonomies
from cloudpark.news.models import Article, Clarification, DisclosureItem


class ArticleFilter(django_filters.FilterSet):
    channel = django_filters.CharFilter(field_name="channel__slug", help_text="A channel's slug.")
    language = django_filters.ChoiceFilter(choices=enums.Language.choices)
    park = django_filters.NumberFilter(field_name="park_id")

    class Meta:
        model = Article
        fields = ["channel", "language", "park"]


class ClarificationFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(
        choices=taxonomies.choices(taxonomies.CLARIFICATION_CATEGORIES)
    )
    verdict = django_filters.ChoiceFilter(choices=enums.Verdict.choices)

    class Meta:
        model = Clarification
        fields = ["category", "verdict"]


class DisclosureFilter(django_filters.FilterSet):
    subject_category = django_filters.ChoiceFilter(
        choices=taxonomies.choices(taxonomies.DISCLOSURE_CATEGORIES)
    )

    class Meta:
        model = DisclosureItem
        fields = ["subject_category"]
