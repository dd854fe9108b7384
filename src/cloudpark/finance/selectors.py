"""Reads of culture finance. Everything a page or the API shows starts here, from what the
enterprise or the institution's member may see; anything else is a 404."""

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from cloudpark.awards.enums import CertificateStatus
from cloudpark.awards.models import Certificate
from cloudpark.core import search
from cloudpark.filings.enums import PlanningState
from cloudpark.filings.models import PlanningFiling
from cloudpark.finance import enums, matching
from cloudpark.finance.models import (
    DataRoom,
    FinancialInstitution,
    FinancingNeed,
    Introduction,
    Product,
)
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.enums import OrganizationKind, Role
from cloudpark.orgs.models import Enterprise, Organization
from cloudpark.programs import eligibility
from cloudpark.programs import selectors as programme_selectors

PRODUCT_RELATED = ("institution__organization",)
INTRODUCTION_RELATED = (
    "need__enterprise",
    "product__institution__organization",
)
DATA_ROOM_RELATED = ("enterprise", "institution__organization")
ACTING_ROLES = (Role.ADMIN, Role.STAFF)
_INSTITUTIONS_CACHE = "_cloudpark_financial_institutions"


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Institutions ------------------------------------------------------------------------------


def institution_ids_of(user):
    """The institutions ``user`` acts for (as administrator or staff), read once per request.
    Institutions are organisations of the kind "other": a person with no such membership
    costs no query."""
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, _INSTITUTIONS_CACHE, None)
    if cached is None:
        candidates = [
            membership.organization_id
            for membership in org_selectors.memberships_of(user)
            if membership.role in ACTING_ROLES
            and membership.organization.kind == OrganizationKind.OTHER
        ]
        cached = (
            list(
                FinancialInstitution.objects.filter(pk__in=candidates).values_list("pk", flat=True)
            )
            if candidates
            else []
        )
        setattr(user, _INSTITUTIONS_CACHE, cached)
    return cached


def institutions_of_user(user):
    return FinancialInstitution.objects.filter(pk__in=institution_ids_of(user)).select_related(
        "organization"
    )


# Products ----------------------------------------------------------------------------------


def published_products():
    return Product.objects.filter(is_published=True).select_related(*PRODUCT_RELATED)


def filter_products(queryset, *, query="", kind="", collateral="", institution_kind=""):
    if kind:
        queryset = queryset.filter(kind=kind)
    if institution_kind:
        queryset = queryset.filter(institution__kind=institution_kind)
    if collateral:
        # The JSON text holds each value quoted; ``contains`` on JSON is PostgreSQL's alone.
        queryset = queryset.filter(collateral__icontains=f'"{collateral}"')
    if query:
        queryset = queryset.filter(
            Q(name__icontains=query)
            | Q(name_en__icontains=query)
            | Q(institution__organization__in=search.search(Organization.objects.all(), query))
        )
    return queryset


def get_public_product(pk):
    return _get(published_products(), pk)


def products_of_user(user):
    return Product.objects.filter(institution_id__in=institution_ids_of(user)).select_related(
        *PRODUCT_RELATED
    )


def get_product_for_user(user, pk):
    return _get(products_of_user(user), pk)


def requirements_of(product):
    """What each eligibility rule of ``product`` asks, in words."""
    rules = product.eligibility_rules
    vocabulary = programme_selectors.vocabulary_for(rules)
    return [eligibility.describe(rule, vocabulary) for rule in rules]


# Needs -------------------------------------------------------------------------------------


def needs_of(enterprise):
    return FinancingNeed.objects.filter(enterprise=enterprise).select_related("enterprise")


def needs_for_user(user):
    """The needs of every enterprise ``user`` belongs to: what the API lists."""
    return FinancingNeed.objects.filter(
        enterprise__in=org_selectors.enterprises_user_belongs_to(user)
    ).select_related("enterprise")


def get_need_for(enterprise, pk):
    return _get(needs_of(enterprise), pk)


def live_needs():
    return FinancingNeed.objects.filter(
        state=enums.NeedState.OPEN, valid_until__gte=timezone.localdate()
    )


# Matching ----------------------------------------------------------------------------------


def _vocabulary(products):
    return programme_selectors.vocabulary_for(
        [rule for product in products for rule in product.eligibility_rules]
    )


def eligibility_of(product, facts, vocabulary):
    return eligibility.evaluate(
        product.eligibility_rules, facts, combinator=product.combinator, vocabulary=vocabulary
    )


def products_for_need(need):
    """``[(product, Fit, Eligibility)]``: the published products that fit ``need`` and for
    which its enterprise qualifies, each with the reasons."""
    products = list(published_products().order_by("cost_min", "pk"))
    facts = programme_selectors.facts_for(need.enterprise)
    vocabulary = _vocabulary(products)
    matches = []
    for product in products:
        product_fit = matching.fit(product, need)
        if not product_fit.fits:
            continue
        result = eligibility_of(product, facts, vocabulary)
        if result.qualifies:
            matches.append((product, product_fit, result))
    return matches


