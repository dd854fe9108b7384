"""Filters of the job endpoints: the public list filters as the page does, through the
selector, so that the CJK search and the salary rule are the same."""

import django_filters

from cloudpark.jobs import enums, selectors
from cloudpark.jobs.models import Application, JobPosting
from cloudpark.orgs.models import Park, Region


class JobFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="by_words", help_text="Words to find; CJK pairs match.")
    category = django_filters.ChoiceFilter(choices=enums.JobCategory.choices)
    city = django_filters.ModelChoiceFilter(queryset=Region.objects.all())
    district = django_filters.ModelChoiceFilter(queryset=Region.objects.all())
    salary_from = django_filters.NumberFilter(
        method="by_salary", help_text="Thousands of yuan a month the range must reach."
    )
    experience = django_filters.ChoiceFilter(choices=enums.Experience.choices)
    education = django_filters.ChoiceFilter(choices=enums.Education.choices)
    nature = django_filters.ChoiceFilter(choices=enums.JobNature.choices)
    park = django_filters.ModelChoiceFilter(queryset=Park.objects.all())

    class Meta:
        model = JobPosting
        fields = ["category", "city", "district", "experience", "education", "nature", "park"]

    def by_words(self, queryset, name, value):
        return selectors.filter_postings(queryset, query=value)

    def by_salary(self, queryset, name, value):
        return selectors.filter_postings(queryset, salary_from=value)


class ManagedPostingFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=enums.PostingState.choices)

    class Meta:
        model = JobPosting
        fields = ["state"]


class ApplicationFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=enums.ApplicationState.choices)
    posting = django_filters.NumberFilter(field_name="posting_id")

    class Meta:
        model = Application
        fields = ["state", "posting"]
