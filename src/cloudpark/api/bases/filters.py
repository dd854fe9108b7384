"""Filters of the accreditation endpoints."""

import django_filters

from cloudpark.bases import enums
from cloudpark.bases.models import Accreditation, AccreditationRound


class RoundFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=enums.RoundLevel.choices)

    class Meta:
        model = AccreditationRound
        fields = ["level"]


class AccreditedBaseFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=enums.RoundLevel.choices)
    batch = django_filters.CharFilter(help_text="A batch as published, in Chinese.")

    class Meta:
        model = Accreditation
        fields = ["level", "batch"]
