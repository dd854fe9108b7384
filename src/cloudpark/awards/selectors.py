"""Reads of award schemes, entries, judging and results, starting from what a user may see."""

from django.db.models import Case, Count, Prefetch, Q, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cloudpark.awards import enums
from cloudpark.awards.models import (
    Assignment,
    Category,
    Certificate,
    Criterion,
    Entry,
    Exclusion,
    Juror,
    Objection,
    Result,
    Round,
    Scheme,
    Score,
)

ENTRY_RELATED = ("scheme", "category", "submitter", "recommender")
SCHEME_PREFETCH = (
    Prefetch("categories", queryset=Category.objects.prefetch_related("quotas")),
    "criteria",
    "rounds",
    "organizers__organization",
)
PUBLIC_SCHEME_STATES = (
    enums.SchemeState.OPEN,
    enums.SchemeState.JUDGING,
    enums.SchemeState.PUBLICITY,
    enums.SchemeState.FINAL,
)


# Government: the schemes a body runs ------------------------------------------------------


def schemes_run_by(government):
    return (
        Scheme.objects.filter(owner=government)
        .annotate(entry_count=Count("entries"))
        .order_by("-year", "-edition", "-pk")
    )


def get_scheme_for(government, pk):
    return get_object_or_404(
        Scheme.objects.filter(owner=government).prefetch_related(*SCHEME_PREFETCH), pk=pk
    )


def get_category_for(government, pk):
    return get_object_or_404(
        Category.objects.filter(scheme__owner=government)
        .select_related("scheme")
        .prefetch_related("quotas"),
        pk=pk,
    )


def get_criterion_for(government, pk):
    return get_object_or_404(
        Criterion.objects.filter(scheme__owner=government).select_related("scheme"), pk=pk
    )


def get_round_for(government, pk):
    return get_object_or_404(
        Round.objects.filter(scheme__owner=government).select_related("scheme"), pk=pk
    )


def entries_of_scheme(scheme):
    return (
        Entry.objects.filter(scheme=scheme)
        .exclude(state=enums.EntryState.DRAFT)
        .select_related(*ENTRY_RELATED)
        .order_by("category__position", "title", "pk")
    )


def get_scheme_entry_for(government, pk):
    return get_object_or_404(
        Entry.objects.filter(scheme__owner=government)
        .exclude(state=enums.EntryState.DRAFT)
        .select_related(*ENTRY_RELATED)
        .prefetch_related("credits"),
        pk=pk,
    )


def jury_of(scheme):
    return scheme.jurors.select_related("user").prefetch_related(
        "categories", "affiliations__organization", "relations__organization"
    )


def exclusions_of(judging_round):
    return Exclusion.objects.filter(round=judging_round).select_related("juror", "entry__submitter")


def recusals_of(judging_round):
    return Assignment.objects.filter(
        round=judging_round, state=enums.AssignmentState.RECUSED
    ).select_related("juror", "entry")


def progress_of(judging_round):
    """Per juror: assigned, judged and recused counts. Counts only: no score is shown."""
    return (
        Juror.objects.filter(assignments__round=judging_round)
        .annotate(
            assigned=Count("assignments", filter=Q(assignments__round=judging_round)),
            judged=Count(
                "assignments",
                filter=Q(
                    assignments__round=judging_round,
                    assignments__state=enums.AssignmentState.DONE,
                ),
            ),
            recused=Count(
                "assignments",
                filter=Q(
                    assignments__round=judging_round,
                    assignments__state=enums.AssignmentState.RECUSED,
                ),
            ),
        )
        .order_by("name", "pk")
    )


def results_of(judging_round):
    return Result.objects.filter(round=judging_round).select_related(
        "entry__category", "entry__submitter"
    )


