"""Reads of drama filings. Every object a page or the API shows comes from here, starting from
what the acting organisation (or the public) may see; anything else is a 404."""

from collections import OrderedDict

from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404

from cloudpark.bases.selectors import bodies_overseeing
from cloudpark.filings import enums, regime
from cloudpark.filings.models import (
    FilingMaterial,
    FilmCut,
    IssuedNumber,
    PlanningFiling,
    Producer,
    ReleaseFiling,
    TimedComment,
    ViewingSession,
)
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.models import GovernmentBody

PLANNING_RELATED = ("project__enterprise", "review_case")
PUBLIC_STATES = (
    enums.PlanningState.APPROVED,
    enums.PlanningState.SUPERSEDED,
    enums.PlanningState.REVOKED,
)


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Who reviews ---------------------------------------------------------------------------------


def provincial_bureau_for(enterprise):
    """The body that reviews ``enterprise``'s filings: the provincial body above its park
    (where the park's line has no provincial body on record, the highest body overseeing
    it), or else the provincial body of the enterprise's region."""
    if enterprise.park_id is not None:
        bodies = bodies_overseeing(enterprise.park)
        for body in bodies:
            if body.level == org_enums.GovernmentLevel.PROVINCIAL:
                return body
        if bodies:
            return bodies[-1]
    province = regime.province_of(enterprise.region.code if enterprise.region_id else "")
    if not province:
        return None
    return (
        GovernmentBody.objects.filter(
            level=org_enums.GovernmentLevel.PROVINCIAL, region__code__startswith=province
        )
        .order_by("pk")
        .first()
    )


def national_body_above(body):
    """The national body at the top of ``body``'s line, or None."""
    seen = set()
    while body is not None and body.pk not in seen:
        if body.level == org_enums.GovernmentLevel.NATIONAL:
            return body
        seen.add(body.pk)
        body = body.parent
    return None


# Enterprise ----------------------------------------------------------------------------------


def planning_filings_of(enterprise):
    """The enterprise's planning filings, with their numbers and release filings."""
    return (
        PlanningFiling.objects.filter(project__enterprise=enterprise)
        .select_related(*PLANNING_RELATED)
        .prefetch_related("numbers", "release_filings")
        .order_by("-created_at", "-pk")
    )


def planning_filings_of_enterprises(enterprise_ids):
    """The planning filings of the enterprises the caller belongs to, for the API."""
    return with_details(
        PlanningFiling.objects.filter(project__enterprise_id__in=enterprise_ids).order_by(
            "-created_at", "-pk"
        )
    )


def release_filings_of_enterprises(enterprise_ids):
    return (
        ReleaseFiling.objects.filter(planning__project__enterprise_id__in=enterprise_ids)
        .select_related("planning", "licence")
        .order_by("-created_at", "-pk")
    )


def with_details(queryset):
    return queryset.select_related(*PLANNING_RELATED, "supersedes").prefetch_related(
        Prefetch("producers", Producer.objects.select_related("enterprise")),
        "people",
        "numbers",
        "materials",
    )


def get_planning_for_enterprise(enterprise, pk):
    return _get(with_details(planning_filings_of(enterprise)), pk)


def release_filings_of(enterprise):
    return (
        ReleaseFiling.objects.filter(planning__project__enterprise=enterprise)
        .select_related("planning", "review_case")
        .order_by("-created_at", "-pk")
    )


def get_release_for_enterprise(enterprise, pk):
    return _get(release_filings_of(enterprise).select_related("licence"), pk)


def get_material_for_enterprise(enterprise, pk):
    return _get(FilingMaterial.objects.filter(planning__project__enterprise=enterprise), pk)


# Government -----------------------------------------------------------------------------------


def planning_filings_reviewed_by(government):
    """Filings whose review reached ``government``: its case sits or sat with the body."""
    return (
        PlanningFiling.objects.filter(
            Q(review_case__reviewing_organization=government)
            | Q(review_case__decisions__organization=government)
        )
        .distinct()
        .select_related(*PLANNING_RELATED)
        .prefetch_related("numbers")
    )


def get_planning_for_government(government, pk):
    return _get(with_details(planning_filings_reviewed_by(government)), pk)


def get_material_for_government(government, pk):
    reviewed = planning_filings_reviewed_by(government).values("pk")
    return _get(FilingMaterial.objects.filter(planning__in=reviewed), pk)


def numbers_issued_by(government):
    return IssuedNumber.objects.filter(issuer=government).select_related("planning", "issuer")


def get_number_for_government(government, pk):
    return _get(numbers_issued_by(government), pk)


# Public ----------------------------------------------------------------------------------------


