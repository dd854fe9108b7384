"""The review engine, driven through a flow declared for these tests."""

import re
import threading
from decimal import Decimal
from itertools import product

import pytest
from django.db import close_old_connections, connection
from django.utils import translation

from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.models import AuditEntry
from cloudpark.notifications.models import Notification
from cloudpark.orgs import enums as org_enums
from cloudpark.reviews import enums, services
from cloudpark.reviews.models import ReviewCase, ReviewDecision
from tests.factories import EnterpriseFactory, MembershipFactory
from tests.reviews.flow import EVENTS, TEST_FLOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(park, government, enterprise):
    return {
        "applicant": MembershipFactory(organization=enterprise, role=org_enums.Role.ADMIN).user,
        "park": MembershipFactory(organization=park, role=org_enums.Role.ADMIN).user,
        "park_staff": MembershipFactory(organization=park, role=org_enums.Role.STAFF).user,
        "reviewer": MembershipFactory(organization=government, role=org_enums.Role.REVIEWER).user,
        "chief": MembershipFactory(organization=government, role=org_enums.Role.ADMIN).user,
    }


def submitted(enterprise, people):
    return services.submit(
        enterprise,
        flow=TEST_FLOW,
        applicant=enterprise,
        actor=people["applicant"],
        label=enterprise.name,
    )


def at_government(enterprise, people):
    case = submitted(enterprise, people)
    return services.decide(case, actor=people["park"], stage_key="park_opinion", decision="advance")


def audit_actions(case):
    return list(
        AuditEntry.objects.filter(object_id=str(case.pk), action__startswith="reviews.")
        .order_by("id")
        .values_list("action", flat=True)
    )


DECIDER = {"park_opinion": "park", "government_review": "chief"}


def _decide(case, people, decision, comment=""):
    return services.decide(
        case,
        actor=people[DECIDER[case.stage_key]],
        stage_key=case.stage_key,
        decision=decision,
        comment=comment,
    )


def _onwards(case, people):
    """A returned case comes back by resubmission, one in review by passing a stage."""
    if case.state == enums.CaseState.RETURNED:
        return services.submit(
            case.subject,
            flow=TEST_FLOW,
            applicant=case.applicant,
            actor=people["applicant"],
            label=case.subject_label,
        )
    return _decide(case, people, "advance")


def _approve(case, people):
    if case.state == enums.CaseState.IN_REVIEW and case.stage_key == "park_opinion":
        case = _onwards(case, people)
    return _decide(case, people, "approve")


# target -> the public step that moves a case there.
CASE_STEPS = {
    enums.CaseState.IN_REVIEW: _onwards,
    enums.CaseState.RETURNED: lambda case, people: _decide(case, people, "return", "请补充材料。"),
    enums.CaseState.REJECTED: lambda case, people: _decide(case, people, "reject", "不符合条件。"),
    enums.CaseState.APPROVED: _approve,
    enums.CaseState.WITHDRAWN: lambda case, people: services.withdraw(
        case, actor=people["applicant"]
    ),
}


def case_in(state, enterprise, people):
    """A case brought to ``state`` by the engine's public services alone."""
    case = submitted(enterprise, people)
    if state != enums.CaseState.IN_REVIEW:
        case = CASE_STEPS[state](case, people)
    assert case.state == state
    return case


