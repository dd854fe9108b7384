"""Reads of supply and demand. Everything a page or the API shows starts here: the public
lists (live posts only, contacts masked), an enterprise's own posts and introductions, the
matches for it with their reasons, and what a park or a government body oversees. Anything
outside what the caller may see is a 404."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone

from cloudpark.core import privacy
from cloudpark.filings.enums import PlanningState
from cloudpark.filings.models import PlanningFiling
from cloudpark.market import enums, matching
from cloudpark.market.enums import Direction, IntroductionState, PostState
from cloudpark.market.models import Introduction, Post
from cloudpark.orgs import selectors as org_selectors

POST_RELATED = ("enterprise", "park__region", "district")
INTRODUCTION_RELATED = (
    "post__enterprise",
    "post__park",
    "post__district",
    "proposer",
    "proposer_post",
)


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Posts -------------------------------------------------------------------------------------


def live_posts():
    """Published posts within their validity date: what the public sees."""
    return Post.objects.filter(
        state=PostState.PUBLISHED, valid_until__gte=timezone.localdate()
    ).select_related(*POST_RELATED)


def filter_posts(
    queryset,
    *,
    query="",
    direction="",
    kind="",
    park=None,
    district=None,
    price_from=None,
    price_to=None,
    state="",
):
    """``price_from``/``price_to``: the posts whose range meets that band."""
    if direction:
        queryset = queryset.filter(direction=direction)
    if kind:
        queryset = queryset.filter(kind=kind)
    if park is not None:
        queryset = queryset.filter(park=park)
    if district is not None:
        queryset = queryset.filter(Q(district=district) | Q(park__region=district))
    if price_from is not None:
        queryset = queryset.filter(price_max__gte=price_from)
    if price_to is not None:
        queryset = queryset.filter(price_min__lte=price_to)
    if state:
        queryset = queryset.filter(state=state)
    if query:
        queryset = queryset.filter(
            Q(title__icontains=query)
            | Q(title_en__icontains=query)
            | Q(description__icontains=query)
            | Q(enterprise__name__icontains=query)
        )
    return queryset


def get_public_post(pk):
    return _get(live_posts(), pk)


def posts_of(enterprise):
    return Post.objects.filter(enterprise=enterprise).select_related(*POST_RELATED)


def posts_for_user(user):
    """The posts of every enterprise ``user`` belongs to: what the API lists."""
    return Post.objects.filter(
        enterprise__in=org_selectors.enterprises_user_belongs_to(user)
    ).select_related(*POST_RELATED)


def get_post_for(enterprise, pk):
    return _get(posts_of(enterprise), pk)


def masked_contact(post):
    return {
        "name": privacy.mask_name(post.contact_name),
        "phone": privacy.mask_phone(post.contact_phone) if post.contact_phone else "",
        "email": privacy.mask_email(post.contact_email) if post.contact_email else "",
    }


# Matching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """``post`` (another enterprise's) fits ``own_post`` or, for a shoot, ``filing``."""

    post: object
    fit: object
    own_post: object = None
    filing: object = None

    @property
    def reason(self):
        return ", ".join(self.fit.reasons)


def _fit(own_post, other):
    if own_post.direction == Direction.OFFER:
        return matching.fit(own_post, other)
    return matching.fit(other, own_post)


def _candidates(enterprise, kinds, directions):
    return list(
        live_posts()
        .exclude(enterprise=enterprise)
        .filter(kind__in=kinds, direction__in=directions)
        .order_by("-published_at", "-pk")
    )


def matches_for_post(post):
    """The live posts of other enterprises that fit ``post`` (a live one), with the reasons."""
    if not post.is_live:
        return []
    opposite = Direction.NEED if post.direction == Direction.OFFER else Direction.OFFER
    matches = []
    for other in _candidates(post.enterprise, [post.kind], [opposite]):
        fit = _fit(post, other)
        if fit.fits:
            matches.append(Match(post=other, fit=fit, own_post=post))
    return matches


def shooting_filings_of(enterprise):
    """The enterprise's approved planning filings that have not finished shooting."""
    return list(
        PlanningFiling.objects.filter(
            project__enterprise=enterprise,
            state=PlanningState.APPROVED,
            shoot_ends_on__gte=timezone.localdate(),
        ).order_by("shoot_starts_on", "pk")
    )


def matches_for(enterprise):
    """Every match for ``enterprise``: other enterprises' live posts that fit one of its own
    live posts, and venue or equipment offers available while one of its approved dramas
    shoots (``matching.fit_shooting``)."""
    own_posts = list(live_posts().filter(enterprise=enterprise).order_by("-published_at", "-pk"))
    filings = shooting_filings_of(enterprise)
    kinds = {post.kind for post in own_posts} | (set(enums.SHOOTING_KINDS) if filings else set())
    if not kinds:
        return []
    candidates = _candidates(enterprise, kinds, [Direction.NEED, Direction.OFFER])
    matches = []
    for own_post in own_posts:
        for other in candidates:
            if other.kind != own_post.kind or other.direction == own_post.direction:
                continue
            fit = _fit(own_post, other)
            if fit.fits:
                matches.append(Match(post=other, fit=fit, own_post=own_post))
    for filing in filings:
        for other in candidates:
            if other.direction != Direction.OFFER or other.kind not in enums.SHOOTING_KINDS:
                continue
            fit = matching.fit_shooting(other, filing)
            if fit.fits:
                matches.append(Match(post=other, fit=fit, filing=filing))
    return matches


def enterprises_shooting_within(post):
    """``[(filing, Fit)]``: the approved dramas of other enterprises that shoot while the
    venue or equipment offer ``post`` is available."""
    if post.direction != Direction.OFFER or post.kind not in enums.SHOOTING_KINDS:
        return []
    if not post.has_window:
        return []
    filings = (
        PlanningFiling.objects.filter(
            state=PlanningState.APPROVED,
            shoot_starts_on__lte=post.available_until,
            shoot_ends_on__gte=post.available_from,
        )
        .exclude(project__enterprise=post.enterprise)
        .select_related("project__enterprise")
        .order_by("shoot_starts_on", "pk")
    )
    return [(filing, matching.fit_shooting(post, filing)) for filing in filings]


# Introductions -----------------------------------------------------------------------------


def introductions_of(enterprise):
    """Introductions on either side: proposed by ``enterprise`` or about one of its posts."""
    return Introduction.objects.filter(
        Q(proposer=enterprise) | Q(post__enterprise=enterprise)
    ).select_related(*INTRODUCTION_RELATED)


def introductions_for_user(user):
    enterprises = org_selectors.enterprises_user_belongs_to(user)
    return Introduction.objects.filter(
        Q(proposer__in=enterprises) | Q(post__enterprise__in=enterprises)
    ).select_related(*INTRODUCTION_RELATED)


def get_introduction_for(enterprise, pk):
    return _get(introductions_of(enterprise), pk)


def filter_introductions(queryset, *, state=""):
    if state:
        queryset = queryset.filter(state=state)
    return queryset


# Oversight by parks and government bodies ------------------------------------------------


def posts_in_care_of(organization):
    """The posts of the enterprises a park or government body looks after."""
    return Post.objects.filter(
        enterprise__in=org_selectors.enterprises_in_care_of(organization)
    ).select_related(*POST_RELATED)


def deals_in_care_of(organization):
    enterprises = org_selectors.enterprises_in_care_of(organization)
    return Introduction.objects.filter(
        Q(post__enterprise__in=enterprises) | Q(proposer__in=enterprises),
        state=IntroductionState.DEAL,
    ).select_related(*INTRODUCTION_RELATED)


def post_counts(posts):
    """``{"total", "live", "needs", "offers", "by_kind": [(label, needs, offers)]}``."""
    today = timezone.localdate()
    live = Q(state=PostState.PUBLISHED, valid_until__gte=today)
    rows = {
        row["kind"]: row
        for row in posts.order_by()
        .values("kind")
        .annotate(
            needs=Count("pk", filter=live & Q(direction=Direction.NEED)),
            offers=Count("pk", filter=live & Q(direction=Direction.OFFER)),
            total=Count("pk"),
        )
    }
    by_kind = [
        (
            kind.label,
            rows.get(kind.value, {}).get("needs", 0),
            rows.get(kind.value, {}).get("offers", 0),
        )
        for kind in enums.PostKind
    ]
    return {
        "total": sum(row["total"] for row in rows.values()),
        "needs": sum(needs for _label, needs, _offers in by_kind),
        "offers": sum(offers for _label, _needs, offers in by_kind),
        "by_kind": by_kind,
    }


def _yuan(value):
    # SQLite sums decimals as numbers; both engines give the same two places here.
    return (value or Decimal("0")).quantize(Decimal("0.01"))


def closed_deals(enterprises=None):
    """The introductions closed with a deal, each counted for the enterprise whose post it
    was about (the one that offered or asked), so that a deal between two enterprises counts
    once; ``enterprises`` (a queryset) keeps the deals of those enterprises' posts."""
    deals = Introduction.objects.filter(state=IntroductionState.DEAL)
    if enterprises is not None:
        deals = deals.filter(org_selectors.among(enterprises, "post__enterprise"))
    return deals


def deal_totals(*, year=None, park=None, parks=None, group_by=None):
    """The deals closed through introductions: how many and their value in yuan.

    A deal counts for the park of the enterprise whose post it was about (the one that
    offered or asked), so that no deal counts twice when the sides sit in two parks.
    ``year`` is the year it closed; ``park`` one park, ``parks`` several. Without
    ``group_by`` the answer is ``{"deals": n, "value": Decimal}``; with ``group_by="year"``
    or ``"park"`` it is a list of ``{"year"|"park", "deals", "value"}`` rows, in order."""
    deals = closed_deals()
    if year is not None:
        deals = deals.filter(closed_on__year=year)
    if park is not None:
        deals = deals.filter(post__enterprise__park=park)
    if parks is not None:
        deals = deals.filter(post__enterprise__park__in=parks)
    totals = {"deals": Count("pk"), "value": Sum("deal_value")}
    if group_by is None:
        row = deals.aggregate(**totals)
        return {"deals": row["deals"], "value": _yuan(row["value"])}
    if group_by == "year":
        rows = (
            deals.annotate(year=ExtractYear("closed_on"))
            .values("year")
            .annotate(**totals)
            .order_by("year")
        )
        return [{"year": r["year"], "deals": r["deals"], "value": _yuan(r["value"])} for r in rows]
    if group_by == "park":
        rows = (
            deals.values("post__enterprise__park")
            .annotate(**totals)
            .order_by("post__enterprise__park")
        )
        return [
            {"park": r["post__enterprise__park"], "deals": r["deals"], "value": _yuan(r["value"])}
            for r in rows
        ]
    raise ValueError(f"Unknown grouping {group_by!r}")


def parks_in_care_of(organization):
    return org_selectors.parks_in_care_of(organization)
