"""The public notice of an approved list: publicised with an objection window, objections
recorded and answered, and final only after the window and every answer."""

from datetime import timedelta
from decimal import Decimal
from itertools import product

import pytest
from django.utils import timezone

from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.models import AuditEntry
from cloudpark.notifications.models import Notification
from cloudpark.programs import services
from cloudpark.programs.enums import NOTICE_TRANSITIONS, NoticeState
from cloudpark.programs.models import Objection, PublicNotice
from tests.factories import EnterpriseFactory, ObjectionFactory, PublicNoticeFactory
from tests.factories.programs import admin_of, approved, publicised_notice

pytestmark = pytest.mark.django_db


def objection_window_passes(notice):
    """Time passes: the objection window is over."""
    PublicNotice.objects.filter(pk=notice.pk).update(
        objection_deadline=timezone.now() - timedelta(minutes=1)
    )
    notice.refresh_from_db()
    return notice


@pytest.fixture
def approved_two(programme, park, people):
    enterprises = [
        EnterpriseFactory(park=park, name="甲影视有限公司"),
        EnterpriseFactory(park=park, name="乙动漫有限公司"),
    ]
    for enterprise in enterprises:
        admin_of(enterprise)
    return [approved(programme, enterprise) for enterprise in enterprises]


def test_publicising_fixes_the_approved_list_and_opens_objections(programme, approved_two, people):
    notice = PublicNoticeFactory(programme=programme, objection_days=5)

    notice = services.publish_notice(notice, actor=people["chief"])

    assert notice.state == NoticeState.PUBLICISED
    assert set(notice.applications.all()) == set(approved_two)
    assert notice.objection_deadline - notice.published_at == timedelta(days=5)
    assert notice.takes_objections
    assert Notification.objects.filter(kind="programs.notice_publicised").count() == 2


def test_a_notice_without_approvals_is_not_publicised(programme, people):
    notice = PublicNoticeFactory(programme=programme)

    with pytest.raises(DomainError, match="No application to this programme has been approved"):
        services.publish_notice(notice, actor=people["chief"])

    assert PublicNotice.objects.get(pk=notice.pk).state == NoticeState.DRAFT


def test_a_programme_has_one_notice(programme):
    PublicNoticeFactory(programme=programme)

    with pytest.raises(DomainError, match="already has its public notice"):
        PublicNoticeFactory(programme=programme)

    assert PublicNotice.objects.count() == 1


def test_anyone_may_object_and_the_issuer_is_told(programme, approved_two, people):
    notice = publicised_notice(programme)

    objection = services.record_objection(notice, text="  名单有误。 ", name="王", contact="")

    assert (objection.text, objection.submitted_by, objection.is_answered) == (
        "名单有误。",
        None,
        False,
    )
    assert AuditEntry.objects.filter(action="programs.notice.objection_received").count() == 1
    assert (
        Notification.objects.get(kind="programs.objection_received").recipient == (people["chief"])
    )


def test_an_objection_after_the_window_is_refused(programme, approved_two):
    notice = objection_window_passes(publicised_notice(programme))

    with pytest.raises(DomainError, match="no longer takes objections"):
        services.record_objection(notice, text="迟到的异议")

    assert not Objection.objects.exists()


def test_the_list_is_not_final_while_objections_are_open(programme, approved_two, people):
    notice = publicised_notice(programme)

    with pytest.raises(DomainError, match="Objections are open until"):
        services.finalise_notice(notice, actor=people["chief"])

    assert PublicNotice.objects.get(pk=notice.pk).state == NoticeState.PUBLICISED


def test_the_list_is_not_final_while_an_objection_is_unanswered(programme, approved_two, people):
    notice = publicised_notice(programme)
    ObjectionFactory(notice=notice)
    notice = objection_window_passes(notice)

    with pytest.raises(DomainError, match="1 still unanswered"):
        services.finalise_notice(notice, actor=people["chief"])

    assert PublicNotice.objects.get(pk=notice.pk).state == NoticeState.PUBLICISED


def test_answered_objections_let_the_list_become_final(programme, approved_two, people):
    notice = publicised_notice(programme)
    objection = ObjectionFactory(notice=notice, actor=people["applicant"])
    services.answer_objection(
        objection, actor=people["chief"], answer="经核实，该项目已于2025年开机，符合条件。"
    )
    notice = objection_window_passes(notice)

    notice = services.finalise_notice(notice, actor=people["chief"])

    assert (notice.state, notice.finalised_at is not None) == (NoticeState.FINAL, True)
    assert (
        Notification.objects.get(kind="programs.objection_answered").recipient
        == (people["applicant"])
    )
    assert list(
        AuditEntry.objects.filter(object_id=str(notice.pk), action__startswith="programs.notice")
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "programs.notice.created",
        "programs.notice.publicised",
        "programs.notice.objection_received",
        "programs.notice.objection_answered",
        "programs.notice.finalised",
    ]


def test_an_objection_is_answered_once(programme, approved_two, people):
    objection = ObjectionFactory(notice=publicised_notice(programme))
    services.answer_objection(objection, actor=people["chief"], answer="已核实。")

    with pytest.raises(TransitionNotAllowed, match="answered already"):
        services.answer_objection(objection, actor=people["chief"], answer="改口")

    assert Objection.objects.get(pk=objection.pk).answer == "已核实。"


def test_an_empty_answer_is_refused(programme, approved_two, people):
    objection = ObjectionFactory(notice=publicised_notice(programme))

    with pytest.raises(DomainError, match="Write the answer"):
        services.answer_objection(objection, actor=people["chief"], answer="  ")

    assert not Objection.objects.get(pk=objection.pk).is_answered


