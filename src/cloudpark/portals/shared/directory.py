"""Directory pages mounted in several portals: the enterprises in an organisation's care
with their imports (park and government), and an organisation's members (every
organisation's portal); with the directory's list filters, which the public site uses too."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from cloudpark.core import audit, excel
from cloudpark.core.errors import DomainError
from cloudpark.core.forms import IdChoiceField
from cloudpark.orgs import enums, exports, imports, selectors
from cloudpark.orgs.forms import (
    CategoryChoiceField,
    RegionChoiceField,
    WorkbookUploadForm,
    regions_in_use,
)
from cloudpark.orgs.models import IndustryCategory, Park, Region
from cloudpark.orgs.privacy import personal_data_context
from cloudpark.portals.base import ListMixin, PortalMixin
from cloudpark.portals.forms import FilterForm, SearchField


class EnterpriseFilterForm(FilterForm):
    q = SearchField()
    park = IdChoiceField(
        queryset=Park.objects.none(), required=False, label=_("Park"), empty_label=_("All parks")
    )
    category = CategoryChoiceField(
        queryset=IndustryCategory.objects.all(),
        required=False,
        label=_("Industry category"),
        empty_label=_("All categories"),
    )
    region = RegionChoiceField(
        queryset=Region.objects.none(),
        required=False,
        label=_("Region"),
        empty_label=_("All regions"),
    )

    def __init__(self, *args, parks=None, show_park=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_in_use()
        if show_park:
            self.fields["park"].queryset = parks if parks is not None else Park.objects.all()
        else:
            del self.fields["park"]


class ParkFilterForm(FilterForm):
    q = SearchField()
    level = forms.ChoiceField(
        choices=[("", _("All levels")), *enums.ParkLevel.choices],
        required=False,
        label=_("Level"),
    )
    region = RegionChoiceField(
        queryset=Region.objects.none(),
        required=False,
        label=_("Region"),
        empty_label=_("All regions"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_in_use()


class EnterpriseListView(PortalMixin, ListMixin, TemplateView):
    permission_required = "orgs.view_enterprises"
    template_name = "orgs/enterprise_list.html"
    rows_template_name = "orgs/_enterprise_rows.html"
    filter_form_class = EnterpriseFilterForm
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
        return exports.export_enterprises(queryset, exports.enterprise_private_columns())


class EnterpriseDetailView(PortalMixin, TemplateView):
    permission_required = "orgs.view_enterprises"
    template_name = "orgs/enterprise_detail.html"

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


class ImportListView(PortalMixin, FormView):
    """Past imports, and the upload that checks a new workbook."""

    permission_required = "orgs.import_enterprises"
    template_name = "orgs/import_list.html"
    form_class = WorkbookUploadForm
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
            # Whatever the check refuses, it refuses the workbook.
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
    template_name = "orgs/import_detail.html"

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
    template_name = "orgs/member_list.html"
    title = _("Members")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            members=selectors.members_of(self.organization).order_by("user__email"),
            **personal_data_context(self.request.user, self.organization),
        )
        return context


def urlpatterns_for(portal):
    """The enterprises in the organisation's care, their imports, and its members."""
    return [
        path("enterprises/", EnterpriseListView.as_view(portal=portal), name="enterprise_list"),
        path(
            "enterprises/<int:pk>/",
            EnterpriseDetailView.as_view(portal=portal),
            name="enterprise_detail",
        ),
        path("imports/", ImportListView.as_view(portal=portal), name="import_list"),
        path(
            "imports/template.xlsx",
            ImportTemplateView.as_view(portal=portal),
            name="import_template",
        ),
        path("imports/<int:pk>/", ImportDetailView.as_view(portal=portal), name="import_detail"),
        *member_urlpatterns_for(portal),
    ]


def member_urlpatterns_for(portal):
    """The organisation's members, for a portal that keeps no directory of its own."""
    return [path("members/", MemberListView.as_view(portal=portal), name="members")]
