"""Directory pages shared by the park and government portals, and the public site's columns."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from cloudpark.core import audit, excel
from cloudpark.core.errors import DomainError
from cloudpark.orgs import imports, selectors, services
from cloudpark.orgs.privacy import personal_data_context
from cloudpark.portals import forms
from cloudpark.portals.base import ListMixin, PortalMixin, ServiceFormMixin


def enterprise_public_columns():
    return [
        (_("Name"), lambda e: e.display_name),
        (_("Unified social credit code"), lambda e: e.credit_code),
        (_("Industry category"), lambda e: str(e.category)),
        (_("Park"), lambda e: e.park.display_name if e.park else ""),
        (_("Region"), lambda e: e.region.display_name if e.region else ""),
        (_("Founded on"), lambda e: e.founded_on),
    ]


def enterprise_private_columns():
    return [
        *enterprise_public_columns(),
        (_("Registered capital (10,000 yuan)"), lambda e: e.registered_capital),
        (_("Staff"), lambda e: e.staff_count),
    ]


def export_enterprises(queryset, columns, filename):
    headers = [label for label, _getter in columns]
    rows = ([getter(e) for _label, getter in columns] for e in queryset.iterator(chunk_size=500))
    stamp = timezone.localdate().isoformat()
    return excel.workbook_response(f"{filename}-{stamp}.xlsx", _t("Enterprises"), headers, rows)


def export_parks(queryset):
    headers = [
        _("Name"),
        _("Level"),
        _("Batch"),
        _("Approved on"),
        _("Region"),
        _("Operator"),
        _("Enterprises"),
    ]
    rows = (
        [
            park.display_name,
            park.get_level_display(),
            park.display_batch,
            park.approved_on,
            park.region.display_name if park.region else "",
            park.operator,
            park.enterprise_total,
        ]
        for park in queryset
    )
    stamp = timezone.localdate().isoformat()
    return excel.workbook_response(f"parks-{stamp}.xlsx", _t("Parks"), headers, rows)


class EnterpriseListView(PortalMixin, ListMixin, TemplateView):
    permission_required = "orgs.view_enterprises"
    template_name = "portals/enterprise_list.html"
    rows_template_name = "portals/_enterprise_rows.html"
    filter_form_class = forms.EnterpriseFilterForm
    title = _("Enterprises")

    def get_filter_form_kwargs(self):
        parks = selectors.parks_in_care_of(self.organization)
        return {"parks": parks, "show_park": self.portal == "government"}

    def get_queryset(self):
        queryset = selectors.enterprises_in_care_of(self.organization).select_related(
            *selectors.ENTERPRISE_LIST_RELATED
        )
        return selectors.filter_enterprises(queryset, **self.filters()).order_by("name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_admit"] = self.request.user.has_perm(
            "orgs.admit_enterprises", self.organization
        )
        return context

    def export(self, queryset):
        return export_enterprises(queryset, enterprise_private_columns(), "enterprises")


class EnterpriseDetailView(PortalMixin, TemplateView):
    permission_required = "orgs.view_enterprises"
    template_name = "portals/enterprise_detail.html"

    def get_context_data(self, **kwargs):
        enterprise = selectors.get_enterprise_for(self.organization, self.kwargs["pk"])
        context = super().get_context_data(**kwargs)
        context.update(
            enterprise=enterprise,
            title=enterprise.display_name,
            history=audit.history_of(enterprise)[:50],
            can_release=self.request.user.has_perm("orgs.admit_enterprises", self.organization)
            and enterprise.park_id == self.organization.pk,
            **personal_data_context(self.request.user, enterprise),
        )
        return context


class ReleaseEnterpriseView(PortalMixin, ServiceFormMixin, FormView):
    """Confirmation page, then the release itself."""

    permission_required = "orgs.admit_enterprises"
    template_name = "portals/enterprise_release.html"
    form_class = forms.ReleaseForm
    success_message = _("The enterprise has left the park; its stay is kept in its history.")

    def get_enterprise(self):
        return selectors.get_enterprise_for(self.organization, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enterprise = self.get_enterprise()
        context.update(
            enterprise=enterprise, title=_("Release %(name)s") % {"name": enterprise.display_name}
        )
        return context

    def perform(self, form):
        return services.release_enterprise(
            self.get_enterprise(),
            actor=self.request.user,
            on=form.cleaned_data["left_on"],
            note=form.cleaned_data["note"],
        )

    def get_success_url(self, result):
        return reverse(f"{self.portal}:enterprise_list")


class AdmitEnterpriseView(PortalMixin, ServiceFormMixin, FormView):
    permission_required = "orgs.admit_enterprises"
    template_name = "portals/enterprise_admit.html"
    form_class = forms.AdmitForm
    title = _("Admit an enterprise")
    success_message = _("The enterprise has been admitted into the park.")

    def perform(self, form):
        return services.admit_enterprise(
            self.organization,
            form.enterprise,
            actor=self.request.user,
            on=form.cleaned_data["admitted_on"],
            note=form.cleaned_data["note"],
        )

    def get_success_url(self, result):
        return reverse(f"{self.portal}:enterprise_detail", args=[result.pk])


class ImportListView(PortalMixin, FormView):
    """Past imports, and the upload that checks a new workbook."""

    permission_required = "orgs.import_enterprises"
    template_name = "portals/import_list.html"
    form_class = forms.WorkbookUploadForm
    title = _("Import enterprises")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["imports"] = selectors.imports_of(self.organization)[:20]
        context["columns"] = imports.columns_for(self.organization)
        return context

    def form_valid(self, form):
        try:
            checked = imports.check_workbook(
                self.organization, form.cleaned_data["workbook"], actor=self.request.user
            )
        except DomainError as error:
            form.add_error("workbook", str(error))
            return self.form_invalid(form)
        return redirect(f"{self.portal}:import_detail", pk=checked.pk)


class ImportTemplateView(PortalMixin, TemplateView):
    permission_required = "orgs.import_enterprises"

    def get(self, request, *args, **kwargs):
        response = HttpResponse(
            imports.template_workbook(self.organization), content_type=excel.XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = 'attachment; filename="enterprises-template.xlsx"'
        return response


class ImportDetailView(PortalMixin, TemplateView):
    permission_required = "orgs.import_enterprises"
    template_name = "portals/import_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        checked = selectors.get_import_for(self.organization, self.kwargs["pk"])
        context.update(enterprise_import=checked, title=checked.original_name)
        return context

    def post(self, request, *args, **kwargs):
        checked = selectors.get_import_for(self.organization, self.kwargs["pk"])
        try:
            result = imports.run_import(checked, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect(f"{self.portal}:import_detail", pk=checked.pk)
        if result.status == "imported":
            count = result.row_count
            messages.success(
                request,
                ngettext("%(count)d enterprise imported.", "%(count)d enterprises imported.", count)
                % {"count": count},
            )
            return redirect(f"{self.portal}:enterprise_list")
        messages.error(request, _t("The directory changed since the check; nothing was imported."))
        return redirect(f"{self.portal}:import_detail", pk=checked.pk)


class MemberListView(PortalMixin, TemplateView):
    permission_required = "orgs.view_members"
    template_name = "portals/member_list.html"
    title = _("Members")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            members=selectors.members_of(self.organization).order_by("user__email"),
            **personal_data_context(self.request.user, self.organization),
        )
        return context
