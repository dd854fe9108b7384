"""The enterprise portal's drama filings: its works from the first draft of the planning
filing to the distribution licence, with the pre-check listing every problem at once."""

from django.conf import settings
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.core import audit
from cloudpark.filings import enums, forms, regime, screening, selectors, services
from cloudpark.portals import home
from cloudpark.portals.base import (
    EnterpriseMixin,
    FileDownloadView,
    ListMixin,
    Portal,
    PortalPage,
    ServiceFormMixin,
)


class FilingsMixin(EnterpriseMixin):
    permission_required = "filings.view_filings"


class FilingListView(FilingsMixin, ListMixin, TemplateView):
    template_name = "filings/enterprise/filing_list.html"
    rows_template_name = "filings/_filing_rows.html"
    title = _("Drama filings")

    def get_queryset(self):
        return selectors.planning_filings_of(self.organization)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_file"] = self.request.user.has_perm("filings.file", self.organization)
        return context


class PlanningMixin(FilingsMixin):
    def get_filing(self):
        if getattr(self, "filing", None) is None:
            self.filing = selectors.get_planning_for_enterprise(
                self.organization, self.kwargs["pk"]
            )
        return self.filing

    def get_success_url(self, result):
        return reverse("enterprise:filing_detail", args=[result.pk])


class FilingDetailView(PlanningMixin, PortalPage):
    template_name = "filings/enterprise/filing_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filing = self.get_filing()
        context.update(
            filing=filing,
            title=str(filing),
            case=filing.review_case,
            problems=services.check_planning_filing(filing) if filing.is_editable else [],
            batch=regime.batch_for(filing.submitted_on) if filing.submitted_on else None,
            releases=filing.release_filings.order_by("-created_at"),
            can_file=self.request.user.has_perm("filings.file", self.organization),
            material_form=forms.MaterialForm(),
            history=audit.history_of(filing)[:50],
        )
        return context


class FilingCreateView(PlanningMixin, ServiceFormMixin, FormView):
    permission_required = "filings.file"
    template_name = "filings/enterprise/filing_form.html"
    form_class = forms.PlanningFilingForm
    title = _("New planning filing")
    success_message = _("The draft is saved. Check it, then submit it.")

    def perform(self, form):
        return services.create_planning_filing(
            self.organization, actor=self.request.user, **form.cleaned_data
        )


class FilingEditView(PlanningMixin, ServiceFormMixin, FormView):
    permission_required = "filings.file"
    template_name = "filings/enterprise/filing_form.html"
    form_class = forms.PlanningFilingForm
    success_message = _("The filing is saved.")

    def get_initial(self):
        return forms.PlanningFilingForm.initial_for(self.get_filing())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filing=self.get_filing(), title=_("Edit %(title)s") % {"title": self.get_filing()}
        )
        return context

    def perform(self, form):
        return services.update_planning_filing(
            self.get_filing(), actor=self.request.user, **form.cleaned_data
        )


class FilingStepView(PlanningMixin, ServiceFormMixin, FormView):
    """A confirmation page, then one transition; the submission page is the pre-check."""

    permission_required = "filings.file"
    template_name = "filings/enterprise/filing_confirm.html"
    form_class = forms.ConfirmForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filing = self.get_filing()
        context.update(filing=filing, step=self.step)
        if self.step == "submit":
            problems = services.check_planning_filing(filing)
            context.update(
                problems=problems,
                blocked=any(problem.blocking for problem in problems),
                batch=regime.batch_for(timezone.localdate()),
            )
        return context


class SubmitFilingView(FilingStepView):
    title = _("Check and submit the planning filing")
    success_message = _("The filing has been submitted for review.")
    step = "submit"

    def perform(self, form):
        return services.submit_planning_filing(self.get_filing(), actor=self.request.user)


class WithdrawFilingView(FilingStepView):
    title = _("Withdraw the planning filing")
    success_message = _("The filing has been withdrawn. It stays on record.")
    step = "withdraw"

    def perform(self, form):
        return services.withdraw_planning_filing(self.get_filing(), actor=self.request.user)


