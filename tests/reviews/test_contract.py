"""The consumer contract, checked over every registered flow: what each of the engine's events
makes of the subject is what the flow declares; a refusing hook undoes the whole decision; a
withdrawal reaches the reviewers the case awaited; and the portals know how to show the flow."""

import inspect
import re

import pytest
from django import forms
from django.template.loader import get_template

from cloudpark.core.errors import DomainError
from cloudpark.core.models import AuditEntry
from cloudpark.notifications.models import Notification
from cloudpark.orgs.selectors import people_with
from cloudpark.reviews import enums, flows, presentation
from cloudpark.reviews import services as reviews
from cloudpark.reviews.models import ReviewDecision, ReviewSubject
from tests.reviews.subjects import SUBJECTS

pytestmark = pytest.mark.django_db

FLOW_KEYS = sorted(flows.registered())
DECLARED = [
    (key, event)
    for key in FLOW_KEYS
    for event in enums.ReviewEvent
    if event in flows.get(key).consumer.events
]


@pytest.fixture
def reviewed(request, media_root):
    return SUBJECTS[request.param]()


def decide_first_stage(reviewed, decision, **values):
    case = reviewed.case
    return reviews.decide(
        case,
        actor=reviewed.deciders[case.stage_key],
        stage_key=case.stage_key,
        decision=decision,
        **values,
    )


def at_last_stage(reviewed):
    """The case at the last of its stages: passed on from the first where it has two."""
    case = reviewed.case
    if not reviewed.flow.is_last_for(case, case.stage_key):
        case = decide_first_stage(reviewed, enums.Decision.ADVANCE)
    assert reviewed.flow.is_last_for(case, case.stage_key)
    return case


def decide_last_stage(reviewed, data):
    case = at_last_stage(reviewed)
    return reviews.decide(
        case,
        actor=reviewed.deciders[case.stage_key],
        stage_key=case.stage_key,
        decision=enums.Decision.APPROVE,
        data=data,
    )


# Each event, taken the way a user takes it. SUBMITTED is where every subject starts.
TAKE = {
    enums.ReviewEvent.SUBMITTED: lambda reviewed: None,
    enums.ReviewEvent.RESUBMITTED: lambda reviewed: (
        decide_first_stage(reviewed, enums.Decision.RETURN, comment="请补充材料。"),
        reviewed.resubmit(reviewed.refresh(), reviewed.applicant),
    ),
    enums.ReviewEvent.ADVANCED: at_last_stage,
    enums.ReviewEvent.APPROVED: lambda reviewed: decide_last_stage(reviewed, reviewed.approval),
    enums.ReviewEvent.RETURNED: lambda reviewed: decide_first_stage(
        reviewed, enums.Decision.RETURN, comment="请补充材料。"
    ),
    enums.ReviewEvent.REJECTED: lambda reviewed: decide_first_stage(
        reviewed, enums.Decision.REJECT, comment="不符合条件。"
    ),
    enums.ReviewEvent.WITHDRAWN: lambda reviewed: reviews.withdraw(
        reviewed.case, actor=reviewed.applicant
    ),
}


def state_of(flow, subject):
    return getattr(subject, flow.consumer.state_field, None)


def subject_actions(subject):
    return list(
        AuditEntry.objects.filter(
            content_type__model=subject._meta.model_name, object_id=str(subject.pk)
        )
        .order_by("id")
        .values_list("action", flat=True)
    )


def expected_state(flow, event, case, subject, before):
    outcome = flow.consumer.events[event]
    if outcome.state is None:
        return before
    if callable(outcome.state):
        step = flows.Step(case=case, event=event, subject=subject, actor=None, decision=None)
        return outcome.state(step)
    return outcome.state


def test_every_registered_flow_has_a_contract_subject():
    assert sorted(SUBJECTS) == FLOW_KEYS


def test_every_registered_flow_has_a_consumer():
    assert [key for key in FLOW_KEYS if flows.get(key).consumer is None] == []


@pytest.mark.parametrize("key", FLOW_KEYS)
def test_a_reviewed_model_names_its_flow(key):
    model = flows.get(key).consumer.model

    named = model.review_flow_key if issubclass(model, ReviewSubject) else key

    assert named == key


