"""A person's job search: the résumé (with its verified credits, export and deletion), applying
with consent, their applications with the erasure countdown, suggested jobs with the reasons,
and the feed of what they follow."""

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from cloudpark.core.errors import DomainError
from cloudpark.events import selectors as event_selectors
from cloudpark.jobs import credits, selectors, services
from cloudpark.jobs.forms import ROW_FORMS, ApplyForm, FollowForm, ProfileForm
from cloudpark.orgs import selectors as org_selectors
from cloudpark.portals.base import IndividualMixin, ListMixin, ServiceFormMixin


class ResumeView(IndividualMixin, ServiceFormMixin, FormView):
    template_name = "jobs/individual/resume.html"
    form_class = ProfileForm
    title = _("My résumé")
    success_message = _("Your résumé is saved.")

    def get_profile(self):
        return selectors.profile_of(self.request.user)

    def get_initial(self):
        return ProfileForm.initial_for(self.get_profile())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            profile=self.get_profile(),
            credits=credits.credits_for(self.request.user),
            row_forms={kind: form() for kind, form in ROW_FORMS.items()},
        )
        return context

    def perform(self, form):
        return services.save_profile(
            self.request.user, actor=self.request.user, values=dict(form.cleaned_data)
        )

    def get_success_url(self, result):
        return reverse("individual:job_resume")


class ResumeRowAddView(IndividualMixin, ServiceFormMixin, FormView):
    template_name = "jobs/individual/resume_row.html"
    title = _("Add to my résumé")
    success_message = _("Added to your résumé.")

    def dispatch(self, request, *args, **kwargs):
        if kwargs["kind"] not in ROW_FORMS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return ROW_FORMS[self.kwargs["kind"]]

    def perform(self, form):
        profile = selectors.profile_of(self.request.user)
        if profile is None:
            raise DomainError(_("Save the first part of your résumé before adding to it."))
        values = {key: value for key, value in form.cleaned_data.items()}
        return services.add_profile_row(
            profile, self.kwargs["kind"], actor=self.request.user, values=values
        )

    def get_success_url(self, result):
        return reverse("individual:job_resume")


class ResumeRowRemoveView(IndividualMixin, View):
    http_method_names = ["post"]

    def post(self, request, kind, pk):
        profile = selectors.profile_of(request.user)
        if profile is None or kind not in ROW_FORMS:
            raise Http404
        related = {
            "education": profile.education_rows,
            "experience": profile.experience_rows,
            "work": profile.work_rows,
        }[kind]
        row = related.filter(pk=pk).first()
        if row is None:
            raise Http404
        services.remove_profile_row(row, actor=request.user)
        messages.success(request, _("Removed from your résumé."))
        return redirect("individual:job_resume")


class ResumeExportView(IndividualMixin, View):
    """Everything held of the person's job search as a JSON file (PIPL arts. 45, 47)."""

    def get(self, request):
        data = services.export_profile(request.user, actor=request.user)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2, default=str),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="my-resume-{stamp}.json"'
        return response


class ResumeDeleteView(IndividualMixin, TemplateView):
    template_name = "jobs/individual/resume_delete.html"
    title = _("Delete my résumé")

    def post(self, request):
        services.delete_profile(request.user, actor=request.user)
        messages.success(
            request, _("Your résumé and every copy given to employers have been deleted.")
        )
        return redirect("individual:job_resume")


class ApplyView(IndividualMixin, ServiceFormMixin, FormView):
    template_name = "jobs/individual/apply.html"
    form_class = ApplyForm
    success_message = _("Your application is sent. You will be told of every step.")

    def get_posting(self):
        if not hasattr(self, "_posting"):
            self._posting = selectors.get_public_posting(self.kwargs["pk"])
        return self._posting

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "consent_text": services.consent_text(self.get_posting()),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        posting = self.get_posting()
        context.update(
            posting=posting,
            title=_("Apply: %(title)s") % {"title": posting.title},
            profile=selectors.profile_of(self.request.user),
        )
        return context

    def perform(self, form):
        return services.apply_for(
            self.get_posting(),
            applicant=self.request.user,
            consent=form.cleaned_data["consent"],
            cover_letter=form.cleaned_data["cover_letter"],
        )

    def get_success_url(self, result):
        return reverse("individual:job_application_detail", args=[result.pk])


class ApplicationListView(IndividualMixin, ListMixin, TemplateView):
    template_name = "jobs/individual/application_list.html"
    rows_template_name = "jobs/individual/_application_rows.html"
    title = _("My job applications")

    def get_queryset(self):
        return selectors.applications_of(self.request.user)


