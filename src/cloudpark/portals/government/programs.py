"""The government portal's policies and programmes: publishing them, their eligibility rules
and application forms, the enterprises that qualify, and the public notice of the approved
list with its objections. The applications and their Excel export are the shared pages
(``portals/shared/programs.py``); they are reviewed and decided in the shared review room
(``government:review_detail``)."""

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.orgs import selectors as org_selectors
from cloudpark.portals.base import (
    FileDownloadView,
    GovernmentMixin,
    ListMixin,
    ServiceFormMixin,
)
from cloudpark.portals.forms import FilterForm, SearchField
from cloudpark.portals.shared.programs import PolicyFilterForm, ProgrammeFilterForm
from cloudpark.programs import eligibility, selectors, services
from cloudpark.programs.enums import ApplicationState, NoticeState, Outcome
from cloudpark.programs.forms import (
    AnswerForm,
    AttachmentForm,
    CombinatorForm,
    InviteForm,
    MaterialFormSet,
    NoticeForm,
    PolicyForm,
    ProgrammeForm,
    QuestionForm,
    QuestionFormSet,
    RuleFormSet,
    formset_items,
    rule_hints,
)
from cloudpark.programs.models import Application

VIEW = "programs.view_applications"
MANAGE = "programs.manage_programmes"


class QualifyingFilterForm(FilterForm):
    q = SearchField(label=_("Enterprise"))
    outcome = django_forms.ChoiceField(
        label=_("Result"),
        required=False,
        choices=[
            ("passed", _("Qualify")),
            ("unknown", _("Unknown: data missing")),
            ("failed", _("Do not qualify")),
        ],
    )


class GovernmentFormView(GovernmentMixin, ServiceFormMixin, FormView):
    template_name = "programs/government/form.html"


# Policies -----------------------------------------------------------------------------------


