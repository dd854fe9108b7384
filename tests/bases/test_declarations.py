"""Declaring for a round: the transition table, the refusals that change nothing, and the
review on the engine from submission to approval."""

import re
import threading
from datetime import timedelta
from itertools import product

import pytest
from django.db import close_old_connections, connection
from django.urls import reverse
from django.utils import timezone, translation

from cloudpark.bases import enums, services
from cloudpark.bases.models import Accreditation, Declaration, DeclarationMaterial
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.models import AuditEntry
from cloudpark.notifications.models import Notification
from cloudpark.orgs import enums as org_enums
from cloudpark.reviews import services as review_services
from cloudpark.reviews.models import ReviewCase
from tests.factories import (
    AccreditationFactory,
    AccreditationRoundFactory,
    AnnualReviewFactory,
    DeclarationFactory,
    DeclarationMaterialFactory,
    MembershipFactory,
    ParkFactory,
)
from tests.factories.bases import DECLARED, _admin_of, attach_all, pdf, submitted_declaration

pytestmark = pytest.mark.django_db


def snapshot():
    """What a refused step must leave as it was."""
    return {
        "declarations": sorted(Declaration.objects.values_list("pk", "state")),
        "materials": DeclarationMaterial.objects.count(),
        "audit": AuditEntry.objects.count(),
        "cases": sorted(ReviewCase.objects.values_list("pk", "state", "stage_key")),
        "accreditations": Accreditation.objects.count(),
    }


def actions(obj):
    return list(
        AuditEntry.objects.filter(object_id=str(obj.pk), action__startswith="bases.")
        .order_by("id")
        .values_list("action", flat=True)
    )


def decide(declaration, actor, decision, comment="", **data):
    case = ReviewCase.objects.get(object_id=declaration.pk, flow_key="bases.declaration")
    review_services.decide(
        case,
        actor=actor,
        stage_key=case.stage_key,
        decision=decision,
        comment=comment,
        data=data or None,
    )
    declaration.refresh_from_db()
    return declaration


# The transition table --------------------------------------------------------------------------


def _approve(declaration, people):
    today = timezone.localdate().isoformat()
    return decide(
        declaration, people["bureau_chief"], "approve", decided_on=today, surveyed_on=today
    )


# target -> the public step that moves a declaration there.
DECLARATION_STEPS = {
    enums.DeclarationState.SUBMITTED: lambda d, people: services.submit_declaration(
        d, actor=people["park_admin"]
    ),
    enums.DeclarationState.WITHDRAWN: lambda d, people: services.withdraw_declaration(
        d, actor=people["park_admin"]
    ),
    enums.DeclarationState.RETURNED: lambda d, people: decide(
        d, people["bureau_chief"], "return", comment="请补充近三年营业收入。"
    ),
    enums.DeclarationState.REJECTED: lambda d, people: decide(
        d, people["bureau_chief"], "reject", comment="入驻企业不足20家。"
    ),
    enums.DeclarationState.APPROVED: _approve,
}


def declaration_in(state, candidate, provincial_round, people):
    """A provincial declaration brought to ``state`` by the services alone."""
    declaration = attach_all(
        DeclarationFactory(park=candidate, round=provincial_round, actor=people["park_admin"]),
        people["park_admin"],
    )
    path = {
        enums.DeclarationState.DRAFT: [],
        enums.DeclarationState.SUBMITTED: [enums.DeclarationState.SUBMITTED],
        enums.DeclarationState.WITHDRAWN: [enums.DeclarationState.WITHDRAWN],
    }.get(state, [enums.DeclarationState.SUBMITTED, state])
    for step in path:
        declaration = DECLARATION_STEPS[step](declaration, people)
    assert declaration.state == state
    return declaration


# Steps the park takes again without effect; a reviewer's decision taken twice is refused.
SERVICE_STEPS = {enums.DeclarationState.SUBMITTED, enums.DeclarationState.WITHDRAWN}
DECLARATION_PAIRS = list(product(enums.DeclarationState, DECLARATION_STEPS))


