"""The review engine's transitions. Each runs in one transaction on a locked case row, checks
the transition table and who may take it, writes one audit entry on the case, applies what the
flow's consumer declared for the event to the subject (its row locked too; a hook refusing with
a ``DomainError`` undoes everything) and notifies whoever is awaited next, once the transaction
commits."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.states import may_move
from cloudpark.notifications import services as notifications
from cloudpark.orgs import selectors as org_selectors
from cloudpark.reviews import enums, presentation, selectors
from cloudpark.reviews.flows import Step
from cloudpark.reviews.models import ReviewCase, ReviewDecision, ReviewOpinion, ReviewSubject

SUBMITTED = audit.register("reviews.case.submitted", _("Submitted for review"))
RESUBMITTED = audit.register("reviews.case.resubmitted", _("Resubmitted after revision"))
ADVANCED = audit.register("reviews.case.advanced", _("Passed to the next stage"))
RETURNED = audit.register("reviews.case.returned", _("Returned for revision"))
APPROVED = audit.register("reviews.case.approved", _("Approved"))
REJECTED = audit.register("reviews.case.rejected", _("Rejected"))
WITHDRAWN = audit.register("reviews.case.withdrawn", _("Withdrawn by the applicant"))
OPINION_RECORDED = audit.register("reviews.case.opinion_recorded", _("Review opinion recorded"))

AWAITS_REVIEW = notifications.register(
    "reviews.awaits_review", _("%(subject)s awaits your review: %(stage)s.")
)
WAS_RETURNED = notifications.register(
    "reviews.returned", _("%(subject)s was returned for revision: %(comment)s")
)
PASSED_ON = notifications.register(
    "reviews.passed_on", _("%(subject)s passed %(stage)s and is now at %(next_stage)s.")
)
WAS_APPROVED = notifications.register("reviews.approved", _("%(subject)s was approved."))
WAS_REJECTED = notifications.register(
    "reviews.rejected", _("%(subject)s was rejected: %(comment)s")
)
WAS_WITHDRAWN = notifications.register(
    "reviews.withdrawn", _("%(subject)s was withdrawn by the applicant.")
)

DECISION_AUDIT = {
    enums.Decision.ADVANCE: ADVANCED,
    enums.Decision.APPROVE: APPROVED,
    enums.Decision.RETURN: RETURNED,
    enums.Decision.REJECT: REJECTED,
}


def _check_transition(case, target):
    if target not in enums.TRANSITIONS[case.state]:
        raise TransitionNotAllowed(
            _t("A case that is %(state)s cannot be moved on.") % {"state": case.get_state_display()}
        )


def _check_subject_transition(consumer, subject, target):
    state = getattr(subject, consumer.state_field)
    if not may_move(consumer.transitions, state, target):
        raise TransitionNotAllowed(
            _t("A case that is %(state)s cannot be moved on.")
            % {"state": getattr(subject, f"get_{consumer.state_field}_display")()}
        )


def _apply(case, event, actor, decision=None):
    """What the flow's consumer declared for ``event``, applied to the subject, its row locked
    after the case's. Returns the subject (None for a flow without a consumer)."""
    consumer = case.flow.consumer
    if consumer is None:
        return None
    subject = consumer.model._default_manager.select_for_update().get(pk=case.object_id)
    outcome = consumer.events.get(enums.ReviewEvent(event))
    if outcome is None:
        return subject
    step = Step(
        case=case,
        event=event,
        subject=subject,
        actor=actor,
        decision=decision,
        log={"stage": case.stage_key, "round": case.round},
    )
    step.target = outcome.state(step) if callable(outcome.state) else outcome.state
    if step.target is not None:
        _check_subject_transition(consumer, subject, step.target)
        step.fields[consumer.state_field] = step.target
    if isinstance(subject, ReviewSubject) and subject.review_case_id != case.pk:
        step.fields["review_case"] = case
    for hook in (consumer.prepare, outcome.prepare):
        if hook is not None:
            hook(step)
    if step.fields:
        for name, value in step.fields.items():
            setattr(subject, name, value)
        timestamped = any(f.name == "updated_at" for f in subject._meta.concrete_fields)
        subject.save(update_fields=[*step.fields, *(["updated_at"] if timestamped else [])])
    if outcome.audit:
        audit.log_action(subject, outcome.audit, actor=actor, data=step.log)
    if outcome.complete is not None:
        outcome.complete(step)
    return subject


