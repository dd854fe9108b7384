"""The government portal's awards: the schemes a body runs, their entries, jury, rounds and
tally (with the Excel exports), the objections to their results and their certificates."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from cloudpark.awards import exports, forms, selectors, services
from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.portals.base import GovernmentMixin, ListMixin, PortalPage, ServiceFormMixin


class AwardsMixin(GovernmentMixin):
    permission_required = "awards.view_schemes"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm(
            "awards.manage_schemes", self.organization
        )
        return context


class SchemeListView(AwardsMixin, ListMixin, TemplateView):
    template_name = "awards/government/scheme_list.html"
    rows_template_name = "awards/government/_scheme_rows.html"
    title = _("Award schemes")

    def get_queryset(self):
        return selectors.schemes_run_by(self.organization)


class SchemeDetailView(AwardsMixin, PortalPage):
    template_name = "awards/government/scheme_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scheme = selectors.get_scheme_for(self.organization, self.kwargs["pk"])
        context.update(
            scheme=scheme,
            title=scheme.display_title,
            entries=selectors.entries_of_scheme(scheme),
            jurors=selectors.jury_of(scheme),
            jury_problems=services.jury_problems(scheme),
            setup_problems=services.setup_problems(scheme),
            objections=selectors.objections_of(scheme),
            history=audit.history_of(scheme)[:50],
        )
        return context


class RoundDetailView(AwardsMixin, ListMixin, TemplateView):
    """A round: the chair's view of progress while it is open (counts, no scores), the
    exclusions and recusals, and once tallied every measure side by side."""

    template_name = "awards/government/round_detail.html"
    rows_template_name = "awards/government/_result_rows.html"
    paginate_by = 200

    def get_round(self):
        if not hasattr(self, "round"):
            self.round = selectors.get_round_for(self.organization, self.kwargs["pk"])
        return self.round

    def get_queryset(self):
        return selectors.results_of(self.get_round())

    def export(self, queryset):
        return exports.results_response(self.get_round(), queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        judging_round = self.get_round()
        took_part, voting = services.participation(judging_round)
        context.update(
            round=judging_round,
            scheme=judging_round.scheme,
            title=str(judging_round),
            progress=selectors.progress_of(judging_round),
            exclusions=selectors.exclusions_of(judging_round),
            recusals=selectors.recusals_of(judging_round),
            took_part=took_part,
            voting=voting,
        )
        return context


class ScoresExportView(AwardsMixin, View):
    """Every juror's scores of a closed round, as Excel."""

    def get(self, request, pk):
        judging_round = selectors.get_round_for(self.organization, pk)
        if not judging_round.is_closed:
            messages.error(request, _("Scores can be exported once the round has closed."))
            return redirect("government:award_round_detail", pk)
        return exports.scores_response(judging_round, selectors.scores_of_round(judging_round))


class EntryDetailView(AwardsMixin, PortalPage):
    template_name = "awards/government/entry_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = selectors.get_scheme_entry_for(self.organization, self.kwargs["pk"])
        context.update(
            entry=entry,
            title=entry.display_title,
            results=entry.results.select_related("round"),
            objections=entry.objections.all(),
            certificates=entry.certificates.all(),
            history=audit.history_of(entry)[:50],
        )
        return context


class StepView(AwardsMixin, View):
    """A button that takes one step (``steps``: name -> (service, message)). POST only; a
    refusal shows as a message and changes nothing."""

    permission_required = "awards.manage_schemes"
    steps = {}
    detail_route = ""

    def get_target(self, pk):
        raise NotImplementedError

    def post(self, request, pk, step):
        target = self.get_target(pk)
        if step not in self.steps:
            raise Http404
        service, done = self.steps[step]
        try:
            service(target, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done)
        return redirect(self.detail_route, target.pk)