@pytest.mark.parametrize(("state", "target"), DECLARATION_PAIRS, ids=str)
def test_the_services_take_the_moves_of_the_table_and_refuse_every_other(
    state, target, candidate, provincial_round, people
):
    declaration = declaration_in(state, candidate, provincial_round, people)
    before = snapshot()

    try:
        moved = DECLARATION_STEPS[target](declaration, people)
    except (TransitionNotAllowed, ReviewCase.DoesNotExist):
        moved = None

    if target == state and target in SERVICE_STEPS:
        assert (moved.state, snapshot()) == (state, before)
    elif target in enums.DECLARATION_TRANSITIONS[state]:
        assert moved.state == target
    else:
        assert (moved, snapshot()) == (None, before)


def test_final_states_lead_nowhere():
    assert all(not enums.DECLARATION_TRANSITIONS[state] for state in enums.FINAL_STATES)


# Drafting and its refusals ---------------------------------------------------------------------


def test_a_park_drafts_a_declaration(candidate, provincial_round, people):
    declaration = services.draft_declaration(
        candidate, provincial_round, actor=people["park_admin"], **DECLARED
    )

    assert (declaration.state, declaration.park, declaration.round) == (
        enums.DeclarationState.DRAFT,
        candidate,
        provincial_round,
    )
    assert actions(declaration) == ["bases.declaration.drafted"]
    assert not ReviewCase.objects.exists()


@pytest.mark.parametrize(
    ("opens", "closes"), [(5, 30), (-30, -1)], ids=["not yet open", "already closed"]
)
def test_declaring_outside_the_window_is_refused_and_changes_nothing(
    candidate, bureau, people, opens, closes
):
    today = timezone.localdate()
    accreditation_round = AccreditationRoundFactory(
        organiser=bureau,
        opens_on=today + timedelta(days=opens),
        closes_on=today + timedelta(days=closes),
    )
    before = snapshot()

    with pytest.raises(DomainError, match=r"Declarations for .* are accepted from"):
        services.draft_declaration(
            candidate, accreditation_round, actor=people["park_admin"], **DECLARED
        )

    assert snapshot() == before


def test_declaring_for_national_status_without_provincial_status_is_refused(
    candidate, bureau, national_round, people
):
    before = snapshot()

    with pytest.raises(
        DomainError,
        match=re.escape("Declaring for national status requires provincial status first."),
    ):
        services.draft_declaration(
            candidate, national_round, actor=people["park_admin"], **DECLARED
        )

    assert snapshot() == before


def test_declaring_twice_for_one_round_is_refused(candidate, provincial_round, people):
    DeclarationFactory(park=candidate, round=provincial_round)
    before = snapshot()

    with pytest.raises(DomainError, match="already declared for this round"):
        services.draft_declaration(
            candidate, provincial_round, actor=people["park_admin"], **DECLARED
        )

    assert snapshot() == before


def test_a_park_may_declare_afresh_after_withdrawing(candidate, provincial_round, people):
    first = DeclarationFactory(park=candidate, round=provincial_round)
    services.withdraw_declaration(first, actor=people["park_admin"])

    second = services.draft_declaration(
        candidate, provincial_round, actor=people["park_admin"], **DECLARED
    )

    assert sorted(Declaration.objects.values_list("pk", "state")) == [
        (first.pk, enums.DeclarationState.WITHDRAWN),
        (second.pk, enums.DeclarationState.DRAFT),
    ]


def test_a_park_already_holding_the_level_may_not_declare_for_it(bureau, provincial_round):
    rated = ParkFactory(level=org_enums.ParkLevel.PROVINCIAL)
    bureau.jurisdiction.add(rated)

    with pytest.raises(DomainError, match="already holds Provincial base status or higher"):
        DeclarationFactory(park=rated, round=provincial_round)

    assert not Declaration.objects.exists()


def test_a_base_under_rectification_may_not_declare(bureau, administration, national_round):
    base = ParkFactory(level=org_enums.ParkLevel.UNRATED)
    bureau.jurisdiction.add(base)
    AccreditationFactory(park=base, decided_by=bureau)
    review = AnnualReviewFactory(park=base)
    services.decide_annual_review(
        review, actor=_admin_of(bureau), outcome="rectify", comment="限期整改。"
    )
    base.refresh_from_db()
    before = snapshot()

    with pytest.raises(DomainError, match="A base under rectification declares again"):
        DeclarationFactory(park=base, round=national_round)

    assert snapshot() == before


