import pytest
from django.db import IntegrityError

from cloudpark.core.errors import DomainError
from cloudpark.news import enums, selectors, services
from cloudpark.news.models import DisclosureItem
from tests.factories import ChannelFactory
from tests.news.conftest import CLARIFICATION, DISCLOSURE, SOURCES

pytestmark = pytest.mark.django_db


def test_a_clarification_is_drafted_and_published_with_its_sources(government, editor, park):
    clarification = services.draft_clarification(
        government, actor=editor, sources=SOURCES, organizations=[park], **CLARIFICATION
    )

    clarification = services.publish_clarification(clarification, actor=editor)

    assert list(selectors.published_clarifications(category="parks", verdict="false")) == [
        clarification
    ]
    assert list(clarification.sources.values_list("issuing_unit", flat=True)) == ["园区管委会"]
    assert list(clarification.organizations.values_list("pk", flat=True)) == [park.pk]


def test_a_clarification_without_sources_is_not_published(government, editor):
    clarification = services.draft_clarification(government, actor=editor, **CLARIFICATION)

    with pytest.raises(DomainError) as refused:
        services.publish_clarification(clarification, actor=editor)

    clarification.refresh_from_db()
    assert (refused.value.field, clarification.state) == ("sources", enums.ClarificationState.DRAFT)


def test_a_source_without_its_issuing_unit_is_refused(government, editor):
    with pytest.raises(DomainError):
        services.draft_clarification(
            government, actor=editor, sources=[{"title": "公告"}], **CLARIFICATION
        )

    assert selectors.clarifications_of(government).count() == 0


def test_a_clarification_is_edited(government, editor):
    clarification = services.draft_clarification(
        government, actor=editor, sources=SOURCES, **CLARIFICATION
    )

    services.update_clarification(
        clarification, actor=editor, verdict=enums.Verdict.MISLEADING, sources=[]
    )

    clarification.refresh_from_db()
    assert (clarification.verdict, clarification.sources.count()) == ("misleading", 0)


@pytest.fixture
def disclosure_channel(government):
    return ChannelFactory(organization=government, kind=enums.ChannelKind.DISCLOSURE)


def test_a_disclosure_item_is_published(disclosure_channel, editor):
    item = services.publish_disclosure(disclosure_channel, actor=editor, **DISCLOSURE)

    assert (item.document_number, str(item.category_label)) == (
        "杭文广旅〔2026〕12号",
        "Culture, broadcasting and publishing",
    )


def test_a_disclosure_item_without_its_document_number_is_refused(disclosure_channel, editor):
    with pytest.raises(DomainError) as refused:
        services.publish_disclosure(
            disclosure_channel, actor=editor, **{**DISCLOSURE, "document_number": " "}
        )

    assert (refused.value.field, str(refused.value), DisclosureItem.objects.count()) == (
        "document_number",
        "A disclosure item must give its document number.",
        0,
    )


def test_the_database_refuses_a_disclosure_item_without_a_number(disclosure_channel):
    with pytest.raises(IntegrityError):
        DisclosureItem.objects.create(
            channel=disclosure_channel, **{**DISCLOSURE, "document_number": ""}
        )


def test_disclosure_items_go_in_a_disclosure_channel(channel, editor):
    with pytest.raises(DomainError):
        services.publish_disclosure(channel, actor=editor, **DISCLOSURE)
