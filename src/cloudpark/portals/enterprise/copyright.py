"""The enterprise portal's copyright register: its works with their registration fields,
help with a registration (the application and work statement, and its state), the licences
granted and the pledges recorded on its works, and the licensing requests it sent or
received."""

from django import forms as django_forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from cloudpark.copyright import enums, exports, selectors, services
from cloudpark.copyright.forms import (
    LicenceForm,
    LicensingRequestForm,
    OutcomeForm,
    PledgeForm,
    RequestMoveForm,
    WorkForm,
)
from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.portals.base import EnterpriseMixin, ListMixin, ServiceFormMixin
from cloudpark.portals.forms import FilterForm


class WorkFilterForm(FilterForm):
    category = django_forms.ChoiceField(
        choices=[("", _("All categories")), *enums.WorkCategory.choices],
        required=False,
        label=_("Category"),
    )
    registration_state = django_forms.ChoiceField(
        choices=[("", _("Any registration")), *enums.RegistrationState.choices],
        required=False,
        label=pgettext_lazy("copyright", "Registration"),
    )


class CopyrightMixin(EnterpriseMixin):
    permission_required = "copyright.view_register"

    def can_manage(self):
        return self.request.user.has_perm("copyright.manage_register", self.organization)


class ManageMixin(EnterpriseMixin):
    permission_required = "copyright.manage_register"


class WorkFormMixin(ManageMixin, ServiceFormMixin):
    """A form on one of the enterprise's works (another's is a 404): the work is looked up
    once, shown beside the form, and the person goes back to it when the form is done."""

    def find_work(self):
        return selectors.get_work_for(self.organization, self.kwargs["pk"])

    def get_work(self):
        if not hasattr(self, "_work"):
            self._work = self.find_work()
        return self._work

    def get_context_data(self, **kwargs):
        return super().get_context_data(work=self.get_work(), **kwargs)

    def get_success_url(self, result):
        return reverse("enterprise:copyright_work_detail", args=[self.get_work().pk])


class WorkListView(CopyrightMixin, ListMixin, TemplateView):
    template_name = "copyright/enterprise/work_list.html"
    rows_template_name = "copyright/enterprise/_work_rows.html"
    filter_form_class = WorkFilterForm
    title = _("Copyright register")

    def get_queryset(self):
        return selectors.filter_works(
            selectors.works_of(self.organization), **self.filters()
        ).order_by("-created_at", "-id")

    def export(self, queryset):
        return exports.export_works(queryset)


class WorkCreateView(ManageMixin, ServiceFormMixin, FormView):
    template_name = "copyright/enterprise/work_form.html"
    form_class = WorkForm
    title = _("Enter a work in the register")
    success_message = _("The work is in the register.")

    def perform(self, form):
        return services.record_work(
            self.organization, actor=self.request.user, values=form.values()
        )

    def get_success_url(self, result):
        return reverse("enterprise:copyright_work_detail", args=[result.pk])


class WorkEditView(WorkFormMixin, FormView):
    template_name = "copyright/enterprise/work_form.html"
    title = _("Edit the work")
    success_message = _("The work is saved.")

    def get_form(self, form_class=None):
        return WorkForm(**self.get_form_kwargs(), with_numbers=False)

    def get_initial(self):
        return WorkForm.initial_for(self.get_work())

    def perform(self, form):
        return services.edit_work(self.get_work(), actor=self.request.user, values=form.values())


class WorkDetailView(CopyrightMixin, TemplateView):
    template_name = "copyright/enterprise/work_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        work = selectors.get_work_for(self.organization, self.kwargs["pk"])
        context.update(
            work=work,
            title=work.display_title,
            can_manage=self.can_manage(),
            history=audit.history_of(work),
            **selectors.encumbrances_of(work),
        )
        return context


class WorkStatementView(CopyrightMixin, TemplateView):
    """The registration application and the work statement, assembled from the register,
    as a page to print and sign."""

    template_name = "copyright/enterprise/work_statement.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        work = selectors.get_work_for(self.organization, self.kwargs["pk"])
        context.update(work=work, title=_("Registration application and work statement"))
        return context


