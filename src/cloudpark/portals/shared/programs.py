"""Programme pages mounted in several portals: the applications an organisation sees (with
their Excel export), one application with its review and timeline, and its materials; and
the programme lists' filters, which the public, enterprise and government pages share."""

from django import forms
from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.core import audit
from cloudpark.core.forms import IdChoiceField
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.models import GovernmentBody
from cloudpark.portals import home
from cloudpark.portals.base import FileDownloadView, ListMixin, Portal, PortalMixin
from cloudpark.portals.forms import FilterForm, SearchField
from cloudpark.programs import exports, questions, selectors
from cloudpark.programs.enums import ApplicationState, NoticeState, ProgrammeType
from cloudpark.programs.flows import APPLICATION_FLOW
from cloudpark.programs.models import Programme


class CheckboxFilter(forms.BooleanField):
    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)


class _CheckboxAwareFilterForm(FilterForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"


class ProgrammeFilterForm(_CheckboxAwareFilterForm):
    q = SearchField()
    programme_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *ProgrammeType.choices]
    )
    issuer = IdChoiceField(
        label=_("Issued by"),
        required=False,
        queryset=GovernmentBody.objects.none(),
        empty_label=_("All issuers"),
    )
    open_now = CheckboxFilter(label=_("Open now"))

    def __init__(self, *args, issuers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("Title, e.g. 精品 or 资金")
        if issuers is None:
            del self.fields["issuer"]
        else:
            self.fields["issuer"].queryset = issuers


class EnterpriseProgrammeFilterForm(ProgrammeFilterForm):
    qualified_only = CheckboxFilter(label=_("Only those we qualify for"))


class PolicyFilterForm(FilterForm):
    q = SearchField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("Title or number, e.g. 视听")


class ApplicationFilterForm(FilterForm):
    q = SearchField(label=_("Enterprise"))
    programme = IdChoiceField(
        label=_("Programme"),
        required=False,
        queryset=Programme.objects.none(),
        empty_label=_("All programmes"),
    )
    state = forms.ChoiceField(label=_("State"), required=False)

    def __init__(self, *args, programmes=None, include_drafts=False, **kwargs):
        super().__init__(*args, **kwargs)
        if programmes is not None:
            self.fields["programme"].queryset = programmes
        states = [
            choice
            for choice in ApplicationState.choices
            if include_drafts or choice[0] != ApplicationState.DRAFT
        ]
        self.fields["state"].choices = [("", _("All states")), *states]


class ApplicationListView(PortalMixin, ListMixin, TemplateView):
    permission_required = "programs.view_applications"
    template_name = "programs/application_list.html"
    rows_template_name = "programs/_application_rows.html"
    filter_form_class = ApplicationFilterForm
    title = _("Applications")
    exportable = True

    def visible(self):
        return selectors.applications_visible_to(self.organization)

    def get_filter_form_kwargs(self):
        return {
            "programmes": Programme.objects.filter(
                pk__in=self.visible().values("programme_id")
            ).order_by("-opens_at", "pk"),
            "include_drafts": self.organization.kind == org_enums.OrganizationKind.ENTERPRISE,
        }

    def get_queryset(self):
        return selectors.filter_applications(self.visible(), **self.filters()).order_by(
            "-updated_at", "-pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["exportable"] = self.exportable
        return context

    def export(self, queryset):
        if not self.exportable:
            raise Http404
        return exports.export_applications(selectors.for_export(queryset), self.request.user)


class ApplicationMixin:
    """Pages about one application, fetched for the acting organisation (else a 404)."""

    def get_application(self):
        if not hasattr(self, "_application"):
            self._application = selectors.get_application_for(self.organization, self.kwargs["pk"])
        return self._application


class ApplicationDetailView(ApplicationMixin, PortalMixin, TemplateView):
    permission_required = "programs.view_applications"
    template_name = "programs/application_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        case = exports.case_of(application)
        user = self.request.user
        context.update(
            application=application,
            programme=application.programme,
            title=str(application),
            answers=questions.answer_rows(application.programme.form_fields, application.answers),
            case=case,
            stages=APPLICATION_FLOW.stages,
            decisions=list(case.decisions.select_related("decided_by", "organization"))
            if case
            else [],
            opinions=list(case.opinions.select_related("reviewer"))
            if case and user.has_perm("reviews.view_opinions", case)
            else [],
            history=audit.history_of(application),
            eligibility=selectors.eligibility_of(application.enterprise, application.programme),
        )
        return context


class MaterialDownloadView(PortalMixin, FileDownloadView):
    permission_required = "programs.view_applications"

    def get_file_object(self):
        return selectors.get_material_for(
            self.organization, self.kwargs["pk"], self.kwargs["material"]
        )


def material_urlpatterns_for(portal):
    return [
        path(
            "applications/<int:pk>/materials/<int:material>/",
            MaterialDownloadView.as_view(portal=portal),
            name="application_material",
        ),
    ]


def urlpatterns_for(portal):
    """The applications the organisation sees, as the park and the government portal show
    them; the enterprise portal mounts its own list and detail beside the materials."""
    return [
        path("applications/", ApplicationListView.as_view(portal=portal), name="application_list"),
        path(
            "applications/<int:pk>/",
            ApplicationDetailView.as_view(portal=portal),
            name="application_detail",
        ),
        *material_urlpatterns_for(portal),
    ]


# Home panels -----------------------------------------------------------------------------------


def enterprise_home_panel(request, enterprise):
    """Applications that await the enterprise, and the open programmes it qualifies for."""
    now = timezone.now()
    programmes = (
        selectors.published_programmes()
        .filter(opens_at__lte=now, closes_at__gte=now)
        .prefetch_related(selectors.RULES)
        .order_by("closes_at", "pk")
    )
    applications = selectors.live_applications_by_programme(enterprise)
    qualifying = [
        programme
        for programme, result in selectors.eligibility_for_programmes(enterprise, programmes)
        if result.qualifies and programme.pk not in applications
    ]
    awaiting = (
        selectors.applications_visible_to(enterprise)
        .filter(state__in=[ApplicationState.DRAFT, ApplicationState.RETURNED])
        .order_by("-updated_at")[:5]
    )
    return {"qualifying": qualifying[:5], "awaiting": awaiting}


def objections_home_panel(request, organization):
    """A government body's publicised notices with objections still to answer."""
    notices = list(
        selectors.notices_of(organization)
        .filter(state=NoticeState.PUBLICISED, objections__answered_at__isnull=True)
        .distinct()
    )
    return {"notices": notices} if notices else None


home.register(
    Portal.ENTERPRISE,
    home.Panel("programs.applications", "programs/_enterprise_home.html", enterprise_home_panel),
)


def public_home_panel(request, organization):
    """The programmes open for applications now, and the latest approved lists."""
    now = timezone.now()
    programmes = list(
        selectors.published_programmes()
        .filter(opens_at__lte=now, closes_at__gte=now)
        .order_by("closes_at", "pk")[:4]
    )
    notices = list(selectors.public_notices().order_by("-published_at", "-pk")[:4])
    return {"programmes": programmes, "notices": notices}


home.register(
    home.PUBLIC,
    home.Panel("programs.open", "programs/public/_home.html", public_home_panel, order=20),
)
home.register(
    Portal.GOVERNMENT,
    home.Panel("programs.objections", "programs/_objections_home.html", objections_home_panel),
)
