"""The enterprise portal's jobs: its postings from draft to closed, the applications with the
candidates masked until they accept an interview, suggested candidates with the reasons, and
the applications in Excel."""

from django import forms as django_forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.jobs import enums, exports, selectors, services
from cloudpark.jobs.forms import ApplicationMoveForm, PostingForm
from cloudpark.portals.base import EnterpriseMixin, ListMixin, ServiceFormMixin
from cloudpark.portals.forms import FilterForm, SearchField
from cloudpark.reviews import selectors as review_selectors


class PostingFilterForm(FilterForm):
    q = SearchField()
    state = django_forms.ChoiceField(
        choices=[("", _("All states")), *enums.PostingState.choices],
        required=False,
        label=_("State"),
    )


class PostingListView(EnterpriseMixin, ListMixin, TemplateView):
    permission_required = "jobs.view_postings"
    template_name = "jobs/enterprise/posting_list.html"
    rows_template_name = "jobs/enterprise/_posting_rows.html"
    filter_form_class = PostingFilterForm
    title = _("Job postings")

    def get_queryset(self):
        filters = self.filters()
        postings = selectors.postings_of(self.organization)
        if filters.get("state"):
            postings = postings.filter(state=filters["state"])
        if filters.get("query"):
            postings = selectors.filter_postings(postings, query=filters["query"])
        return postings.order_by("-created_at", "-id")


class PostingFormView(EnterpriseMixin, ServiceFormMixin, FormView):
    permission_required = "jobs.manage_postings"
    template_name = "jobs/enterprise/posting_form.html"
    form_class = PostingForm

    def get_success_url(self, result):
        return reverse("enterprise:job_posting_detail", args=[result.pk])


class PostingCreateView(PostingFormView):
    title = _("New job posting")
    success_message = _("The posting is saved as a draft. Publish it when it is ready.")

    def perform(self, form):
        return services.create_posting(
            self.organization, actor=self.request.user, values=form.values()
        )


class PostingEditView(PostingFormView):
    title = _("Edit the job posting")
    success_message = _("The posting is saved.")

    def get_posting(self):
        return selectors.get_posting_for(self.organization, self.kwargs["pk"])

    def get_initial(self):
        return PostingForm.initial_for(self.get_posting())

    def perform(self, form):
        return services.update_posting(
            self.get_posting(), actor=self.request.user, values=form.values()
        )


class PostingDetailView(EnterpriseMixin, TemplateView):
    permission_required = "jobs.view_postings"
    template_name = "jobs/enterprise/posting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        posting = selectors.get_posting_for(self.organization, self.kwargs["pk"])
        applications = list(selectors.applications_to(self.organization).filter(posting=posting))
        can_manage = self.request.user.has_perm("jobs.manage_postings", self.organization)
        case = services.case_of(posting)
        context.update(
            posting=posting,
            case=case,
            decisions=list(review_selectors.decisions_of(case)) if case is not None else [],
            title=posting.title,
            applications=applications,
            can_manage=can_manage,
            candidates=selectors.suggested_candidates(posting) if posting.is_open else [],
            history=audit.history_of(posting),
        )
        return context


class PostingActionView(EnterpriseMixin, View):
    """Publish or close a posting (POST only)."""

    permission_required = "jobs.manage_postings"
    http_method_names = ["post"]
    ACTIONS = {
        "publish": (services.publish_posting, _("The posting is published or sent for review.")),
        "close": (services.close_posting, _("The posting is closed.")),
    }

    def post(self, request, pk, action):
        posting = selectors.get_posting_for(self.organization, pk)
        service, message = self.ACTIONS[action]
        try:
            service(posting, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, message)
        return redirect("enterprise:job_posting_detail", pk=posting.pk)


class ApplicationFilterForm(FilterForm):
    state = django_forms.ChoiceField(
        choices=[("", _("All states")), *enums.ApplicationState.choices],
        required=False,
        label=_("State"),
    )


class ApplicationListView(EnterpriseMixin, ListMixin, TemplateView):
    permission_required = "jobs.manage_applications"
    template_name = "jobs/enterprise/application_list.html"
    rows_template_name = "jobs/enterprise/_application_rows.html"
    filter_form_class = ApplicationFilterForm
    title = _("Job applications")

    def get_queryset(self):
        return selectors.filter_applications(
            selectors.applications_to(self.organization), **self.filters()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["rows"])
        profiles = selectors.profiles_by_user(rows)
        context["rows"] = [
            (
                application,
                selectors.masked_contact(application.resume),
                selectors.match_reasons(application, profiles),
            )
            for application in rows
        ]
        return context

    def export(self, queryset):
        return exports.export_applications(queryset)


class ApplicationDetailView(EnterpriseMixin, TemplateView):
    """Opening an application marks it viewed. The contact shows, and the showing is audited,
    only once the candidate has accepted an interview."""

    permission_required = "jobs.manage_applications"
    template_name = "jobs/enterprise/application_detail.html"

    def get_application(self):
        return selectors.get_application_for(self.organization, self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        services.mark_viewed(self.get_application(), actor=request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        contact = None
        if application.contact_revealable:
            contact = services.reveal_contact(application, actor=self.request.user)
        profiles = selectors.profiles_by_user([application])
        context.update(
            application=application,
            posting=application.posting,
            title=application.posting.title,
            resume=application.resume,
            contact=contact,
            masked=selectors.masked_contact(application.resume),
            reasons=selectors.match_reasons(application, profiles),
            move_form=kwargs.get("move_form") or ApplicationMoveForm(),
            history=audit.history_of(application),
        )
        return context


class ApplicationMoveView(EnterpriseMixin, FormView):
    permission_required = "jobs.manage_applications"
    http_method_names = ["post"]
    form_class = ApplicationMoveForm

    def form_valid(self, form):
        application = selectors.get_application_for(self.organization, self.kwargs["pk"])
        try:
            services.move_application(
                application,
                form.cleaned_data["target"],
                actor=self.request.user,
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            messages.error(self.request, str(error))
        else:
            messages.success(self.request, _("The candidate has been told."))
        return redirect("enterprise:job_application_detail", pk=application.pk)

    def form_invalid(self, form):
        messages.error(self.request, _("Choose the next step."))
        return redirect("enterprise:job_application_detail", pk=self.kwargs["pk"])


urlpatterns = [
    path("jobs/", PostingListView.as_view(), name="job_posting_list"),
    path("jobs/new/", PostingCreateView.as_view(), name="job_posting_create"),
    path("jobs/<int:pk>/", PostingDetailView.as_view(), name="job_posting_detail"),
    path("jobs/<int:pk>/edit/", PostingEditView.as_view(), name="job_posting_edit"),
    path(
        "jobs/<int:pk>/<str:action>/",
        PostingActionView.as_view(),
        name="job_posting_action",
    ),
    path("job-applications/", ApplicationListView.as_view(), name="job_application_list"),
    path(
        "job-applications/<int:pk>/",
        ApplicationDetailView.as_view(),
        name="job_application_detail",
    ),
    path(
        "job-applications/<int:pk>/move/",
        ApplicationMoveView.as_view(),
        name="job_application_move",
    ),
]
