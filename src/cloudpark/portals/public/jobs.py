"""The public job list, with its filters and CJK search, and each posting's page with its
schema.org ``JobPosting`` data."""

from django import forms as django_forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.core.forms import IdChoiceField
from cloudpark.jobs import enums, schema, selectors
from cloudpark.orgs.models import Park, Region
from cloudpark.portals.base import ListMixin
from cloudpark.portals.forms import FilterForm, SearchField


class JobFilterForm(FilterForm):
    q = SearchField()
    category = django_forms.ChoiceField(
        choices=[("", _("All categories")), *enums.JobCategory.choices],
        required=False,
        label=_("Category"),
    )
    city = IdChoiceField(
        queryset=Region.objects.none(), required=False, label=_("City"), empty_label=_("All cities")
    )
    district = IdChoiceField(
        queryset=Region.objects.none(),
        required=False,
        label=_("District"),
        empty_label=_("All districts"),
    )
    salary_from = django_forms.IntegerField(
        required=False, min_value=1, max_value=500, label=_("Salary from (K a month)")
    )
    experience = django_forms.ChoiceField(
        choices=[("", _("Any experience")), *enums.Experience.choices[1:]],
        required=False,
        label=_("Experience"),
    )
    education = django_forms.ChoiceField(
        choices=[("", _("Any education")), *enums.Education.choices[1:]],
        required=False,
        label=_("Education"),
    )
    nature = django_forms.ChoiceField(
        choices=[("", _("Any nature")), *enums.JobNature.choices], required=False, label=_("Nature")
    )
    park = IdChoiceField(
        queryset=Park.objects.none(), required=False, label=_("Park"), empty_label=_("All parks")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("Title, skill or words, e.g. 剪辑")
        places = list(selectors.posting_cities())
        self.fields["city"].queryset = Region.objects.filter(
            pk__in={city for city, _district in places}
        )
        self.fields["district"].queryset = Region.objects.filter(
            pk__in={district for _city, district in places if district}
        )
        self.fields["park"].queryset = Park.objects.filter(
            pk__in=selectors.open_postings().values("park")
        ).order_by("name")


class JobListView(ListMixin, TemplateView):
    template_name = "jobs/public/job_list.html"
    rows_template_name = "jobs/public/_job_rows.html"
    filter_form_class = JobFilterForm
    paginate_by = 20

    def get_queryset(self):
        return selectors.filter_postings(selectors.open_postings(), **self.filters())


class JobDetailView(TemplateView):
    template_name = "jobs/public/job_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        posting = selectors.get_public_posting(self.kwargs["pk"])
        user = self.request.user
        context.update(
            posting=posting,
            title=posting.title,
            job_schema=schema.job_posting(posting),
            application=(
                selectors.applications_of(user).filter(posting=posting).first()
                if user.is_authenticated
                else None
            ),
        )
        return context


urlpatterns = [
    path("jobs/", JobListView.as_view(), name="job_list"),
    path("jobs/<int:pk>/", JobDetailView.as_view(), name="job_detail"),
]
