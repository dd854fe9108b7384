"""The review room, shared by every capability that uses the review engine and by the park
and government portals: the cases awaiting the user, and one case with its subject, history,
opinions and the decision.

A flow shows its subject with the template its presentation names (``reviews.presentation``,
registered in ``portals.shared.review_subjects``) and asks for extra decision fields with the form
class there (whose ``decision_data()`` is kept with the decision, where the flow's consumer
reads it).
"""

from datetime import timedelta
from functools import partial

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.portals import home
from cloudpark.portals.base import Portal, PortalMixin, RowsMixin
from cloudpark.portals.forms import FilterForm, SearchField, valid_filters
from cloudpark.reviews import enums, presentation, selectors, services


class OpinionForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=enums.Recommendation.choices
    )
    score = forms.DecimalField(
        label=_("Score"), required=False, min_value=0, max_digits=6, decimal_places=2
    )
    comment = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, stage, **kwargs):
        super().__init__(*args, **kwargs)
        if stage.scored:
            self.fields["score"].required = True
            self.fields["score"].max_value = stage.max_score
            self.fields["score"].help_text = _("From 0 to %(max)s.") % {"max": stage.max_score}
        else:
            del self.fields["score"]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return or reject: the applicant reads it."),
    )

    def __init__(self, *args, case, stage_key=None, **kwargs):
        super().__init__(*args, **kwargs)
        last = case.flow.is_last_for(case, stage_key or case.stage_key)
        allowed = [
            enums.Decision.APPROVE if last else enums.Decision.ADVANCE,
            enums.Decision.RETURN,
            enums.Decision.REJECT,
        ]
        self.fields["decision"].choices = [(d.value, d.label) for d in allowed]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in enums.DECISIONS_NEEDING_COMMENT
            and not cleaned.get("comment", "").strip()
        ):
            self.add_error("comment", _("Say why, so that the applicant knows what to do."))
        return cleaned


def decision_forms(case, data=None, *, stage_key=None):
    """The engine's decision form for ``stage_key`` (the stage the case is at, by default)
    and the flow's own extra fields, if it asks for any."""
    extra_class = presentation.get(case.flow_key).decision_form
    extra = extra_class(data, case=case, prefix="extra") if extra_class else None
    return DecisionForm(data, case=case, stage_key=stage_key), extra


def seen_on_page(data):
    """The stage and round of the case as the page the reviewer posts from showed it; a round
    that is not a number matches none."""
    stage_key = data.get("stage_key", "")
    round_text = data.get("round")
    if round_text in (None, ""):
        return stage_key, None
    try:
        return stage_key, int(round_text)
    except (TypeError, ValueError):
        return stage_key, 0


def _stages_shown(case):
    """``(stage, index, index of the current stage)`` for the stages this case goes through."""
    stages = case.flow.stages_for(case)
    keys = [stage.key for stage in stages]
    current = keys.index(case.stage_key) if case.stage_key in keys else 0
    return [(stage, index, current) for index, stage in enumerate(stages)]


class QueueFilterForm(FilterForm):
    """The review queue's filters; the kinds and stages offered are those of the cases."""

    # The subject's name carries its programme (an application) or round (a declaration).
    q = SearchField(label=_("Applicant, subject, programme or round"))
    stage = forms.ChoiceField(required=False, label=_("Stage"))
    due = forms.ChoiceField(
        required=False,
        label=_("Deadline"),
        choices=[
            ("", _("Any deadline")),
            ("overdue", _("Overdue")),
            ("week", _("Due within 7 days")),
        ],
    )
    sort = forms.ChoiceField(
        required=False,
        label=_("Order"),
        choices=[
            ("", _("Nearest deadline first")),
            ("submitted", _("Longest waiting first")),
            ("applicant", _("By applicant")),
        ],
    )

    def __init__(self, *args, stages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("All stages")), *stages]
        self.fields["q"].widget.attrs["placeholder"] = _("Name, e.g. 影视")


def _stage_key(case):
    return f"{case.flow_key}:{case.stage_key}"


