"""The public site's policies, programme catalogue and public notices."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.core.errors import DomainError
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.portals.base import FileDownloadView, ListMixin, add_domain_error
from cloudpark.portals.shared.programs import PolicyFilterForm, ProgrammeFilterForm
from cloudpark.programs import selectors, services
from cloudpark.programs.forms import ObjectionForm


class ProgrammeListView(ListMixin, TemplateView):
    template_name = "programs/public/programme_list.html"
    rows_template_name = "programs/public/_programme_rows.html"
    filter_form_class = ProgrammeFilterForm
    paginate_by = 20

    def get_filter_form_kwargs(self):
        return {"issuers": selectors.issuers_of_published_programmes()}

    def get_queryset(self):
        return selectors.catalogue_order(
            selectors.filter_programmes(selectors.published_programmes(), **self.filters())
        )


class ProgrammeDetailView(TemplateView):
    template_name = "programs/public/programme_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = selectors.get_public_programme(self.kwargs["pk"])
        notice = selectors.notice_of(programme)
        context.update(
            programme=programme,
            requirements=selectors.requirements_of(programme),
            notice=notice if notice and notice.state in selectors.PUBLIC_NOTICE_STATES else None,
            acts_for_enterprise=any(
                membership.organization.kind == org_enums.OrganizationKind.ENTERPRISE
                for membership in org_selectors.memberships_of(self.request.user)
            ),
        )
        return context


class PolicyListView(ListMixin, TemplateView):
    template_name = "programs/public/policy_list.html"
    rows_template_name = "programs/public/_policy_rows.html"
    filter_form_class = PolicyFilterForm

    def get_queryset(self):
        return selectors.filter_policies(selectors.public_policies(), **self.filters()).order_by(
            "-issued_on", "-pk"
        )


class PolicyDetailView(TemplateView):
    template_name = "programs/public/policy_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = selectors.get_public_policy(self.kwargs["pk"])
        context.update(policy=policy, programmes=selectors.programmes_of_policy(policy))
        return context


class AttachmentDownloadView(FileDownloadView):
    def get_file_object(self):
        return selectors.get_public_attachment(self.kwargs["pk"])


class NoticeListView(ListMixin, TemplateView):
    template_name = "programs/public/notice_list.html"
    rows_template_name = "programs/public/_notice_rows.html"

    def get_queryset(self):
        return selectors.public_notices().order_by("-published_at", "-pk")


class NoticeDetailView(TemplateView):
    """The notice and its list; anyone may object while it is open (POST)."""

    template_name = "programs/public/notice_detail.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        notice = selectors.get_public_notice(self.kwargs["pk"])
        objections = list(notice.objections.all())
        context.update(
            notice=notice,
            answered=[objection for objection in objections if objection.is_answered],
            unanswered_total=sum(1 for objection in objections if not objection.is_answered),
            form=form or (ObjectionForm() if notice.takes_objections else None),
        )
        return context

    def post(self, request, *args, **kwargs):
        notice = selectors.get_public_notice(self.kwargs["pk"])
        form = ObjectionForm(request.POST)
        if form.is_valid():
            try:
                services.record_objection(
                    notice,
                    text=form.cleaned_data["text"],
                    name=form.cleaned_data["name"],
                    contact=form.cleaned_data["contact"],
                    actor=request.user,
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request, _("Your objection is recorded. The answer will be published here.")
                )
                return redirect("public:notice_detail", pk=notice.pk)
        return self.render_to_response(self.get_context_data(form=form))


urlpatterns = [
    path("programmes/", ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/<int:pk>/", ProgrammeDetailView.as_view(), name="programme_detail"),
    path("policies/", PolicyListView.as_view(), name="policy_list"),
    path("policies/<int:pk>/", PolicyDetailView.as_view(), name="policy_detail"),
    path(
        "policy-attachments/<int:pk>/",
        AttachmentDownloadView.as_view(),
        name="policy_attachment",
    ),
    path("notices/", NoticeListView.as_view(), name="notice_list"),
    path("notices/<int:pk>/", NoticeDetailView.as_view(), name="notice_detail"),
]
