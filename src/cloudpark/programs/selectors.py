"""Reads. Everything a page or the API shows of policies, programmes, applications and
notices starts here, from what the organisation (or the user) may see; anything else is a 404.
"""

from decimal import Decimal

from django.db.models import (
    Case,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from cloudpark.core import search
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import Enterprise, GovernmentBody, IndustryCategory, QualificationTag
from cloudpark.programs import eligibility
from cloudpark.programs.enums import ApplicationState, NoticeState, Outcome, RuleKind
from cloudpark.programs.models import (
    Application,
    ApplicationMaterial,
    EligibilityRule,
    Invitation,
    Objection,
    Policy,
    PolicyAttachment,
    Programme,
    PublicNotice,
)

PROGRAMME_RELATED = ("policy", "issuer")
APPLICATION_RELATED = ("programme", "programme__issuer", "enterprise", "park")
ENTERPRISE_FACTS_RELATED = ("category__parent", "park")
ENTERPRISE_FACTS_PREFETCH = ("tags", "years")
RULES = Prefetch("rules", queryset=EligibilityRule.objects.order_by("position", "id"))


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Public: policies and programmes --------------------------------------------------------------


def published_programmes():
    return Programme.objects.filter(is_published=True, policy__is_published=True).select_related(
        *PROGRAMME_RELATED
    )


def filter_programmes(
    queryset, *, query="", programme_type="", issuer=None, open_now=False, policy=None
):
    """Narrow a programme list by the catalogue's filters; each may be empty."""
    if programme_type:
        queryset = queryset.filter(programme_type=programme_type)
    if issuer:
        queryset = queryset.filter(issuer=issuer)
    if policy:
        queryset = queryset.filter(policy=policy)
    if open_now:
        now = timezone.now()
        queryset = queryset.filter(opens_at__lte=now, closes_at__gte=now)
    if query:
        queryset = search.search(queryset, query)
    return queryset


def catalogue_order(queryset):
    """Open programmes first, then those about to open, then closed ones; by deadline."""
    now = timezone.now()
    return queryset.annotate(
        window_rank=Case(
            When(opens_at__lte=now, closes_at__gte=now, then=Value(0)),
            When(opens_at__gt=now, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("window_rank", "closes_at", "pk")


def get_public_programme(pk):
    return _get(published_programmes().prefetch_related(RULES), pk)


def public_policies():
    return Policy.objects.filter(is_published=True).select_related("owner")


def filter_policies(queryset, *, query=""):
    if query:
        queryset = search.search(queryset, query)
    return queryset


def get_public_policy(pk):
    return _get(public_policies().prefetch_related("attachments"), pk)


def programmes_of_policy(policy):
    return published_programmes().filter(policy=policy).order_by("-opens_at", "pk")


def get_public_attachment(pk):
    return _get(PolicyAttachment.objects.filter(policy__is_published=True), pk)


def issuers_of_published_programmes():
    return GovernmentBody.objects.filter(
        pk__in=published_programmes().values("issuer_id")
    ).order_by("name")


# Government: what a body publishes ----------------------------------------------------------


def policies_of(government):
    return Policy.objects.filter(owner=government).select_related("owner")


def get_policy_for(government, pk):
    return _get(policies_of(government).prefetch_related("attachments"), pk)


def get_attachment_for(government, pk):
    return _get(PolicyAttachment.objects.filter(policy__owner=government), pk)


def programmes_of(government):
    return Programme.objects.filter(issuer=government).select_related(*PROGRAMME_RELATED)


def get_programme_for(government, pk):
    return _get(programmes_of(government).prefetch_related(RULES), pk)


def with_committed_amounts(programmes):
    """Each programme with ``committed``: the sum of its approved amounts."""
    committed = (
        Application.objects.filter(programme=OuterRef("pk"), state=ApplicationState.APPROVED)
        .order_by()
        .values("programme")
        .annotate(total=Sum("approved_amount"))
        .values("total")
    )
    return programmes.annotate(
        committed=Coalesce(
            Subquery(committed, output_field=DecimalField(max_digits=14, decimal_places=2)),
            Value(Decimal("0")),
            output_field=DecimalField(max_digits=14, decimal_places=2),
        )
    )


def committed_amount(programme):
    """What the programme's approvals add up to, read now (lock the programme first when the
    figure decides a write)."""
    total = Application.objects.filter(
        programme=programme, state=ApplicationState.APPROVED
    ).aggregate(total=Sum("approved_amount"))["total"]
    return total or Decimal("0")


def remaining_budget(programme):
    return programme.budget - committed_amount(programme)


# Eligibility --------------------------------------------------------------------------------


def vocabulary_for(rules):
    """The names of the categories and tags that ``rules`` mention: two queries at most."""
    codes, slugs = set(), set()
    for rule in rules:
        if rule.kind == RuleKind.CATEGORY_IN:
            codes.update(rule.params.get("codes", []))
        elif rule.kind == RuleKind.HAS_TAG:
            slugs.add(rule.params.get("tag"))
    return eligibility.Vocabulary(
        categories={c.code: c for c in IndustryCategory.objects.filter(code__in=codes)}
        if codes
        else {},
        tags={t.slug: t for t in QualificationTag.objects.filter(slug__in=slugs)} if slugs else {},
    )


def with_facts(enterprises):
    """Enterprises with what eligibility looks at loaded: three queries for any number."""
    return enterprises.select_related(*ENTERPRISE_FACTS_RELATED).prefetch_related(
        *ENTERPRISE_FACTS_PREFETCH
    )


def facts_for(enterprise):
    return eligibility.facts_of(with_facts(Enterprise.objects.filter(pk=enterprise.pk)).get())


def eligibility_of(enterprise, programme, *, facts=None, vocabulary=None):
    rules = list(programme.rules.all())
    return eligibility.evaluate(
        rules,
        facts or facts_for(enterprise),
        combinator=programme.combinator,
        vocabulary=vocabulary or vocabulary_for(rules),
    )


def eligibility_for_programmes(enterprise, programmes):
    """``[(programme, Eligibility)]`` for ``programmes`` (whose rules are prefetched)."""
    programmes = list(programmes)
    vocabulary = vocabulary_for([rule for p in programmes for rule in p.rules.all()])
    facts = facts_for(enterprise)
    return [
        (
            programme,
            eligibility_of(enterprise, programme, facts=facts, vocabulary=vocabulary),
        )
        for programme in programmes
    ]


def requirements_of(programme):
    """What each rule of a programme asks, in words."""
    rules = list(programme.rules.all())
    vocabulary = vocabulary_for(rules)
    return [eligibility.describe(rule, vocabulary) for rule in rules]


def enterprise_results(programme, organization, *, outcome=Outcome.PASSED, query=""):
    """``[(enterprise, Eligibility)]`` of the enterprises in the care of ``organization``
    whose result for ``programme`` is ``outcome`` (all of them when it is empty)."""
    enterprises = org_selectors.enterprises_in_care_of(organization)
    if query:
        enterprises = search.search(enterprises, query)
    enterprises = with_facts(enterprises).order_by("name", "pk")
    rules = list(programme.rules.all())
    vocabulary = vocabulary_for(rules)
    results = []
    for enterprise in enterprises:
        result = eligibility.evaluate(
            rules,
            eligibility.facts_of(enterprise),
            combinator=programme.combinator,
            vocabulary=vocabulary,
        )
        if not outcome or result.outcome == outcome:
            results.append((enterprise, result))
    return results


def invitations_of(programme):
    return {
        invitation.enterprise_id: invitation
        for invitation in Invitation.objects.filter(programme=programme)
    }


# Applications -------------------------------------------------------------------------------


def _visible_q(organization):
    """Who sees which applications: the enterprise its own; its park those it gave (or gives)
    an opinion on; a government body those to the programmes of its own and lower bodies.
    Drafts are the enterprise's alone."""
    if organization is None:
        return None
    submitted = ~Q(state=ApplicationState.DRAFT)
    if organization.kind == org_enums.OrganizationKind.ENTERPRISE:
        return Q(enterprise_id=organization.pk)
    if organization.kind == org_enums.OrganizationKind.PARK:
        return Q(park_id=organization.pk) & submitted
    if organization.kind == org_enums.OrganizationKind.GOVERNMENT:
        subtree = org_selectors.government_subtree(org_selectors.organization_as_kind(organization))
        return Q(programme__issuer_id__in=subtree) & submitted
    return None


def applications_visible_to(organization):
    condition = _visible_q(organization)
    if condition is None:
        return Application.objects.none()
    return Application.objects.filter(condition).select_related(*APPLICATION_RELATED)


def applications_for_user(user):
    """What the user sees through any of their organisations (the API acts for all of them)."""
    conditions = [_visible_q(m.organization) for m in org_selectors.memberships_of(user)]
    conditions = [condition for condition in conditions if condition is not None]
    if not conditions:
        return Application.objects.none()
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return Application.objects.filter(combined).select_related(*APPLICATION_RELATED)


def get_application_for(organization, pk):
    return _get(applications_visible_to(organization).prefetch_related("materials"), pk)


def filter_applications(queryset, *, query="", programme=None, state=""):
    if programme:
        queryset = queryset.filter(programme=programme)
    if state:
        queryset = queryset.filter(state=state)
    if query:
        queryset = queryset.filter(
            enterprise__in=search.search(Enterprise.objects.all(), query).values("pk")
        )
    return queryset


def get_material_for(organization, application_pk, pk):
    application = get_application_for(organization, application_pk)
    return _get(ApplicationMaterial.objects.filter(application=application), pk)


def live_application(enterprise, programme):
    """The enterprise's application to the programme that is not withdrawn, if any."""
    return (
        Application.objects.filter(enterprise=enterprise, programme=programme)
        .exclude(state=ApplicationState.WITHDRAWN)
        .first()
    )


def live_applications_by_programme(enterprise):
    return {
        application.programme_id: application
        for application in Application.objects.filter(enterprise=enterprise).exclude(
            state=ApplicationState.WITHDRAWN
        )
    }


def for_export(queryset):
    """Applications with their review (stages, opinions, scores, decisions) loaded."""
    return queryset.select_related("enterprise__category", "review_case").prefetch_related(
        "review_case__opinions__reviewer", "review_case__decisions__decided_by"
    )


# Notices ------------------------------------------------------------------------------------

PUBLIC_NOTICE_STATES = (NoticeState.PUBLICISED, NoticeState.FINAL)
LISTED = Prefetch(
    "applications",
    queryset=Application.objects.select_related("enterprise").order_by("enterprise__name"),
)


def public_notices():
    return PublicNotice.objects.filter(state__in=PUBLIC_NOTICE_STATES).select_related(
        "programme", "programme__issuer"
    )


def get_public_notice(pk):
    return _get(
        public_notices().prefetch_related(
            LISTED, Prefetch("objections", queryset=Objection.objects.order_by("submitted_at"))
        ),
        pk,
    )


def notices_of(government):
    return PublicNotice.objects.filter(programme__issuer=government).select_related(
        "programme", "programme__issuer"
    )


def get_notice_for(government, pk):
    return _get(notices_of(government).prefetch_related(LISTED, "objections"), pk)


def get_objection_for(government, pk):
    return _get(
        Objection.objects.filter(notice__programme__issuer=government).select_related(
            "notice", "notice__programme"
        ),
        pk,
    )


def notice_of(programme):
    return PublicNotice.objects.filter(programme=programme).first()


def approved_applications(programme):
    return (
        Application.objects.filter(programme=programme, state=ApplicationState.APPROVED)
        .select_related("enterprise")
        .order_by("enterprise__name", "pk")
    )


# Across every organisation of a user (the API acts for all of them at once) -------------------


def _governments_of(user, capability=None):
    kinds = [org_enums.OrganizationKind.GOVERNMENT]
    return org_selectors.organization_ids_of(user, kinds, capability)


def _publishing_bodies_of(user):
    return _governments_of(user, org_enums.Capability.MANAGE_PROGRAMMES)


def policies_visible_to_user(user):
    """Published policies, and every policy of the bodies in which ``user`` publishes."""
    own = Q(owner_id__in=_publishing_bodies_of(user))
    return Policy.objects.filter(Q(is_published=True) | own).select_related("owner")


def policies_of_user(user):
    """The policies of ``user``'s government bodies: those a programme may be filed under."""
    return Policy.objects.filter(owner_id__in=_governments_of(user)).select_related("owner")


def programmes_visible_to_user(user):
    """The published catalogue, and every programme of the bodies in which ``user``
    publishes."""
    published = Q(is_published=True, policy__is_published=True)
    own = Q(issuer_id__in=_publishing_bodies_of(user))
    return Programme.objects.filter(published | own).select_related(*PROGRAMME_RELATED)


def programmes_of_user(user):
    """The programmes of ``user``'s government bodies: those a notice may be made for."""
    return Programme.objects.filter(issuer_id__in=_governments_of(user)).select_related(
        *PROGRAMME_RELATED
    )


def notices_visible_to_user(user):
    """Public notices, and every notice of the bodies in which ``user`` publishes."""
    own = Q(programme__issuer_id__in=_publishing_bodies_of(user))
    return PublicNotice.objects.filter(Q(state__in=PUBLIC_NOTICE_STATES) | own).select_related(
        "programme", "programme__issuer"
    )


def objections_for_user(user):
    """Objections to the notices of the bodies in which ``user`` publishes."""
    return Objection.objects.filter(
        notice__programme__issuer_id__in=_publishing_bodies_of(user)
    ).select_related("notice__programme__issuer")