def case_snapshot():
    return {
        "cases": sorted(ReviewCase.objects.values_list("pk", "state", "stage_key", "round")),
        "decisions": ReviewDecision.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


@pytest.mark.parametrize(("state", "target"), list(product(enums.CaseState, CASE_STEPS)))
def test_the_services_take_the_moves_of_the_table_and_refuse_every_other(
    state, target, enterprise, people
):
    case = case_in(state, enterprise, people)
    before = case_snapshot()

    if target in enums.TRANSITIONS[state]:
        assert CASE_STEPS[target](case, people).state == target
    else:
        with pytest.raises(TransitionNotAllowed):
            CASE_STEPS[target](case, people)
        assert case_snapshot() == before


def test_submitting_puts_the_case_before_the_applicants_park(enterprise, park, people):
    case = submitted(enterprise, people)

    assert (case.state, case.stage_key, case.reviewing_organization_id, case.round) == (
        enums.CaseState.IN_REVIEW,
        "park_opinion",
        park.pk,
        1,
    )
    assert case.due_at is not None
    assert audit_actions(case) == ["reviews.case.submitted"]
    assert set(Notification.objects.values_list("recipient", "kind")) == {
        (people["park"].pk, "reviews.awaits_review")
    }


def test_the_park_passes_it_to_the_government_which_is_notified(enterprise, government, people):
    case = at_government(enterprise, people)

    assert (case.stage_key, case.reviewing_organization_id) == (
        "government_review",
        government.pk,
    )
    assert case.due_at is None
    assert set(
        Notification.objects.filter(kind="reviews.awaits_review")
        .exclude(recipient=people["park"])
        .values_list("recipient", flat=True)
    ) == {people["reviewer"].pk, people["chief"].pk}


def test_the_applicant_is_told_when_the_park_passes_it_on_in_either_language(enterprise, people):
    case = services.submit(
        enterprise,
        flow=TEST_FLOW,
        applicant=enterprise,
        actor=people["applicant"],
        label="之江影视扶持申请",
        label_en="Zhijiang film grant",
    )

    services.decide(case, actor=people["park"], stage_key="park_opinion", decision="advance")

    told = Notification.objects.get(kind="reviews.passed_on")
    with translation.override("en"):
        english = told.text
    with translation.override("zh-hans"):
        chinese = told.text
    assert told.recipient == people["applicant"]
    assert english == ("Zhijiang film grant passed Park's opinion and is now at Government review.")
    assert chinese == "之江影视扶持申请已通过Park's opinion，现处于政府审核。"


def test_park_staff_without_the_review_right_may_not_decide(enterprise, people):
    case = submitted(enterprise, people)

    with pytest.raises(DomainError, match=re.escape("You may not decide this stage.")):
        services.decide(
            case, actor=people["park_staff"], stage_key="park_opinion", decision="advance"
        )

    case.refresh_from_db()
    assert case.stage_key == "park_opinion"
    assert not ReviewDecision.objects.exists()


def test_a_panel_reviewer_scores_but_only_the_chief_decides(enterprise, people):
    case = at_government(enterprise, people)

    opinion = services.record_opinion(
        case,
        actor=people["reviewer"],
        stage_key="government_review",
        recommendation="approve",
        comment="材料齐全，建议支持。",
        score=Decimal("86.5"),
    )

    assert opinion.score == Decimal("86.5")
    with pytest.raises(DomainError, match=re.escape("You may not decide this stage.")):
        services.decide(
            case, actor=people["reviewer"], stage_key="government_review", decision="approve"
        )


def test_a_scored_stage_needs_a_score_within_bounds(enterprise, people):
    case = at_government(enterprise, people)

    with pytest.raises(DomainError, match=re.escape("A score is between 0 and 100.")):
        services.record_opinion(
            case,
            actor=people["reviewer"],
            stage_key="government_review",
            recommendation="approve",
            comment="好",
            score=Decimal("101"),
        )


def test_the_chief_approves_and_the_applicant_is_told(enterprise, people):
    case = at_government(enterprise, people)

    case = services.decide(
        case,
        actor=people["chief"],
        stage_key="government_review",
        decision="approve",
        data={"amount": "300000"},
    )

    assert case.state == enums.CaseState.APPROVED
    assert case.closed_at is not None
    assert audit_actions(case) == [
        "reviews.case.submitted",
        "reviews.case.advanced",
        "reviews.case.approved",
    ]
    assert Notification.objects.get(kind="reviews.approved").recipient == people["applicant"]
    assert (enterprise.pk, "approved") in EVENTS


def test_returning_needs_a_reason_and_changes_nothing_without_one(enterprise, people):
    case = submitted(enterprise, people)

    with pytest.raises(DomainError, match="Say why"):
        services.decide(case, actor=people["park"], stage_key="park_opinion", decision="return")

    case.refresh_from_db()
    assert case.state == enums.CaseState.IN_REVIEW


def test_a_returned_case_resumes_at_its_first_stage_in_a_new_round(enterprise, park, people):
    case = at_government(enterprise, people)
    services.decide(
        case,
        actor=people["chief"],
        stage_key="government_review",
        decision="return",
        comment="缺少财务报表。",
    )

    case = submitted(enterprise, people)

    assert (case.state, case.stage_key, case.round, case.reviewing_organization_id) == (
        enums.CaseState.IN_REVIEW,
        "park_opinion",
        2,
        park.pk,
    )
    assert audit_actions(case)[-2:] == ["reviews.case.returned", "reviews.case.resubmitted"]
    assert Notification.objects.get(kind="reviews.returned").params["comment"] == "缺少财务报表。"


def test_submitting_twice_is_refused(enterprise, people):
    submitted(enterprise, people)

    with pytest.raises(TransitionNotAllowed, match="already been submitted"):
        submitted(enterprise, people)

    assert ReviewCase.objects.count() == 1


def test_a_decision_on_a_case_that_moved_on_is_refused(enterprise, people):
    case = at_government(enterprise, people)

    with pytest.raises(TransitionNotAllowed, match="moved on since you opened it"):
        services.decide(case, actor=people["park"], stage_key="park_opinion", decision="advance")

    assert ReviewDecision.objects.count() == 1


def returned_and_resubmitted(enterprise, people):
    """Back at the park's stage in round 2, after the park returned it in round 1."""
    case = submitted(enterprise, people)
    services.decide(
        case, actor=people["park"], stage_key="park_opinion", decision="return", comment="补材料"
    )
    return submitted(enterprise, people)


def test_a_decision_from_a_page_of_an_earlier_round_is_refused(enterprise, people):
    case = returned_and_resubmitted(enterprise, people)

    with pytest.raises(TransitionNotAllowed, match="moved on since you opened it"):
        services.decide(
            case, actor=people["park"], stage_key="park_opinion", seen_round=1, decision="advance"
        )

    case.refresh_from_db()
    assert (case.state, case.stage_key, case.round) == (
        enums.CaseState.IN_REVIEW,
        "park_opinion",
        2,
    )
    assert ReviewDecision.objects.count() == 1


def test_an_opinion_from_a_page_of_an_earlier_round_is_refused(enterprise, people):
    case = at_government(enterprise, people)
    services.decide(
        case,
        actor=people["chief"],
        stage_key="government_review",
        decision="return",
        comment="补材料",
    )
    case = services.decide(
        submitted(enterprise, people),
        actor=people["park"],
        stage_key="park_opinion",
        decision="advance",
    )

    with pytest.raises(TransitionNotAllowed, match="moved on since you opened it"):
        services.record_opinion(
            case,
            actor=people["reviewer"],
            stage_key="government_review",
            seen_round=1,
            recommendation="approve",
            comment="旧页面",
            score=Decimal("80"),
        )

    assert not case.opinions.exists()


def test_a_decision_from_a_page_of_the_current_round_is_taken(enterprise, people):
    case = returned_and_resubmitted(enterprise, people)

    case = services.decide(
        case, actor=people["park"], stage_key="park_opinion", seen_round=2, decision="advance"
    )

    assert (case.stage_key, case.round) == ("government_review", 2)


def test_the_last_stage_cannot_be_passed_on_and_an_earlier_one_not_approved(enterprise, people):
    case = submitted(enterprise, people)

    with pytest.raises(DomainError, match="Pass the case to the next stage"):
        services.decide(case, actor=people["park"], stage_key="park_opinion", decision="approve")


def test_a_case_that_nobody_can_review_is_refused(government, people):
    loner = EnterpriseFactory()

    with pytest.raises(DomainError, match="No organisation is set to review this"):
        services.submit(loner, flow=TEST_FLOW, applicant=loner, actor=None, label=loner.name)

    assert not ReviewCase.objects.exists()


def test_a_consumer_refusal_undoes_the_decision(park, government, people):
    refusing = EnterpriseFactory(name="refuse-approval", park=park)
    MembershipFactory(organization=refusing)
    case = at_government(refusing, people)

    with pytest.raises(DomainError, match=re.escape("The consumer refuses.")):
        services.decide(
            case, actor=people["chief"], stage_key="government_review", decision="approve"
        )

    case.refresh_from_db()
    assert case.state == enums.CaseState.IN_REVIEW
    assert ReviewDecision.objects.filter(decision="approve").count() == 0


def test_the_applicant_withdraws_before_a_decision(enterprise, people):
    case = submitted(enterprise, people)

    case = services.withdraw(case, actor=people["applicant"])

    assert case.state == enums.CaseState.WITHDRAWN
    with pytest.raises(TransitionNotAllowed):
        services.withdraw(case, actor=people["applicant"])


@pytest.mark.postgres
# The reference data (regions, categories) must be there even after another transactional
# test has emptied the tables.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reviewers_deciding_at_once_end_with_one_decision(park, government, enterprise):
    people = {
        "applicant": MembershipFactory(organization=enterprise).user,
        "park": MembershipFactory(organization=park).user,
        "other": MembershipFactory(organization=park).user,
    }
    case = submitted(enterprise, people)
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(actor, decision, comment):
        close_old_connections()
        barrier.wait()
        try:
            # A thread starts in the default language; the message is compared in English.
            with translation.override("en"):
                services.decide(
                    case, actor=actor, stage_key="park_opinion", decision=decision, comment=comment
                )
            outcomes.append("decided")
        except TransitionNotAllowed as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(people["park"], "advance", "")),
        threading.Thread(target=decide, args=(people["other"], "reject", "不符合条件")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["This case has moved on since you opened it.", "decided"]
    assert ReviewDecision.objects.count() == 1
