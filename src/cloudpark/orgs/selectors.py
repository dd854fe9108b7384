"""Reads. Every object a user reaches through a page or the API comes from here, starting
from what that user may see; anything else is a 404."""

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    Expression,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.http import Http404

from cloudpark.core import search
from cloudpark.orgs import choices, enums
from cloudpark.orgs.models import (
    Enterprise,
    EnterpriseImport,
    GovernmentBody,
    IndustryCategory,
    Membership,
    Organization,
    Park,
    ParkResidence,
    Region,
)


def level_rank(field="level"):
    """A park level (``field``) as ``ParkLevel.rank``, to order by: national highest."""
    return Case(
        *[When(**{field: level.value}, then=Value(level.rank)) for level in enums.ParkLevel],
        default=Value(0),
        output_field=IntegerField(),
    )


_MEMBERSHIP_CACHE = "_cloudpark_memberships"
# The reverse one-to-one of each kind's model (multi-table inheritance).
_CHILD_OF_KIND = {
    enums.OrganizationKind.PARK: "as_park",
    enums.OrganizationKind.GOVERNMENT: "as_government",
    enums.OrganizationKind.ENTERPRISE: "as_enterprise",
    enums.OrganizationKind.OTHER: "as_other",
}
_SUBTREE_CACHE = "_cloudpark_government_subtree"


# Each organisation is read with its kind's own row (``as_park``...), so that the portal's
# acting organisation (``organization_as_kind``) needs no query of its own.
_KIND_ROWS = [f"organization__{child}" for child in _CHILD_OF_KIND.values()]


def memberships_of(user):
    """The user's active memberships with their organisations (each already as its kind's
    model through ``organization_as_kind``), read once per request."""
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, _MEMBERSHIP_CACHE, None)
    if cached is None:
        # Ordered here rather than by the database (a person has a handful): building the
        # ORDER BY over the joined organisation took Django longer than running the query.
        cached = sorted(
            Membership.objects.filter(user=user, is_active=True)
            .select_related(*_KIND_ROWS)
            .order_by(),
            key=_membership_order,
        )
        setattr(user, _MEMBERSHIP_CACHE, cached)
    return cached


def _membership_order(membership):
    """By the organisation's kind, then its name code point by code point (as SQLite and a
    ``C.UTF-8`` PostgreSQL database order names; the same on every database), then the
    membership's id."""
    return membership.organization.kind, membership.organization.name, membership.pk


def membership_in(user, organization):
    if organization is None:
        return None
    for membership in memberships_of(user):
        if membership.organization_id == organization.pk:
            return membership
    return None


def has_capability(user, organization, capability):
    membership = membership_in(user, organization)
    return membership is not None and membership.has_capability(capability)


def government_subtree(government):
    """Ids of the body and every body below it, kept with the directory's cached choices,
    which any government body saved makes stale."""
    ids = getattr(government, _SUBTREE_CACHE, None)
    if ids is None:
        ids = choices.cached(
            "government-subtree",
            lambda: _read_subtree(government.pk),
            scope=government.pk,
            per_language=False,
        )
        setattr(government, _SUBTREE_CACHE, ids)
    return ids


def _read_subtree(pk):
    ids = {pk}
    frontier = {pk}
    while frontier:
        below = GovernmentBody.objects.filter(parent_id__in=frontier).order_by()
        frontier = set(below.values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def _as_kind(organization):
    """The organisation as its kind's model (``Park``, ``GovernmentBody``...)."""
    if organization is None or type(organization) is not Organization:
        # A ``Park`` is a park already: asking it for ``as_park`` would read it again.
        return organization
    return getattr(organization, _CHILD_OF_KIND[organization.kind], organization)


class _InJurisdiction(Expression):
    """``column IN (the parks of a jurisdiction)``. PostgreSQL is given the parks as
    ``column = ANY(ARRAY(...))``: an ``IN`` subquery is pulled up into the page's join, and a
    list page that already joins six tables then spent 18 ms choosing among the orders of
    eight, to run for 0.7 ms. The array is computed once, before the query, and planned apart
    from it, as a list of ids written out would be, without reading the ids first."""

    conditional = True

    def __init__(self, column, bodies):
        super().__init__(output_field=BooleanField())
        self.column = F(column)
        self.parks = Subquery(
            GovernmentBody.jurisdiction.through.objects.filter(governmentbody_id__in=bodies).values(
                "park_id"
            )
        )

    def get_source_expressions(self):
        return [self.column, self.parks]

    def set_source_expressions(self, expressions):
        self.column, self.parks = expressions

    def as_sql(self, compiler, connection, template="%s IN %s"):
        column, column_params = compiler.compile(self.column)
        parks, parks_params = compiler.compile(self.parks)
        return template % (column, parks), (*column_params, *parks_params)

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection, template="%s = ANY(ARRAY%s)")


