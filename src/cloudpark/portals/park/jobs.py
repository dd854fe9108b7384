"""The park portal's jobs: its enterprises' postings, and whether (and in how many stages) the
park reviews them before they are published. The review itself happens in the review room,
like every review of the platform (``jobs.flows``)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.core import audit
from cloudpark.jobs import selectors, services
from cloudpark.jobs.forms import ParkJobSettingsForm
from cloudpark.portals.base import ListMixin, ParkMixin, ServiceFormMixin
from cloudpark.reviews import selectors as review_selectors


class PostingListView(ParkMixin, ListMixin, TemplateView):
    permission_required = "jobs.review_postings"
    template_name = "jobs/park/posting_list.html"
    rows_template_name = "jobs/park/_posting_rows.html"
    title = _("Job postings of our enterprises")

    def get_queryset(self):
        return selectors.postings_for_park(self.organization).order_by("-updated_at", "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reviews_postings"] = services.park_reviews_postings(self.organization)
        return context


class PostingDetailView(ParkMixin, TemplateView):
    """A posting of one of the park's enterprises, with where its review stands; the review
    room (linked from here while the posting awaits the park) is where it is decided."""

    permission_required = "jobs.review_postings"
    template_name = "jobs/park/posting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        posting = selectors.get_posting_for_park(self.organization, self.kwargs["pk"])
        case = services.case_of(posting)
        context.update(
            posting=posting,
            title=posting.title,
            case=case,
            may_review=case is not None and review_selectors.can_review(self.request.user, case),
            history=audit.history_of(posting),
        )
        return context


class JobSettingsView(ParkMixin, ServiceFormMixin, FormView):
    permission_required = "jobs.manage_park_settings"
    template_name = "portals/_form_page.html"
    form_class = ParkJobSettingsForm
    title = _("Review of job postings")
    success_message = _("The setting is saved.")

    def get_initial(self):
        return {
            "review_postings": services.park_reviews_postings(self.organization),
            "review_stages": services.park_review_stages(self.organization),
        }

    def perform(self, form):
        return services.set_park_review(
            self.organization,
            actor=self.request.user,
            required=form.cleaned_data["review_postings"],
            stages=form.cleaned_data["review_stages"],
        )

    def get_success_url(self, result):
        return reverse("park:job_posting_list")


urlpatterns = [
    path("jobs/", PostingListView.as_view(), name="job_posting_list"),
    path("jobs/settings/", JobSettingsView.as_view(), name="job_settings"),
    path("jobs/<int:pk>/", PostingDetailView.as_view(), name="job_posting_detail"),
]