def test_a_park_outside_the_organisers_care_may_not_declare(provincial_round):
    stranger = ParkFactory(level=org_enums.ParkLevel.UNRATED)

    with pytest.raises(DomainError, match="parks that its organiser looks after"):
        DeclarationFactory(park=stranger, round=provincial_round)

    assert not Declaration.objects.exists()


def test_submitting_with_missing_materials_is_refused_and_changes_nothing(
    candidate, provincial_round, people
):
    declaration = DeclarationFactory(park=candidate, round=provincial_round)
    DeclarationMaterialFactory(declaration=declaration)  # the application form only
    before = snapshot()

    with pytest.raises(
        DomainError,
        match=re.escape("Attach the required materials first: List of enterprises in the park."),
    ):
        services.submit_declaration(declaration, actor=people["park_admin"])

    assert snapshot() == before


def test_a_draft_whose_window_closed_cannot_be_submitted(candidate, provincial_round, people):
    declaration = attach_all(DeclarationFactory(park=candidate, round=provincial_round))
    provincial_round.closes_on = timezone.localdate() - timedelta(days=1)
    provincial_round.opens_on = provincial_round.closes_on - timedelta(days=30)
    provincial_round.save()
    before = snapshot()

    with pytest.raises(DomainError, match="are accepted from"):
        services.submit_declaration(declaration, actor=people["park_admin"])

    assert snapshot() == before


def test_a_file_that_is_not_what_its_name_says_is_refused(candidate, provincial_round, people):
    declaration = DeclarationFactory(park=candidate, round=provincial_round)
    before = snapshot()

    with pytest.raises(DomainError, match="content does not match its name"):
        services.attach_material(
            declaration,
            actor=people["park_admin"],
            kind=provincial_round.materials[0].key,
            uploaded=pdf().__class__("申报书.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
        )

    assert snapshot() == before


def test_a_material_of_an_unknown_kind_is_refused(candidate, provincial_round, people):
    declaration = DeclarationFactory(park=candidate, round=provincial_round)

    with pytest.raises(DomainError, match=re.escape("Choose which material this file is.")):
        services.attach_material(
            declaration, actor=people["park_admin"], kind="m-unknown", uploaded=pdf()
        )

    assert not DeclarationMaterial.objects.exists()


def test_a_submitted_declaration_cannot_be_changed(candidate, provincial_round, people):
    declaration = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])
    before = snapshot()

    with pytest.raises(TransitionNotAllowed, match="cannot be changed"):
        services.update_declaration(declaration, actor=people["park_admin"], area=1)

    assert snapshot() == before


# The review ------------------------------------------------------------------------------------


def test_submitting_opens_the_review_at_the_provincial_bureau(
    candidate, bureau, provincial_round, people
):
    declaration = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])

    case = ReviewCase.objects.get()
    assert (declaration.state, declaration.submitted_on) == (
        enums.DeclarationState.SUBMITTED,
        timezone.localdate(),
    )
    assert (case.stage_key, case.reviewing_organization_id, case.applicant_id) == (
        "provincial_review",
        bureau.pk,
        candidate.pk,
    )
    assert actions(declaration)[-1] == "bases.declaration.submitted"
    assert set(
        Notification.objects.filter(kind="reviews.awaits_review").values_list(
            "recipient", flat=True
        )
    ) == {people["bureau_chief"].pk, people["bureau_reviewer"].pk}


def test_submitting_twice_changes_nothing(candidate, provincial_round, people):
    declaration = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])
    before = snapshot()

    again = services.submit_declaration(declaration, actor=people["park_admin"])

    assert again.state == enums.DeclarationState.SUBMITTED
    assert snapshot() == before


def test_withdrawing_twice_changes_nothing(candidate, provincial_round, people):
    declaration = DeclarationFactory(park=candidate, round=provincial_round)
    services.withdraw_declaration(declaration, actor=people["park_admin"])
    before = snapshot()

    again = services.withdraw_declaration(declaration, actor=people["park_admin"])

    assert again.state == enums.DeclarationState.WITHDRAWN
    assert snapshot() == before