class SchemeStepView(StepView):
    """Open, start judging, publish, finalise, send back to the jury, issue certificates."""

    detail_route = "government:award_scheme_detail"
    steps = {
        "open": (services.open_scheme, _("The scheme is open for entries.")),
        "judge": (services.start_judging, _("Judging has started.")),
        "publish": (services.publish_results, _("The results are on public notice.")),
        "finalise": (services.finalise_results, _("The honour list is final.")),
        "reopen": (services.reopen_judging, _("The results are back with the jury.")),
        "certificates": (services.issue_certificates, _("Certificates have been issued.")),
    }

    def get_target(self, pk):
        return selectors.get_scheme_for(self.organization, pk)


class RoundStepView(StepView):
    """Assign the entries, close, reopen and tally a round."""

    detail_route = "government:award_round_detail"
    steps = {
        "assign": (services.assign_round, _("The entries have been assigned to the jury.")),
        "close": (services.close_round, _("The round is closed.")),
        "reopen": (services.reopen_round, _("The round is open again.")),
        "tally": (services.tally_round, _("The round has been tallied.")),
    }

    def get_target(self, pk):
        return selectors.get_round_for(self.organization, pk)


class ObjectionAnswerView(AwardsMixin, ServiceFormMixin, FormView):
    permission_required = "awards.manage_schemes"
    template_name = "awards/government/objection_answer.html"
    form_class = forms.AnswerForm
    success_message = _("The answer has been recorded and published with the results.")

    def get_objection(self):
        if not hasattr(self, "objection"):
            self.objection = selectors.get_objection_for(self.organization, self.kwargs["pk"])
        return self.objection

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(objection=self.get_objection(), title=_("Answer an objection"))
        return context

    def perform(self, form):
        return services.answer_objection(
            self.get_objection(),
            actor=self.request.user,
            upheld=form.cleaned_data["outcome"] == "upheld",
            answer=form.cleaned_data["answer"],
            disqualify=form.cleaned_data["disqualify"],
        )

    def get_success_url(self, result):
        return reverse("government:award_scheme_detail", args=[result.scheme_id])


class CertificateRevokeView(AwardsMixin, ServiceFormMixin, FormView):
    permission_required = "awards.manage_schemes"
    template_name = "portals/_form_page.html"
    form_class = forms.RevokeForm
    success_message = _("The certificate has been revoked; its number is not given again.")

    def get_certificate(self):
        if not hasattr(self, "certificate"):
            self.certificate = selectors.get_certificate_for(self.organization, self.kwargs["pk"])
        return self.certificate

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Revoke certificate %(number)s") % {
            "number": self.get_certificate().number
        }
        return context

    def perform(self, form):
        return services.revoke_certificate(
            self.get_certificate(), actor=self.request.user, reason=form.cleaned_data["reason"]
        )

    def get_success_url(self, result):
        return reverse("government:award_entry_detail", args=[result.entry_id])


class SchemeFormMixin(AwardsMixin, ServiceFormMixin):
    """A form on a scheme's page, sent back to the scheme when done."""

    permission_required = "awards.manage_schemes"
    template_name = "portals/_form_page.html"

    def get_success_url(self, result):
        return reverse("government:award_scheme_detail", args=[self.get_scheme().pk])


class SchemeCreateView(AwardsMixin, ServiceFormMixin, FormView):
    """A new edition, in draft: its categories, rubric, rounds and organisers follow."""

    permission_required = "awards.manage_schemes"
    template_name = "portals/_form_page.html"
    form_class = forms.SchemeForm
    title = _("Set up an award scheme")
    success_message = _("The scheme is set up in draft. Add its categories, rubric and rounds.")

    def perform(self, form):
        return services.create_scheme(
            owner=self.organization, actor=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, result):
        return reverse("government:award_scheme_detail", args=[result.pk])


class SchemePartView(SchemeFormMixin, FormView):
    """One part of a draft scheme's set-up: a category, a criterion, a round, an organiser."""

    def get_scheme(self):
        if not hasattr(self, "scheme"):
            self.scheme = selectors.get_scheme_for(self.organization, self.kwargs["pk"])
        return self.scheme

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"{self.get_scheme().display_title} · {self.part_title}"
        return context


class CategoryCreateView(SchemePartView):
    form_class = forms.CategoryForm
    part_title = _("Add a category")
    success_message = _("The category has been added.")

    def perform(self, form):
        data = form.cleaned_data
        return services.add_category(
            self.get_scheme(),
            actor=self.request.user,
            code=data["code"],
            name=data["name"],
            name_en=data["name_en"],
            quotas=form.quotas(),
        )


