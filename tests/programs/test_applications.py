"""An application from draft to decision, through the services and the review engine."""

import re
from datetime import timedelta
from decimal import Decimal
from itertools import product

import pytest
from django.utils import timezone

from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.models import AuditEntry
from cloudpark.notifications.models import Notification
from cloudpark.orgs import services as org_services
from cloudpark.programs import services
from cloudpark.programs.enums import APPLICATION_TRANSITIONS, ApplicationState, RuleKind
from cloudpark.programs.models import Application, ApplicationMaterial
from cloudpark.reviews import services as reviews
from cloudpark.reviews.models import ReviewCase, ReviewDecision
from tests.factories import (
    ApplicationFactory,
    ApplicationMaterialFactory,
    EligibilityRuleFactory,
    EnterpriseFactory,
    ProgrammeFactory,
)
from tests.factories.programs import (
    admin_of,
    advance,
    approved,
    at_government,
    complete_draft,
    decide_at_government,
    submitted,
)

pytestmark = pytest.mark.django_db


def actions(application):
    return list(
        AuditEntry.objects.filter(
            object_id=str(application.pk), action__startswith="programs.application."
        )
        .order_by("id")
        .values_list("action", flat=True)
    )


def snapshot(application):
    """What a refused step must leave as it was."""
    application = Application.objects.get(pk=application.pk)
    return (
        application.state,
        application.approved_amount,
        application.review_case_id,
        ReviewCase.objects.count(),
        ReviewDecision.objects.count(),
        AuditEntry.objects.count(),
    )


# The transition table, walked through the services -------------------------------------------


def _returned(application):
    return decide_at_government(advance_if_at_park(application), "return", comment="请补充")


def advance_if_at_park(application):
    """On to the government: through the park if the enterprise has one."""
    return application if application.park_id is None else advance(application)


def _withdrawn(application):
    return services.withdraw_application(application, actor=None)


# How to bring an application into each state, with the real services. "outside a park": an
# enterprise without a park, whose application goes straight to the government.
SETUPS = {
    "draft": lambda programme, enterprise: complete_draft(programme, enterprise),
    "draft outside a park": lambda programme, enterprise: complete_draft(
        programme, EnterpriseFactory()
    ),
    "park_review": lambda programme, enterprise: submitted(programme, enterprise),
    "government_review": lambda programme, enterprise: at_government(programme, enterprise),
    "returned": lambda programme, enterprise: _returned(submitted(programme, enterprise)),
    "returned outside a park": lambda programme, enterprise: _returned(
        submitted(programme, EnterpriseFactory())
    ),
    "approved": lambda programme, enterprise: approved(programme, enterprise),
    "rejected": lambda programme, enterprise: decide_at_government(
        at_government(programme, enterprise), "reject", comment="不符合"
    ),
    "withdrawn": lambda programme, enterprise: _withdrawn(submitted(programme, enterprise)),
    "withdrawn draft": lambda programme, enterprise: _withdrawn(
        complete_draft(programme, enterprise)
    ),
}
STATE_OF = {
    "draft": ApplicationState.DRAFT,
    "draft outside a park": ApplicationState.DRAFT,
    "park_review": ApplicationState.PARK_REVIEW,
    "government_review": ApplicationState.GOVERNMENT_REVIEW,
    "returned": ApplicationState.RETURNED,
    "returned outside a park": ApplicationState.RETURNED,
    "approved": ApplicationState.APPROVED,
    "rejected": ApplicationState.REJECTED,
    "withdrawn": ApplicationState.WITHDRAWN,
    "withdrawn draft": ApplicationState.WITHDRAWN,
}
NEVER_REVIEWED = ("draft", "draft outside a park", "withdrawn draft")


def _decide(application, people, who, stage_key, decision, **extra):
    """A reviewer deciding from a page that showed the case at ``stage_key``, this round."""
    case = ReviewCase.objects.get(pk=application.review_case_id)
    return reviews.decide(
        case,
        actor=people[who],
        stage_key=stage_key,
        seen_round=case.round,
        decision=decision,
        comment="意见",
        **extra,
    )


