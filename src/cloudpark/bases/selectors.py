"""Reads of base accreditation. Every object a page or the API shows comes from here, starting
from what the acting organisation may see; anything else is a 404."""

from django.db.models import Count, F, Max, Prefetch, Q, Window
from django.http import Http404

from cloudpark.bases import enums
from cloudpark.bases.models import (
    Accreditation,
    AccreditationRound,
    AnnualReview,
    Declaration,
    DeclarationMaterial,
)
from cloudpark.core import search
from cloudpark.orgs import choices
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import GovernmentBody, Park
from cloudpark.reviews.models import ReviewCase

DECLARATION_FLOW_KEY = "bases.declaration"


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Who oversees a park ------------------------------------------------------------------------


def bodies_overseeing(park):
    """The government bodies that look after ``park``: those with it in their jurisdiction and
    every body above them, nearest first."""
    bodies = []
    seen = set()
    frontier = list(GovernmentBody.objects.filter(jurisdiction=park).order_by("pk"))
    while frontier:
        body = frontier.pop(0)
        if body.pk in seen:
            continue
        seen.add(body.pk)
        bodies.append(body)
        if body.parent_id is not None:
            frontier.append(body.parent)
    return bodies


def provincial_body_for(park):
    """The provincial body that looks after ``park`` (reviews its national declarations)."""
    for body in bodies_overseeing(park):
        if body.level == org_enums.GovernmentLevel.PROVINCIAL:
            return body
    return None


# Rounds --------------------------------------------------------------------------------------


def rounds_of(government):
    """Rounds the body organises, with their declarations counted by state."""
    counts = {
        f"{state.value}_total": Count("declarations", filter=Q(declarations__state=state))
        for state in enums.DeclarationState
    }
    return (
        AccreditationRound.objects.filter(organiser=government)
        .select_related("organiser")
        .annotate(**counts)
        .order_by("-opens_on", "-pk")
    )


def get_round_for_government(government, pk):
    return _get(rounds_of(government), pk)


def rounds_for_park(park):
    """Rounds of the bodies that look after ``park``: the calls it may answer."""
    organisers = [body.pk for body in bodies_overseeing(park)]
    return (
        AccreditationRound.objects.filter(organiser_id__in=organisers)
        .select_related("organiser")
        .order_by("-opens_on", "-pk")
    )


def get_round_for_park(park, pk):
    return _get(rounds_for_park(park), pk)


# Declarations --------------------------------------------------------------------------------

DECLARATION_RELATED = ("round", "round__organiser", "park", "park__region", "surveyed_by")


def _with_materials(queryset):
    return queryset.select_related(*DECLARATION_RELATED).prefetch_related(
        Prefetch("materials", queryset=DeclarationMaterial.objects.select_related("uploaded_by"))
    )


def declarations_of_parks(parks):
    """The declarations of ``parks`` (parks or their ids), newest first."""
    return _with_materials(Declaration.objects.filter(park__in=parks)).order_by(
        "-created_at", "-pk"
    )


def declarations_of(park):
    return declarations_of_parks([park])


def get_declaration_for_park(park, pk):
    return _get(declarations_of(park), pk)


def live_declaration(park, accreditation_round):
    """The park's declaration for the round that is not withdrawn, if any."""
    return (
        Declaration.objects.filter(park=park, round=accreditation_round)
        .exclude(state=enums.DeclarationState.WITHDRAWN)
        .first()
    )


def live_declarations_by_round(park, rounds):
    """``{round id: the park's declaration}`` for ``rounds``, withdrawn ones left out."""
    declarations = Declaration.objects.filter(park=park, round__in=rounds).exclude(
        state=enums.DeclarationState.WITHDRAWN
    )
    return {declaration.round_id: declaration for declaration in declarations}


def _cases_reviewed_by(government):
    """Ids of declarations whose review reached ``government`` at some stage."""
    return (
        ReviewCase.objects.filter(
            Q(reviewing_organization=government) | Q(decisions__organization=government),
            flow_key=DECLARATION_FLOW_KEY,
        )
        .order_by()
        .values("object_id")
    )


def declarations_visible_to(government):
    """Declarations for the body's own rounds, and those it reviews or reviewed."""
    return _with_materials(
        Declaration.objects.exclude(state=enums.DeclarationState.DRAFT).filter(
            Q(round__organiser=government) | Q(pk__in=_cases_reviewed_by(government))
        )
    )


def get_declaration_for_government(government, pk):
    return _get(declarations_visible_to(government), pk)


def declarations_in_round(accreditation_round):
    """The declarations the organiser sees: every one but drafts nobody has submitted."""
    return (
        _with_materials(accreditation_round.declarations.all())
        .exclude(state=enums.DeclarationState.DRAFT)
        .select_related("accreditation")
        .order_by("park__name", "pk")
    )