def parks_in_care_of(organization):
    """Parks an organisation looks after: a park itself, a government body its jurisdiction
    and that of the bodies below it."""
    if organization is None:
        return Park.objects.none()
    if organization.kind == enums.OrganizationKind.PARK:
        return Park.objects.filter(pk=organization.pk)
    if organization.kind == enums.OrganizationKind.GOVERNMENT:
        return Park.objects.filter(
            _InJurisdiction("pk", government_subtree(_as_kind(organization)))
        )
    return Park.objects.none()


def enterprises_in_care_of(organization):
    if organization is None:
        return Enterprise.objects.none()
    if organization.kind == enums.OrganizationKind.ENTERPRISE:
        return Enterprise.objects.filter(pk=organization.pk)
    if organization.kind == enums.OrganizationKind.PARK:
        return Enterprise.objects.filter(park_id=organization.pk)
    if organization.kind == enums.OrganizationKind.GOVERNMENT:
        return Enterprise.objects.filter(
            _InJurisdiction("park_id", government_subtree(_as_kind(organization)))
        )
    return Enterprise.objects.none()


def among(enterprises, path="enterprise"):
    """A condition on rows of another model: that the enterprise at ``path`` (a relation
    from those rows) is one of ``enterprises``. A correlated ``EXISTS``, so each row asks
    about its own enterprise by primary key, rather than ``IN`` a subquery that SQLite
    gathers in full first: a government body's care can be a million enterprises, and a
    chart over a few hundred filings must not read them all."""
    return Exists(enterprises.filter(pk=OuterRef(path)))


def organization_cares_for(organization, target):
    """Whether ``organization`` looks after ``target`` (an enterprise or a park)."""
    if organization is None or target is None:
        return False
    if organization.pk == target.pk:
        return True
    if target.kind == enums.OrganizationKind.ENTERPRISE:
        return enterprises_in_care_of(organization).filter(pk=target.pk).exists()
    if target.kind == enums.OrganizationKind.PARK:
        return parks_in_care_of(organization).filter(pk=target.pk).exists()
    return False


def user_cares_for(user, target, capability):
    """Whether the user holds ``capability`` in an organisation that looks after ``target``."""
    return any(
        membership.has_capability(capability)
        and organization_cares_for(membership.organization, target)
        for membership in memberships_of(user)
    )


# Directory lists ---------------------------------------------------------------------------

ENTERPRISE_LIST_RELATED = ("category", "category__parent", "park", "region")


# What the enterprise lists show of each row; a page reads these columns and no others, and
# the names of its category, park and region from the kept names (``name_list_rows``).
ENTERPRISE_LIST_COLUMNS = (
    "pk",
    "kind",
    "name",
    "name_en",
    "credit_code",
    "founded_on",
    "staff_count",
    "category",
    "park",
    "region",
)


def enterprise_list_rows(queryset):
    """Only the columns an enterprise list shows, with no related table joined: its page is
    given the names of each row's category, park and region afterwards
    (``name_list_rows``). On PostgreSQL each join added to the time to plan the query
    (a public page after the first, planned afresh for its place in the list, took 0.9 ms
    to plan four joins for 0.2 ms of running), and on both databases to the time Django
    took to build it and to make the related rows. The kind, true of every enterprise
    anyway, lets the database walk the (kind, name) index in the list's order and stop
    after a page, instead of sorting every enterprise in an organisation's care."""
    return _list_columns(queryset.filter(kind=enums.OrganizationKind.ENTERPRISE))