APPLICANT_ACTIONS = {
    "submit": lambda application, people: services.submit_application(
        application, actor=people["applicant"]
    ),
    "withdraw": lambda application, people: services.withdraw_application(
        application, actor=people["applicant"]
    ),
}
REVIEW_ACTIONS = {
    "park passes it on": lambda a, people: _decide(a, people, "park", "park_opinion", "advance"),
    "park returns it": lambda a, people: _decide(a, people, "park", "park_opinion", "return"),
    "park rejects it": lambda a, people: _decide(a, people, "park", "park_opinion", "reject"),
    "government approves it": lambda a, people: _decide(
        a, people, "chief", "government_review", "approve", data={"amount": "150000"}
    ),
    "government returns it": lambda a, people: _decide(
        a, people, "chief", "government_review", "return"
    ),
    "government rejects it": lambda a, people: _decide(
        a, people, "chief", "government_review", "reject"
    ),
}
ACTIONS = {**APPLICANT_ACTIONS, **REVIEW_ACTIONS}

# (setup, action) -> the state the action takes the application to; every pair not here is
# refused.
ALLOWED = {
    ("draft", "submit"): ApplicationState.PARK_REVIEW,
    ("draft", "withdraw"): ApplicationState.WITHDRAWN,
    ("draft outside a park", "submit"): ApplicationState.GOVERNMENT_REVIEW,
    ("draft outside a park", "withdraw"): ApplicationState.WITHDRAWN,
    ("park_review", "withdraw"): ApplicationState.WITHDRAWN,
    ("park_review", "park passes it on"): ApplicationState.GOVERNMENT_REVIEW,
    ("park_review", "park returns it"): ApplicationState.RETURNED,
    ("park_review", "park rejects it"): ApplicationState.REJECTED,
    ("government_review", "withdraw"): ApplicationState.WITHDRAWN,
    ("government_review", "government approves it"): ApplicationState.APPROVED,
    ("government_review", "government returns it"): ApplicationState.RETURNED,
    ("government_review", "government rejects it"): ApplicationState.REJECTED,
    ("returned", "submit"): ApplicationState.PARK_REVIEW,
    ("returned", "withdraw"): ApplicationState.WITHDRAWN,
    ("returned outside a park", "submit"): ApplicationState.GOVERNMENT_REVIEW,
    ("returned outside a park", "withdraw"): ApplicationState.WITHDRAWN,
}
# (setup, action) pairs that lead to the state the application is in: nothing happens.
UNCHANGED = {("withdrawn", "withdraw"), ("withdrawn draft", "withdraw")}
# An application never submitted has no review case: there is nothing a reviewer could decide.
PAIRS = [
    (setup, action)
    for setup, action in product(SETUPS, ACTIONS)
    if not (setup in NEVER_REVIEWED and action in REVIEW_ACTIONS)
]


def everything(application):
    """The application, its review and what the services write, as stored."""
    stored = Application.objects.get(pk=application.pk)
    return (
        stored.state,
        stored.answers,
        stored.approved_amount,
        stored.submitted_at,
        stored.decided_at,
        stored.withdrawn_at,
        stored.review_case_id,
        list(ReviewCase.objects.order_by("pk").values_list("state", "stage_key", "round")),
        ReviewDecision.objects.count(),
        AuditEntry.objects.count(),
        Notification.objects.count(),
    )


@pytest.mark.parametrize(
    ("setup", "action"), [pair for pair in PAIRS if pair in ALLOWED], ids="/".join
)
def test_an_allowed_step_moves_the_application(programme, enterprise, people, setup, action):
    application = SETUPS[setup](programme, enterprise)
    before = Application.objects.get(pk=application.pk).state
    entries = len(actions(application))

    ACTIONS[action](application, people)

    after = Application.objects.get(pk=application.pk).state
    assert (before, after, len(actions(application)) - entries) == (
        STATE_OF[setup],
        ALLOWED[(setup, action)],
        1,
    )


@pytest.mark.parametrize(("setup", "action"), sorted(UNCHANGED), ids="/".join)
def test_a_step_to_the_state_it_is_in_changes_nothing(programme, enterprise, people, setup, action):
    application = SETUPS[setup](programme, enterprise)
    before = everything(application)

    result = ACTIONS[action](application, people)

    assert (result.state, everything(application)) == (STATE_OF[setup], before)