class PolicyListView(GovernmentMixin, ListMixin, TemplateView):
    permission_required = VIEW
    template_name = "programs/government/policy_list.html"
    rows_template_name = "programs/government/_policy_rows.html"
    filter_form_class = PolicyFilterForm
    title = _("Policies")

    def get_queryset(self):
        policies = selectors.filter_policies(
            selectors.policies_of(self.organization), **self.filters()
        )
        return policies.annotate(programme_total=Count("programmes")).order_by("-issued_on", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm(MANAGE, self.organization)
        return context


class PolicyCreateView(GovernmentFormView):
    permission_required = MANAGE
    form_class = PolicyForm
    title = _("New policy")
    success_message = _("The policy is saved.")

    def perform(self, form):
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.create_policy(self.organization, actor=self.request.user, **values)

    def get_success_url(self, result):
        return reverse("government:policy_detail", args=[result.pk])


class PolicyMixin:
    def get_policy(self):
        if not hasattr(self, "_policy"):
            self._policy = selectors.get_policy_for(self.organization, self.kwargs["pk"])
        return self._policy


class PolicyDetailView(PolicyMixin, GovernmentMixin, TemplateView):
    permission_required = VIEW
    template_name = "programs/government/policy_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = self.get_policy()
        context.update(
            policy=policy,
            title=policy.display_title,
            programmes=selectors.programmes_of(self.organization)
            .filter(policy=policy)
            .order_by("-opens_at", "pk"),
            history=audit.history_of(policy),
            can_change=self.request.user.has_perm("programs.change_policy", policy),
        )
        return context


class PolicyObjectFormView(PolicyMixin, GovernmentFormView):
    permission_required = "programs.change_policy"

    def get_permission_object(self):
        return self.get_policy()

    def get_success_url(self, result):
        return reverse("government:policy_detail", args=[self.get_policy().pk])


class PolicyEditView(PolicyObjectFormView):
    form_class = PolicyForm
    success_message = _("The policy is saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_policy()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit: %(title)s") % {"title": self.get_policy().display_title}
        return context

    def perform(self, form):
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.update_policy(self.get_policy(), actor=self.request.user, **values)


class PolicyAttachView(PolicyObjectFormView):
    form_class = AttachmentForm
    success_message = _("The attachment is added.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Attach a file: %(title)s") % {
            "title": self.get_policy().display_title
        }
        return context

    def perform(self, form):
        return services.attach_to_policy(
            self.get_policy(),
            actor=self.request.user,
            title=form.cleaned_data["title"],
            uploaded=form.cleaned_data["file"],
        )


class PolicyAttachmentDownloadView(GovernmentMixin, FileDownloadView):
    permission_required = VIEW

    def get_file_object(self):
        return selectors.get_attachment_for(self.organization, self.kwargs["pk"])


# Programmes ---------------------------------------------------------------------------------


class ProgrammeListView(GovernmentMixin, ListMixin, TemplateView):
    permission_required = VIEW
    template_name = "programs/government/programme_list.html"
    rows_template_name = "programs/government/_programme_rows.html"
    filter_form_class = ProgrammeFilterForm
    title = _("Support programmes")

    def get_queryset(self):
        programmes = selectors.filter_programmes(
            selectors.programmes_of(self.organization), **self.filters()
        )
        return (
            selectors.with_committed_amounts(programmes)
            .annotate(
                application_total=Count(
                    "applications", filter=~Q(applications__state=ApplicationState.DRAFT)
                )
            )
            .order_by("-opens_at", "-pk")
        )


class ProgrammeCreateView(PolicyMixin, GovernmentFormView):
    """A new programme under one of the body's policies."""

    permission_required = "programs.change_policy"
    form_class = ProgrammeForm
    success_message = _("The programme is saved. Set its eligibility rules and application form.")

    def get_permission_object(self):
        return self.get_policy()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("New programme under %(policy)s") % {
            "policy": self.get_policy().display_title
        }
        return context

    def perform(self, form):
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.save_programme(
            policy=self.get_policy(),
            issuer=self.organization,
            actor=self.request.user,
            values=values,
        )

    def get_success_url(self, result):
        return reverse("government:programme_detail", args=[result.pk])


class ProgrammeMixin:
    def get_programme(self):
        if not hasattr(self, "_programme"):
            self._programme = selectors.get_programme_for(self.organization, self.kwargs["pk"])
        return self._programme


class ProgrammeDetailView(ProgrammeMixin, GovernmentMixin, TemplateView):
    permission_required = VIEW
    template_name = "programs/government/programme_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.get_programme()
        committed = selectors.committed_amount(programme)
        counts = dict(
            Application.objects.filter(programme=programme)
            .exclude(state=ApplicationState.DRAFT)
            .order_by()
            .values_list("state")
            .annotate(total=Count("pk"))
        )
        context.update(
            programme=programme,
            title=programme.display_title,
            committed=committed,
            remaining=programme.budget - committed,
            requirements=selectors.requirements_of(programme),
            counts=[
                (state, counts.get(state.value, 0))
                for state in ApplicationState
                if state != ApplicationState.DRAFT
            ],
            notice=selectors.notice_of(programme),
            history=audit.history_of(programme),
            can_change=self.request.user.has_perm("programs.change_programme", programme),
        )
        return context


class ProgrammeObjectMixin(ProgrammeMixin):
    permission_required = "programs.change_programme"

    def get_permission_object(self):
        return self.get_programme()

    def get_success_url(self, result):
        return reverse("government:programme_detail", args=[self.get_programme().pk])


class ProgrammeEditView(ProgrammeObjectMixin, GovernmentFormView):
    form_class = ProgrammeForm
    success_message = _("The programme is saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_programme()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit: %(title)s") % {"title": self.get_programme().display_title}
        return context

    def perform(self, form):
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.save_programme(self.get_programme(), actor=self.request.user, values=values)


class FormsetPage(ProgrammeObjectMixin, GovernmentMixin, TemplateView):
    """A page of formsets saved by one service; a refusal is shown above them."""

    success_message = ""

    def post(self, request, *args, **kwargs):
        forms = self.bound_forms(request.POST)
        if all(form.is_valid() for form in forms.values()):
            try:
                self.perform(**forms)
            except DomainError as error:
                return self.render_to_response(self.get_context_data(error=str(error), **forms))
            messages.success(request, self.success_message)
            return redirect(self.get_success_url(None))
        return self.render_to_response(self.get_context_data(**forms))

    def get_context_data(self, **kwargs):
        forms = {name: kwargs.pop(name) for name in self.form_names if name in kwargs}
        context = super().get_context_data(**kwargs)
        context.update(programme=self.get_programme(), **(forms or self.unbound_forms()))
        return context


class ProgrammeRulesView(FormsetPage):
    template_name = "programs/government/programme_rules.html"
    success_message = _("The eligibility rules are saved; results follow at once.")
    form_names = ("formset", "combinator_form")

    def unbound_forms(self):
        programme = self.get_programme()
        return {
            "formset": RuleFormSet(
                prefix="rules",
                initial=[
                    {"kind": rule.kind, "value": eligibility.format_value(rule.kind, rule.params)}
                    for rule in programme.rules.all()
                ],
            ),
            "combinator_form": CombinatorForm(initial={"combinator": programme.combinator}),
        }

    def bound_forms(self, data):
        return {
            "formset": RuleFormSet(data, prefix="rules"),
            "combinator_form": CombinatorForm(data),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hints, tags = rule_hints()
        context.update(
            title=_("Eligibility rules: %(title)s") % {"title": self.get_programme().display_title},
            hints=hints,
            tags=tags,
        )
        return context

    def perform(self, formset, combinator_form):
        rules = [
            (form.cleaned_data["kind"], form.cleaned_data["params"])
            for form in formset.forms
            if form.cleaned_data.get("kind") and not form.cleaned_data.get("DELETE")
        ]
        services.save_programme(
            self.get_programme(),
            rules=rules,
            combinator=combinator_form.cleaned_data["combinator"],
            actor=self.request.user,
        )


class ProgrammeApplicationFormView(FormsetPage):
    template_name = "programs/government/programme_form.html"
    success_message = _("The materials and questions are saved.")
    form_names = ("materials", "questions")

    def unbound_forms(self):
        programme = self.get_programme()
        return {
            "materials": MaterialFormSet(prefix="materials", initial=programme.required_materials),
            "questions": QuestionFormSet(
                prefix="questions",
                initial=[
                    {**item, "choices": QuestionForm.choices_text(item.get("choices"))}
                    for item in programme.form_fields
                ],
            ),
        }

    def bound_forms(self, data):
        return {
            "materials": MaterialFormSet(data, prefix="materials"),
            "questions": QuestionFormSet(data, prefix="questions"),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Application form: %(title)s") % {
            "title": self.get_programme().display_title
        }
        return context

    def perform(self, materials, questions):
        services.save_programme(
            self.get_programme(),
            materials=formset_items(materials),
            form_fields=formset_items(questions, extra_fields=("kind", "choices")),
            actor=self.request.user,
        )


class QualifyingEnterprisesView(ProgrammeMixin, GovernmentMixin, ListMixin, TemplateView):
    """The enterprises in the body's care and their result for the programme, with each rule's
    explanation; POST invites the selected ones (or all that qualify)."""

    permission_required = VIEW
    template_name = "programs/government/qualifying.html"
    rows_template_name = "programs/government/_qualifying_rows.html"
    filter_form_class = QualifyingFilterForm

    def get_queryset(self):
        filters = self.filters()
        return selectors.enterprise_results(
            self.get_programme(),
            self.organization,
            outcome=filters.get("outcome", Outcome.PASSED),
            query=filters.get("query", ""),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.get_programme()
        context.update(
            programme=programme,
            title=_("Who qualifies: %(title)s") % {"title": programme.display_title},
            invitations=selectors.invitations_of(programme),
            can_invite=self.request.user.has_perm("programs.change_programme", programme)
            and programme.is_published
            and not programme.has_closed,
        )
        return context

    def post(self, request, *args, **kwargs):
        programme = self.get_programme()
        if not request.user.has_perm("programs.change_programme", programme):
            raise PermissionDenied
        in_care = org_selectors.enterprises_in_care_of(self.organization)
        if request.POST.get("scope") == "all":
            chosen = in_care
        else:
            submitted = request.POST.getlist("enterprise")
            form = InviteForm(request.POST, choices=[(value, value) for value in submitted])
            ids = form.cleaned_data["enterprise"] if form.is_valid() else []
            chosen = in_care.filter(pk__in=ids)
        try:
            invited = services.invite_enterprises(programme, list(chosen), actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d enterprise invited.", "%(count)d enterprises invited.", len(invited)
                )
                % {"count": len(invited)},
            )
        return redirect("government:programme_qualifying", pk=programme.pk)


# Public notices -----------------------------------------------------------------------------


class NoticeListView(GovernmentMixin, ListMixin, TemplateView):
    permission_required = VIEW
    template_name = "programs/government/notice_list.html"
    rows_template_name = "programs/government/_notice_rows.html"
    title = _("Public notices")

    def get_queryset(self):
        return (
            selectors.notices_of(self.organization)
            .annotate(
                objection_total=Count("objections", distinct=True),
                unanswered=Count(
                    "objections",
                    filter=Q(objections__answered_at__isnull=True),
                    distinct=True,
                ),
            )
            .order_by("-created_at", "-pk")
        )


class NoticeCreateView(ProgrammeObjectMixin, GovernmentFormView):
    form_class = NoticeForm
    success_message = _("The notice is drafted. Check the list, then publicise it.")

    def get_initial(self):
        programme = self.get_programme()
        return {
            "title": f"关于{programme.title}拟支持名单的公示",
            "title_en": f"Public notice of the proposed recipients: {programme.title_en}"
            if programme.title_en
            else "",
            "body": "根据评审结果，现将拟支持名单予以公示。如有异议，请在公示期内通过本页面"
            "提出，并写明事实和理由。",
            "body_en": "The proposed recipients below follow the review. Objections may be "
            "made on this page while the notice is open, stating the facts and reasons.",
            "objection_days": 7,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.get_programme()
        context.update(
            title=_("Public notice: %(title)s") % {"title": programme.display_title},
            existing=selectors.notice_of(programme),
        )
        return context

    def perform(self, form):
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.create_notice(self.get_programme(), actor=self.request.user, **values)

    def get_success_url(self, result):
        return reverse("government:notice_detail", args=[result.pk])


class NoticeDetailView(GovernmentMixin, TemplateView):
    """The notice, its list and its objections; POST publicises it or makes it final."""

    permission_required = VIEW
    template_name = "programs/government/notice_detail.html"

    def get_notice(self):
        return selectors.get_notice_for(self.organization, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notice = self.get_notice()
        user = self.request.user
        objections = list(notice.objections.all())
        contacts = services.objection_contacts_for(user, objections)
        context.update(
            notice=notice,
            title=notice.display_title,
            listed=notice.applications.all()
            if notice.state != NoticeState.DRAFT
            else selectors.approved_applications(notice.programme),
            objections=[(objection, contacts[objection.pk]) for objection in objections],
            history=audit.history_of(notice),
            can_manage=user.has_perm("programs.manage_notice", notice),
        )
        return context

    def post(self, request, *args, **kwargs):
        notice = self.get_notice()
        if not request.user.has_perm("programs.manage_notice", notice):
            raise PermissionDenied
        action = request.POST.get("action")
        steps = {
            "publish": (services.publish_notice, _("The notice is publicised.")),
            "finalise": (services.finalise_notice, _("The approved list is final.")),
        }
        if action not in steps:
            messages.error(request, _("Choose publicise or make final."))
            return redirect("government:notice_detail", pk=notice.pk)
        service, message = steps[action]
        try:
            service(notice, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, message)
        return redirect("government:notice_detail", pk=notice.pk)


class NoticeEditView(GovernmentFormView):
    """Changes a draft notice's text; once publicised the service refuses, at the form."""

    permission_required = "programs.manage_notice"
    form_class = NoticeForm
    success_message = _("The notice is saved.")

    def get_notice(self):
        if not hasattr(self, "_notice"):
            self._notice = selectors.get_notice_for(self.organization, self.kwargs["pk"])
        return self._notice

    def get_permission_object(self):
        return self.get_notice()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_notice()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit: %(title)s") % {"title": self.get_notice().display_title}
        return context

    def perform(self, form):
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.update_notice(self.get_notice(), actor=self.request.user, **values)

    def get_success_url(self, result):
        return reverse("government:notice_detail", args=[result.pk])


class ObjectionAnswerView(GovernmentFormView):
    permission_required = "programs.manage_notice"
    form_class = AnswerForm
    template_name = "programs/government/objection_answer.html"
    success_message = _("The answer is published with the objection.")

    def get_objection(self):
        if not hasattr(self, "_objection"):
            self._objection = selectors.get_objection_for(self.organization, self.kwargs["pk"])
        return self._objection

    def get_permission_object(self):
        return self.get_objection().notice

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        objection = self.get_objection()
        context.update(
            objection=objection,
            notice=objection.notice,
            title=_("Answer an objection: %(notice)s") % {"notice": objection.notice.display_title},
        )
        return context

    def perform(self, form):
        return services.answer_objection(
            self.get_objection(), actor=self.request.user, answer=form.cleaned_data["answer"]
        )

    def get_success_url(self, result):
        return reverse("government:notice_detail", args=[result.notice_id])


urlpatterns = [
    path("policies/", PolicyListView.as_view(), name="policy_list"),
    path("policies/new/", PolicyCreateView.as_view(), name="policy_create"),
    path("policies/<int:pk>/", PolicyDetailView.as_view(), name="policy_detail"),
    path("policies/<int:pk>/edit/", PolicyEditView.as_view(), name="policy_edit"),
    path("policies/<int:pk>/attach/", PolicyAttachView.as_view(), name="policy_attach"),
    path(
        "policies/<int:pk>/programmes/new/",
        ProgrammeCreateView.as_view(),
        name="programme_create",
    ),
    path(
        "policy-attachments/<int:pk>/",
        PolicyAttachmentDownloadView.as_view(),
        name="policy_attachment",
    ),
    path("programmes/", ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/<int:pk>/", ProgrammeDetailView.as_view(), name="programme_detail"),
    path("programmes/<int:pk>/edit/", ProgrammeEditView.as_view(), name="programme_edit"),
    path("programmes/<int:pk>/rules/", ProgrammeRulesView.as_view(), name="programme_rules"),
    path(
        "programmes/<int:pk>/form/",
        ProgrammeApplicationFormView.as_view(),
        name="programme_form",
    ),
    path(
        "programmes/<int:pk>/qualifying/",
        QualifyingEnterprisesView.as_view(),
        name="programme_qualifying",
    ),
    path("programmes/<int:pk>/notice/", NoticeCreateView.as_view(), name="notice_create"),
    path("notices/", NoticeListView.as_view(), name="notice_list"),
    path("notices/<int:pk>/", NoticeDetailView.as_view(), name="notice_detail"),
    path("notices/<int:pk>/edit/", NoticeEditView.as_view(), name="notice_edit"),
    path("objections/<int:pk>/answer/", ObjectionAnswerView.as_view(), name="objection_answer"),
]