def test_a_provincial_round_is_decided_by_the_bureau_alone(
    candidate, bureau, provincial_round, people
):
    declaration = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])
    today = timezone.localdate()

    declaration = decide(
        declaration,
        people["bureau_chief"],
        "approve",
        decided_on=today.isoformat(),
        surveyed_on=today.isoformat(),
        survey_notes="园区载体完整，企业集聚度高。",
    )

    candidate.refresh_from_db()
    accreditation = Accreditation.objects.get()
    assert declaration.state == enums.DeclarationState.APPROVED
    assert (declaration.surveyed_on, declaration.survey_notes, declaration.surveyed_by_id) == (
        today,
        "园区载体完整，企业集聚度高。",
        bureau.pk,
    )
    assert (candidate.level, candidate.batch, candidate.batch_en, candidate.approved_on) == (
        org_enums.ParkLevel.PROVINCIAL,
        provincial_round.batch,
        provincial_round.batch_en,
        today,
    )
    assert (accreditation.level, accreditation.decided_by_id, accreditation.declaration) == (
        "provincial",
        bureau.pk,
        declaration,
    )
    park_entry = AuditEntry.objects.get(object_id=str(candidate.pk), action="bases.park.accredited")
    assert (park_entry.actor, park_entry.data["level"], park_entry.data["batch"]) == (
        people["bureau_chief"],
        "provincial",
        provincial_round.batch,
    )
    assert Notification.objects.get(kind="reviews.approved").recipient == people["park_admin"]


def test_the_bureau_returns_and_the_park_resubmits_in_a_new_round(
    candidate, provincial_round, people
):
    declaration = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])

    declaration = decide(
        declaration, people["bureau_chief"], "return", comment="缺少园区产权证明，请补充。"
    )
    services.attach_material(
        declaration,
        actor=people["park_admin"],
        kind="supplement",
        uploaded=pdf("产权证明.pdf"),
    )
    declaration = services.submit_declaration(declaration, actor=people["park_admin"])

    case = ReviewCase.objects.get()
    assert (declaration.state, declaration.decision_comment) == (
        enums.DeclarationState.SUBMITTED,
        "",
    )
    assert (case.round, case.stage_key) == (2, "provincial_review")
    assert actions(declaration) == [
        "bases.declaration.drafted",
        "bases.declaration.material_attached",
        "bases.declaration.material_attached",
        "bases.declaration.submitted",
        "bases.declaration.returned",
        "bases.declaration.material_attached",
        "bases.declaration.resubmitted",
    ]
    assert (
        AuditEntry.objects.get(action="bases.declaration.returned").data["comment"]
        == "缺少园区产权证明，请补充。"
    )


def test_a_returned_declaration_may_come_back_after_the_window(candidate, provincial_round, people):
    declaration = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])
    decide(declaration, people["bureau_chief"], "return", comment="补充材料")
    provincial_round.closes_on = timezone.localdate() - timedelta(days=1)
    provincial_round.save()

    declaration = services.submit_declaration(declaration, actor=people["park_admin"])

    assert declaration.state == enums.DeclarationState.SUBMITTED


def test_a_national_declaration_passes_the_province_then_the_administration(
    bureau, administration, national_round, people
):
    provincial_base = ParkFactory(level=org_enums.ParkLevel.PROVINCIAL)
    bureau.jurisdiction.add(provincial_base)
    declaration = submitted_declaration(provincial_base, national_round, actor=people["park_admin"])
    today = timezone.localdate()

    declaration = decide(
        declaration,
        people["bureau_chief"],
        "advance",
        decided_on=today.isoformat(),
        surveyed_on=today.isoformat(),
        survey_notes="实地核查属实。",
    )
    case = ReviewCase.objects.get()
    at_national = (case.stage_key, case.reviewing_organization_id)
    declaration = decide(declaration, people["national_chief"], "approve")

    provincial_base.refresh_from_db()
    assert at_national == ("national_review", administration.pk)
    assert (declaration.state, declaration.provincial_decided_on, declaration.surveyed_on) == (
        enums.DeclarationState.APPROVED,
        today,
        today,
    )
    assert (provincial_base.level, provincial_base.batch) == (
        org_enums.ParkLevel.NATIONAL,
        national_round.batch,
    )
    assert Accreditation.objects.get().decided_by_id == administration.pk
    assert actions(declaration)[-2:] == [
        "bases.declaration.passed_on",
        "bases.declaration.approved",
    ]