class RenameFilingView(PlanningMixin, ServiceFormMixin, FormView):
    """The title is locked once approved: renaming files afresh."""

    permission_required = "filings.file"
    template_name = "filings/enterprise/filing_rename.html"
    form_class = forms.RenameForm
    success_message = _("A new planning filing under the new title is drafted; submit it.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filing=self.get_filing(), title=_("Rename %(title)s") % {"title": self.get_filing()}
        )
        return context

    def perform(self, form):
        return services.rename_planning_filing(
            self.get_filing(), actor=self.request.user, **form.cleaned_data
        )


class MaterialUploadView(PlanningMixin, ServiceFormMixin, FormView):
    permission_required = "filings.file"
    template_name = "filings/enterprise/material_form.html"
    form_class = forms.MaterialForm
    success_message = _("The file has been attached.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(filing=self.get_filing(), title=_("Attach a material"))
        return context

    def perform(self, form):
        services.attach_material(
            self.get_filing(),
            actor=self.request.user,
            name=form.cleaned_data["name"],
            uploaded=form.cleaned_data["file"],
        )
        return self.get_filing()


class MaterialDownloadView(FilingsMixin, FileDownloadView):
    def get_file_object(self):
        return selectors.get_material_for_enterprise(self.organization, self.kwargs["pk"])


class ReleaseCreateView(PlanningMixin, ServiceFormMixin, FormView):
    permission_required = "filings.file"
    template_name = "filings/enterprise/release_form.html"
    form_class = forms.ReleaseFilingForm
    success_message = _("The release filing is drafted. Check it, then submit it.")

    def get_initial(self):
        return forms.ReleaseFilingForm.initial_from_planning(self.get_filing())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filing=self.get_filing(),
            title=_("Release filing of %(title)s") % {"title": self.get_filing()},
        )
        return context

    def perform(self, form):
        return services.create_release_filing(
            self.get_filing(), actor=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, result):
        return reverse("enterprise:release_detail", args=[result.pk])


class ReleaseMixin(FilingsMixin):
    def get_release(self):
        if getattr(self, "release", None) is None:
            self.release = selectors.get_release_for_enterprise(
                self.organization, self.kwargs["pk"]
            )
        return self.release

    def get_success_url(self, result):
        return reverse("enterprise:release_detail", args=[result.pk])


class ReleaseDetailView(ReleaseMixin, PortalPage):
    template_name = "filings/enterprise/release_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        release = self.get_release()
        context.update(
            release=release,
            title=str(release),
            case=release.review_case,
            problems=services.check_release_filing(release) if release.is_editable else [],
            licence=getattr(release, "licence", None),
            can_file=self.request.user.has_perm("filings.file", self.organization),
            history=audit.history_of(release)[:50],
        )
        return context


class ReleaseEditView(ReleaseMixin, ServiceFormMixin, FormView):
    permission_required = "filings.file"
    template_name = "filings/enterprise/release_form.html"
    form_class = forms.ReleaseFilingForm
    success_message = _("The release filing is saved.")

    def get_initial(self):
        return forms.ReleaseFilingForm.initial_for(self.get_release())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(release=self.get_release(), title=_("Edit the release filing"))
        return context

    def perform(self, form):
        return services.update_release_filing(
            self.get_release(), actor=self.request.user, **form.cleaned_data
        )