class WorkSubmitView(ManageMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        work = selectors.get_work_for(self.organization, pk)
        try:
            services.submit_registration(work, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The application is marked as submitted."))
        return redirect("enterprise:copyright_work_detail", pk=work.pk)


class WorkOfferView(ManageMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, action):
        work = selectors.get_work_for(self.organization, pk)
        try:
            services.set_offered(work, actor=request.user, offered=action == "offer")
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The public list of works offered is updated."))
        return redirect("enterprise:copyright_work_detail", pk=work.pk)


class WorkOutcomeView(WorkFormMixin, FormView):
    template_name = "copyright/enterprise/outcome_form.html"
    form_class = OutcomeForm
    title = _("Record the registration centre's answer")
    success_message = _("The registration is updated.")

    def perform(self, form):
        values = dict(form.cleaned_data)
        step = values.pop("step")
        return services.record_outcome(
            self.get_work(), step, actor=self.request.user, values=values
        )


class LicenceListView(CopyrightMixin, ListMixin, TemplateView):
    template_name = "copyright/enterprise/licence_list.html"
    rows_template_name = "copyright/enterprise/_licence_rows.html"
    title = _("Licences granted")

    def get_queryset(self):
        return selectors.licences_of(self.organization).order_by("-starts_on", "-id")


class LicenceCreateView(WorkFormMixin, FormView):
    template_name = "copyright/enterprise/licence_form.html"
    title = _("Grant a licence")
    success_message = _("The licence is in the register.")

    def get_form(self, form_class=None):
        return LicenceForm(**self.get_form_kwargs(), holder=self.organization)

    def perform(self, form):
        return services.grant_licence(
            self.get_work(), actor=self.request.user, values=form.values()
        )


class PledgeListView(CopyrightMixin, ListMixin, TemplateView):
    template_name = "copyright/enterprise/pledge_list.html"
    rows_template_name = "copyright/enterprise/_pledge_rows.html"
    title = _("Pledges")

    def get_queryset(self):
        return selectors.pledges_of(self.organization).order_by("-starts_on", "-id")


class PledgeCreateView(WorkFormMixin, FormView):
    template_name = "copyright/enterprise/pledge_form.html"
    form_class = PledgeForm
    title = _("Record a pledge")
    success_message = _("The pledge is in the register; the pledgee can verify it.")

    def perform(self, form):
        return services.pledge_work(self.get_work(), actor=self.request.user, values=form.values())


class PledgeReleaseView(ManageMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        pledge = selectors.get_pledge_for(self.organization, pk)
        services.release_pledge(pledge, actor=request.user)
        messages.success(request, _("The pledge is released."))
        return redirect("enterprise:copyright_work_detail", pk=pledge.work_id)


class RequestListView(CopyrightMixin, ListMixin, TemplateView):
    template_name = "copyright/enterprise/request_list.html"
    rows_template_name = "copyright/enterprise/_request_rows.html"
    title = _("Licensing requests")

    def get_queryset(self):
        return selectors.requests_of(self.organization).order_by("-created_at", "-id")


class RequestCreateView(WorkFormMixin, FormView):
    """Another enterprise's work that is offered for licensing: any enterprise may ask."""

    template_name = "copyright/enterprise/request_form.html"
    form_class = LicensingRequestForm
    title = _("Ask for a licence")
    success_message = _("The request is sent to the holder.")

    def find_work(self):
        return selectors.get_offered_work(self.kwargs["pk"])

    def perform(self, form):
        return services.request_licence(
            self.get_work(), self.organization, actor=self.request.user, values=form.values()
        )

    def get_success_url(self, result):
        return reverse("enterprise:copyright_request_detail", args=[result.pk])


class RequestDetailView(CopyrightMixin, ServiceFormMixin, FormView):
    """Both sides see the request; the holder's administrators move it on."""

    template_name = "copyright/enterprise/request_detail.html"
    form_class = RequestMoveForm
    success_message = _("The requesting enterprise has been told.")

    def get_request_object(self):
        return selectors.get_request_for(self.organization, self.kwargs["pk"])

    def is_holder(self, licensing_request):
        return licensing_request.work.enterprise_id == self.organization.pk

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        licensing_request = self.get_request_object()
        context.update(
            licensing_request=licensing_request,
            title=licensing_request.work.display_title,
            may_move=self.is_holder(licensing_request)
            and self.can_manage()
            and licensing_request.is_open,
            history=audit.history_of(licensing_request),
        )
        return context

    def perform(self, form):
        licensing_request = self.get_request_object()
        if not (self.is_holder(licensing_request) and self.can_manage()):
            raise DomainError(_("Only the holder's administrators move a request on."))
        values = dict(form.cleaned_data)
        step = values.pop("step")
        return services.move_request(
            licensing_request, step, actor=self.request.user, values=values
        )

    def get_success_url(self, result):
        return reverse("enterprise:copyright_request_detail", args=[result.pk])


urlpatterns = [
    path("copyright/", WorkListView.as_view(), name="copyright_work_list"),
    path("copyright/works/new/", WorkCreateView.as_view(), name="copyright_work_create"),
    path("copyright/works/<int:pk>/", WorkDetailView.as_view(), name="copyright_work_detail"),
    path("copyright/works/<int:pk>/edit/", WorkEditView.as_view(), name="copyright_work_edit"),
    path(
        "copyright/works/<int:pk>/statement/",
        WorkStatementView.as_view(),
        name="copyright_work_statement",
    ),
    path(
        "copyright/works/<int:pk>/submit/", WorkSubmitView.as_view(), name="copyright_work_submit"
    ),
    path(
        "copyright/works/<int:pk>/outcome/",
        WorkOutcomeView.as_view(),
        name="copyright_work_outcome",
    ),
    path(
        "copyright/works/<int:pk>/licensing/<str:action>/",
        WorkOfferView.as_view(),
        name="copyright_work_offer",
    ),
    path(
        "copyright/works/<int:pk>/licences/new/",
        LicenceCreateView.as_view(),
        name="copyright_licence_create",
    ),
    path(
        "copyright/works/<int:pk>/pledges/new/",
        PledgeCreateView.as_view(),
        name="copyright_pledge_create",
    ),
    path(
        "copyright/works/<int:pk>/request/",
        RequestCreateView.as_view(),
        name="copyright_request_create",
    ),
    path("copyright/licences/", LicenceListView.as_view(), name="copyright_licence_list"),
    path("copyright/pledges/", PledgeListView.as_view(), name="copyright_pledge_list"),
    path(
        "copyright/pledges/<int:pk>/release/",
        PledgeReleaseView.as_view(),
        name="copyright_pledge_release",
    ),
    path("copyright/requests/", RequestListView.as_view(), name="copyright_request_list"),
    path(
        "copyright/requests/<int:pk>/",
        RequestDetailView.as_view(),
        name="copyright_request_detail",
    ),
]