def stage_counts(cases):
    """``(key, "flow · stage", count)`` for the stages the cases wait at, in flow order."""
    counts = {}
    for case in cases:
        key = _stage_key(case)
        if key not in counts:
            counts[key] = [f"{case.flow.label} · {case.stage.label}", 0]
        counts[key][1] += 1
    return [(key, label, count) for key, (label, count) in counts.items()]


def filter_queue(cases, values):
    """The cases that match the queue's filters, in the order asked for."""
    query = (values.get("q") or "").strip().casefold()
    stage, due = values.get("stage"), values.get("due")
    now = timezone.now()

    def matches(case):
        if stage and _stage_key(case) != stage:
            return False
        if due == "overdue" and not case.is_overdue:
            return False
        if due == "week" and (case.due_at is None or case.due_at > now + timedelta(days=7)):
            return False
        names = (
            case.subject_label,
            case.subject_label_en,
            case.applicant.name,
            case.applicant.name_en,
        )
        return not query or any(query in (name or "").casefold() for name in names)

    kept = [case for case in cases if matches(case)]
    order = values.get("sort")
    if order == "submitted":
        kept.sort(key=lambda case: (case.submitted_at, case.pk))
    elif order == "applicant":
        kept.sort(key=lambda case: (case.applicant.name, case.pk))
    return kept


class ReviewListView(PortalMixin, RowsMixin, TemplateView):
    template_name = "reviews/review_list.html"
    rows_template_name = "reviews/_awaiting_rows.html"
    title = _("Reviews")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        awaiting = selectors.cases_awaiting(self.request.user, self.organization)
        counts = stage_counts(awaiting)
        form = QueueFilterForm(
            self.request.GET or None, stages=[(key, label) for key, label, _count in counts]
        )
        values = valid_filters(form)
        context["filter_form"] = form
        context["stage_counts"] = counts
        context["awaiting_total"] = len(awaiting)
        context["awaiting"] = filter_queue(awaiting, values)
        context["recent"] = (
            selectors.cases_visible_to(self.organization)
            .exclude(state=enums.CaseState.IN_REVIEW, reviewing_organization=self.organization)
            .order_by("-updated_at", "-pk")[:20]
        )
        return context