def test_a_national_decision_dated_before_the_provincial_one_is_refused(
    bureau, national_round, people, monkeypatch
):
    provincial_base = ParkFactory(level=org_enums.ParkLevel.PROVINCIAL)
    bureau.jurisdiction.add(provincial_base)
    today = timezone.localdate()
    with monkeypatch.context() as clock:
        # Submitted a week ago, so that a day between the submission and today exists.
        week_ago = timezone.now() - timedelta(days=7)
        clock.setattr(timezone, "now", lambda: week_ago)
        declaration = submitted_declaration(
            provincial_base, national_round, actor=people["park_admin"]
        )
    decide(declaration, people["bureau_chief"], "advance", decided_on=today.isoformat())
    before = snapshot()

    with pytest.raises(DomainError, match="cannot be before the provincial decision"):
        decide(
            declaration,
            people["national_chief"],
            "approve",
            decided_on=(today - timedelta(days=1)).isoformat(),
        )

    assert snapshot() == before


def test_a_provincial_bureau_cannot_approve_a_national_declaration_itself(
    bureau, national_round, people
):
    provincial_base = ParkFactory(level=org_enums.ParkLevel.PROVINCIAL)
    bureau.jurisdiction.add(provincial_base)
    declaration = submitted_declaration(provincial_base, national_round, actor=people["park_admin"])
    before = snapshot()

    with pytest.raises(DomainError, match="Pass the case to the next stage"):
        decide(declaration, people["bureau_chief"], "approve")

    assert snapshot() == before


def test_a_decision_dated_in_the_future_is_refused_and_changes_nothing(
    candidate, provincial_round, people
):
    declaration = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])
    before = snapshot()
    tomorrow = timezone.localdate() + timedelta(days=1)

    with pytest.raises(DomainError, match="cannot be in the future"):
        decide(declaration, people["bureau_chief"], "approve", decided_on=tomorrow.isoformat())

    assert snapshot() == before


def test_a_rejection_keeps_its_reasons(candidate, provincial_round, people):
    declaration = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])

    declaration = decide(
        declaration, people["bureau_chief"], "reject", comment="入驻企业不足20家。"
    )

    candidate.refresh_from_db()
    assert (declaration.state, declaration.decision_comment) == (
        enums.DeclarationState.REJECTED,
        "入驻企业不足20家。",
    )
    assert candidate.level == org_enums.ParkLevel.UNRATED
    assert not Accreditation.objects.exists()


def test_withdrawing_a_submitted_declaration_closes_its_case(candidate, provincial_round, people):
    declaration = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])

    declaration = services.withdraw_declaration(declaration, actor=people["park_admin"])

    assert declaration.state == enums.DeclarationState.WITHDRAWN
    assert ReviewCase.objects.get().state == "withdrawn"
    with pytest.raises(TransitionNotAllowed):
        services.submit_declaration(declaration, actor=people["park_admin"])


def test_the_reviewers_awaiting_a_declaration_are_told_of_its_withdrawal(
    candidate, provincial_round, people
):
    declaration = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])

    services.withdraw_declaration(declaration, actor=people["park_admin"])

    url = reverse("government:base_declaration_detail", args=[declaration.pk])
    assert sorted(
        Notification.objects.filter(kind="bases.declaration_withdrawn").values_list(
            "recipient", "url"
        )
    ) == sorted([(people["bureau_chief"].pk, url), (people["bureau_reviewer"].pk, url)])


def test_withdrawing_a_returned_declaration_tells_no_reviewer(candidate, provincial_round, people):
    declaration = submitted_declaration(candidate, provincial_round, actor=people["park_admin"])
    decide(declaration, people["bureau_chief"], "return", comment="补充材料")

    services.withdraw_declaration(declaration, actor=people["park_admin"])

    assert not Notification.objects.filter(kind="bases.declaration_withdrawn").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_administrators_declaring_at_once_end_with_one_declaration(
    candidate, provincial_round, people
):
    second_admin = MembershipFactory(organization=candidate, role=org_enums.Role.ADMIN).user
    barrier = threading.Barrier(2)
    outcomes = []

    def declare(actor):
        close_old_connections()
        barrier.wait()
        try:
            # A thread starts in the default language; the message is compared in English.
            with translation.override("en"):
                services.draft_declaration(candidate, provincial_round, actor=actor, **DECLARED)
            outcomes.append("declared")
        except DomainError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=declare, args=(actor,))
        for actor in (people["park_admin"], second_admin)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["Your park has already declared for this round.", "declared"]
    assert Declaration.objects.count() == 1