def needs_for_institution_user(user):
    """``[(need, product, Fit, Eligibility)]``: the live needs that fit one of the published
    products of the institutions ``user`` acts for, with the enterprise's eligibility (shown
    whether or not it qualifies, so the institution sees what is missing)."""
    products = list(products_of_user(user).filter(is_published=True).order_by("pk"))
    if not products:
        return []
    needs = list(
        live_needs()
        .select_related(*(f"enterprise__{name}" for name in ("category__parent", "park")))
        .prefetch_related("enterprise__tags", "enterprise__years")
        .order_by("-created_at", "-pk")
    )
    vocabulary = _vocabulary(products)
    matches = []
    for need in needs:
        facts = eligibility.facts_of(need.enterprise)
        for product in products:
            product_fit = matching.fit(product, need)
            if product_fit.fits:
                result = eligibility_of(product, facts, vocabulary)
                matches.append((need, product, product_fit, result))
    return matches


# Introductions -----------------------------------------------------------------------------


def introductions_of(enterprise):
    return Introduction.objects.filter(need__enterprise=enterprise).select_related(
        *INTRODUCTION_RELATED
    )


def introductions_for_enterprise_user(user):
    return Introduction.objects.filter(
        need__enterprise__in=org_selectors.enterprises_user_belongs_to(user)
    ).select_related(*INTRODUCTION_RELATED)


def get_introduction_for_enterprise(enterprise, pk):
    return _get(introductions_of(enterprise), pk)


def introductions_for_user(user):
    """The introductions sent to the institutions ``user`` acts for."""
    return (
        Introduction.objects.filter(product__institution_id__in=institution_ids_of(user))
        .exclude(state=enums.IntroductionState.REQUESTED)
        .select_related(*INTRODUCTION_RELATED)
    )


def get_introduction_for_user(user, pk):
    return _get(introductions_for_user(user), pk)


def introductions_visible_to_user(user):
    """Both sides at once, for the API: the enterprise's own and the institution's."""
    enterprise_ids = org_selectors.organization_ids_of(user, [OrganizationKind.ENTERPRISE])
    return (
        Introduction.objects.filter(
            Q(need__enterprise_id__in=enterprise_ids)
            | (
                Q(product__institution_id__in=institution_ids_of(user))
                & ~Q(state=enums.IntroductionState.REQUESTED)
            )
        )
        .select_related(*INTRODUCTION_RELATED)
        .distinct()
    )


def filter_introductions(queryset, *, state=""):
    return queryset.filter(state=state) if state else queryset


def granted_totals():
    """Grants by institution kind: what the zone's figures show."""
    return (
        Introduction.objects.filter(state=enums.IntroductionState.GRANTED)
        .values("product__institution__kind")
        .annotate(count=Count("pk"))
        .order_by("product__institution__kind")
    )


# Data rooms --------------------------------------------------------------------------------


def data_rooms_of(enterprise):
    return DataRoom.objects.filter(enterprise=enterprise).select_related(*DATA_ROOM_RELATED)


def get_data_room_for_enterprise(enterprise, pk):
    return _get(data_rooms_of(enterprise), pk)


def open_data_rooms_for_user(user):
    """The rooms open to the institutions ``user`` acts for: past its time or ended early, a
    room is gone for the institution, whatever it was."""
    return DataRoom.objects.filter(
        institution_id__in=institution_ids_of(user),
        ended_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related(*DATA_ROOM_RELATED)


def get_open_data_room_for_user(user, pk):
    return _get(open_data_rooms_for_user(user), pk)


def figures_of(room):
    """What the room shows, read now from the enterprise's current data: a list of
    ``(label, [(name, value)])`` sections, in the order the figures were chosen."""
    enterprise = (
        Enterprise.objects.select_related("category", "park", "region")
        .prefetch_related("years")
        .get(pk=room.enterprise_id)
    )
    sections = []
    for value in room.figures:
        figure = enums.SharedFigure(value)
        if figure == enums.SharedFigure.PROFILE:
            rows = [
                (Enterprise._meta.get_field("credit_code").verbose_name, enterprise.credit_code),
                (
                    Enterprise._meta.get_field("category").verbose_name,
                    enterprise.category.display_name,
                ),
                (
                    Enterprise._meta.get_field("park").verbose_name,
                    enterprise.park.display_name if enterprise.park_id else "—",
                ),
                (Enterprise._meta.get_field("founded_on").verbose_name, enterprise.founded_on),
                (
                    Enterprise._meta.get_field("registered_capital").verbose_name,
                    enterprise.registered_capital,
                ),
                (Enterprise._meta.get_field("staff_count").verbose_name, enterprise.staff_count),
            ]
        elif figure == enums.SharedFigure.YEARLY:
            rows = [
                (
                    year.year,
                    " · ".join(
                        f"{label}: {'—' if amount is None else amount}"
                        for label, amount in (
                            (year._meta.get_field("revenue").verbose_name, year.revenue),
                            (year._meta.get_field("taxes").verbose_name, year.taxes),
                            (year._meta.get_field("staff_count").verbose_name, year.staff_count),
                        )
                    ),
                )
                for year in sorted(enterprise.years.all(), key=lambda y: -y.year)
            ]
        elif figure == enums.SharedFigure.AWARDS:
            rows = [
                (certificate.number, f"{certificate.get_level_display()} · {certificate.issued_on}")
                for certificate in Certificate.objects.filter(
                    holder=enterprise, status=CertificateStatus.VALID
                ).order_by("-issued_on")
            ]
        else:
            counts = (
                PlanningFiling.objects.filter(project__enterprise=enterprise)
                .values_list("state")
                .annotate(count=Count("pk"))
                .order_by("state")
            )
            rows = [(_filing_state_label(state), count) for state, count in counts]
        sections.append((figure.label, rows))
    return sections


def _filing_state_label(state):
    return PlanningState(state).label if state in PlanningState else state
