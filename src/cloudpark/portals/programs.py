"""Programme pages shared by the enterprise, park and government portals: the applications an
organisation sees, one application with its review and timeline, its materials, and the Excel
export of applications with their review details."""

from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from cloudpark.core import audit, excel
from cloudpark.orgs import enums as org_enums
from cloudpark.portals.base import ListMixin, PortalMixin
from cloudpark.portals.programme_forms import ApplicationFilterForm
from cloudpark.programs import questions, selectors
from cloudpark.programs.enums import ApplicationState
from cloudpark.programs.flows import APPLICATION_FLOW
from cloudpark.programs.models import Programme


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _decision_lines(case):
    lines = []
    for decision in case.decisions.all():
        stage = APPLICATION_FLOW.stage(decision.stage_key).label
        line = _t("Round %(round)s · %(stage)s: %(decision)s (%(who)s, %(when)s)") % {
            "round": decision.round,
            "stage": stage,
            "decision": decision.get_decision_display(),
            "who": decision.decided_by,
            "when": _when(decision.created_at),
        }
        if decision.data.get("amount"):
            line += " " + _t("amount %(amount)s yuan") % {"amount": decision.data["amount"]}
        if decision.comment:
            line += f" — {decision.comment}"
        lines.append(line)
    return "\n".join(lines)


def _opinion_lines(case):
    lines = []
    for opinion in case.opinions.all():
        line = _t("Round %(round)s · %(who)s: %(recommendation)s") % {
            "round": opinion.round,
            "who": opinion.reviewer,
            "recommendation": opinion.get_recommendation_display(),
        }
        if opinion.score is not None:
            line += " · " + _t("score %(score)s") % {"score": opinion.score}
        lines.append(f"{line} — {opinion.comment}")
    return "\n".join(lines)


def _average_score(case):
    scores = [
        opinion.score
        for opinion in case.opinions.all()
        if opinion.round == case.round and opinion.score is not None
    ]
    return round(float(sum(scores) / len(scores)), 2) if scores else None


def _number(value):
    """A figure Excel sums: a float, not the text of a decimal."""
    return float(value) if value is not None else None


def _case_of(application):
    """The application's review case, told its subject: the rule on who sees the reviewers'
    opinions reads the subject, which is loaded already."""
    case = application.review_case
    if case is not None:
        case.subject = application
    return case


def export_applications(queryset, user):
    """One row per application, with its stages, decisions, and the opinions and scores for
    those who see them (``reviews.view_opinions``)."""
    headers = [
        _t("Programme"),
        _t("Enterprise"),
        _t("Unified social credit code"),
        _t("Industry category"),
        _t("Park"),
        _t("State"),
        _t("Amount requested (yuan)"),
        _t("Amount approved (yuan)"),
        _t("First submitted"),
        _t("Decided"),
        _t("Review stage"),
        _t("Round"),
        _t("Decisions"),
        _t("Reviewers' opinions and scores"),
        _t("Average score (latest round)"),
    ]

    def row(application):
        case = _case_of(application)
        opinions_shown = case is not None and user.has_perm("reviews.view_opinions", case)
        in_review = application.state in (
            ApplicationState.PARK_REVIEW,
            ApplicationState.GOVERNMENT_REVIEW,
        )
        return [
            application.programme.display_title,
            application.enterprise.display_name,
            application.enterprise.credit_code,
            str(application.enterprise.category),
            application.park.display_name if application.park else "",
            application.get_state_display(),
            _number(application.requested_amount),
            _number(application.approved_amount),
            application.submitted_at,
            application.decided_at,
            str(APPLICATION_FLOW.stage(case.stage_key).label) if case and in_review else "",
            case.round if case else None,
            _decision_lines(case) if case else "",
            _opinion_lines(case) if opinions_shown else "",
            _average_score(case) if opinions_shown else None,
        ]

    rows = (row(application) for application in queryset)
    stamp = timezone.localdate().isoformat()
    return excel.workbook_response(f"applications-{stamp}.xlsx", _t("Applications"), headers, rows)


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
        return export_applications(selectors.for_export(queryset), self.request.user)


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
        case = _case_of(application)
        user = self.request.user
        context.update(
            application=application,
            programme=application.programme,
            title=str(application),
            answers=questions.answer_rows(application.programme.form_fields, application.answers),
            materials=application.materials.all(),
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


class MaterialDownloadView(PortalMixin, View):
    permission_required = "programs.view_applications"

    def get(self, request, *args, **kwargs):
        material = selectors.get_material_for(
            self.organization, self.kwargs["pk"], self.kwargs["material"]
        )
        return FileResponse(
            material.file.open("rb"), as_attachment=True, filename=material.original_name
        )
