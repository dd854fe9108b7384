"""The park portal's accreditation pages: the rounds it may answer, its declarations with
their materials and history, and its annual reviews."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.bases import enums, forms, selectors, services
from cloudpark.core import audit
from cloudpark.orgs import selectors as org_selectors
from cloudpark.portals.base import (
    FileDownloadView,
    ListMixin,
    ParkMixin,
    PortalPage,
    ServiceFormMixin,
)


class BasesMixin(ParkMixin):
    permission_required = "bases.view_declarations"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_declare"] = self.request.user.has_perm("bases.declare", self.organization)
        return context


class RoundListView(BasesMixin, ListMixin, TemplateView):
    """The rounds the park may answer, each with its declaration or why it may not declare."""

    template_name = "bases/park/round_list.html"
    rows_template_name = "bases/park/_round_rows.html"
    title = _("Accreditation rounds")

    def get_queryset(self):
        return selectors.rounds_for_park(self.organization)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        park = self.organization
        rounds = list(context["rows"])
        declared = selectors.live_declarations_by_round(park, rounds)
        context["rows"] = [
            (
                accreditation_round,
                declared.get(accreditation_round.pk),
                services.eligibility_problem(park, enums.RoundLevel(accreditation_round.level)),
            )
            for accreditation_round in rounds
        ]
        return context


class RoundDetailView(BasesMixin, PortalPage):
    template_name = "bases/park/round_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        accreditation_round = selectors.get_round_for_park(self.organization, self.kwargs["pk"])
        context.update(
            round=accreditation_round,
            title=accreditation_round.display_batch,
            declaration=selectors.live_declaration(self.organization, accreditation_round),
            problem=services.eligibility_problem(
                self.organization, enums.RoundLevel(accreditation_round.level)
            ),
        )
        return context


class DeclareView(BasesMixin, ServiceFormMixin, FormView):
    permission_required = "bases.declare"
    template_name = "bases/park/declaration_form.html"
    form_class = forms.DeclarationForm
    success_message = _("The declaration has been saved as a draft. Attach its materials next.")

    def dispatch(self, request, *args, **kwargs):
        self.round = None
        return super().dispatch(request, *args, **kwargs)

    def get_round(self):
        if self.round is None:
            self.round = selectors.get_round_for_park(self.organization, self.kwargs["pk"])
        return self.round

    def get_initial(self):
        park = self.organization
        return {
            "operator": park.operator,
            "area": park.area,
            "focus": park.focus,
            "enterprise_count": org_selectors.enterprises_in_care_of(park).count(),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        accreditation_round = self.get_round()
        context.update(
            round=accreditation_round,
            title=_("Declare for %(batch)s") % {"batch": accreditation_round.display_batch},
        )
        return context

    def perform(self, form):
        return services.draft_declaration(
            self.organization, self.get_round(), actor=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, result):
        return reverse("park:base_declaration_detail", args=[result.pk])


class DeclarationListView(BasesMixin, ListMixin, TemplateView):
    template_name = "bases/park/declaration_list.html"
    rows_template_name = "bases/park/_declaration_rows.html"
    title = _("Our declarations")

    def get_queryset(self):
        return selectors.declarations_of(self.organization)


class DeclarationMixin(BasesMixin):
    def get_declaration(self):
        if getattr(self, "declaration", None) is None:
            self.declaration = selectors.get_declaration_for_park(
                self.organization, self.kwargs["pk"]
            )
        return self.declaration


class DeclarationDetailView(DeclarationMixin, PortalPage):
    template_name = "bases/park/declaration_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        declaration = self.get_declaration()
        context.update(
            declaration=declaration,
            title=str(declaration.round.display_batch),
            case=selectors.case_of(declaration),
            history=audit.history_of(declaration)[:50],
            material_form=forms.MaterialForm(declaration=declaration),
        )
        return context


class DeclarationEditView(DeclarationMixin, ServiceFormMixin, FormView):
    permission_required = "bases.declare"
    template_name = "bases/park/declaration_form.html"
    form_class = forms.DeclarationForm
    success_message = _("The declaration has been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_declaration()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        declaration = self.get_declaration()
        context.update(
            round=declaration.round,
            declaration=declaration,
            title=_("Edit the declaration for %(batch)s")
            % {"batch": declaration.round.display_batch},
        )
        return context

    def perform(self, form):
        return services.update_declaration(
            self.get_declaration(), actor=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, result):
        return reverse("park:base_declaration_detail", args=[result.pk])


class MaterialUploadView(DeclarationMixin, ServiceFormMixin, FormView):
    permission_required = "bases.declare"
    template_name = "bases/park/material_form.html"
    form_class = forms.MaterialForm
    success_message = _("The file has been attached.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "declaration": self.get_declaration()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(declaration=self.get_declaration(), title=_("Attach a material"))
        return context

    def perform(self, form):
        return services.attach_material(
            self.get_declaration(),
            actor=self.request.user,
            kind=form.cleaned_data["kind"],
            uploaded=form.cleaned_data["file"],
        )

    def get_success_url(self, result):
        return reverse("park:base_declaration_detail", args=[result.declaration_id])


class MaterialDownloadView(BasesMixin, FileDownloadView):
    def get_file_object(self):
        return selectors.get_material_for_park(self.organization, self.kwargs["pk"])


class DeclarationStepView(DeclarationMixin, ServiceFormMixin, FormView):
    """A confirmation page, then one transition of the declaration."""

    permission_required = "bases.declare"
    template_name = "bases/park/declaration_confirm.html"
    form_class = forms.ConfirmForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(declaration=self.get_declaration(), step=self.step)
        return context

    def get_success_url(self, result):
        return reverse("park:base_declaration_detail", args=[result.pk])


class SubmitDeclarationView(DeclarationStepView):
    title = _("Submit the declaration")
    success_message = _("The declaration has been submitted for review.")
    step = "submit"

    def perform(self, form):
        return services.submit_declaration(self.get_declaration(), actor=self.request.user)


class WithdrawDeclarationView(DeclarationStepView):
    title = _("Withdraw the declaration")
    success_message = _("The declaration has been withdrawn. It stays on record.")
    step = "withdraw"

    def perform(self, form):
        return services.withdraw_declaration(self.get_declaration(), actor=self.request.user)


class AnnualReviewListView(BasesMixin, ListMixin, TemplateView):
    """The park's annual reviews, page by page, beside its accreditation history."""

    template_name = "bases/park/annual_list.html"
    rows_template_name = "bases/park/_annual_rows.html"
    title = _("Accreditation and annual reviews")

    def get_queryset(self):
        return selectors.annual_reviews_of(self.organization)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        park = self.organization
        context.update(
            accreditations=selectors.accreditations_of(park),
            current=selectors.current_accreditation_of(park),
        )
        return context


