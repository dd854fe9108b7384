"""Template helpers of the programme pages: amounts, live eligibility, and the panels the
portals' home pages show."""

from django import template
from django.utils import timezone

from cloudpark.orgs import enums as org_enums
from cloudpark.programs import eligibility, selectors
from cloudpark.programs.enums import ApplicationState, NoticeState
from cloudpark.reviews import selectors as review_selectors

register = template.Library()


@register.filter
def yuan(value):
    """``Decimal("300000.00")`` -> ``300,000``; empty for ``None``."""
    if value in (None, ""):
        return ""
    return eligibility.figure(value)


@register.filter
def entry(mapping, key):
    """``mapping[key]``, or ``None``."""
    return mapping.get(key) if mapping else None


@register.simple_tag
def eligibility_of(application):
    """The application's enterprise measured against the programme's rules as they are now."""
    return selectors.eligibility_of(application.enterprise, application.programme)


@register.inclusion_tag("programs/_enterprise_home.html", takes_context=True)
def enterprise_programmes_panel(context, enterprise):
    """Applications that await the enterprise, and the open programmes it qualifies for."""
    now = timezone.now()
    programmes = (
        selectors.published_programmes()
        .filter(opens_at__lte=now, closes_at__gte=now)
        .prefetch_related(selectors.RULES)
        .order_by("closes_at", "pk")
    )
    applications = selectors.live_applications_by_programme(enterprise)
    qualifying = [
        programme
        for programme, result in selectors.eligibility_for_programmes(enterprise, programmes)
        if result.qualifies and programme.pk not in applications
    ]
    awaiting = (
        selectors.applications_visible_to(enterprise)
        .filter(state__in=[ApplicationState.DRAFT, ApplicationState.RETURNED])
        .order_by("-updated_at")[:5]
    )
    return {"qualifying": qualifying[:5], "awaiting": awaiting, "request": context["request"]}


@register.simple_tag(takes_context=True)
def programme_reviews_awaiting(context, organization):
    """The programme applications awaiting this organisation in the review room, and (for a
    government body) its notices with objections to answer."""
    request = context["request"]
    cases = [
        case
        for case in review_selectors.cases_awaiting(request.user, organization)
        if case.flow_key == "programs.application"
    ]
    notices = []
    if organization.kind == org_enums.OrganizationKind.GOVERNMENT:
        notices = list(
            selectors.notices_of(organization)
            .filter(state=NoticeState.PUBLICISED, objections__answered_at__isnull=True)
            .distinct()
        )
    return {"cases": cases[:8], "case_total": len(cases), "notices": notices}
