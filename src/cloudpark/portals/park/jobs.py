"""The park portal's jobs: reviewing its enterprises' postings when it asks for that, and
switching the review on or off."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.core import audit
from cloudpark.jobs import enums, selectors, services
from cloudpark.jobs.forms import ParkJobSettingsForm, PostingReviewForm
from cloudpark.portals.base import ListMixin, ParkMixin, ServiceFormMixin


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


class PostingReviewView(ParkMixin, ServiceFormMixin, FormView):
    permission_required = "jobs.review_postings"
    template_name = "jobs/park/posting_detail.html"
    form_class = PostingReviewForm
    success_message = _("The enterprise has been told of the decision.")

    def get_posting(self):
        return selectors.get_posting_for_park(self.organization, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        posting = self.get_posting()
        context.update(
            posting=posting,
            title=posting.title,
            awaits_review=posting.state == enums.PostingState.IN_REVIEW,
            history=audit.history_of(posting),
        )
        return context

    def perform(self, form):
        return services.decide_posting_review(
            self.get_posting(),
            actor=self.request.user,
            approve=form.cleaned_data["approve"],
            comment=form.cleaned_data["comment"],
        )

    def get_success_url(self, result):
        return reverse("park:job_posting_detail", args=[result.pk])


class JobSettingsView(ParkMixin, ServiceFormMixin, FormView):
    permission_required = "jobs.manage_park_settings"
    template_name = "portals/_form_page.html"
    form_class = ParkJobSettingsForm
    title = _("Review of job postings")
    success_message = _("The setting is saved.")

    def get_initial(self):
        return {"review_postings": services.park_reviews_postings(self.organization)}

    def perform(self, form):
        return services.set_park_review(
            self.organization,
            actor=self.request.user,
            required=form.cleaned_data["review_postings"],
        )

    def get_success_url(self, result):
        return reverse("park:job_posting_list")


urlpatterns = [
    path("jobs/", PostingListView.as_view(), name="job_posting_list"),
    path("jobs/settings/", JobSettingsView.as_view(), name="job_settings"),
    path("jobs/<int:pk>/", PostingReviewView.as_view(), name="job_posting_detail"),
]