PROJECT_FLOWS = [
    key
    for key in FLOW_KEYS
    if inspect.getmodule(flows.get(key).stages[0].reviewers).__name__.startswith("cloudpark.")
]


@pytest.mark.parametrize("key", PROJECT_FLOWS)
def test_a_flow_names_no_page_and_no_form(key):
    source = inspect.getsource(inspect.getmodule(flows.get(key).stages[0].reviewers))

    found = re.findall(
        r"\breverse\(|^from \S*forms import|^from \S+ import .*\bforms\b|^import \S*forms",
        source,
        re.MULTILINE,
    )

    assert found == []


@pytest.mark.parametrize(
    ("reviewed", "event"), DECLARED, indirect=["reviewed"], ids=[f"{k}-{e}" for k, e in DECLARED]
)
def test_each_event_moves_the_subject_as_declared(reviewed, event):
    flow = reviewed.flow
    before = state_of(flow, reviewed.refresh())

    TAKE[event](reviewed)

    subject = reviewed.refresh()
    case = reviewed.case
    outcome = flow.consumer.events[event]
    assert (state_of(flow, subject), subject_actions(subject)[-1]) == (
        expected_state(flow, event, case, subject, before),
        outcome.audit,
    )


@pytest.mark.parametrize("reviewed", FLOW_KEYS, indirect=True)
def test_a_reviewed_subject_is_linked_to_its_case(reviewed):
    subject = reviewed.refresh()

    linked = subject.review_case_id if isinstance(subject, ReviewSubject) else reviewed.case.pk

    assert linked == reviewed.case.pk


@pytest.mark.parametrize("reviewed", FLOW_KEYS, indirect=True)
def test_a_refusing_hook_rolls_the_whole_decision_back(reviewed):
    flow = reviewed.flow
    case = at_last_stage(reviewed)
    data = reviewed.refusal(reviewed)
    subject = reviewed.refresh()
    before = (
        case.state,
        case.stage_key,
        state_of(flow, subject),
        subject_actions(subject),
        AuditEntry.objects.count(),
        ReviewDecision.objects.count(),
    )

    with pytest.raises(DomainError):
        reviews.decide(
            case,
            actor=reviewed.deciders[case.stage_key],
            stage_key=case.stage_key,
            decision=enums.Decision.APPROVE,
            data=data,
        )

    case = reviewed.case
    subject = reviewed.refresh()
    assert (
        case.state,
        case.stage_key,
        state_of(flow, subject),
        subject_actions(subject),
        AuditEntry.objects.count(),
        ReviewDecision.objects.count(),
    ) == before


@pytest.mark.parametrize("reviewed", FLOW_KEYS, indirect=True)
def test_a_withdrawal_notifies_the_awaited_reviewers(reviewed):
    case = reviewed.case
    awaited = {user.pk for user in people_with(case.reviewing_organization, case.stage.capability)}
    notice = reviewed.flow.consumer.withdrawal_notice
    kind = notice.kind if notice is not None else reviews.WAS_WITHDRAWN
    last = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    reviews.withdraw(case, actor=reviewed.applicant)

    told = Notification.objects.filter(pk__gt=last).values_list("recipient", "kind")
    assert awaited
    assert set(told) == {(pk, kind) for pk in awaited}


@pytest.mark.parametrize("reviewed", FLOW_KEYS, indirect=True)
def test_the_portals_show_every_flow(reviewed):
    case = reviewed.case
    shown = presentation.get(reviewed.flow.key)

    template = get_template(shown.subject_template)
    extra = shown.decision_form(None, case=case, prefix="extra") if shown.decision_form else None

    assert template.origin.template_name == shown.subject_template
    assert extra is None or isinstance(extra, forms.Form)
    assert shown.review_url(case).startswith("/")


@pytest.mark.parametrize("reviewed", FLOW_KEYS, indirect=True)
def test_the_review_room_shows_every_flow_to_its_decider(client, reviewed):
    case = reviewed.case
    client.force_login(reviewed.deciders[case.stage_key])

    response = client.get(presentation.get(reviewed.flow.key).review_url(case))

    assert response.status_code == 200
    assert response.context["subject"] == reviewed.subject
    assert response.context["decision_form"] is not None
