"""Entering works: the checks at the door, the eligibility review and the public notice."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cloudpark.awards import enums, selectors, services
from cloudpark.awards.models import Entry
from cloudpark.core.errors import DomainError
from cloudpark.core.models import AuditEntry
from cloudpark.reviews import enums as review_enums
from cloudpark.reviews import services as reviews
from tests.factories import EnterpriseFactory
from tests.factories.awards import (
    drafted_entry,
    eligible_entry,
    open_scheme,
    submitted_entry,
)
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


def entry_count():
    return (
        Entry.objects.count(),
        AuditEntry.objects.filter(action__startswith="awards.entry").count(),
    )


def test_a_work_broadcast_outside_the_window_is_refused_and_nothing_is_written():
    scheme = open_scheme()
    before = entry_count()

    with pytest.raises(DomainError) as refusal:
        drafted_entry(
            scheme, EnterpriseFactory(), broadcast_on=scheme.eligible_until + timedelta(days=1)
        )

    assert (refusal.value.field, entry_count()) == ("broadcast_on", before)
    assert "outside" in str(refusal.value)


def test_the_same_work_cannot_be_entered_twice_even_by_another_unit_in_another_category():
    scheme = open_scheme()
    drafted_entry(scheme, EnterpriseFactory(), title="《山海之间》")
    before = entry_count()

    with pytest.raises(DomainError) as refusal:
        drafted_entry(
            scheme,
            EnterpriseFactory(),
            title="山海之间",
            category=scheme.categories.get(code="SV"),
        )

    assert (refusal.value.field, entry_count()) == ("title", before)
    assert "already entered" in str(refusal.value)


def test_a_withdrawn_entry_frees_its_work():
    scheme = open_scheme()
    enterprise = EnterpriseFactory()
    first = drafted_entry(scheme, enterprise)
    services.withdraw_entry(first, actor=admin_of(enterprise))

    second = drafted_entry(scheme, enterprise)

    assert second.state == enums.EntryState.DRAFT


def test_an_entry_without_its_sealed_recommendation_is_refused_at_submission():
    scheme = open_scheme()
    enterprise = EnterpriseFactory()
    entry = drafted_entry(scheme, enterprise, scan=False)

    with pytest.raises(DomainError) as refusal:
        services.submit_entry(entry, actor=admin_of(enterprise))

    entry.refresh_from_db()
    assert (refusal.value.field, entry.state, entry.review_case_id) == (
        "recommendation_scan",
        enums.EntryState.DRAFT,
        None,
    )


def test_submitting_opens_the_eligibility_review_with_the_secretariat():
    scheme = open_scheme()

    entry = submitted_entry(scheme, EnterpriseFactory())

    case = entry.review_case
    assert (entry.state, entry.submitted_on, case.stage_key, case.reviewing_organization_id) == (
        enums.EntryState.SUBMITTED,
        timezone.localdate(),
        "formal_check",
        scheme.owner.pk,
    )


def test_an_eligible_entry_is_on_public_notice_for_five_working_days():
    scheme = open_scheme()
    entry = submitted_entry(scheme, EnterpriseFactory())

    reviews.decide(
        entry.review_case,
        actor=admin_of(scheme.owner),
        stage_key="formal_check",
        decision=review_enums.Decision.APPROVE,
    )

    entry.refresh_from_db()
    today = timezone.localdate()
    assert (entry.state, entry.eligible_on, entry.notice_ends_on) == (
        enums.EntryState.ELIGIBLE,
        today,
        services.add_working_days(today, 5),
    )


def test_five_working_days_skip_the_weekend():
    # Thursday 2 February 2023 -> Monday, Tuesday, Wednesday, Thursday of the next week.
    assert services.add_working_days(date(2023, 2, 2), 5) == date(2023, 2, 9)


def test_entries_are_closed_outside_the_scheme_window():
    scheme = open_scheme(
        entries_open_on=timezone.localdate() - timedelta(days=30),
        entries_close_on=timezone.localdate() - timedelta(days=1),
    )

    with pytest.raises(DomainError) as refusal:
        drafted_entry(scheme, EnterpriseFactory())

    assert "takes entries from" in str(refusal.value)


def test_a_rejected_entry_is_not_eligible():
    scheme = open_scheme()
    entry = submitted_entry(scheme, EnterpriseFactory())

    reviews.decide(
        entry.review_case,
        actor=admin_of(scheme.owner),
        stage_key="formal_check",
        decision=review_enums.Decision.REJECT,
        comment="播出时间无法核实。",
    )

    entry.refresh_from_db()
    assert (entry.state, entry.decision_comment) == (
        enums.EntryState.INELIGIBLE,
        "播出时间无法核实。",
    )


def test_the_public_notice_lists_eligible_entries_only():
    scheme = open_scheme()
    eligible = eligible_entry(scheme, EnterpriseFactory(), title="入选作品")
    submitted_entry(scheme, EnterpriseFactory(), title="仍在审核")

    assert list(selectors.entries_on_notice(scheme)) == [eligible]
