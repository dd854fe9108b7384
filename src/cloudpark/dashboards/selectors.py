"""Reads of the figures: an enterprise's reported years and their history, and the
enterprises of a park that have not reported a year."""

from django.contrib.contenttypes.models import ContentType

from cloudpark.core.models import AuditEntry
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import EnterpriseYear


def reported_years_of(enterprise):
    """The enterprise's yearly figures, newest first."""
    return EnterpriseYear.objects.filter(enterprise=enterprise).order_by("-year")


def figures_of(enterprise, year):
    """The enterprise's figures of ``year``, or ``None``."""
    return EnterpriseYear.objects.filter(enterprise=enterprise, year=year).first()


def figures_history(enterprise, limit=50):
    """Who reported or changed which of the enterprise's figures, newest first."""
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(EnterpriseYear),
            object_id__in=[
                str(pk)
                for pk in EnterpriseYear.objects.filter(enterprise=enterprise).values_list(
                    "pk", flat=True
                )
            ],
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")[:limit]
    )


def reported_in(year):
    """The enterprises that reported a revenue for ``year``, as a subquery."""
    return EnterpriseYear.objects.filter(year=year, revenue__isnull=False).values("enterprise")


def missing_reports(organization, year):
    """The enterprises in ``organization``'s care, founded by ``year``, that have not reported
    its figures."""
    return (
        org_selectors.enterprises_in_care_of(organization)
        .exclude(pk__in=reported_in(year))
        .exclude(founded_on__year__gt=year)
        .select_related(*org_selectors.ENTERPRISE_LIST_RELATED)
        .order_by("name", "pk")
    )