def _list_columns(queryset):
    return queryset.select_related(None).only(*ENTERPRISE_LIST_COLUMNS)


def _display_names(name, model):
    """Every ``model`` row's name in the active language, by id, kept with the cached
    choices under ``name`` (a row of it saved makes them stale)."""
    return choices.cached(
        name, lambda: {row.pk: row.display_name for row in model.objects.order_by()}
    )


def category_names():
    """Every industry category's name in the active language, by id."""
    return _display_names("category-names", IndustryCategory)


def park_choices(parks, scope):
    """``[(pk, name), ...]`` of ``parks`` in name order and the active language, kept with
    the cached choices under ``scope`` (the organisation whose care they are, or ``"all"``):
    a park or a jurisdiction changed makes them stale."""
    shown = parks.only("pk", "kind", "name", "name_en").order_by("name", "pk")
    return choices.cached_choices("parks", shown, str, scope=scope)


def region_names():
    """Every region's name in the active language, by id."""
    return _display_names("region-names", Region)


def park_names(organization=None):
    """The names of the parks in ``organization``'s care (None: of every park), by id: the
    park filter's choices (``park_choices``)."""
    if organization is None:
        return dict(park_choices(Park.objects.all(), "all"))
    return dict(park_choices(parks_in_care_of(organization), organization.pk))


def name_list_rows(enterprises, organization=None):
    """Give each enterprise of a page of an enterprise list (read by
    ``enterprise_list_rows``) ``category_name`` and ``park_name`` from the names kept in the
    cache; the public directory's (no ``organization``) also ``region_name``, which a list
    of an organisation's care does not show. A name not kept yet (a park added in another
    web process moments ago, before its cache heard of it) is read from the enterprise's
    own row."""
    categories, parks = category_names(), park_names(organization)
    regions = region_names() if organization is None else None
    for enterprise in enterprises:
        enterprise.category_name = _kept_or_read(categories, enterprise, "category")
        enterprise.park_name = _kept_or_read(parks, enterprise, "park")
        if regions is not None:
            enterprise.region_name = _kept_or_read(regions, enterprise, "region")
    return enterprises


def _kept_or_read(names, enterprise, relation):
    pk = getattr(enterprise, f"{relation}_id")
    if pk is None:
        return ""
    if pk in names:
        return names[pk]
    return getattr(enterprise, relation).display_name


def filter_enterprises(queryset, *, query="", park=None, category=None, region=None):
    """Narrow an enterprise list by the directory's filters; each may be empty."""
    if park:
        queryset = queryset.filter(park=park)
    if category:
        queryset = queryset.filter(Q(category=category) | Q(category__parent=category))
    if region:
        queryset = queryset.filter(
            Q(region=region) | Q(region__parent=region) | Q(region__parent__parent=region)
        )
    if query:
        queryset = search.search(queryset, query)
    return queryset


def directory_enterprises(organization=None, **filters):
    """The enterprises a directory list shows, in its order: the public directory's (no
    organisation) or those in ``organization``'s care, narrowed by the list's ``filters``
    (objects or their ids). The list's page and an export of it written later by the task
    worker both start here, so that both see the same rows."""
    if organization is None:
        queryset = public_enterprises()
    else:
        queryset = enterprises_in_care_of(organization).select_related(*ENTERPRISE_LIST_RELATED)
    return filter_enterprises(queryset, **filters).order_by("name", "pk")


# A searched list shows the most relevant of this many newest matches, and counts its matches
# no further than ``SEARCH_COUNT_CAP``. Counting reads matches until the cap: for a piece in
# one name of six, 10,000 took some 60,000 rows on PostgreSQL (40-60 ms at a million
# enterprises), 1,000 about a tenth of that, as the platform search counts there.
SEARCH_CANDIDATES = 500
SEARCH_COUNT_CAP = 1000