class CriterionCreateView(SchemePartView):
    form_class = forms.CriterionForm
    part_title = _("Add a criterion")
    success_message = _("The criterion has been added.")

    def perform(self, form):
        return services.add_criterion(
            self.get_scheme(), actor=self.request.user, **form.cleaned_data
        )


class RoundCreateView(SchemePartView):
    form_class = forms.RoundForm
    part_title = _("Add a round")
    success_message = _("The round has been added.")

    def perform(self, form):
        return services.add_round(self.get_scheme(), actor=self.request.user, **form.cleaned_data)


class OrganizerCreateView(SchemePartView):
    form_class = forms.OrganizerForm
    part_title = _("Add an organiser")
    success_message = _("The organiser has been added.")

    def perform(self, form):
        return services.add_organizer(
            self.get_scheme(), actor=self.request.user, **form.cleaned_data
        )


class SchemeEditView(SchemePartView):
    """The window, scale, notice and channel, while no round has opened."""

    form_class = forms.SchemeEditForm
    part_title = _("Change the set-up")
    success_message = _("The scheme has been changed.")

    def get_initial(self):
        scheme = self.get_scheme()
        return {name: getattr(scheme, name) for name in self.form_class.base_fields}

    def perform(self, form):
        return services.update_scheme(
            self.get_scheme(), actor=self.request.user, **form.cleaned_data
        )


class CategoryEditView(SchemePartView):
    form_class = forms.CategoryEditForm
    part_title = _("Change a category")
    success_message = _("The category has been changed.")

    def get_category(self):
        if not hasattr(self, "category"):
            self.category = selectors.get_category_for(self.organization, self.kwargs["pk"])
        return self.category

    def get_scheme(self):
        return self.get_category().scheme

    def get_initial(self):
        category = self.get_category()
        return {
            "name": category.name,
            "name_en": category.name_en,
            **{f"quota_{quota.level}": quota.quota for quota in category.quotas.all()},
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.update_category(
            self.get_category(),
            actor=self.request.user,
            name=data["name"],
            name_en=data["name_en"],
            quotas=form.quotas(),
        )


class CriterionEditView(SchemePartView):
    form_class = forms.CriterionForm
    part_title = _("Change a criterion")
    success_message = _("The criterion has been changed.")

    def get_criterion(self):
        if not hasattr(self, "criterion"):
            self.criterion = selectors.get_criterion_for(self.organization, self.kwargs["pk"])
        return self.criterion

    def get_scheme(self):
        return self.get_criterion().scheme

    def get_initial(self):
        criterion = self.get_criterion()
        return {"name": criterion.name, "name_en": criterion.name_en, "weight": criterion.weight}

    def perform(self, form):
        return services.update_criterion(
            self.get_criterion(), actor=self.request.user, **form.cleaned_data
        )


class JurorCreateView(SchemeFormMixin, FormView):
    form_class = forms.JurorForm
    success_message = _("The juror has been appointed; their memberships are on record.")

    def get_scheme(self):
        if not hasattr(self, "scheme"):
            self.scheme = selectors.get_scheme_for(self.organization, self.kwargs["pk"])
        return self.scheme

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scheme": self.get_scheme()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Appoint a juror")
        return context

    def perform(self, form):
        data = form.cleaned_data
        return services.appoint_juror(
            self.get_scheme(),
            actor=self.request.user,
            user=data["email"],
            name=data["name"],
            title=data["title"],
            is_chair=data["is_chair"],
            is_voting=data["is_voting"],
            categories=data["categories"],
        )


class JurorDeclarationView(SchemeFormMixin, FormView):
    """An affiliation or a relation the juror declared, recorded by the organisers."""

    def get_juror(self):
        if not hasattr(self, "juror"):
            self.juror = selectors.get_juror_for(self.organization, self.kwargs["pk"])
        return self.juror

    def get_scheme(self):
        return self.get_juror().scheme