def scores_of_round(judging_round):
    """Every score of a round, for the organisers once it is closed (and the export)."""
    return (
        Score.objects.filter(assignment__round=judging_round)
        .select_related("assignment__juror", "assignment__entry__category", "criterion")
        .order_by(
            "assignment__entry__category__position",
            "assignment__entry__title",
            "assignment__juror__name",
            "criterion__position",
        )
    )


def objections_of(scheme):
    return Objection.objects.filter(scheme=scheme).select_related("entry")


# Enterprise: its own entries --------------------------------------------------------------


def schemes_open_for_entries():
    today = timezone.localdate()
    return Scheme.objects.filter(
        state=enums.SchemeState.OPEN, entries_open_on__lte=today, entries_close_on__gte=today
    ).prefetch_related(Prefetch("categories", queryset=Category.objects.order_by("position")))


def get_open_scheme(pk):
    return get_object_or_404(schemes_open_for_entries(), pk=pk)


def entries_of(enterprise):
    return Entry.objects.filter(submitter=enterprise).select_related(*ENTRY_RELATED)


def entries_of_enterprises(ids):
    """The entries of the enterprises with ``ids``: what the API lists for its caller."""
    return Entry.objects.filter(submitter_id__in=ids).select_related(*ENTRY_RELATED)


def get_entry_for(enterprise, pk):
    return get_object_or_404(entries_of(enterprise).prefetch_related("credits"), pk=pk)


# Juror: their own workspace ----------------------------------------------------------------


def seats_of(user):
    return (
        Juror.objects.filter(user=user)
        .select_related("scheme")
        .prefetch_related("scheme__rounds")
        .exclude(scheme__state=enums.SchemeState.DRAFT)
    )


def assignments_of(user):
    """Every work given to ``user`` as a juror, those of open rounds first, then the newest."""
    return (
        Assignment.objects.filter(juror__user=user)
        .select_related("round__scheme", "entry__category", "juror")
        .annotate(is_open=Case(When(round__state=enums.RoundState.OPEN, then=0), default=1))
        .order_by("is_open", "-round__opened_at", "entry__category__position", "entry__title", "pk")
    )


def get_assignment_for(user, pk):
    return get_object_or_404(
        Assignment.objects.filter(juror__user=user)
        .select_related("round__scheme", "entry__category", "entry__submitter", "juror")
        .prefetch_related("entry__credits", "scores"),
        pk=pk,
    )


def rounds_judged_by(user):
    """The rounds in which ``user`` has works assigned as a juror, the newest first."""
    return (
        Round.objects.filter(assignments__juror__user=user)
        .select_related("scheme")
        .distinct()
        .order_by("-opened_at", "-pk")
    )


def ballot_categories(judging_round, user):
    """``[(category, voted)]``: the categories in which ``user`` has works of ``judging_round``
    assigned (recusals aside), and whether they have voted there already."""
    categories = (
        Category.objects.filter(
            entries__assignments__round=judging_round,
            entries__assignments__juror__user=user,
        )
        .exclude(entries__assignments__state=enums.AssignmentState.RECUSED)
        .prefetch_related("quotas")
        .distinct()
        .order_by("position", "pk")
    )
    voted = set(
        judging_round.receipts.filter(juror__user=user).values_list("category_id", flat=True)
    )
    return [(category, category.pk in voted) for category in categories]


def scores_visible_to(user, judging_round):
    """The scores ``user`` may read in a round: their own while it is open, every juror's once
    it has closed. Other jurors' scores never show while a round is open."""
    scores = Score.objects.filter(assignment__round=judging_round).select_related(
        "assignment__juror", "criterion"
    )
    if judging_round.is_closed:
        return scores
    return scores.filter(assignment__juror__user=user)


def get_chaired_round(user, pk):
    judging_round = get_object_or_404(Round.objects.select_related("scheme"), pk=pk)
    if not Juror.objects.filter(scheme=judging_round.scheme, user=user, is_chair=True).exists():
        raise Http404
    return judging_round


# Public ------------------------------------------------------------------------------------


