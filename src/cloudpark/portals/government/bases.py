"""The government portal's accreditation pages: rounds and their declarations (with the Excel
export), annual reviews to decide, and a base's accreditation with its revocation.

Reviewing a declaration happens in the shared review room (``portals/shared/reviews.py``); these
pages link to it."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.bases import enums, exports, forms, selectors, services
from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.orgs import selectors as org_selectors
from cloudpark.portals.base import (
    FileDownloadView,
    GovernmentMixin,
    ListMixin,
    PortalPage,
    ServiceFormMixin,
    add_domain_error,
)
from cloudpark.reviews import selectors as review_selectors


class BasesMixin(GovernmentMixin):
    permission_required = "bases.view_rounds"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            can_manage_rounds=user.has_perm("bases.manage_rounds", self.organization),
            can_decide=user.has_perm("bases.decide_annual_reviews", self.organization),
            can_revoke=user.has_perm("bases.revoke", self.organization),
        )
        return context


class RoundListView(BasesMixin, ListMixin, TemplateView):
    template_name = "bases/government/round_list.html"
    rows_template_name = "bases/government/_round_rows.html"
    title = _("Accreditation rounds")

    def get_queryset(self):
        return selectors.rounds_of(self.organization)


def _round_values(form):
    return {field: form.cleaned_data[field] for field in services.ROUND_FIELDS}


class RoundCreateView(BasesMixin, ServiceFormMixin, FormView):
    permission_required = "bases.manage_rounds"
    template_name = "bases/government/round_form.html"
    form_class = forms.RoundForm
    title = _("Open an accreditation round")
    success_message = _("The round is open; the parks in your care have been told.")

    def perform(self, form):
        return services.open_round(
            organiser=self.organization,
            actor=self.request.user,
            level=form.cleaned_data["level"],
            **_round_values(form),
        )

    def get_success_url(self, result):
        return reverse("government:base_round_detail", args=[result.pk])


class RoundMixin(BasesMixin):
    def get_round(self):
        if getattr(self, "round", None) is None:
            self.round = selectors.get_round_for_government(self.organization, self.kwargs["pk"])
        return self.round


class RoundDetailView(RoundMixin, ListMixin, TemplateView):
    """The round and its declarations; ``?format=xlsx`` exports them with their outcomes."""

    template_name = "bases/government/round_detail.html"
    rows_template_name = "bases/government/_declaration_rows.html"
    paginate_by = 50

    def get_queryset(self):
        return selectors.declarations_in_round(self.get_round())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        accreditation_round = self.get_round()
        context.update(
            round=accreditation_round,
            title=accreditation_round.display_batch,
            history=audit.history_of(accreditation_round)[:20],
        )
        return context

    def export(self, queryset):
        return exports.export_declarations(self.get_round(), queryset)


class RoundEditView(RoundMixin, ServiceFormMixin, FormView):
    permission_required = "bases.manage_rounds"
    template_name = "bases/government/round_form.html"
    form_class = forms.RoundForm
    success_message = _("The round has been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_round(), "editing": True}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(round=self.get_round(), title=_("Edit the round"))
        return context

    def perform(self, form):
        return services.update_round(
            self.get_round(), actor=self.request.user, **_round_values(form)
        )

    def get_success_url(self, result):
        return reverse("government:base_round_detail", args=[result.pk])


class RoundDeleteView(RoundMixin, ServiceFormMixin, FormView):
    permission_required = "bases.manage_rounds"
    template_name = "bases/government/round_delete.html"
    form_class = forms.ConfirmForm
    success_message = _("The round has been deleted.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(round=self.get_round(), title=_("Delete the round"))
        return context

    def perform(self, form):
        return services.delete_round(self.get_round(), actor=self.request.user)

    def get_success_url(self, result):
        return reverse("government:base_round_list")


class DeclarationDetailView(BasesMixin, PortalPage):
    template_name = "bases/government/declaration_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        declaration = selectors.get_declaration_for_government(self.organization, self.kwargs["pk"])
        case = selectors.case_of(declaration)
        visible = (
            case is not None
            and review_selectors.cases_visible_to(self.organization).filter(pk=case.pk).exists()
        )
        context.update(
            declaration=declaration,
            subject=declaration,
            case=case,
            case_visible=visible,
            title=str(declaration.park.display_name),
            history=audit.history_of(declaration)[:50],
        )
        return context


class MaterialDownloadView(BasesMixin, FileDownloadView):
    def get_file_object(self):
        return selectors.get_material_for_government(self.organization, self.kwargs["pk"])


class AnnualReviewListView(BasesMixin, ListMixin, TemplateView):
    template_name = "bases/government/annual_list.html"
    rows_template_name = "bases/government/_annual_rows.html"
    title = _("Annual reviews of bases")

    def get_queryset(self):
        return selectors.annual_reviews_for(self.organization)


class AnnualReviewDetailView(BasesMixin, PortalPage):
    """The figures a base submitted; POST records the outcome."""

    template_name = "bases/government/annual_detail.html"

    def get_review(self):
        return selectors.get_annual_review_for_government(self.organization, self.kwargs["pk"])

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.review
        context.update(
            review=review,
            title=_("%(park)s: annual review %(year)s")
            % {"park": review.park.display_name, "year": review.year},
            history=audit.history_of(review)[:20],
            form=form or forms.AnnualDecisionForm(),
        )
        return context

    def get(self, request, *args, **kwargs):
        self.review = self.get_review()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.review = self.get_review()
        if not request.user.has_perm("bases.decide_annual_reviews", self.organization):
            raise PermissionDenied
        form = forms.AnnualDecisionForm(request.POST)
        if form.is_valid():
            try:
                services.decide_annual_review(self.review, actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The outcome has been recorded."))
                return redirect("government:base_annual_detail", pk=self.review.pk)
        return self.render_to_response(self.get_context_data(form=form))


class BaseDetailView(BasesMixin, ListMixin, TemplateView):
    """A park's accreditation: its history, its annual reviews and, page by page, its
    declarations that the body organised or reviewed."""

    template_name = "bases/government/base_detail.html"
    rows_template_name = "bases/government/_base_declaration_rows.html"

    def get_park(self):
        if getattr(self, "park", None) is None:
            self.park = org_selectors.get_park_for(self.organization, self.kwargs["pk"])
        return self.park

    def get_queryset(self):
        return selectors.declarations_visible_to(self.organization).filter(park=self.get_park())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        park = self.get_park()
        accreditations = list(selectors.accreditations_of(park))
        current = [accreditation for accreditation in accreditations if accreditation.is_current]
        context.update(
            park=park,
            title=park.display_name,
            accreditations=accreditations,
            may_end=bool(current)
            and all(
                rules.test_rule("bases.end_accreditation", self.organization, accreditation)
                for accreditation in current
            ),
            reviews=selectors.annual_reviews_of(park),
        )
        return context


class EndAccreditationView(BasesMixin, ServiceFormMixin, FormView):
    """The confirmation page of a revocation or an exit."""

    permission_required = "bases.revoke"
    template_name = "bases/government/end_accreditation.html"
    form_class = forms.EndAccreditationForm
    success_message = _("The accreditation has ended. It stays in the base's history.")

    def get_park(self):
        return org_selectors.get_park_for(self.organization, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        park = self.get_park()
        context.update(
            park=park,
            current=selectors.accreditations_of(park).filter(ended_on__isnull=True),
            title=_("End the accreditation of %(park)s") % {"park": park.display_name},
        )
        return context

    def perform(self, form):
        park = self.get_park()
        services.end_accreditation(
            park,
            government=self.organization,
            actor=self.request.user,
            end=enums.AccreditationEnd(form.cleaned_data["end"]),
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"],
        )
        return park

    def get_success_url(self, result):
        return reverse("government:base_detail", args=[result.pk])


urlpatterns = [
    path("bases/rounds/", RoundListView.as_view(), name="base_round_list"),
    path("bases/rounds/new/", RoundCreateView.as_view(), name="base_round_create"),
    path("bases/rounds/<int:pk>/", RoundDetailView.as_view(), name="base_round_detail"),
    path("bases/rounds/<int:pk>/edit/", RoundEditView.as_view(), name="base_round_edit"),
    path("bases/rounds/<int:pk>/delete/", RoundDeleteView.as_view(), name="base_round_delete"),
    path(
        "bases/declarations/<int:pk>/",
        DeclarationDetailView.as_view(),
        name="base_declaration_detail",
    ),
    path(
        "bases/materials/<int:pk>/", MaterialDownloadView.as_view(), name="base_material_download"
    ),
    path("bases/annual/", AnnualReviewListView.as_view(), name="base_annual_list"),
    path("bases/annual/<int:pk>/", AnnualReviewDetailView.as_view(), name="base_annual_detail"),
    path("bases/parks/<int:pk>/", BaseDetailView.as_view(), name="base_detail"),
    path("bases/parks/<int:pk>/end/", EndAccreditationView.as_view(), name="base_end"),
]
