"""What the platform search finds of drama filings: the titles of the public archive (the
filings that have been in a monthly public notice)."""

from django.utils.translation import gettext_lazy as _

from cloudpark.filings import selectors
from cloudpark.filings.models import PlanningFiling
from cloudpark.search import registry


def _document(filing):
    enterprise = filing.project.enterprise
    return registry.Document(
        title=filing.title,
        title_en=filing.title_en,
        body=enterprise.name,
        body_en=enterprise.name_en,
        published_at=registry.day(filing.notice_month),
    )


registry.register(
    registry.Kind(
        key="filing",
        number=7,
        label=_("Drama filings"),
        model=PlanningFiling,
        queryset=selectors.public_filings,
        document=_document,
    )
)