@dataclass(frozen=True)
class RankedEnterprises:
    """The answer to a directory search: ``ids`` most relevant first, ``count`` the matches
    (no further than the cap: ``more`` when there are more), ``complete`` when ``ids`` holds
    every match rather than the most relevant of the newest ``SEARCH_CANDIDATES``."""

    ids: list
    count: int
    more: bool
    complete: bool


def ranked_enterprises(queryset, query):
    """The enterprises of ``queryset`` (a directory list's scope and filters, any order)
    matching ``query``, most relevant first (``core.search.relevance`` of the name, then the
    English name and credit code; the newest first among equals), from the newest
    ``SEARCH_CANDIDATES`` matches: no search sorts every match, so a query of very common
    pieces (公司) costs what a rare one does. The pages and the API search through here; an
    export of a searched list still holds every match, in name order (``directory_enterprises``).
    """
    matches = search.NewestMatches(queryset.order_by(), query)
    rows, complete = matches.rows("name", "name_en", "credit_code", limit=SEARCH_CANDIDATES)
    rows.sort(key=lambda row: search.relevance(query, *row[1:]))  # stable: newest first
    count, more = (len(rows), False) if complete else matches.count(SEARCH_COUNT_CAP)
    if count > SEARCH_COUNT_CAP:
        count, more = SEARCH_COUNT_CAP, True
    return RankedEnterprises([row[0] for row in rows], count, more, complete)


def directory_search(organization=None, *, query, **filters):
    """``ranked_enterprises`` of a directory list (``directory_enterprises``' scope and
    filters) searched for ``query``."""
    return ranked_enterprises(directory_enterprises(organization, **filters), query)


def enterprise_list_rows_with_ids(ids):
    """The enterprises of ``ids`` (a page of a search's answer, ``ranked_enterprises``) as
    an enterprise list shows them (``enterprise_list_rows``), read by their ids: without
    the kind, which would lead the database to the (kind, name) index and every
    enterprise's name."""
    return _list_columns(Enterprise.objects.filter(pk__in=ids))


def directory_enterprise_total(organization=None, *, cap, **filters):
    """How many rows ``directory_enterprises(organization, **filters)`` holds, as
    ``(count, more)``, read from the parks' stored totals (``Park.enterprise_total``) rather
    than counted: the list of a government body or a park, or the public directory. None
    when ``filters`` narrow the list: then only counting it tells.

    The public directory also holds the enterprises resident in no park; those are counted
    (an index range), no further than ``cap`` (None: all of them): beyond, ``more`` says
    there are more."""
    if any(filters.values()):
        return None
    loose = 0
    if organization is None:
        parks = Park.objects.all()
        # Unordered: in name order, the count joined every enterprise's organisation row.
        loose = Enterprise.objects.filter(park=None).order_by().values("pk")
        loose = (loose if cap is None else loose[: cap + 1]).count()
        if cap is None:
            cap = loose
    elif organization.kind in {enums.OrganizationKind.GOVERNMENT, enums.OrganizationKind.PARK}:
        # Every enterprise in such an organisation's care is resident in one of its parks.
        parks = parks_in_care_of(organization)
    else:
        return None
    stored = parks.order_by().aggregate(total=Sum("enterprise_total"))["total"] or 0
    return stored + min(loose, cap), loose > cap


def filter_parks(queryset, *, query="", level="", region=None):
    if level:
        queryset = queryset.filter(level=level)
    if region:
        queryset = queryset.filter(
            Q(region=region) | Q(region__parent=region) | Q(region__parent__parent=region)
        )
    if query:
        queryset = search.search(queryset, query)
    return queryset


def parks():
    """Every park. Parks are organisations of the kind "park": saying so lets the database
    read them, in name order, from the index on kind and name, rather than walking the names of
    every organisation (a million enterprises among them) to find the few that are parks."""
    return Park.objects.filter(kind=enums.OrganizationKind.PARK)