def _enter_stage(case, stage, now):
    """Put the case at ``stage``, skipping stages that have nobody to review them."""
    flow = case.flow
    while stage is not None:
        organization = stage.reviewers(case)
        if organization is not None:
            case.stage_key = stage.key
            case.reviewing_organization = organization
            case.stage_started_at = now
            case.due_at = now + timedelta(days=stage.deadline_days) if stage.deadline_days else None
            return stage
        stage = flow.next_stage(stage.key)
    raise DomainError(
        _t("No organisation is set to review this; the platform's operators can help.")
    )


def _awaited_reviewers(case):
    return org_selectors.people_with(case.reviewing_organization, case.stage.capability)


def _params(case, **values):
    """A notification's parameters about ``case``, each in both languages."""
    return notifications.bilingual(subject=(case.subject_label, case.subject_label_en), **values)


def _notify_reviewers(case):
    notifications.notify(
        _awaited_reviewers(case),
        AWAITS_REVIEW,
        params=_params(case, stage=case.stage.label),
        url=presentation.url(case, "review_url"),
    )


def _notify_of_withdrawal(case, subject, reviewers):
    notice = case.flow.consumer.withdrawal_notice if case.flow.consumer else None
    if notice is None:
        kind, params = WAS_WITHDRAWN, _params(case)
    else:
        kind, params = notice.kind, notice.params(case, subject)
    notifications.notify(
        reviewers, kind, params=params, url=presentation.url(case, "withdrawn_url")
    )


def _lock(case):
    return ReviewCase.objects.select_for_update().get(pk=case.pk)


def _check_seen(case, stage_key, seen_round):
    """Refuse a step taken on a page that shows the case at another stage or round than the
    one it is at: another reviewer decided first, or it was returned and resubmitted since.
    ``seen_round`` may be left out by callers that know only the stage."""
    if (
        case.state != enums.CaseState.IN_REVIEW
        or case.stage_key != stage_key
        or (seen_round is not None and case.round != seen_round)
    ):
        raise TransitionNotAllowed(_t("This case has moved on since you opened it."))


@transaction.atomic
def submit(subject, *, flow, applicant, actor, label, label_en=""):
    """Start the review of ``subject``, or resume a returned one at its first stage.
    ``label`` names the subject in Chinese, ``label_en`` in English."""
    content_type = ContentType.objects.get_for_model(subject)
    now = timezone.now()
    case = (
        ReviewCase.objects.select_for_update()
        .filter(flow_key=flow.key, content_type=content_type, object_id=subject.pk)
        .first()
    )
    if case is None:
        case = ReviewCase(
            flow_key=flow.key,
            content_type=content_type,
            object_id=subject.pk,
            applicant=applicant,
            subject_label=str(label)[:300],
            subject_label_en=str(label_en)[:300],
            submitted_at=now,
        )
        event, action = enums.ReviewEvent.SUBMITTED, SUBMITTED
    else:
        if case.state != enums.CaseState.RETURNED:
            raise TransitionNotAllowed(
                _t("This has already been submitted and is %(state)s.")
                % {"state": case.get_state_display()}
            )
        case.round += 1
        case.state = enums.CaseState.IN_REVIEW
        case.subject_label = str(label)[:300]
        case.subject_label_en = str(label_en)[:300]
        case.submitted_at = now
        event, action = enums.ReviewEvent.RESUBMITTED, RESUBMITTED
    case.subject = subject
    _enter_stage(case, flow.stages[0], now)
    case.save()
    audit.log_action(case, action, actor=actor, data={"stage": case.stage_key, "round": case.round})
    _apply(case, event, actor)
    _notify_reviewers(case)
    return case