def get_material_for_park(park, pk):
    return _get(
        DeclarationMaterial.objects.filter(declaration__park=park).select_related("declaration"),
        pk,
    )


def get_material_for_government(government, pk):
    visible = declarations_visible_to(government).values("pk")
    return _get(
        DeclarationMaterial.objects.filter(declaration__in=visible).select_related("declaration"),
        pk,
    )


def case_of(declaration):
    """The declaration's review case as it stands now (read afresh, since a review step may
    have moved it since the declaration was read), or None before its first submission."""
    if declaration.review_case_id is None:
        return None
    return ReviewCase.objects.filter(pk=declaration.review_case_id).first()


# Accreditations ------------------------------------------------------------------------------

ACCREDITATION_RELATED = ("park", "park__region", "decided_by", "ended_by", "round")


def current_accreditations():
    """Bases whose accreditation stands, for the public lists: national before provincial,
    the newest batch first, each batch whole. With what a row shows (the park, its region,
    who decided), not the round nor who ended it: each table joined more costs PostgreSQL
    more in planning the query than in running it. The deciding bodies, a handful, are read
    apart by their ids: joined, their two tables took PostgreSQL 4 ms to plan the list's
    query, against under 1 ms without them and 0.3 ms to run it."""
    return (
        Accreditation.objects.filter(ended_on__isnull=True)
        .exclude(park__status=org_enums.ParkStatus.EXITED)
        .select_related("park", "park__region")
        .prefetch_related(
            Prefetch("decided_by", queryset=GovernmentBody.objects.only("kind", "name", "name_en"))
        )
        .annotate(
            level_rank=org_selectors.level_rank(),
            batch_approved_on=Window(Max("approved_on"), partition_by=[F("level"), F("batch")]),
        )
        .order_by("-level_rank", "-batch_approved_on", "batch", "park__name", "pk")
    )


def current_batches():
    """``(batch, batch_en)`` of the standing accreditations, as the public list orders them;
    kept with the directory's cached choices, which any accreditation saved makes stale."""
    return choices.cached("bases:batches", _read_current_batches)


def _read_current_batches():
    rows = (
        Accreditation.objects.filter(ended_on__isnull=True)
        .exclude(park__status=org_enums.ParkStatus.EXITED)
        .values("level", "batch", "batch_en")
        .annotate(level_rank=org_selectors.level_rank(), batch_approved_on=Max("approved_on"))
        .order_by("-level_rank", "-batch_approved_on", "batch")
    )
    return list(dict.fromkeys((row["batch"], row["batch_en"]) for row in rows))


def filter_accreditations(queryset, *, level="", batch="", region=None, query=""):
    if level:
        queryset = queryset.filter(level=level)
    if batch:
        queryset = queryset.filter(batch=batch)
    if region:
        queryset = queryset.filter(
            Q(park__region=region)
            | Q(park__region__parent=region)
            | Q(park__region__parent__parent=region)
        )
    if query:
        queryset = queryset.filter(park__in=search.search(Park.objects.all(), query))
    return queryset


def accreditations_of(park):
    """Every accreditation the park has held, current and ended, newest first."""
    return (
        Accreditation.objects.filter(park=park)
        .select_related(*ACCREDITATION_RELATED)
        .order_by("-approved_on", "-pk")
    )


def current_accreditation_of(park):
    """The park's highest standing accreditation (national before provincial), or None."""
    return (
        Accreditation.objects.filter(park=park, ended_on__isnull=True)
        .select_related("decided_by")
        .annotate(level_rank=org_selectors.level_rank())
        .order_by("-level_rank", "-approved_on", "-pk")
        .first()
    )


# Annual reviews ------------------------------------------------------------------------------

ANNUAL_RELATED = ("park", "park__region", "reviewing_body", "accreditation", "decided_by")


def annual_reviews_of(park):
    return (
        AnnualReview.objects.filter(park=park)
        .select_related(*ANNUAL_RELATED)
        .order_by("-year", "-pk")
    )


def annual_reviews_for(government):
    """Annual reviews the body decides, those awaiting a decision first."""
    return (
        AnnualReview.objects.filter(reviewing_body=government)
        .select_related(*ANNUAL_RELATED)
        .order_by(F("decided_on").asc(nulls_first=True), "-year", "park__name", "pk")
    )


def get_annual_review_for_government(government, pk):
    return _get(annual_reviews_for(government), pk)


def public_rounds():
    """Every round: a round is a public call for declarations."""
    return AccreditationRound.objects.select_related("organiser").order_by("-opens_on", "-pk")
