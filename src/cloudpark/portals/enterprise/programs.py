"""The enterprise portal's programmes: which ones the enterprise qualifies for and why, and its
applications from the first draft to the decision."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.core.errors import DomainError
from cloudpark.portals.base import EnterpriseMixin, ListMixin, Portal, ServiceFormMixin
from cloudpark.portals.shared import programs as shared
from cloudpark.portals.shared.programs import EnterpriseProgrammeFilterForm
from cloudpark.programs import questions, selectors, services
from cloudpark.programs.forms import ApplicationForm, MaterialUploadForm
from cloudpark.programs.models import Invitation


class ProgrammeListView(EnterpriseMixin, ListMixin, TemplateView):
    """Every published programme, with whether the enterprise qualifies and why not."""

    permission_required = "programs.browse_programmes"
    template_name = "programs/enterprise/programme_list.html"
    rows_template_name = "programs/enterprise/_programme_rows.html"
    filter_form_class = EnterpriseProgrammeFilterForm
    title = _("Support programmes")
    paginate_by = 20

    def get_filter_form_kwargs(self):
        return {"issuers": selectors.issuers_of_published_programmes()}

    def get_queryset(self):
        filters = self.filters()
        qualified_only = filters.pop("qualified_only", False)
        programmes = selectors.catalogue_order(
            selectors.filter_programmes(selectors.published_programmes(), **filters)
        ).prefetch_related(selectors.RULES)
        results = selectors.eligibility_for_programmes(self.organization, programmes)
        if qualified_only:
            results = [(p, result) for p, result in results if result.qualifies]
        return results

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["applications"] = selectors.live_applications_by_programme(self.organization)
        return context


class ProgrammeDetailView(EnterpriseMixin, TemplateView):
    permission_required = "programs.browse_programmes"
    template_name = "programs/enterprise/programme_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = selectors.get_public_programme(self.kwargs["pk"])
        context.update(
            programme=programme,
            title=programme.display_title,
            eligibility=selectors.eligibility_of(self.organization, programme),
            application=selectors.live_application(self.organization, programme),
            invitation=Invitation.objects.filter(
                programme=programme, enterprise=self.organization
            ).first(),
            can_apply=self.request.user.has_perm("programs.apply", self.organization),
        )
        return context


class ApplicationFormMixin(ServiceFormMixin):
    """A form of the programme's questions; a service's error lands on its question."""

    form_class = ApplicationForm
    template_name = "programs/enterprise/application_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.get_programme()}

    def get_success_url(self, result):
        return reverse("enterprise:application_detail", args=[result.pk])


class ApplicationCreateView(EnterpriseMixin, ApplicationFormMixin, FormView):
    permission_required = "programs.apply"
    success_message = _("The draft is saved. Upload the materials, then submit it.")

    def get_programme(self):
        if not hasattr(self, "_programme"):
            self._programme = selectors.get_public_programme(self.kwargs["pk"])
        return self._programme

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.get_programme()
        context.update(
            programme=programme,
            title=_("Apply: %(programme)s") % {"programme": programme.display_title},
            existing=selectors.live_application(self.organization, programme),
        )
        return context

    def perform(self, form):
        return services.draft_application(
            self.get_programme(),
            self.organization,
            actor=self.request.user,
            requested_amount=form.cleaned_data.get("requested_amount"),
            answers=form.answers(),
        )


class ApplicationObjectMixin(shared.ApplicationMixin):
    """An application of this enterprise; the permission is asked of the application."""

    def get_permission_object(self):
        return self.get_application()

    def get_programme(self):
        return self.get_application().programme


class ApplicationEditView(ApplicationObjectMixin, EnterpriseMixin, ApplicationFormMixin, FormView):
    permission_required = "programs.edit_application"
    success_message = _("The application is saved.")

    def get_initial(self):
        return ApplicationForm.initial_for(self.get_application())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        context.update(
            application=application,
            programme=application.programme,
            title=_("Edit the application: %(programme)s")
            % {"programme": application.programme.display_title},
        )
        return context

    def perform(self, form):
        return services.update_application(
            self.get_application(),
            actor=self.request.user,
            requested_amount=form.cleaned_data.get("requested_amount"),
            answers=form.answers(),
        )


class ApplicationDetailView(EnterpriseMixin, shared.ApplicationDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        user = self.request.user
        # The buttons show the steps the state allows; the services refuse the others.
        context.update(
            can_edit=application.is_editable
            and user.has_perm("programs.edit_application", application),
            can_withdraw=application.can_be_withdrawn
            and user.has_perm("programs.withdraw_application", application),
        )
        return context


class MaterialUploadView(ApplicationObjectMixin, EnterpriseMixin, ServiceFormMixin, FormView):
    permission_required = "programs.edit_application"
    template_name = "programs/enterprise/materials.html"
    form_class = MaterialUploadForm
    success_message = _("The file is uploaded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.get_programme()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        provided = {material.key: material for material in application.materials.all()}
        context.update(
            application=application,
            title=_("Materials: %(programme)s")
            % {"programme": application.programme.display_title},
            materials=[
                (item, provided.get(item["key"])) for item in application.programme.materials
            ],
        )
        return context

    def perform(self, form):
        return services.upload_material(
            self.get_application(),
            actor=self.request.user,
            key=form.cleaned_data["key"],
            uploaded=form.cleaned_data["file"],
        )

    def get_success_url(self, result):
        return reverse("enterprise:application_materials", args=[self.get_application().pk])


class ApplicationActionView(ApplicationObjectMixin, EnterpriseMixin, TemplateView):
    """A confirmation page; POST takes the step through one service."""

    def service(self, application):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            self.service(self.get_application())
        except DomainError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(error=str(error)))
        messages.success(request, self.success_message)
        return redirect("enterprise:application_detail", pk=self.get_application().pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        context.update(application=application, title=self.title_for(application))
        return context


class ApplicationSubmitView(ApplicationActionView):
    permission_required = "programs.submit_application"
    template_name = "programs/enterprise/application_submit.html"
    success_message = _("The application is submitted. You will be told of each step.")

    def title_for(self, application):
        return _("Submit: %(programme)s") % {"programme": application.programme.display_title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        programme = application.programme
        context.update(
            missing_answers=questions.missing_answers(programme.form_fields, application.answers),
            missing_materials=questions.missing_materials(
                programme.required_materials, [m.key for m in application.materials.all()]
            ),
            needs_amount=programme.budget > 0 and application.requested_amount is None,
            eligibility=selectors.eligibility_of(application.enterprise, programme),
        )
        return context

    def service(self, application):
        return services.submit_application(application, actor=self.request.user)


class ApplicationWithdrawView(ApplicationActionView):
    permission_required = "programs.withdraw_application"
    template_name = "programs/enterprise/application_withdraw.html"
    success_message = _("The application is withdrawn.")

    def title_for(self, application):
        return _("Withdraw: %(programme)s") % {"programme": application.programme.display_title}

    def service(self, application):
        return services.withdraw_application(application, actor=self.request.user)


urlpatterns = [
    path("programmes/", ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/<int:pk>/", ProgrammeDetailView.as_view(), name="programme_detail"),
    path("programmes/<int:pk>/apply/", ApplicationCreateView.as_view(), name="application_create"),
    path(
        "applications/",
        shared.ApplicationListView.as_view(
            portal=Portal.ENTERPRISE, title=_("Our applications"), exportable=False
        ),
        name="application_list",
    ),
    path("applications/<int:pk>/", ApplicationDetailView.as_view(), name="application_detail"),
    path("applications/<int:pk>/edit/", ApplicationEditView.as_view(), name="application_edit"),
    path(
        "applications/<int:pk>/materials/",
        MaterialUploadView.as_view(),
        name="application_materials",
    ),
    *shared.material_urlpatterns_for(Portal.ENTERPRISE),
    path(
        "applications/<int:pk>/submit/", ApplicationSubmitView.as_view(), name="application_submit"
    ),
    path(
        "applications/<int:pk>/withdraw/",
        ApplicationWithdrawView.as_view(),
        name="application_withdraw",
    ),
]