class ApplicationDetailView(IndividualMixin, TemplateView):
    template_name = "jobs/individual/application_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = selectors.get_application_of(self.request.user, self.kwargs["pk"])
        context.update(
            application=application,
            posting=application.posting,
            title=application.posting.title,
        )
        return context


class ApplicationActionView(IndividualMixin, View):
    """The candidate's steps (POST only): accept an interview, answer an offer, withdraw."""

    http_method_names = ["post"]
    ACTIONS = {
        "accept-interview": (
            lambda application, user: services.accept_interview(application, actor=user),
            _("The interview is accepted; the employer now sees your contact details."),
        ),
        "accept-offer": (
            lambda application, user: services.answer_offer(application, actor=user, accept=True),
            _("Congratulations: the offer is accepted."),
        ),
        "decline-offer": (
            lambda application, user: services.answer_offer(application, actor=user, accept=False),
            _("The offer is declined."),
        ),
        "withdraw": (
            lambda application, user: services.withdraw_application(application, actor=user),
            _("The application is withdrawn."),
        ),
    }

    def post(self, request, pk, action):
        if action not in self.ACTIONS:
            raise Http404
        application = selectors.get_application_of(request.user, pk)
        service, message = self.ACTIONS[action]
        try:
            service(application, request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, message)
        return redirect("individual:job_application_detail", pk=application.pk)


class SuggestedJobsView(IndividualMixin, TemplateView):
    template_name = "jobs/individual/suggested.html"
    title = _("Jobs for me")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = selectors.profile_of(self.request.user)
        context.update(
            profile=profile,
            suggestions=selectors.suggested_postings(self.request.user),
        )
        return context


class FeedView(IndividualMixin, TemplateView):
    template_name = "jobs/individual/feed.html"
    title = _("What I follow")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            follows=selectors.follows_of(self.request.user),
            feed=selectors.feed_of(self.request.user),
        )
        return context


def _follow_target(kind, pk):
    if kind == "event":
        return event_selectors.get_public_event(pk)
    if kind == "organization":
        for fetch in (org_selectors.get_public_enterprise, org_selectors.get_public_park):
            try:
                return fetch(pk)
            except Http404:
                continue
    raise Http404


class FollowView(IndividualMixin, ServiceFormMixin, FormView):
    template_name = "jobs/individual/follow.html"
    form_class = FollowForm
    success_message = _("You follow them now: what they publish appears in your feed.")

    def get_target(self):
        if not hasattr(self, "_target"):
            self._target = _follow_target(self.kwargs["kind"], self.kwargs["pk"])
        return self._target

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        target = self.get_target()
        context.update(target=target, title=_("Follow %(name)s") % {"name": target})
        return context

    def perform(self, form):
        return services.follow(
            self.request.user, self.get_target(), notify=form.cleaned_data["notify"]
        )

    def get_success_url(self, result):
        return reverse("individual:job_feed")


class FollowChangeView(IndividualMixin, View):
    """Switch a follow's notifications on or off, or end it (POST only)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        follow = selectors.get_follow_of(request.user, pk)
        action = request.POST.get("action")
        if action == "unfollow":
            services.unfollow(follow, actor=request.user)
            messages.success(request, _("You no longer follow them."))
        else:
            services.set_follow_notify(follow, actor=request.user, notify=action == "notify")
            messages.success(request, _("Your notification setting is saved."))
        return redirect("individual:job_feed")


urlpatterns = [
    path("resume/", ResumeView.as_view(), name="job_resume"),
    path("resume/export/", ResumeExportView.as_view(), name="job_resume_export"),
    path("resume/delete/", ResumeDeleteView.as_view(), name="job_resume_delete"),
    path("resume/<str:kind>/add/", ResumeRowAddView.as_view(), name="job_resume_row_add"),
    path(
        "resume/<str:kind>/<int:pk>/remove/",
        ResumeRowRemoveView.as_view(),
        name="job_resume_row_remove",
    ),
    path("jobs/<int:pk>/apply/", ApplyView.as_view(), name="job_apply"),
    path("jobs/suggested/", SuggestedJobsView.as_view(), name="job_suggestions"),
    path("job-applications/", ApplicationListView.as_view(), name="job_application_list"),
    path(
        "job-applications/<int:pk>/",
        ApplicationDetailView.as_view(),
        name="job_application_detail",
    ),
    path(
        "job-applications/<int:pk>/<str:action>/",
        ApplicationActionView.as_view(),
        name="job_application_action",
    ),
    path("following/", FeedView.as_view(), name="job_feed"),
    path("following/<int:pk>/", FollowChangeView.as_view(), name="follow_change"),
    path("follow/<str:kind>/<int:pk>/", FollowView.as_view(), name="follow"),
]