@pytest.mark.parametrize(
    ("setup", "action"),
    [pair for pair in PAIRS if pair not in ALLOWED and pair not in UNCHANGED],
    ids="/".join,
)
def test_a_step_the_state_does_not_allow_is_refused_and_changes_nothing(
    programme, enterprise, people, setup, action
):
    application = SETUPS[setup](programme, enterprise)
    before = everything(application)

    with pytest.raises(TransitionNotAllowed):
        ACTIONS[action](application, people)

    assert (before[0], everything(application)) == (STATE_OF[setup], before)


@pytest.mark.parametrize("setup", NEVER_REVIEWED)
def test_an_application_never_submitted_has_no_case_to_decide(programme, enterprise, setup):
    application = SETUPS[setup](programme, enterprise)

    assert (application.review_case_id, ReviewCase.objects.exists()) == (None, False)


def test_the_walk_takes_every_move_of_the_transition_table_and_no_other():
    walked = {(STATE_OF[setup], target) for (setup, _action), target in ALLOWED.items()}

    table = {
        (state, target) for state, targets in APPLICATION_TRANSITIONS.items() for target in targets
    }

    assert walked == table
    assert set(STATE_OF.values()) == set(ApplicationState)


# Drafting and submitting ----------------------------------------------------------------------


def test_a_draft_is_saved_with_checked_answers(programme, enterprise, people):
    application = services.draft_application(
        programme,
        enterprise,
        actor=people["applicant"],
        requested_amount="300,000",
        answers={"project": " 《钱塘潮》 ", "episodes": "24", "unknown": "x"},
    )

    assert (application.state, application.requested_amount, application.answers) == (
        ApplicationState.DRAFT,
        Decimal("300000.00"),
        {"project": "《钱塘潮》", "episodes": "24"},
    )
    assert actions(application) == ["programs.application.drafted"]


def test_a_number_question_refuses_words(programme, enterprise, people):
    with pytest.raises(DomainError, match="takes a number") as refused:
        services.draft_application(
            programme, enterprise, actor=people["applicant"], answers={"episodes": "二十四"}
        )

    assert refused.value.field == "episodes"
    assert not Application.objects.exists()


def test_submitting_puts_it_before_the_enterprises_park(programme, enterprise, park, people):
    application = complete_draft(programme, enterprise)

    application = services.submit_application(application, actor=people["applicant"])

    assert (application.state, application.park_id, application.review_case.stage_key) == (
        ApplicationState.PARK_REVIEW,
        park.pk,
        "park_opinion",
    )
    assert application.submitted_at is not None
    assert actions(application)[-1] == "programs.application.submitted"
    assert set(
        Notification.objects.filter(kind="reviews.awaits_review").values_list(
            "recipient", flat=True
        )
    ) == {people["park"].pk}


def test_an_enterprise_outside_any_park_goes_straight_to_the_government(programme, people):
    loner = EnterpriseFactory()

    application = submitted(programme, loner)

    assert (application.state, application.park_id, application.review_case.stage_key) == (
        ApplicationState.GOVERNMENT_REVIEW,
        None,
        "government_review",
    )


def test_a_late_submission_is_refused_and_changes_nothing(programme, enterprise, people):
    application = complete_draft(programme, enterprise)
    programme.closes_at = timezone.now() - timedelta(minutes=1)
    programme.opens_at = timezone.now() - timedelta(days=30)
    programme.save()
    before = snapshot(application)

    with pytest.raises(DomainError, match="too late to submit"):
        services.submit_application(application, actor=people["applicant"])

    assert snapshot(application) == before


def test_a_submission_before_the_window_opens_is_refused(policy, enterprise, people, media_root):
    programme = ProgrammeFactory(
        policy=policy,
        opens_at=timezone.now() + timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=30),
    )
    application = complete_draft(programme, enterprise)

    with pytest.raises(DomainError, match="Applications open on"):
        services.submit_application(application, actor=people["applicant"])

    assert Application.objects.get(pk=application.pk).state == ApplicationState.DRAFT