class AnnualReviewCreateView(BasesMixin, ServiceFormMixin, FormView):
    permission_required = "bases.declare"
    template_name = "bases/park/annual_form.html"
    form_class = forms.AnnualReviewForm
    title = _("Submit an annual review")
    success_message = _("The annual review has been submitted.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["current"] = selectors.current_accreditation_of(self.organization)
        return context

    def perform(self, form):
        return services.submit_annual_review(
            self.organization, actor=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, result):
        return reverse("park:base_annual_list")


urlpatterns = [
    path("bases/rounds/", RoundListView.as_view(), name="base_round_list"),
    path("bases/rounds/<int:pk>/", RoundDetailView.as_view(), name="base_round_detail"),
    path("bases/rounds/<int:pk>/declare/", DeclareView.as_view(), name="base_declare"),
    path("bases/declarations/", DeclarationListView.as_view(), name="base_declaration_list"),
    path(
        "bases/declarations/<int:pk>/",
        DeclarationDetailView.as_view(),
        name="base_declaration_detail",
    ),
    path(
        "bases/declarations/<int:pk>/edit/",
        DeclarationEditView.as_view(),
        name="base_declaration_edit",
    ),
    path(
        "bases/declarations/<int:pk>/materials/",
        MaterialUploadView.as_view(),
        name="base_material_upload",
    ),
    path(
        "bases/declarations/<int:pk>/submit/",
        SubmitDeclarationView.as_view(),
        name="base_declaration_submit",
    ),
    path(
        "bases/declarations/<int:pk>/withdraw/",
        WithdrawDeclarationView.as_view(),
        name="base_declaration_withdraw",
    ),
    path(
        "bases/materials/<int:pk>/", MaterialDownloadView.as_view(), name="base_material_download"
    ),
    path("bases/annual/", AnnualReviewListView.as_view(), name="base_annual_list"),
    path("bases/annual/new/", AnnualReviewCreateView.as_view(), name="base_annual_create"),
]