def public_filings():
    """Planning filings that have been in a notice: kept public for ever, whatever their
    numbers' status since."""
    return (
        PlanningFiling.objects.filter(state__in=PUBLIC_STATES, notice_month__isnull=False)
        .select_related("project__enterprise")
        .prefetch_related(
            Prefetch("producers", Producer.objects.select_related("enterprise")),
            Prefetch("numbers", IssuedNumber.objects.order_by("issued_on", "pk")),
        )
        .order_by("-notice_month", "title", "pk")
    )


def get_public_filing(pk):
    return _get(public_filings(), pk)


def notice_months():
    """``[(month, works)]``, newest first."""
    return list(
        PlanningFiling.objects.filter(state__in=PUBLIC_STATES, notice_month__isnull=False)
        .values_list("notice_month")
        .annotate(works=Count("pk"))
        .order_by("-notice_month")
    )


def filings_in_notice(month):
    return public_filings().filter(notice_month=month).order_by("kind", "title", "pk")


def archived_titles_like(title, *, excluding_project=None):
    """Archived filings with exactly ``title`` (a clash), other than the project's own."""
    found = PlanningFiling.objects.filter(state__in=PUBLIC_STATES, title=title)
    if excluding_project is not None:
        found = found.exclude(project=excluding_project)
    return found


def look_up(query):
    """Public filings whose title holds ``query``, or that carry the number ``query``."""
    query = (query or "").strip()
    if not query:
        return public_filings().none()
    number = regime.normalize_brackets(query)
    title = regime.normalize_title(query)
    return public_filings().filter(Q(title__icontains=title) | Q(numbers__number=number)).distinct()


def find_number(number):
    """The issued number ``number`` (brackets of either width), or None."""
    return (
        IssuedNumber.objects.filter(number=regime.normalize_brackets(number))
        .select_related("planning__project__enterprise", "issuer", "release")
        .first()
    )


def monthly_statistics(month):
    """The month's notice counted the regulator's way: per kind, per era and subject pair,
    works and episodes, and each row's share of the works.
    ``{kind: [(era, subject, works, episodes, percent)]}``."""
    rows = (
        PlanningFiling.objects.filter(state__in=PUBLIC_STATES, notice_month=month)
        .values("kind", "era", "subject")
        .annotate(works=Count("pk"), episodes=Sum("episodes"))
        .order_by("kind", "era", "subject")
    )
    totals = {}
    for row in rows:
        totals[row["kind"]] = totals.get(row["kind"], 0) + row["works"]
    table = OrderedDict()
    for row in rows:
        percent = round(100 * row["works"] / totals[row["kind"]], 1)
        table.setdefault(row["kind"], []).append(
            (row["era"], row["subject"], row["works"], row["episodes"], percent)
        )
    return table


# The review room of a release filing ------------------------------------------------------------


def release_filings_reviewed_by(government):
    """Release filings whose review reached ``government``: its case sits or sat with it."""
    return (
        ReleaseFiling.objects.filter(
            Q(review_case__reviewing_organization=government)
            | Q(review_case__decisions__organization=government)
        )
        .distinct()
        .select_related("planning__project__enterprise", "review_case", "licence")
    )


def get_release_for_government(government, pk):
    return _get(release_filings_reviewed_by(government), pk)


def cuts_of(release):
    """The release filing's cuts, the newest first."""
    return FilmCut.objects.filter(release=release).order_by("-number")


def latest_cut(release):
    return cuts_of(release).first()


def producer_enterprise_ids(release):
    """The lead producer and the co-producers of the release filing's work (the filer too)."""
    ids = set(release.planning.producers.values_list("enterprise_id", flat=True))
    ids.add(release.planning.project.enterprise_id)
    return ids


def get_viewing_session(user, pk):
    """The user's own viewing session ``pk``: another's is a 404."""
    return _get(ViewingSession.objects.filter(viewer=user).select_related("cut", "release"), pk)


def active_session(user, release, *, now):
    return (
        ViewingSession.objects.filter(release=release, viewer=user, expires_at__gt=now)
        .select_related("cut")
        .order_by("-expires_at")
        .first()
    )


def timed_comments_of(release):
    return (
        TimedComment.objects.filter(release=release)
        .select_related("author", "organization", "cut")
        .order_by("start_seconds", "end_seconds", "pk")
    )


def get_cut_for_enterprise(enterprise, pk):
    return _get(FilmCut.objects.filter(release__planning__project__enterprise=enterprise), pk)


def last_session(user, release):
    """The user's newest viewing session of ``release``, over or not."""
    return (
        ViewingSession.objects.filter(release=release, viewer=user).order_by("-expires_at").first()
    )
