"""What the platform search finds of the directory: enterprises and the parks still in it."""

from django.utils.translation import gettext_lazy as _

from cloudpark.orgs import selectors
from cloudpark.orgs.models import Enterprise, Park
from cloudpark.search import registry


def _organization(organization, *extra):
    return registry.Document(
        title=organization.name,
        title_en=organization.name_en,
        body=organization.description,
        body_en=organization.description_en,
        extra=extra,
        published_at=organization.created_at,
    )


def _park(park):
    return _organization(park, park.operator, park.focus, park.focus_en)


def _enterprise(enterprise):
    return _organization(enterprise, enterprise.credit_code)


registry.register(
    registry.Kind(
        key="enterprise",
        number=4,
        label=_("Enterprises"),
        model=Enterprise,
        queryset=selectors.public_enterprises,
        document=_enterprise,
        # A document reads the enterprise's own columns, none of the rows a list joins.
        narrow=lambda queryset: queryset.select_related(None),
    )
)
registry.register(
    registry.Kind(
        key="park",
        number=5,
        label=_("Parks"),
        model=Park,
        queryset=selectors.public_parks,
        document=_park,
    )
)