def public_schemes():
    return Scheme.objects.filter(state__in=PUBLIC_SCHEME_STATES).select_related("owner")


def get_public_scheme(pk):
    return get_object_or_404(public_schemes().prefetch_related(*SCHEME_PREFETCH), pk=pk)


def objectable_entries(scheme):
    """The judged works of a scheme whose results are on notice: those anyone may object to."""
    if scheme.state != enums.SchemeState.PUBLICITY:
        return Entry.objects.none()
    return (
        Entry.objects.filter(scheme=scheme, results__isnull=False)
        .select_related(*ENTRY_RELATED)
        .distinct()
        .order_by("category__position", "title", "pk")
    )


def get_objectable_entry(pk):
    """A judged work of a scheme on notice; 404 for anything else."""
    return get_object_or_404(
        Entry.objects.filter(scheme__state=enums.SchemeState.PUBLICITY, results__isnull=False)
        .select_related(*ENTRY_RELATED)
        .distinct(),
        pk=pk,
    )


def get_objection_status(reference, contact):
    """An objection by its tracking reference and the telephone or e-mail given with it: the
    reference alone does not show someone's objection."""
    contact = (contact or "").strip()
    if not contact:
        raise Http404
    return get_object_or_404(
        Objection.objects.select_related("entry", "scheme"),
        reference=(reference or "").strip().upper(),
        contact__iexact=contact,
    )


def entries_on_notice(scheme):
    """The eligible entries shown publicly before they go to the jury."""
    return (
        Entry.objects.filter(scheme=scheme, state__in=enums.PUBLIC_ENTRY_STATES)
        .select_related(*ENTRY_RELATED)
        .prefetch_related("credits")
        .order_by("category__position", "title", "pk")
    )


def honour_list(scheme):
    """The awarded entries, once the results are public (on notice or final), by level."""
    if not scheme.results_are_public:
        return Entry.objects.none()
    entries = Entry.objects.filter(scheme=scheme).exclude(level="").select_related(*ENTRY_RELATED)
    if scheme.is_final:
        entries = entries.filter(state=enums.EntryState.AWARDED)
    return entries.order_by("category__position", "level", "title", "pk")


def answered_objections(scheme):
    return (
        Objection.objects.filter(scheme=scheme)
        .exclude(state=enums.ObjectionState.RECEIVED)
        .select_related("entry")
    )


def get_certificate(number):
    return get_object_or_404(
        Certificate.objects.select_related("entry__scheme", "entry__category", "holder"),
        number=number,
    )


def certificates_of(enterprise):
    return (
        Certificate.objects.filter(holder=enterprise)
        .select_related("entry__scheme", "entry__category")
        .order_by("-issued_on", "number")
    )


def get_objection_for(government, pk):
    return get_object_or_404(
        Objection.objects.filter(scheme__owner=government).select_related("entry", "scheme"),
        pk=pk,
    )


def get_certificate_for(government, pk):
    return get_object_or_404(
        Certificate.objects.filter(entry__scheme__owner=government).select_related("entry"),
        pk=pk,
    )


def award_history(enterprise):
    """The enterprise's awards on final honour lists, newest first, with their certificates."""
    return (
        Entry.objects.filter(submitter=enterprise, state=enums.EntryState.AWARDED)
        .select_related("scheme", "category")
        .prefetch_related(
            Prefetch(
                "certificates",
                queryset=Certificate.objects.filter(status=enums.CertificateStatus.VALID),
            )
        )
        .order_by("-scheme__year", "category__position", "pk")
    )


def certificates_all():
    return Certificate.objects.select_related("entry__scheme", "entry__category", "holder")


def rounds_run_by(government):
    return Round.objects.filter(scheme__owner=government).select_related("scheme")


def get_juror_for(government, pk):
    return get_object_or_404(
        Juror.objects.filter(scheme__owner=government).select_related("scheme"), pk=pk
    )