class SubmitReleaseView(ReleaseMixin, ServiceFormMixin, FormView):
    permission_required = "filings.file"
    template_name = "filings/enterprise/release_confirm.html"
    form_class = forms.ConfirmForm
    title = _("Check and submit the release filing")
    success_message = _("The release filing has been submitted for review.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        problems = services.check_release_filing(self.get_release())
        context.update(
            release=self.get_release(),
            problems=problems,
            blocked=any(problem.blocking for problem in problems),
        )
        return context

    def perform(self, form):
        return services.submit_release_filing(self.get_release(), actor=self.request.user)


class ReleaseCutView(ReleaseMixin, ServiceFormMixin, FormView):
    """A cut of the finished film: the first, or a new one after a return."""

    permission_required = "filings.file"
    template_name = "filings/enterprise/cut_form.html"
    form_class = forms.CutForm
    success_message = _("The film is attached. The reviewers will watch this cut.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            release=self.get_release(),
            title=_("Attach the finished film"),
            film_max_mb=settings.FILINGS_FILM_MAX_MB,
        )
        return context

    def perform(self, form):
        screening.attach_cut(
            self.get_release(),
            actor=self.request.user,
            uploaded=form.cleaned_data["file"],
            duration=form.cleaned_data["duration"],
        )
        return self.get_release()


class ReleaseMaterialView(ReleaseMixin, ServiceFormMixin, FormView):
    """Another material of the release filing (credits, cost report, contracts...)."""

    permission_required = "filings.file"
    template_name = "filings/enterprise/release_material_form.html"
    form_class = forms.MaterialForm
    success_message = _("The file has been attached.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            release=self.get_release(),
            title=_("Attach a material"),
            material_max_mb=settings.FILINGS_MATERIAL_MAX_MB,
        )
        return context

    def perform(self, form):
        release = self.get_release()
        services.attach_material(
            release.planning,
            actor=self.request.user,
            name=form.cleaned_data["name"],
            uploaded=form.cleaned_data["file"],
            release=release,
        )
        return release


class CutDownloadView(FilingsMixin, FileDownloadView):
    def get_file_object(self):
        return selectors.get_cut_for_enterprise(self.organization, self.kwargs["pk"])


urlpatterns = [
    path("filings/", FilingListView.as_view(), name="filing_list"),
    path("filings/new/", FilingCreateView.as_view(), name="filing_create"),
    path("filings/<int:pk>/", FilingDetailView.as_view(), name="filing_detail"),
    path("filings/<int:pk>/edit/", FilingEditView.as_view(), name="filing_edit"),
    path("filings/<int:pk>/submit/", SubmitFilingView.as_view(), name="filing_submit"),
    path("filings/<int:pk>/withdraw/", WithdrawFilingView.as_view(), name="filing_withdraw"),
    path("filings/<int:pk>/rename/", RenameFilingView.as_view(), name="filing_rename"),
    path("filings/<int:pk>/materials/", MaterialUploadView.as_view(), name="filing_material"),
    path(
        "filings/materials/<int:pk>/",
        MaterialDownloadView.as_view(),
        name="filing_material_download",
    ),
    path("filings/<int:pk>/release/", ReleaseCreateView.as_view(), name="release_create"),
    path("filings/releases/<int:pk>/", ReleaseDetailView.as_view(), name="release_detail"),
    path("filings/releases/<int:pk>/edit/", ReleaseEditView.as_view(), name="release_edit"),
    path("filings/releases/<int:pk>/submit/", SubmitReleaseView.as_view(), name="release_submit"),
    path("filings/releases/<int:pk>/film/", ReleaseCutView.as_view(), name="release_cut"),
    path(
        "filings/releases/<int:pk>/materials/",
        ReleaseMaterialView.as_view(),
        name="release_material",
    ),
    path("filings/cuts/<int:pk>/", CutDownloadView.as_view(), name="filing_cut_download"),
]


def enterprise_home_panel(request, organization):
    """The enterprise's filings that await it (drafts and returned ones); nothing when none
    do."""
    if not request.user.has_perm("filings.view_filings", organization):
        return None
    awaiting = list(
        selectors.planning_filings_of(organization).filter(state__in=enums.PLANNING_EDITABLE)[:8]
    )
    return {"awaiting": awaiting} if awaiting else None


home.register(
    Portal.ENTERPRISE,
    home.Panel("filings.awaiting", "filings/enterprise/_home.html", enterprise_home_panel, 110),
)