class ReviewCaseView(PortalMixin, TemplateView):
    """One case: GET shows it; POST takes an opinion (``action=opinion``) or a decision."""

    template_name = "reviews/review_detail.html"

    def get_case(self):
        return selectors.get_case_for(self.organization, self.kwargs["pk"])

    def get_context_data(
        self,
        opinion_form=None,
        decision_form=None,
        extra_form=None,
        seen=None,
        confirming=None,
        **kwargs,
    ):
        """A form posted back with its errors is shown as it was posted, for the stage and
        round the reviewer saw (``seen``), even when the case has moved on since."""
        context = super().get_context_data(**kwargs)
        case = self.case
        user = self.request.user
        now = (case.stage_key, case.round)
        opinion_at = decision_at = now
        if opinion_form is None and user.has_perm("reviews.give_opinion", case):
            opinion_form = OpinionForm(stage=case.stage)
        elif opinion_form is not None:
            opinion_at = seen
        if decision_form is None and user.has_perm("reviews.decide_case", case):
            decision_form, extra_form = decision_forms(case)
        elif decision_form is not None:
            decision_at = seen
        context.update(
            case=case,
            flow=case.flow,
            subject=case.subject,
            subject_template=presentation.get(case.flow_key).subject_template,
            title=case.display_subject_label,
            stages=_stages_shown(case),
            opinions=selectors.opinions_of(case)
            if user.has_perm("reviews.view_opinions", case)
            else [],
            decisions=selectors.decisions_of(case),
            history=audit.history_of(case),
            opinion_form=opinion_form,
            opinion_at=opinion_at,
            decision_form=decision_form,
            extra_form=extra_form,
            decision_at=decision_at,
            decision_stage=case.flow.stage(decision_at[0]),
            confirming=confirming,
            next_case=selectors.next_case_awaiting(user, self.organization, case),
        )
        return context

    def get(self, request, *args, **kwargs):
        self.case = self.get_case()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.case = self.get_case()
        if request.POST.get("action") == "opinion":
            return self.take_opinion(request)
        return self.take_decision(request)

    def take_opinion(self, request):
        case = self.case
        stage_key, round_seen = seen_on_page(request.POST)
        seen = selectors.Seen(case, stage_key, round_seen)
        if not request.user.has_perm("reviews.give_opinion_at_stage_seen", seen):
            raise PermissionDenied
        form = OpinionForm(request.POST, stage=case.flow.stage(stage_key))
        if form.is_valid():
            try:
                services.record_opinion(
                    case,
                    actor=request.user,
                    stage_key=stage_key,
                    seen_round=round_seen,
                    recommendation=form.cleaned_data["recommendation"],
                    comment=form.cleaned_data["comment"],
                    score=form.cleaned_data.get("score"),
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
            else:
                messages.success(request, _("Your opinion has been recorded."))
                return redirect(request.path)
        context = self.get_context_data(opinion_form=form, seen=(stage_key, round_seen))
        return self.render_to_response(context)

    def take_decision(self, request):
        """A valid decision is first tried and undone, so that the service's own refusals
        (a missing reason, an amount above the request) show before the reviewer confirms;
        the confirmed one is recorded and the reviewer goes on to the next case."""
        case = self.case
        stage_key, round_seen = seen_on_page(request.POST)
        seen = selectors.Seen(case, stage_key, round_seen)
        if not request.user.has_perm("reviews.decide_stage_seen", seen):
            raise PermissionDenied
        form, extra = decision_forms(case, request.POST, stage_key=stage_key)
        confirmed = request.POST.get("confirmed") == "1"
        if form.is_valid() and (extra is None or extra.is_valid()):
            decide = partial(
                services.decide,
                case,
                actor=request.user,
                stage_key=stage_key,
                seen_round=round_seen,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
                data=extra.decision_data() if extra is not None else None,
            )
            try:
                if confirmed:
                    decide()
                else:
                    _try_and_undo(decide)
            except DomainError as error:
                target = extra if extra is not None and error.field in extra.fields else form
                field = error.field if error.field in target.fields else None
                target.add_error(field, str(error))
            else:
                if confirmed:
                    messages.success(request, _("Your decision has been recorded."))
                    return redirect(request.path)
                return self.render_to_response(
                    self.get_context_data(
                        decision_form=form,
                        extra_form=extra,
                        seen=(stage_key, round_seen),
                        confirming=_confirmation(form, extra, request.POST),
                    )
                )
        context = self.get_context_data(
            decision_form=form, extra_form=extra, seen=(stage_key, round_seen)
        )
        return self.render_to_response(context)


class _Undone(Exception):
    pass


def _try_and_undo(step):
    """Run ``step`` and roll back whatever it wrote; its refusal is raised as it was."""
    try:
        with transaction.atomic():
            step()
            raise _Undone
    except _Undone:
        pass


def _confirmation(form, extra, posted):
    """What the reviewer is asked to confirm: the decision in words, and the posted fields to
    send again with ``confirmed``."""
    details = [(form.fields["comment"].label, form.cleaned_data["comment"])]
    if extra is not None:
        details += [
            (extra.fields[name].label, value)
            for name, value in extra.cleaned_data.items()
            if value not in (None, "") and name != "decision"
        ]
    return {
        "decision": enums.Decision(form.cleaned_data["decision"]).label,
        "details": [(label, value) for label, value in details if value not in (None, "")],
        "fields": [
            (name, value)
            for name, values in posted.lists()
            if name not in {"csrfmiddlewaretoken", "confirmed"}
            for value in values
        ],
    }


def urlpatterns_for(portal):
    """The review room, mounted in the park and in the government portal."""
    return [
        path("reviews/", ReviewListView.as_view(portal=portal), name="review_list"),
        path("reviews/<int:pk>/", ReviewCaseView.as_view(portal=portal), name="review_detail"),
    ]


# Home panel ------------------------------------------------------------------------------------


def awaiting_home_panel(request, organization):
    """Every case awaiting this organisation, whatever its flow: the review room's own list."""
    cases = list(selectors.cases_awaiting(request.user, organization))
    if not cases:
        return None
    return {"cases": cases[:8], "case_total": len(cases)}


for _portal in (Portal.PARK, Portal.GOVERNMENT):
    home.register(
        _portal,
        home.Panel("reviews.awaiting", "reviews/_awaiting_home.html", awaiting_home_panel, 10),
    )
