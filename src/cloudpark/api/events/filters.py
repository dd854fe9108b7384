"""Filters of the event endpoints."""

import django_filters

from cloudpark.events import enums, selectors


class ManagedEventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="noop", label="Search (CJK bigrams)")
    status = django_filters.ChoiceFilter(choices=enums.EventStatus.choices, method="noop")
    kind = django_filters.ChoiceFilter(choices=enums.EventKind.choices, method="noop")
    organization = django_filters.NumberFilter(
        field_name="owner_id", label="The managing organisation (id)"
    )

    def noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        values = self.form.cleaned_data
        return selectors.filter_organiser_events(
            queryset,
            query=values.get("q") or "",
            status=values.get("status") or "",
            kind=values.get("kind") or "",
        )


class ManagedRegistrationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="noop", label="Name, organisation, e-mail or code")
    status = django_filters.ChoiceFilter(choices=enums.RegistrationStatus.choices, method="noop")

    def noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        values = self.form.cleaned_data
        return selectors.filter_registrations(
            queryset, query=values.get("q") or "", status=values.get("status") or ""
        )


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="noop", label="Search (CJK bigrams)")
    kind = django_filters.ChoiceFilter(choices=enums.EventKind.choices, method="noop")
    city = django_filters.CharFilter(method="noop")
    organizer = django_filters.NumberFilter(method="noop", label="Organiser (organisation id)")
    organizer_name = django_filters.CharFilter(
        method="noop", label="Part of an organiser's name, in the directory or not"
    )
    date_from = django_filters.DateFilter(method="noop", label="Ending on or after")
    date_to = django_filters.DateFilter(method="noop", label="Starting on or before")
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", "upcoming"), ("past", "past")], method="noop"
    )

    def noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        values = {name: value for name, value in self.form.cleaned_data.items() if value}
        if "q" in values:
            values["query"] = values.pop("q")
        return selectors.filter_public_events(queryset, **values)