def test_a_second_application_to_the_same_programme_is_refused(programme, enterprise, people):
    ApplicationFactory(programme=programme, enterprise=enterprise)

    with pytest.raises(DomainError, match="already has an application"):
        ApplicationFactory(programme=programme, enterprise=enterprise)

    assert Application.objects.count() == 1


def test_submitting_twice_is_refused_and_changes_nothing(programme, enterprise, people):
    application = submitted(programme, enterprise)
    before = snapshot(application)

    with pytest.raises(TransitionNotAllowed, match="already been submitted"):
        services.submit_application(application, actor=people["applicant"])

    assert snapshot(application) == before


def test_an_incomplete_application_is_refused_with_what_is_missing(programme, enterprise, people):
    application = ApplicationFactory(
        programme=programme, enterprise=enterprise, answers={}, requested_amount=None
    )

    with pytest.raises(DomainError) as refused:
        services.submit_application(application, actor=people["applicant"])

    assert str(refused.value) == (
        "The application is not complete. Answer: Project name. Upload: Project plan. "
        "Say how much you request."
    )
    assert Application.objects.get(pk=application.pk).state == ApplicationState.DRAFT


def test_an_enterprise_that_does_not_qualify_is_told_why(programme, enterprise, people):
    EligibilityRuleFactory(programme=programme, kind=RuleKind.STAFF_BETWEEN, params={"min": 100})
    application = complete_draft(programme, enterprise)

    with pytest.raises(DomainError, match=re.escape("30 staff, not within at least 100.")):
        services.submit_application(application, actor=people["applicant"])

    assert not ReviewCase.objects.exists()


def test_a_request_over_the_budget_is_refused(programme, enterprise, people):
    with pytest.raises(DomainError, match="cannot exceed the programme's budget") as refused:
        ApplicationFactory(
            programme=programme, enterprise=enterprise, requested_amount="1000000.01"
        )

    assert refused.value.field == "requested_amount"


# Materials ------------------------------------------------------------------------------------


def test_a_material_is_kept_with_its_name_size_and_type(programme, enterprise, people):
    application = ApplicationFactory(programme=programme, enterprise=enterprise)

    material = ApplicationMaterialFactory(application=application)

    assert (material.key, material.original_name, material.content_type) == (
        "plan",
        "计划书.pdf",
        "application/pdf",
    )
    assert material.file.read().startswith(b"%PDF-")