def parks_by_name():
    return parks().order_by("name", "pk")


def public_parks():
    return parks().exclude(status=enums.ParkStatus.EXITED).select_related("region")


def public_enterprises():
    return Enterprise.objects.select_related(*ENTERPRISE_LIST_RELATED)


def get_public_park(pk):
    try:
        return public_parks().get(pk=pk)
    except (Park.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_public_enterprise(pk):
    try:
        return public_enterprises().prefetch_related("tags").get(pk=pk)
    except (Enterprise.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Portal objects ----------------------------------------------------------------------------


def get_enterprise_for(organization, pk):
    """An enterprise in the care of ``organization``, or a 404."""
    try:
        return (
            enterprises_in_care_of(organization)
            .select_related(*ENTERPRISE_LIST_RELATED)
            .prefetch_related(
                "tags",
                "years",
                Prefetch("residences", queryset=ParkResidence.objects.select_related("park")),
            )
            .get(pk=pk)
        )
    except (Enterprise.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_park_for(organization, pk):
    try:
        return parks_in_care_of(organization).select_related("region").get(pk=pk)
    except (Park.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def imports_of(organization):
    return EnterpriseImport.objects.filter(organization=organization).select_related("uploaded_by")


def get_import_for(organization, pk):
    try:
        return imports_of(organization).get(pk=pk)
    except (EnterpriseImport.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def people_with(organization, capability=None):
    """The active people of ``organization`` (holding ``capability``, when one is named)."""
    if organization is None:
        return []
    memberships = Membership.objects.filter(
        organization=organization, is_active=True, user__is_active=True
    ).select_related("user")
    return [
        membership.user
        for membership in memberships
        if capability is None or membership.has_capability(capability)
    ]


def members_of(organization):
    return Membership.objects.filter(organization=organization).select_related("user")


def get_member_for(organization, pk):
    """A membership of ``organization``; any other is a 404."""
    try:
        return members_of(organization).get(pk=pk)
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def organization_as_kind(organization):
    return _as_kind(organization)


def acting_membership(user, kinds, chosen_organization_id=None, *, preferring=None):
    """The membership ``user`` acts through among their organisations of ``kinds``: the one
    in organisation ``chosen_organization_id`` if they belong to it, else the first (the first
    holding capability ``preferring``, when named and one does). None when they belong to no
    organisation of those kinds. Pages pass the choice kept in the session, the API the one
    named in the request; each decides what a choice that did not hold means to it."""
    candidates = [m for m in memberships_of(user) if m.organization.kind in kinds]
    for membership in candidates:
        if (
            chosen_organization_id is not None
            and membership.organization_id == chosen_organization_id
        ):
            return membership
    if preferring is not None:
        for membership in candidates:
            if membership.has_capability(preferring):
                return membership
    return candidates[0] if candidates else None


def organization_ids_of(user, kinds, capability=None):
    """The ids of ``user``'s organisations of ``kinds`` (in which they hold ``capability``,
    when named): what the API lists across every organisation the caller acts for."""
    return [
        membership.organization_id
        for membership in memberships_of(user)
        if membership.organization.kind in kinds
        and (capability is None or membership.has_capability(capability))
    ]


def organizations_user_belongs_to(user, kinds, capability=None):
    """``user``'s organisations of ``kinds`` (where they hold ``capability``, when named)."""
    return Organization.objects.filter(pk__in=organization_ids_of(user, kinds, capability))


def parks_user_belongs_to(user):
    return Park.objects.filter(pk__in=organization_ids_of(user, [enums.OrganizationKind.PARK]))


def enterprises_user_belongs_to(user):
    kinds = [enums.OrganizationKind.ENTERPRISE]
    return Enterprise.objects.filter(pk__in=organization_ids_of(user, kinds))


def government_bodies_user_belongs_to(user):
    kinds = [enums.OrganizationKind.GOVERNMENT]
    return GovernmentBody.objects.filter(pk__in=organization_ids_of(user, kinds))