def test_a_final_list_is_not_publicised_again(programme, approved_two, people):
    notice = objection_window_passes(publicised_notice(programme))
    services.finalise_notice(notice, actor=people["chief"])

    with pytest.raises(TransitionNotAllowed, match="cannot become"):
        services.publish_notice(notice, actor=people["chief"])

    assert PublicNotice.objects.get(pk=notice.pk).state == NoticeState.FINAL


def test_later_approvals_stay_off_a_publicised_list(programme, approved_two, park):
    notice = publicised_notice(programme)

    approved(programme, EnterpriseFactory(park=park), amount=Decimal("1000"))

    assert notice.applications.count() == 2


# The notice's transition table, walked through the services ------------------------------------

NOTICE_SETUPS = {
    "draft": lambda programme: PublicNoticeFactory(programme=programme),
    "publicised, objections open": lambda programme: publicised_notice(programme),
    "publicised, objections closed": lambda programme: objection_window_passes(
        publicised_notice(programme)
    ),
    "final": lambda programme: services.finalise_notice(
        objection_window_passes(publicised_notice(programme)), actor=None
    ),
}
NOTICE_STATE_OF = {
    "draft": NoticeState.DRAFT,
    "publicised, objections open": NoticeState.PUBLICISED,
    "publicised, objections closed": NoticeState.PUBLICISED,
    "final": NoticeState.FINAL,
}
NOTICE_ACTIONS = {
    "publish": lambda notice, people: services.publish_notice(notice, actor=people["chief"]),
    "finalise": lambda notice, people: services.finalise_notice(notice, actor=people["chief"]),
}
# (setup, action) -> the state it leads to; every other pair is refused, the one where the
# table allows the move but objections are still open with the window's own reason.
NOTICE_ALLOWED = {
    ("draft", "publish"): NoticeState.PUBLICISED,
    ("publicised, objections closed", "finalise"): NoticeState.FINAL,
}
NOTICE_REFUSALS = {
    ("publicised, objections open", "finalise"): (DomainError, "Objections are open until"),
}
# Pairs that lead to the state the notice is in: nothing happens.
NOTICE_UNCHANGED = {
    ("publicised, objections open", "publish"),
    ("publicised, objections closed", "publish"),
    ("final", "finalise"),
}
NOTICE_PAIRS = list(product(NOTICE_SETUPS, NOTICE_ACTIONS))


def notice_as_stored(notice):
    stored = PublicNotice.objects.get(pk=notice.pk)
    return (
        stored.state,
        stored.published_at,
        stored.objection_deadline,
        stored.finalised_at,
        list(stored.applications.values_list("pk", flat=True)),
        AuditEntry.objects.count(),
        Notification.objects.count(),
    )


@pytest.mark.parametrize(
    ("setup", "action"), [p for p in NOTICE_PAIRS if p in NOTICE_ALLOWED], ids="/".join
)
def test_an_allowed_step_moves_the_notice(programme, approved_two, people, setup, action):
    notice = NOTICE_SETUPS[setup](programme)
    before = PublicNotice.objects.get(pk=notice.pk).state

    NOTICE_ACTIONS[action](notice, people)

    assert (before, PublicNotice.objects.get(pk=notice.pk).state) == (
        NOTICE_STATE_OF[setup],
        NOTICE_ALLOWED[(setup, action)],
    )


@pytest.mark.parametrize(("setup", "action"), sorted(NOTICE_UNCHANGED), ids="/".join)
def test_a_notice_step_to_its_own_state_changes_nothing(
    programme, approved_two, people, setup, action
):
    notice = NOTICE_SETUPS[setup](programme)
    before = notice_as_stored(notice)

    result = NOTICE_ACTIONS[action](notice, people)

    assert (result.state, notice_as_stored(notice)) == (NOTICE_STATE_OF[setup], before)


@pytest.mark.parametrize(
    ("setup", "action"),
    [p for p in NOTICE_PAIRS if p not in NOTICE_ALLOWED and p not in NOTICE_UNCHANGED],
    ids="/".join,
)
def test_a_notice_step_not_allowed_is_refused_and_changes_nothing(
    programme, approved_two, people, setup, action
):
    notice = NOTICE_SETUPS[setup](programme)
    before = notice_as_stored(notice)
    error, message = NOTICE_REFUSALS.get((setup, action), (TransitionNotAllowed, "cannot become"))

    with pytest.raises(error, match=message):
        NOTICE_ACTIONS[action](notice, people)

    assert (before[0], notice_as_stored(notice)) == (NOTICE_STATE_OF[setup], before)


def test_the_notice_walk_takes_every_move_of_the_transition_table_and_no_other():
    walked = {(NOTICE_STATE_OF[setup], target) for (setup, _), target in NOTICE_ALLOWED.items()}

    table = {(state, target) for state, targets in NOTICE_TRANSITIONS.items() for target in targets}

    assert walked == table
    assert set(NOTICE_STATE_OF.values()) == set(NoticeState)


@pytest.mark.parametrize("state", list(NoticeState))
def test_the_issuers_buttons_follow_the_notice_table(state):
    notice = PublicNotice(state=state)

    offered = {
        NoticeState.PUBLICISED: notice.may_be_publicised,
        NoticeState.FINAL: notice.may_be_finalised,
    }

    assert {target for target, shown in offered.items() if shown} == NOTICE_TRANSITIONS[state]
