"""A juror's own workspace: the schemes whose jury they sit on, the works given to them with
the rubric to score, their ballots, recusal, and for the chair the jury's progress."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.awards import enums, forms, selectors, services
from cloudpark.awards.models import Assignment
from cloudpark.portals.base import IndividualMixin, ListMixin, ServiceFormMixin


class JuryView(IndividualMixin, ListMixin, TemplateView):
    """The works awaiting the juror in open rounds, and their seats."""

    template_name = "awards/individual/jury.html"
    rows_template_name = "awards/individual/_assignment_rows.html"
    title = _("My jury work")
    paginate_by = 100

    def get_queryset(self):
        return selectors.assignments_of(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["seats"] = selectors.seats_of(self.request.user)
        return context


class AssignmentMixin(IndividualMixin):
    def get_assignment(self):
        if not hasattr(self, "assignment"):
            self.assignment = selectors.get_assignment_for(self.request.user, self.kwargs["pk"])
        return self.assignment


class AssignmentView(AssignmentMixin, ServiceFormMixin, FormView):
    """One work with the rubric: the juror's own scores while the round is open; the other
    jurors' only once it has closed."""

    template_name = "awards/individual/assignment.html"
    success_message = _("Your scores have been saved.")

    def get_form(self, form_class=None):
        assignment = self.get_assignment()
        return forms.ScoreForm(
            **self.get_form_kwargs(),
            scheme=assignment.round.scheme,
            scores=assignment.scores.all(),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignment = self.get_assignment()
        judging_round = assignment.round
        context.update(
            assignment=assignment,
            entry=assignment.entry,
            round=judging_round,
            title=assignment.entry.display_title,
            may_score=judging_round.is_scored
            and judging_round.state == enums.RoundState.OPEN
            and assignment.state != enums.AssignmentState.RECUSED,
            visible_scores=selectors.scores_visible_to(self.request.user, judging_round)
            .filter(assignment__entry=assignment.entry)
            .order_by("assignment__juror__name", "criterion__position"),
        )
        return context

    def perform(self, form):
        assignment = self.get_assignment()
        return services.score_entry(
            assignment.round, assignment.entry, actor=self.request.user, scores=form.scores()
        )

    def get_success_url(self, result):
        return reverse("individual:jury")


class RecuseView(AssignmentMixin, ServiceFormMixin, FormView):
    template_name = "portals/_form_page.html"
    form_class = forms.ReasonForm
    success_message = _("You have recused from this work; the organisers can see why.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Recuse from %(title)s") % {
            "title": self.get_assignment().entry.display_title
        }
        return context

    def perform(self, form):
        return services.recuse(
            self.get_assignment(), actor=self.request.user, reason=form.cleaned_data["reason"]
        )

    def get_success_url(self, result):
        return reverse("individual:jury")


class BallotView(IndividualMixin, ServiceFormMixin, FormView):
    """A juror's ballot in one category of a voting round: at most the quota."""

    template_name = "awards/individual/ballot.html"
    form_class = forms.BallotForm
    success_message = _("Your ballot has been cast.")

    def get_objects(self):
        if not hasattr(self, "objects"):
            assignments = Assignment.objects.filter(
                juror__user=self.request.user,
                round_id=self.kwargs["pk"],
                entry__category_id=self.kwargs["category"],
            ).select_related("round__scheme", "entry__category")
            first = assignments.first()
            if first is None:
                raise Http404
            self.objects = (first.round, first.entry.category, assignments)
        return self.objects

    def get_form_kwargs(self):
        _round, _category, assignments = self.get_objects()
        entries = type(assignments.first().entry).objects.filter(
            pk__in=assignments.exclude(state=enums.AssignmentState.RECUSED).values("entry")
        )
        return {**super().get_form_kwargs(), "entries": entries}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        judging_round, category, _assignments = self.get_objects()
        context.update(
            round=judging_round,
            category=category,
            quota=services.ballot_quota(judging_round, category),
            title=_("Ballot: %(category)s") % {"category": category.display_name},
        )
        return context

    def perform(self, form):
        judging_round, category, _assignments = self.get_objects()
        return services.cast_ballot(
            judging_round,
            category,
            actor=self.request.user,
            entries=list(form.cleaned_data["entries"]),
        )

    def get_success_url(self, result):
        return reverse("individual:jury")


class ProgressView(IndividualMixin, TemplateView):
    """The chair's view of a round: who has finished, counts only."""

    template_name = "awards/individual/progress.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        judging_round = selectors.get_chaired_round(self.request.user, self.kwargs["pk"])
        took_part, voting = services.participation(judging_round)
        context.update(
            round=judging_round,
            title=str(judging_round),
            progress=selectors.progress_of(judging_round),
            took_part=took_part,
            voting=voting,
            has_quorum=services.has_quorum(judging_round),
        )
        return context


urlpatterns = [
    path("jury/", JuryView.as_view(), name="jury"),
    path("jury/assignments/<int:pk>/", AssignmentView.as_view(), name="jury_assignment"),
    path("jury/assignments/<int:pk>/recuse/", RecuseView.as_view(), name="jury_recuse"),
    path(
        "jury/rounds/<int:pk>/categories/<int:category>/ballot/",
        BallotView.as_view(),
        name="jury_ballot",
    ),
    path("jury/rounds/<int:pk>/progress/", ProgressView.as_view(), name="jury_progress"),
]