@transaction.atomic
def record_opinion(case, *, actor, stage_key, recommendation, comment, score=None, seen_round=None):
    """A panel reviewer's opinion on the stage the case is at; ``stage_key`` and
    ``seen_round`` are what the reviewer saw."""
    case = _lock(case)
    _check_seen(case, stage_key, seen_round)
    stage = case.stage
    if not selectors.can_give_opinion(actor, case):
        raise DomainError(_t("You are not a reviewer of this stage."))
    if not (comment or "").strip():
        raise DomainError(_t("Write your opinion."), field="comment")
    if stage.scored and score is None:
        raise DomainError(_t("This stage is scored: give a score."), field="score")
    if score is not None and not (0 <= score <= stage.max_score):
        raise DomainError(
            _t("A score is between 0 and %(max)s.") % {"max": stage.max_score}, field="score"
        )
    opinion = ReviewOpinion.objects.create(
        case=case,
        stage_key=stage_key,
        round=case.round,
        reviewer=actor,
        organization=case.reviewing_organization,
        recommendation=recommendation,
        score=score if stage.scored else None,
        comment=comment.strip(),
    )
    audit.log_action(
        case,
        OPINION_RECORDED,
        actor=actor,
        data={"stage": stage_key, "round": case.round, "recommendation": recommendation},
    )
    return opinion


@transaction.atomic
def decide(case, *, actor, stage_key, decision, comment="", data=None, seen_round=None):
    """Decide the stage the case is at. ``stage_key`` and ``seen_round`` are the stage and
    round the decider saw: if the case has moved on meanwhile (another reviewer decided first,
    or it was returned and resubmitted), nothing changes and the decider is told so."""
    case = _lock(case)
    _check_seen(case, stage_key, seen_round)
    if not selectors.can_decide(actor, case):
        raise DomainError(_t("You may not decide this stage."))
    decision = enums.Decision(decision)
    flow = case.flow
    last = flow.is_last_for(case, stage_key)
    if decision == enums.Decision.ADVANCE and last:
        raise DomainError(_t("This is the last stage: approve, return or reject."))
    if decision == enums.Decision.APPROVE and not last:
        raise DomainError(_t("Pass the case to the next stage, or return or reject it."))
    comment = (comment or "").strip()
    if decision in enums.DECISIONS_NEEDING_COMMENT and not comment:
        raise DomainError(_t("Say why, so that the applicant knows what to do."), field="comment")
    target = enums.DECISION_STATE[decision]
    _check_transition(case, target)

    record = ReviewDecision.objects.create(
        case=case,
        stage_key=stage_key,
        round=case.round,
        decision=decision,
        comment=comment,
        data=data or {},
        decided_by=actor,
        organization=case.reviewing_organization,
    )
    now = timezone.now()
    case.state = target
    if decision == enums.Decision.ADVANCE:
        _enter_stage(case, flow.next_stage(stage_key), now)
    elif target in enums.FINAL_STATES:
        case.closed_at = now
    case.save()
    audit.log_action(
        case,
        DECISION_AUDIT[decision],
        actor=actor,
        data={"stage": stage_key, "round": case.round, "comment": comment, **(data or {})},
    )
    _apply(case, enums.DECISION_EVENT[decision], actor, record)
    if decision == enums.Decision.ADVANCE:
        _notify_reviewers(case)
        notifications.notify(
            flow.applicants(case),
            PASSED_ON,
            params=_params(case, stage=flow.stage(stage_key).label, next_stage=case.stage.label),
            url=presentation.url(case, "applicant_url"),
        )
    else:
        kind = {
            enums.Decision.APPROVE: WAS_APPROVED,
            enums.Decision.RETURN: WAS_RETURNED,
            enums.Decision.REJECT: WAS_REJECTED,
        }[decision]
        notifications.notify(
            flow.applicants(case),
            kind,
            params=_params(case, comment=(comment, comment)),
            url=presentation.url(case, "applicant_url"),
        )
    return case


@transaction.atomic
def withdraw(case, *, actor):
    """The applicant takes the case back before a final decision. The reviewers it awaited
    are told; a returned case awaited the applicant, so nobody is."""
    case = _lock(case)
    _check_transition(case, enums.CaseState.WITHDRAWN)
    awaited = _awaited_reviewers(case) if case.state == enums.CaseState.IN_REVIEW else []
    case.state = enums.CaseState.WITHDRAWN
    case.closed_at = timezone.now()
    case.save(update_fields=["state", "closed_at", "updated_at"])
    audit.log_action(case, WITHDRAWN, actor=actor, data={"stage": case.stage_key})
    subject = _apply(case, enums.ReviewEvent.WITHDRAWN, actor)
    if awaited:
        _notify_of_withdrawal(case, subject, awaited)
    return case
