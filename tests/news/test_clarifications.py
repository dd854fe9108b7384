"""Clarifications and disclosure items are written as drafts, submitted by an editor and
published by the chief editor of the publishing organisation, on the review engine."""

from importlib import import_module

import pytest
from django.apps import apps
from django.db import IntegrityError

from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.models import AuditEntry
from cloudpark.news import enums, selectors, services
from cloudpark.news.models import ClarificationSource, DisclosureItem
from cloudpark.notifications.models import Notification
from cloudpark.orgs.enums import Role
from cloudpark.reviews import enums as review_enums
from cloudpark.reviews import services as reviews
from tests.factories import ChannelFactory, MembershipFactory
from tests.factories.news import (
    CLARIFICATION,
    DISCLOSURE,
    SOURCES,
    clarification_in_review,
    disclosure_in_review,
    published_clarification,
    published_disclosure,
)

pytestmark = pytest.mark.django_db


def actions_on(subject):
    return list(
        AuditEntry.objects.filter(
            content_type__model=subject._meta.model_name, object_id=str(subject.pk)
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


def decide(subject, decision, *, actor, comment=""):
    case = services.case_of(subject)
    return reviews.decide(
        case, actor=actor, stage_key=case.stage_key, decision=decision, comment=comment
    )


# Clarifications


def test_a_submitted_clarification_awaits_its_organisations_chief_editor(government, editor):
    clarification = clarification_in_review(government, actor=editor)

    case = services.case_of(clarification)
    assert (clarification.state, case.stage_key, case.reviewing_organization_id) == (
        enums.PublicationState.IN_REVIEW,
        "chief_editor",
        government.pk,
    )
    assert selectors.published_clarifications().count() == 0
    assert Notification.objects.filter(recipient=editor, kind="reviews.awaits_review").exists()


def test_the_chief_editors_approval_publishes_the_clarification(government, editor, park):
    clarification = clarification_in_review(government, actor=editor, organizations=[park])

    decide(clarification, review_enums.Decision.APPROVE, actor=editor)

    clarification.refresh_from_db()
    assert clarification.state == enums.PublicationState.PUBLISHED
    assert clarification.published_at is not None
    assert list(selectors.published_clarifications(category="parks", verdict="false")) == [
        clarification
    ]
    assert list(selectors.clarifications_concerning(park)) == [clarification]
    assert actions_on(clarification) == [
        "news.clarification.drafted",
        "news.clarification.submitted",
        "news.clarification.published",
    ]


def test_a_returned_clarification_is_revised_and_resubmitted(government, editor):
    clarification = clarification_in_review(government, actor=editor)
    decide(clarification, review_enums.Decision.RETURN, actor=editor, comment="请补充来源链接。")
    clarification.refresh_from_db()

    services.update_clarification(clarification, actor=editor, facts="园区招商工作照常。")
    clarification = services.submit_clarification(clarification, actor=editor)

    assert (clarification.state, clarification.facts, services.case_of(clarification).round) == (
        enums.PublicationState.IN_REVIEW,
        "园区招商工作照常。",
        2,
    )


def test_a_rejected_clarification_is_never_published(government, editor):
    clarification = clarification_in_review(government, actor=editor)

    decide(clarification, review_enums.Decision.REJECT, actor=editor, comment="不予发布。")

    clarification.refresh_from_db()
    assert (clarification.state, selectors.published_clarifications().count()) == (
        enums.PublicationState.REJECTED,
        0,
    )


def test_a_clarification_without_sources_is_not_submitted(government, editor):
    clarification = services.draft_clarification(government, actor=editor, **CLARIFICATION)

    with pytest.raises(DomainError) as refused:
        services.submit_clarification(clarification, actor=editor)

    clarification.refresh_from_db()
    assert (refused.value.field, clarification.state, services.case_of(clarification)) == (
        "sources",
        enums.PublicationState.DRAFT,
        None,
    )


def test_an_approval_of_a_clarification_that_lost_its_sources_is_refused(government, editor):
    clarification = clarification_in_review(government, actor=editor)
    ClarificationSource.objects.filter(clarification=clarification).delete()

    with pytest.raises(DomainError):
        decide(clarification, review_enums.Decision.APPROVE, actor=editor)

    clarification.refresh_from_db()
    assert (clarification.state, services.case_of(clarification).state) == (
        enums.PublicationState.IN_REVIEW,
        review_enums.CaseState.IN_REVIEW,
    )


def test_a_reviewer_without_the_right_to_decide_does_not_publish(government, editor):
    clarification = clarification_in_review(government, actor=editor)
    reviewer = MembershipFactory(organization=government, role=Role.REVIEWER).user

    with pytest.raises(DomainError):
        decide(clarification, review_enums.Decision.APPROVE, actor=reviewer)

    clarification.refresh_from_db()
    assert clarification.state == enums.PublicationState.IN_REVIEW


@pytest.mark.parametrize("state", ["in_review", "published"])
def test_a_clarification_in_review_or_published_is_not_changed(government, editor, state):
    clarification = clarification_in_review(government, actor=editor)
    if state == "published":
        decide(clarification, review_enums.Decision.APPROVE, actor=editor)

    with pytest.raises(TransitionNotAllowed):
        services.update_clarification(clarification, actor=editor, verdict=enums.Verdict.TRUE)

    clarification.refresh_from_db()
    assert (clarification.state, clarification.verdict) == (state, enums.Verdict.FALSE)


def test_a_published_clarification_is_withdrawn_from_the_site(government, editor):
    clarification = published_clarification(government, actor=editor)

    clarification = services.withdraw_clarification(clarification, actor=editor, reason="过时")

    assert (clarification.state, selectors.published_clarifications().count()) == (
        enums.PublicationState.WITHDRAWN,
        0,
    )
    assert actions_on(clarification)[-1] == "news.clarification.withdrawn"


def test_a_clarification_withdrawn_from_review_tells_the_chief_editor(government, editor):
    clarification = clarification_in_review(government, actor=editor)

    clarification = services.withdraw_clarification(clarification, actor=editor)

    assert (clarification.state, services.case_of(clarification).state) == (
        enums.PublicationState.WITHDRAWN,
        review_enums.CaseState.WITHDRAWN,
    )
    assert Notification.objects.filter(
        recipient=editor, kind="news.clarification_withdrawn_from_review"
    ).exists()


def test_a_source_without_its_issuing_unit_is_refused(government, editor):
    with pytest.raises(DomainError):
        services.draft_clarification(
            government, actor=editor, sources=[{"title": "公告"}], **CLARIFICATION
        )

    assert selectors.clarifications_of(government).count() == 0


def test_a_draft_clarification_is_edited(government, editor):
    clarification = services.draft_clarification(
        government, actor=editor, sources=SOURCES, **CLARIFICATION
    )

    services.update_clarification(
        clarification, actor=editor, verdict=enums.Verdict.MISLEADING, sources=[]
    )

    clarification.refresh_from_db()
    assert (clarification.verdict, clarification.sources.count()) == ("misleading", 0)


# Disclosure


@pytest.fixture
def disclosure_channel(government):
    return ChannelFactory(organization=government, kind=enums.ChannelKind.DISCLOSURE)


def test_a_disclosure_item_is_drafted_unpublished(disclosure_channel, editor):
    item = services.draft_disclosure(disclosure_channel, actor=editor, **DISCLOSURE)

    assert (item.state, item.document_number, str(item.category_label)) == (
        enums.PublicationState.DRAFT,
        "杭文广旅〔2026〕12号",
        "Culture, broadcasting and publishing",
    )
    assert selectors.public_disclosures().count() == 0


def test_the_chief_editors_approval_publishes_the_disclosure_item(disclosure_channel, editor):
    item = disclosure_in_review(disclosure_channel, actor=editor)
    assert list(selectors.public_disclosures()) == []

    decide(item, review_enums.Decision.APPROVE, actor=editor)

    item.refresh_from_db()
    assert (item.state, list(selectors.public_disclosures())) == (
        enums.PublicationState.PUBLISHED,
        [item],
    )
    assert actions_on(item) == [
        "news.disclosure.drafted",
        "news.disclosure.submitted",
        "news.disclosure.published",
    ]


def test_a_disclosure_item_in_a_two_stage_channel_is_read_first(government, editor):
    channel = ChannelFactory(
        organization=government, kind=enums.ChannelKind.DISCLOSURE, review_stages=2
    )
    item = disclosure_in_review(channel, actor=editor)

    decide(item, review_enums.Decision.ADVANCE, actor=editor)

    item.refresh_from_db()
    assert (item.state, services.case_of(item).stage_key, actions_on(item)[-1]) == (
        enums.PublicationState.IN_REVIEW,
        "chief_editor",
        "news.disclosure.passed_on",
    )


def test_an_approval_in_a_closed_disclosure_channel_is_refused(disclosure_channel, editor):
    item = disclosure_in_review(disclosure_channel, actor=editor)
    disclosure_channel.is_open = False
    disclosure_channel.save()

    with pytest.raises(DomainError):
        decide(item, review_enums.Decision.APPROVE, actor=editor)

    item.refresh_from_db()
    assert item.state == enums.PublicationState.IN_REVIEW


def test_a_published_disclosure_item_is_not_changed(disclosure_channel, editor):
    item = published_disclosure(disclosure_channel, actor=editor)

    with pytest.raises(TransitionNotAllowed):
        services.update_disclosure(item, actor=editor, title="改过的标题")

    item.refresh_from_db()
    assert item.title == DISCLOSURE["title"]


def test_a_returned_disclosure_item_is_revised(disclosure_channel, editor):
    item = disclosure_in_review(disclosure_channel, actor=editor)
    decide(item, review_enums.Decision.RETURN, actor=editor, comment="文号有误。")

    item = services.update_disclosure(item, actor=editor, document_number="杭文广旅〔2026〕13号")

    assert (item.state, item.document_number) == (
        enums.PublicationState.RETURNED,
        "杭文广旅〔2026〕13号",
    )


def test_a_disclosure_item_without_its_document_number_is_refused(disclosure_channel, editor):
    with pytest.raises(DomainError) as refused:
        services.draft_disclosure(
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
        services.draft_disclosure(channel, actor=editor, **DISCLOSURE)


def test_the_migration_keeps_the_items_published_before_the_review_published(
    disclosure_channel, editor
):
    migration = import_module(
        "cloudpark.news.migrations.0002_review_of_clarifications_and_disclosure"
    )
    item = services.draft_disclosure(disclosure_channel, actor=editor, **DISCLOSURE)

    migration.keep_published_items_published(apps, None)

    item.refresh_from_db()
    assert (item.state, item.published_at) == (enums.PublicationState.PUBLISHED, item.created_at)
    assert list(selectors.public_disclosures()) == [item]


def test_every_editor_of_the_organisation_hears_of_the_decision(government, editor):
    other_editor = MembershipFactory(organization=government, role=Role.ADMIN).user
    clarification = clarification_in_review(government, actor=editor)

    decide(clarification, review_enums.Decision.APPROVE, actor=editor)

    assert set(
        Notification.objects.filter(kind="reviews.approved").values_list("recipient", flat=True)
    ) == {editor.pk, other_editor.pk}