class AffiliationCreateView(JurorDeclarationView):
    form_class = forms.AffiliationForm
    success_message = _("The affiliation has been recorded.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Affiliation of %(name)s") % {"name": self.get_juror().name}
        return context

    def perform(self, form):
        return services.declare_affiliation(
            self.get_juror(), actor=self.request.user, **form.cleaned_data
        )


class RelationCreateView(JurorDeclarationView):
    form_class = forms.RelationForm
    success_message = _("The relation has been recorded.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Relation declared by %(name)s") % {"name": self.get_juror().name}
        return context

    def perform(self, form):
        return services.declare_relation(
            self.get_juror(), actor=self.request.user, kind="person", **form.cleaned_data
        )


class ObjectionCreateView(AwardsMixin, ServiceFormMixin, FormView):
    """An objection received through the scheme's named channel, recorded by the organisers
    against the entry it concerns."""

    permission_required = "awards.manage_schemes"
    template_name = "portals/_form_page.html"
    form_class = forms.ObjectionForm
    success_message = _("The objection has been recorded against the entry and its scores.")

    def get_entry(self):
        if not hasattr(self, "entry"):
            self.entry = selectors.get_scheme_entry_for(self.organization, self.kwargs["pk"])
        return self.entry

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Objection to %(title)s") % {"title": self.get_entry().display_title}
        return context

    def perform(self, form):
        return services.raise_objection(
            self.get_entry(), actor=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, result):
        return reverse("government:award_entry_detail", args=[result.entry_id])


urlpatterns = [
    path("awards/new/", SchemeCreateView.as_view(), name="award_scheme_create"),
    path(
        "awards/<int:pk>/categories/new/",
        CategoryCreateView.as_view(),
        name="award_category_create",
    ),
    path(
        "awards/<int:pk>/criteria/new/",
        CriterionCreateView.as_view(),
        name="award_criterion_create",
    ),
    path("awards/<int:pk>/rounds/new/", RoundCreateView.as_view(), name="award_round_create"),
    path(
        "awards/<int:pk>/organizers/new/",
        OrganizerCreateView.as_view(),
        name="award_organizer_create",
    ),
    path("awards/<int:pk>/jurors/new/", JurorCreateView.as_view(), name="award_juror_create"),
    path(
        "awards/jurors/<int:pk>/affiliations/new/",
        AffiliationCreateView.as_view(),
        name="award_affiliation_create",
    ),
    path(
        "awards/jurors/<int:pk>/relations/new/",
        RelationCreateView.as_view(),
        name="award_relation_create",
    ),
    path(
        "awards/entries/<int:pk>/objections/new/",
        ObjectionCreateView.as_view(),
        name="award_objection_create",
    ),
    path("awards/", SchemeListView.as_view(), name="award_scheme_list"),
    path("awards/<int:pk>/", SchemeDetailView.as_view(), name="award_scheme_detail"),
    path("awards/<int:pk>/edit/", SchemeEditView.as_view(), name="award_scheme_edit"),
    path(
        "awards/<int:pk>/<slug:step>/",
        SchemeStepView.as_view(),
        name="award_scheme_step",
    ),
    path("awards/rounds/<int:pk>/", RoundDetailView.as_view(), name="award_round_detail"),
    path(
        "awards/rounds/<int:pk>/scores.xlsx", ScoresExportView.as_view(), name="award_scores_export"
    ),
    path("awards/rounds/<int:pk>/<slug:step>/", RoundStepView.as_view(), name="award_round_step"),
    path("awards/entries/<int:pk>/", EntryDetailView.as_view(), name="award_entry_detail"),
    path(
        "awards/objections/<int:pk>/answer/",
        ObjectionAnswerView.as_view(),
        name="award_objection_answer",
    ),
    path(
        "awards/certificates/<int:pk>/revoke/",
        CertificateRevokeView.as_view(),
        name="award_certificate_revoke",
    ),
    path(
        "awards/categories/<int:pk>/edit/",
        CategoryEditView.as_view(),
        name="award_category_edit",
    ),
    path(
        "awards/criteria/<int:pk>/edit/",
        CriterionEditView.as_view(),
        name="award_criterion_edit",
    ),
]
