"""Directory pages mounted in several portals: the enterprises in an organisation's care
with their imports (park and government), and an organisation's members (every
organisation's portal); with the directory's list filters, which the public site uses too."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from cloudpark.accounts import services as account_services
from cloudpark.core import audit, excel, search
from cloudpark.core.errors import DomainError
from cloudpark.core.forms import IdChoiceField
from cloudpark.orgs import choices, enums, exports, imports, selectors, services
from cloudpark.orgs.forms import (
    CategoryChoiceField,
    MemberChangeForm,
    MemberInviteForm,
    RegionChoiceField,
    WorkbookUploadForm,
    regions_in_use,
)
from cloudpark.orgs.models import IndustryCategory, Park, Region
from cloudpark.orgs.privacy import personal_data_context
from cloudpark.portals.base import (
    ACTIVE_MEMBERSHIP_SESSION_KEY,
    COUNT_CAP,
    PORTAL_HOME,
    IndividualMixin,
    ListMixin,
    PortalMixin,
    ProgressPollMixin,
    QueuedExportMixin,
    ServiceFormMixin,
    portal_of,
)
from cloudpark.portals.forms import FilterForm, SearchField, use_choices


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

    def __init__(self, *args, parks=None, show_park=True, park_scope="all", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_in_use()
        use_choices(self.fields["region"], region_choices())
        use_choices(
            self.fields["category"],
            choices.cached_choices(
                "categories",
                IndustryCategory.objects.order_by("code"),
                self.fields["category"].label_from_instance,
            ),
        )
        if show_park:
            field = self.fields["park"]
            field.queryset = parks if parks is not None else Park.objects.all()
            use_choices(field, selectors.park_choices(field.queryset, park_scope))
        else:
            del self.fields["park"]


def region_choices():
    field = RegionChoiceField(queryset=Region.objects.none())
    return choices.cached_choices("regions", regions_in_use(), field.label_from_instance)


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
        use_choices(self.fields["region"], region_choices())


class SearchedDirectoryMixin:
    """An enterprise list (``ListMixin``, keyset) that, searched, shows the most relevant
    matches in the organisation's care (none: the public directory) first
    (``selectors.directory_search``); its export still holds every match, in name order.
    Its rows are read without their related rows and named from the kept names
    (``selectors.name_list_rows``)."""

    def ranked(self):
        filters = self.filters()
        query = filters.pop("query", "")
        if not search.query_terms(query):
            return None
        return selectors.directory_search(
            getattr(self, "organization", None), query=query, **filters
        )

    def ranked_rows(self, ids):
        return selectors.enterprise_list_rows_with_ids(ids)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selectors.name_list_rows(context["rows"], getattr(self, "organization", None))
        return context

    def shown(self, queryset):
        return selectors.enterprise_list_rows(queryset)


class EnterpriseListView(
    PortalMixin, SearchedDirectoryMixin, QueuedExportMixin, ListMixin, TemplateView
):
    permission_required = "orgs.view_enterprises"
    template_name = "orgs/enterprise_list.html"
    rows_template_name = "orgs/_enterprise_rows.html"
    filter_form_class = EnterpriseFilterForm
    keyset = True
    title = _("Enterprises")
    export_kind = exports.ENTERPRISES

    def get_filter_form_kwargs(self):
        parks = selectors.parks_in_care_of(self.organization)
        return {
            "parks": parks,
            "show_park": self.portal == "government",
            "park_scope": self.organization.pk,
        }

    def get_queryset(self):
        return selectors.directory_enterprises(self.organization, **self.filters())

    def stored_total(self):
        return selectors.directory_enterprise_total(
            self.organization, cap=COUNT_CAP, **self.filters()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_admit"] = self.request.user.has_perm(
            "orgs.admit_enterprises", self.organization
        )
        return context

    def export_now(self, queryset):
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


class ImportDetailView(PortalMixin, ProgressPollMixin, TemplateView):
    """A workbook's check result and its import; while the task worker checks or imports a
    large one, a progress bar that asks again every two seconds."""

    permission_required = "orgs.import_enterprises"
    template_name = "orgs/import_detail.html"
    progress_target = "import-progress"
    progress_template_name = "orgs/_import_progress.html"
    progress_object_name = "enterprise_import"

    def get_progress_object(self):
        return selectors.get_import_for(self.organization, self.kwargs["pk"])

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
        if result.status == enums.ImportStatus.IMPORTING:
            messages.info(
                request,
                _t("The enterprises are being imported. This page shows how far it has got."),
            )
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
            can_manage=self.request.user.has_perm("orgs.manage_members", self.organization),
            **personal_data_context(self.request.user, self.organization),
        )
        return context


class MemberFormView(PortalMixin, ServiceFormMixin, FormView):
    permission_required = "orgs.manage_members"
    template_name = "orgs/member_form.html"

    def get_success_url(self, result):
        return reverse(f"{self.portal}:members")


class MemberInviteView(MemberFormView):
    """Invites a colleague by e-mail; the signed link in the e-mail makes them a member."""

    form_class = MemberInviteForm
    title = _("Invite a member")
    success_message = _("The invitation is sent. The link in it holds for 7 days.")

    def perform(self, form):
        return services.invite_member(
            self.organization,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            actor=self.request.user,
        )


class MemberObjectMixin:
    def get_member(self):
        if not hasattr(self, "_member"):
            self._member = selectors.get_member_for(self.organization, self.kwargs["pk"])
        return self._member

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member"] = self.get_member()
        return context


class MemberChangeView(MemberObjectMixin, MemberFormView):
    form_class = MemberChangeForm
    title = _("Change a member's role")
    success_message = _("The member's role is saved.")

    def get_initial(self):
        member = self.get_member()
        return {"role": member.role, "extra_capabilities": member.extra_capabilities}

    def perform(self, form):
        return services.change_member(
            self.get_member(),
            actor=self.request.user,
            role=form.cleaned_data["role"],
            extra_capabilities=form.cleaned_data["extra_capabilities"],
        )


class MemberRemoveView(MemberObjectMixin, PortalMixin, TemplateView):
    """Asks first; POST removes the member (never the organisation's last administrator)."""

    permission_required = "orgs.manage_members"
    template_name = "orgs/member_remove.html"
    title = _("Remove a member")

    def post(self, request, *args, **kwargs):
        try:
            services.remove_member(self.get_member(), actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The member is removed."))
        return redirect(f"{self.portal}:members")


class MemberSignOutView(MemberObjectMixin, PortalMixin, TemplateView):
    """Asks first; POST ends every session the member has, on every device."""

    permission_required = "orgs.manage_members"
    template_name = "orgs/member_sign_out.html"
    title = _("End a member's sessions")

    def post(self, request, *args, **kwargs):
        member = self.get_member()
        try:
            account_services.end_member_sessions(member, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect(f"{self.portal}:members")
        if member.user_id == request.user.pk:
            # Their own sessions, this one included: the next request would sign them out.
            return redirect("account_login")
        messages.success(
            request,
            _t("%(person)s is signed out on every device.")
            % {"person": member.user.name or member.user.email},
        )
        return redirect(f"{self.portal}:members")


class InvitationAcceptView(IndividualMixin, TemplateView):
    """The page an invitation link opens: who invites, as what; POST accepts and opens the
    organisation's portal."""

    template_name = "orgs/invitation_accept.html"
    title = _("An invitation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["invitation"] = services.invitation_from(self.kwargs["token"])
        except DomainError as error:
            context["refusal"] = str(error)
        return context

    def post(self, request, *args, **kwargs):
        try:
            membership = services.accept_invitation(self.kwargs["token"], user=request.user)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("individual:invitation_accept", token=self.kwargs["token"])
        request.session[ACTIVE_MEMBERSHIP_SESSION_KEY] = membership.pk
        messages.success(
            request,
            _t("You are now a member of %(organization)s.")
            % {"organization": membership.organization.display_name},
        )
        return redirect(PORTAL_HOME[portal_of(membership)])


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
    return [
        path("members/", MemberListView.as_view(portal=portal), name="members"),
        path("members/invite/", MemberInviteView.as_view(portal=portal), name="member_invite"),
        path(
            "members/<int:pk>/change/",
            MemberChangeView.as_view(portal=portal),
            name="member_change",
        ),
        path(
            "members/<int:pk>/remove/",
            MemberRemoveView.as_view(portal=portal),
            name="member_remove",
        ),
        path(
            "members/<int:pk>/sign-out/",
            MemberSignOutView.as_view(portal=portal),
            name="member_sign_out",
        ),
    ]


# The link of an invitation e-mail, mounted in the personal portal: the invitee belongs to
# no organisation yet.
invitation_urlpatterns = [
    path(
        "invitations/<str:token>/",
        InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
]