def test_uploading_again_replaces_the_earlier_file(programme, enterprise, media_root):
    application = ApplicationFactory(programme=programme, enterprise=enterprise)
    ApplicationMaterialFactory(application=application)

    ApplicationMaterialFactory(application=application)

    assert ApplicationMaterial.objects.filter(application=application).count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("计划书.exe", b"MZ\x90\x00", "is not an accepted type"),
        ("计划书.pdf", b"MZ\x90\x00 pretending", "is not a real PDF"),
        ("计划书.docx", b"PK\x03\x04 not a zip", "is not a real Word document"),
        ("空.pdf", b"", "is empty"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused(programme, enterprise, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    application = ApplicationFactory(programme=programme, enterprise=enterprise)

    with pytest.raises(DomainError, match=message):
        services.upload_material(
            application, actor=None, key="plan", uploaded=SimpleUploadedFile(name, content)
        )

    assert not ApplicationMaterial.objects.exists()


def test_a_file_over_the_size_limit_is_refused(programme, enterprise):
    from tests.factories.programs import pdf_file

    application = ApplicationFactory(programme=programme, enterprise=enterprise)

    with pytest.raises(DomainError, match="is larger than 10 MB"):
        services.upload_material(
            application, actor=None, key="plan", uploaded=pdf_file(size=10 * 1024 * 1024 + 1)
        )

    assert not ApplicationMaterial.objects.exists()


def test_a_word_document_is_accepted(programme, enterprise):
    from tests.factories.programs import docx_file

    application = ApplicationFactory(programme=programme, enterprise=enterprise)

    material = services.upload_material(
        application, actor=None, key="finance", uploaded=docx_file()
    )

    assert material.content_type.endswith("wordprocessingml.document")


def test_materials_cannot_change_once_submitted(programme, enterprise):
    from tests.factories.programs import pdf_file

    application = submitted(programme, enterprise)

    with pytest.raises(TransitionNotAllowed, match="cannot be changed"):
        services.upload_material(application, actor=None, key="plan", uploaded=pdf_file())

    assert application.materials.count() == 1


# Reviews and decisions ------------------------------------------------------------------------


def test_the_park_passes_it_to_the_programmes_issuer(programme, enterprise, government, people):
    application = submitted(programme, enterprise)

    application = advance(application, actor=people["park"])

    assert application.state == ApplicationState.GOVERNMENT_REVIEW
    assert application.review_case.reviewing_organization_id == government.pk
    assert actions(application)[-1] == "programs.application.endorsed"


def test_the_chief_approves_with_an_amount(programme, enterprise, people):
    application = at_government(programme, enterprise)
    reviews.record_opinion(
        application.review_case,
        actor=people["reviewer"],
        stage_key="government_review",
        recommendation="approve",
        comment="创作团队成熟，建议支持。",
        score=Decimal("88"),
    )

    application = decide_at_government(
        application, "approve", actor=people["chief"], amount=Decimal("180000")
    )

    assert (application.state, application.approved_amount) == (
        ApplicationState.APPROVED,
        Decimal("180000.00"),
    )
    assert application.decided_at is not None
    entry = AuditEntry.objects.filter(action="programs.application.approved").get()
    assert (entry.actor, entry.data["amount"]) == (people["chief"], "180000.00")
    assert Notification.objects.get(kind="reviews.approved").recipient == people["applicant"]


def test_approving_without_an_amount_is_refused(programme, enterprise, people):
    application = at_government(programme, enterprise)
    before = snapshot(application)

    with pytest.raises(DomainError, match="Give the amount approved") as refused:
        decide_at_government(application, "approve", actor=people["chief"])

    assert refused.value.field == "amount"
    assert snapshot(application) == before


def test_an_amount_over_what_remains_of_the_budget_is_refused(programme, park, people):
    approved(
        programme,
        EnterpriseFactory(park=park),
        amount=Decimal("900000"),
        requested_amount=Decimal("900000"),
    )
    application = at_government(programme, EnterpriseFactory(park=park))
    before = snapshot(application)

    with pytest.raises(DomainError) as refused:
        decide_at_government(
            application, "approve", actor=people["chief"], amount=Decimal("150000")
        )

    assert str(refused.value) == (
        "150,000 yuan exceeds what remains of the programme's budget: 100,000 yuan."
    )
    assert snapshot(application) == before


def test_an_amount_over_the_request_is_refused(programme, enterprise, people):
    application = at_government(programme, enterprise)

    with pytest.raises(DomainError, match="cannot exceed the 200,000 yuan requested"):
        decide_at_government(
            application, "approve", actor=people["chief"], amount=Decimal("200001")
        )

    assert Application.objects.get(pk=application.pk).state == ApplicationState.GOVERNMENT_REVIEW


def test_a_returned_application_is_fixed_and_resubmitted_to_the_park(programme, enterprise, people):
    application = decide_at_government(
        at_government(programme, enterprise),
        "return",
        actor=people["chief"],
        comment="请补充项目预算明细。",
    )
    services.update_application(
        application,
        actor=people["applicant"],
        requested_amount="180000",
        answers={"project": "《钱塘潮》网络剧（修订）"},
    )

    application = services.submit_application(application, actor=people["applicant"])

    assert (application.state, application.review_case.round, application.requested_amount) == (
        ApplicationState.PARK_REVIEW,
        2,
        Decimal("180000.00"),
    )
    assert actions(application)[-4:] == [
        "programs.application.endorsed",
        "programs.application.returned",
        "programs.application.edited",
        "programs.application.resubmitted",
    ]
    returned = AuditEntry.objects.get(action="programs.application.returned")
    assert returned.data["comment"] == "请补充项目预算明细。"


def test_a_resubmission_is_taken_after_the_window_closed(programme, enterprise, people):
    application = decide_at_government(
        at_government(programme, enterprise), "return", actor=people["chief"], comment="补材料"
    )
    programme.closes_at = timezone.now() - timedelta(minutes=1)
    programme.save()

    application = services.submit_application(application, actor=people["applicant"])

    assert application.state == ApplicationState.PARK_REVIEW


def test_the_park_may_reject(programme, enterprise, people):
    application = submitted(programme, enterprise)

    reviews.decide(
        application.review_case,
        actor=people["park"],
        stage_key="park_opinion",
        decision="reject",
        comment="项目与园区备案不符。",
    )

    application.refresh_from_db()
    assert (application.state, application.decided_at is not None) == (
        ApplicationState.REJECTED,
        True,
    )


def test_a_decision_on_a_case_that_moved_on_changes_nothing(programme, enterprise, people):
    application = at_government(programme, enterprise)
    before = snapshot(application)

    with pytest.raises(TransitionNotAllowed, match="moved on since you opened it"):
        reviews.decide(
            application.review_case,
            actor=people["park"],
            stage_key="park_opinion",
            decision="advance",
        )

    assert snapshot(application) == before


# Withdrawal -----------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["draft", "park_review", "government_review", "returned"])
def test_the_enterprise_withdraws_before_a_decision(programme, enterprise, people, stage):
    application = {
        "draft": lambda: ApplicationFactory(programme=programme, enterprise=enterprise),
        "park_review": lambda: submitted(programme, enterprise),
        "government_review": lambda: at_government(programme, enterprise),
        "returned": lambda: decide_at_government(
            at_government(programme, enterprise), "return", comment="请补充"
        ),
    }[stage]()

    application = services.withdraw_application(application, actor=people["applicant"])

    assert (application.state, application.withdrawn_at is not None) == (
        ApplicationState.WITHDRAWN,
        True,
    )
    assert actions(application)[-1] == "programs.application.withdrawn"


def test_reviewers_are_told_of_a_withdrawal(programme, enterprise, people):
    application = submitted(programme, enterprise)

    services.withdraw_application(application, actor=people["applicant"])

    assert Notification.objects.get(kind="programs.withdrawn").recipient == people["park"]


def test_a_decided_application_cannot_be_withdrawn(programme, enterprise, people):
    application = approved(programme, enterprise)
    before = snapshot(application)

    with pytest.raises(TransitionNotAllowed, match="cannot be withdrawn"):
        services.withdraw_application(application, actor=people["applicant"])

    assert snapshot(application) == before


def test_withdrawing_through_a_copy_from_before_the_submission_uses_the_stored_row(
    programme, enterprise, people
):
    copy = complete_draft(programme, enterprise)
    services.submit_application(Application.objects.get(pk=copy.pk), actor=people["applicant"])

    application = services.withdraw_application(copy, actor=people["applicant"])

    assert (application.state, ReviewCase.objects.get().state) == (
        ApplicationState.WITHDRAWN,
        "withdrawn",
    )
    assert actions(application)[-1] == "programs.application.withdrawn"


def test_after_a_withdrawal_the_enterprise_may_apply_again(programme, enterprise, people):
    services.withdraw_application(
        ApplicationFactory(programme=programme, enterprise=enterprise), actor=None
    )

    again = ApplicationFactory(programme=programme, enterprise=enterprise)

    assert again.state == ApplicationState.DRAFT
    assert Application.objects.filter(enterprise=enterprise).count() == 2


# Eligibility follows the data -----------------------------------------------------------------


def test_an_enterprise_that_grew_into_the_rules_may_submit(programme, enterprise, people):
    EligibilityRuleFactory(programme=programme, kind=RuleKind.STAFF_BETWEEN, params={"min": 50})
    application = complete_draft(programme, enterprise)
    with pytest.raises(DomainError, match="30 staff"):
        services.submit_application(application, actor=people["applicant"])

    org_services.update_enterprise(enterprise, actor=people["applicant"], staff_count=60)
    application = services.submit_application(application, actor=people["applicant"])

    assert application.state == ApplicationState.PARK_REVIEW


def test_the_applicants_are_the_enterprise_admins(programme, enterprise, people):
    staff = people["enterprise_staff"]

    decide_at_government(at_government(programme, enterprise), "reject", comment="不符合")

    recipients = set(
        Notification.objects.filter(kind="reviews.rejected").values_list("recipient", flat=True)
    )
    assert recipients == {people["applicant"].pk}
    assert staff.pk not in recipients
    assert admin_of  # the helper stays importable for other tests
