"""Writes to policies, programmes, applications and notices. Pages, the API, the admin and the
demo data all come here; every change leaves an audit entry, and whoever is awaited next is
notified (e-mails go out through the task queue once the transaction commits).

An application's review runs on the review engine (``reviews``): ``submit_application`` and
``withdraw_application`` call it, and it moves the application as ``programs.flows`` declares,
with the hooks below for what is not plain data. A refusal there (an amount over the budget)
undoes the engine's step too.
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit, links, privacy, uploads
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.i18n import in_both, with_english
from cloudpark.core.services import apply_changes, locked, validated
from cloudpark.core.states import check_transition
from cloudpark.notifications import services as notifications
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import Enterprise, IndustryCategory, QualificationTag
from cloudpark.programs import eligibility, questions, selectors
from cloudpark.programs.enums import (
    APPLICATION_TRANSITIONS,
    NOTICE_TRANSITIONS,
    ApplicationState,
    Combinator,
    NoticeState,
    RuleKind,
)
from cloudpark.programs.models import (
    Application,
    ApplicationMaterial,
    EligibilityRule,
    Invitation,
    Objection,
    Policy,
    PolicyAttachment,
    Programme,
    PublicNotice,
)
from cloudpark.reviews import flows as review_flows
from cloudpark.reviews import services as reviews
from cloudpark.reviews.models import ReviewCase

POLICY_CREATED = audit.register("programs.policy.created", _("Policy created"))
POLICY_UPDATED = audit.register("programs.policy.updated", _("Policy updated"))
POLICY_ATTACHED = audit.register("programs.policy.attachment_added", _("Attachment added"))
PROGRAMME_CREATED = audit.register("programs.programme.created", _("Programme created"))
PROGRAMME_UPDATED = audit.register("programs.programme.updated", _("Programme updated"))
RULES_CHANGED = audit.register("programs.programme.rules_changed", _("Eligibility rules changed"))
FORM_CHANGED = audit.register(
    "programs.programme.form_changed", _("Required materials and questions changed")
)
INVITED = audit.register("programs.programme.invited", _("Qualifying enterprises invited"))
DRAFTED = audit.register("programs.application.drafted", _("Application drafted"))
EDITED = audit.register("programs.application.edited", _("Application edited"))
MATERIAL_UPLOADED = audit.register("programs.application.material_uploaded", _("Material uploaded"))
SUBMITTED = audit.register("programs.application.submitted", _("Application submitted"))
RESUBMITTED = audit.register("programs.application.resubmitted", _("Resubmitted after revision"))
ENDORSED = audit.register(
    "programs.application.endorsed", _("Passed by the park to the government")
)
RETURNED = audit.register("programs.application.returned", _("Returned for revision"))
APPROVED = audit.register("programs.application.approved", _("Application approved"))
REJECTED = audit.register("programs.application.rejected", _("Application rejected"))
WITHDRAWN = audit.register("programs.application.withdrawn", _("Application withdrawn"))
NOTICE_CREATED = audit.register("programs.notice.created", _("Public notice drafted"))
NOTICE_UPDATED = audit.register("programs.notice.updated", _("Public notice edited"))
NOTICE_PUBLICISED = audit.register("programs.notice.publicised", _("Public notice publicised"))
OBJECTION_RECEIVED = audit.register("programs.notice.objection_received", _("Objection received"))
OBJECTION_ANSWERED = audit.register("programs.notice.objection_answered", _("Objection answered"))
NOTICE_FINALISED = audit.register("programs.notice.finalised", _("Approved list made final"))

INVITATION = notifications.register(
    "programs.invited",
    _("%(enterprise)s qualifies for %(programme)s: applications are open until %(closes)s."),
)
WAS_WITHDRAWN = notifications.register(
    "programs.withdrawn", _("%(subject)s was withdrawn by the applicant.")
)
LIST_PUBLICISED = notifications.register(
    "programs.notice_publicised",
    _("The approved list of %(programme)s is publicised; objections until %(deadline)s."),
)
OBJECTION_NEEDS_ANSWER = notifications.register(
    "programs.objection_received", _("An objection to %(notice)s awaits your answer.")
)
OBJECTION_WAS_ANSWERED = notifications.register(
    "programs.objection_answered", _("Your objection to %(notice)s has been answered.")
)

POLICY_FIELDS = with_english(
    Policy,
    "title",
    "issuer_name",
    "document_number",
    "issued_on",
    "effective_on",
    "full_text",
    "interpretation",
    "is_published",
)
PROGRAMME_FIELDS = with_english(
    Programme,
    "title",
    "programme_type",
    "summary",
    "budget",
    "opens_at",
    "closes_at",
    "is_published",
)
NOTICE_FIELDS = with_english(
    PublicNotice,
    "title",
    "body",
    "objection_days",
)


def _in_record_language(obj):
    """The object's name as the registry records it (Chinese), whoever acts."""
    with translation.override(audit.RECORD_LANGUAGE):
        return str(obj)


# Policies -----------------------------------------------------------------------------------


@transaction.atomic
def create_policy(owner, *, actor, **values):
    policy = Policy(owner=owner)
    apply_changes(policy, values, allowed=POLICY_FIELDS)
    validated(policy)
    policy.save()
    audit.log_action(policy, POLICY_CREATED, actor=actor, data={"title": policy.title})
    return policy


@transaction.atomic
def update_policy(policy, *, actor, **values):
    policy = locked(policy)
    changed = apply_changes(policy, values, allowed=POLICY_FIELDS)
    if changed:
        validated(policy)
        policy.save(update_fields=[*changed, "updated_at"])
        audit.log_action(policy, POLICY_UPDATED, actor=actor, data={"fields": sorted(changed)})
    return policy


@transaction.atomic
def attach_to_policy(policy, *, actor, title, uploaded):
    uploads.check_document(uploaded)
    attachment = PolicyAttachment(
        policy=policy,
        title=(title or uploaded.name)[:200],
        original_name=uploaded.name[:200],
        size=uploaded.size,
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    attachment.file.save(uploaded.name, uploaded, save=False)
    attachment.save()
    audit.log_action(
        policy,
        POLICY_ATTACHED,
        actor=actor,
        data={"title": attachment.title, "size": uploaded.size},
    )
    return attachment


# Programmes ---------------------------------------------------------------------------------


def _check_window(programme):
    if programme.opens_at and programme.closes_at and programme.closes_at <= programme.opens_at:
        raise DomainError(_t("Applications must close after they open."), field="closes_at")


@transaction.atomic
def create_programme(policy, *, actor, issuer=None, **values):
    programme = Programme(policy=policy, issuer=issuer or policy.owner)
    apply_changes(programme, values, allowed=PROGRAMME_FIELDS)
    _check_window(programme)
    validated(programme)
    programme.save()
    audit.log_action(programme, PROGRAMME_CREATED, actor=actor, data={"title": programme.title})
    return programme


@transaction.atomic
def update_programme(programme, *, actor, **values):
    programme = locked(programme)
    changed = apply_changes(programme, values, allowed=PROGRAMME_FIELDS)
    if not changed:
        return programme
    _check_window(programme)
    committed = selectors.committed_amount(programme)
    if programme.budget < committed:
        raise DomainError(
            _t("%(committed)s yuan is already approved; the budget cannot be less.")
            % {"committed": eligibility.figure(committed)},
            field="budget",
        )
    validated(programme)
    programme.save(update_fields=[*changed, "updated_at"])
    audit.log_action(programme, PROGRAMME_UPDATED, actor=actor, data={"fields": sorted(changed)})
    return programme


def _check_rule_references(kind, params):
    if kind == RuleKind.CATEGORY_IN:
        known = set(
            IndustryCategory.objects.filter(code__in=params["codes"]).values_list("code", flat=True)
        )
        unknown = [code for code in params["codes"] if code not in known]
        if unknown:
            raise DomainError(
                _t("No industry category has the code %(codes)s.") % {"codes": ", ".join(unknown)}
            )
    if (
        kind == RuleKind.HAS_TAG
        and not QualificationTag.objects.filter(slug=params["tag"]).exists()
    ):
        raise DomainError(_t("No qualification has the key %(tag)s.") % {"tag": params["tag"]})


@transaction.atomic
def set_rules(programme, rules, *, combinator, actor):
    """Replace the programme's rules with ``rules`` (``[(kind, params)]``), in that order.
    Eligibility follows at once: results are computed from the rules when asked."""
    programme = locked(programme)
    cleaned = []
    for kind, params in rules:
        try:
            params = eligibility.clean_params(kind, params)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages)) from None
        _check_rule_references(kind, params)
        cleaned.append((RuleKind(kind).value, params))
    combinator = Combinator(combinator).value
    before = [(rule.kind, rule.params) for rule in programme.rules.order_by("position", "id")]
    if before == cleaned and programme.combinator == combinator:
        return programme
    programme.rules.all().delete()
    EligibilityRule.objects.bulk_create(
        EligibilityRule(programme=programme, position=index, kind=kind, params=params)
        for index, (kind, params) in enumerate(cleaned)
    )
    programme.combinator = combinator
    programme.save(update_fields=["combinator", "updated_at"])
    audit.log_action(
        programme,
        RULES_CHANGED,
        actor=actor,
        data={
            "combinator": combinator,
            "rules": [{"kind": kind, "params": params} for kind, params in cleaned],
        },
    )
    return programme


@transaction.atomic
def set_application_form(programme, *, materials, form_fields, actor):
    """Replace what the programme asks: the materials to upload and the questions."""
    programme = locked(programme)
    materials = questions.clean_materials(materials)
    form_fields = questions.clean_form_fields(form_fields)
    if programme.required_materials == materials and programme.form_fields == form_fields:
        return programme
    programme.required_materials = materials
    programme.form_fields = form_fields
    programme.save(update_fields=["required_materials", "form_fields", "updated_at"])
    audit.log_action(
        programme,
        FORM_CHANGED,
        actor=actor,
        data={
            "materials": [item["key"] for item in materials],
            "questions": [item["key"] for item in form_fields],
        },
    )
    return programme


@transaction.atomic
def save_programme(
    programme=None,
    *,
    actor,
    policy=None,
    issuer=None,
    values=None,
    rules=None,
    combinator=None,
    materials=None,
    form_fields=None,
):
    """Create a programme under ``policy`` (``programme`` None) or change one: its fields
    (``values``), its eligibility rules (``rules``, ``[(kind, params)]``, and ``combinator``)
    and its application form (``materials``, ``form_fields``). What is left as None stays as
    it is. All of it is saved in one transaction: when any part is refused, nothing is."""
    values = values or {}
    if programme is None:
        programme = create_programme(policy, actor=actor, issuer=issuer, **values)
    elif values:
        programme = update_programme(programme, actor=actor, **values)
    if rules is not None or combinator is not None:
        if rules is None:
            rules = [(rule.kind, rule.params) for rule in programme.rules.order_by("position")]
        programme = set_rules(
            programme, rules, combinator=combinator or programme.combinator, actor=actor
        )
    if materials is not None or form_fields is not None:
        programme = set_application_form(
            programme,
            materials=programme.required_materials if materials is None else materials,
            form_fields=programme.form_fields if form_fields is None else form_fields,
            actor=actor,
        )
    return programme


@transaction.atomic
def invite_enterprises(programme, enterprises, *, actor):
    """Invite those of ``enterprises`` that qualify now and were not invited before; their
    people who may apply are notified. Returns the invitations made."""
    programme = locked(programme)
    if not programme.is_published or programme.has_closed:
        raise DomainError(
            _t("Invitations go out for a published programme that has not closed yet.")
        )
    already = set(
        Invitation.objects.filter(programme=programme).values_list("enterprise_id", flat=True)
    )
    candidates = selectors.with_facts(
        Enterprise.objects.filter(pk__in=[e.pk for e in enterprises]).exclude(pk__in=already)
    ).order_by("name", "pk")
    rules = list(programme.rules.all())
    vocabulary = selectors.vocabulary_for(rules)
    invited = []
    closes = timezone.localtime(programme.closes_at).date().isoformat()
    for enterprise in candidates:
        result = eligibility.evaluate(
            rules,
            eligibility.facts_of(enterprise),
            combinator=programme.combinator,
            vocabulary=vocabulary,
        )
        if not result.qualifies:
            continue
        invited.append(
            Invitation.objects.create(programme=programme, enterprise=enterprise, invited_by=actor)
        )
        notifications.notify(
            org_selectors.people_with(enterprise, org_enums.Capability.APPLY_FOR_SUPPORT),
            INVITATION,
            params={"enterprise": enterprise.name, "programme": programme.title, "closes": closes},
            url=links.url("programs.programme.enterprise", programme.pk),
        )
    if invited:
        audit.log_action(
            programme,
            INVITED,
            actor=actor,
            data={"enterprises": [invitation.enterprise_id for invitation in invited]},
        )
    return invited


# Applications -------------------------------------------------------------------------------


def _parse_amount(value, *, field):
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0:
        raise DomainError(_t("Give an amount in yuan, such as 300000."), field=field)
    return amount.quantize(Decimal("0.01"))


def _check_requested_amount(programme, amount):
    if amount is not None and amount > programme.budget:
        raise DomainError(
            _t("The amount requested cannot exceed the programme's budget of %(budget)s yuan.")
            % {"budget": eligibility.figure(programme.budget)},
            field="requested_amount",
        )


def _check_open_for_drafts(programme):
    if not programme.is_published or not programme.policy.is_published:
        raise DomainError(_t("This programme is not published."))
    if programme.has_closed:
        raise DomainError(
            _t("Applications to this programme closed on %(closes)s.")
            % {"closes": timezone.localtime(programme.closes_at).strftime("%Y-%m-%d %H:%M")}
        )


@transaction.atomic
def draft_application(programme, enterprise, *, actor, requested_amount=None, answers=None):
    """A new draft. An enterprise keeps one live application per programme."""
    programme = Programme.objects.select_related("policy").get(pk=programme.pk)
    _check_open_for_drafts(programme)
    if selectors.live_application(enterprise, programme) is not None:
        raise DomainError(
            _t(
                "Your enterprise already has an application to this programme; open it from "
                "your applications."
            )
        )
    amount = _parse_amount(requested_amount, field="requested_amount")
    _check_requested_amount(programme, amount)
    application = Application(
        programme=programme,
        enterprise=enterprise,
        requested_amount=amount,
        answers=questions.clean_answers(programme.form_fields, answers),
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # Another request drafted one at the same moment.
        raise DomainError(
            _t("Your enterprise already has an application to this programme.")
        ) from None
    audit.log_action(application, DRAFTED, actor=actor, data={"programme": programme.pk})
    return application


def _lock_application(application):
    return locked(application, select_related=("programme", "programme__policy", "enterprise"))


def _lock_with_case(application):
    """Lock the application's review case, then the application: the order the engine's
    decisions take. Which case is read from the database, not from ``application``, which may
    be a copy from before its first submission; decide from the rows returned."""
    case_id = (
        Application.objects.filter(pk=application.pk).values_list("review_case_id", flat=True).get()
    )
    case = ReviewCase.objects.select_for_update().get(pk=case_id) if case_id else None
    application = _lock_application(application)
    if application.review_case_id != case_id:
        # Its first submission committed between the two reads.
        case = ReviewCase.objects.select_for_update().get(pk=application.review_case_id)
    return application, case


def _check_editable(application):
    if not application.is_editable:
        raise TransitionNotAllowed(
            _t("An application that is %(state)s cannot be changed.")
            % {"state": application.get_state_display()}
        )


@transaction.atomic
def update_application(application, *, actor, requested_amount=None, answers=None):
    application = _lock_application(application)
    _check_editable(application)
    amount = _parse_amount(requested_amount, field="requested_amount")
    _check_requested_amount(application.programme, amount)
    cleaned = questions.clean_answers(application.programme.form_fields, answers)
    changed = []
    if amount != application.requested_amount:
        application.requested_amount = amount
        changed.append("requested_amount")
    if cleaned != application.answers:
        application.answers = cleaned
        changed.append("answers")
    if changed:
        application.save(update_fields=[*changed, "updated_at"])
        audit.log_action(application, EDITED, actor=actor, data={"fields": changed})
    return application


@transaction.atomic
def upload_material(application, *, actor, key, uploaded):
    """Attach ``uploaded`` as the material ``key``, replacing an earlier file for it."""
    application = _lock_application(application)
    _check_editable(application)
    materials = {item["key"]: item for item in application.programme.required_materials}
    if key not in materials:
        raise DomainError(_t("This programme does not ask for that material."), field="key")
    file_type = uploads.check_document(uploaded)
    previous = ApplicationMaterial.objects.filter(application=application, key=key).first()
    if previous is not None:
        old_file = previous.file
        previous.delete()
        transaction.on_commit(lambda: old_file.storage.delete(old_file.name))
    material = ApplicationMaterial(
        application=application,
        key=key,
        original_name=uploaded.name[:200],
        size=uploaded.size,
        content_type=file_type.content_type,
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    material.file.save(uploaded.name, uploaded, save=False)
    material.save()
    application.save(update_fields=["updated_at"])
    audit.log_action(
        application,
        MATERIAL_UPLOADED,
        actor=actor,
        data={"key": key, "name": material.original_name, "size": material.size},
    )
    return material


def _case_labels(application):
    """The application's name for its review case, in Chinese and in English."""
    return in_both(application)


def _check_complete(application):
    programme = application.programme
    problems = []
    missing = questions.missing_answers(programme.form_fields, application.answers)
    if missing:
        problems.append(_t("Answer: %(questions)s.") % {"questions": questions.joined(missing)})
    provided = application.materials.values_list("key", flat=True)
    missing = questions.missing_materials(programme.required_materials, provided)
    if missing:
        problems.append(_t("Upload: %(materials)s.") % {"materials": questions.joined(missing)})
    if programme.budget > 0 and application.requested_amount is None:
        problems.append(_t("Say how much you request."))
    if problems:
        raise DomainError(
            _t("The application is not complete. %(problems)s") % {"problems": " ".join(problems)}
        )


def _check_qualifies(application):
    result = selectors.eligibility_of(application.enterprise, application.programme)
    if not result.qualifies:
        raise DomainError(
            _t("Your enterprise does not meet this programme's rules: %(reasons)s")
            % {"reasons": " ".join(r.explanation for r in result.unmet)}
        )


@transaction.atomic
def submit_application(application, *, actor):
    """Submit a draft inside the programme's window, or resubmit a returned application (the
    window does not bind a resubmission: the enterprise applied in time). The park gives the
    first opinion; an enterprise outside any park goes straight to the government."""
    application, _case = _lock_with_case(application)
    if application.state not in (ApplicationState.DRAFT, ApplicationState.RETURNED):
        raise TransitionNotAllowed(
            _t("This application has already been submitted and is %(state)s.")
            % {"state": application.get_state_display()}
        )
    programme = application.programme
    if application.state == ApplicationState.DRAFT:
        if not programme.is_published:
            raise DomainError(_t("This programme is not published."))
        now = timezone.now()
        if now < programme.opens_at:
            raise DomainError(
                _t("Applications open on %(opens)s.")
                % {"opens": timezone.localtime(programme.opens_at).strftime("%Y-%m-%d %H:%M")}
            )
        if now > programme.closes_at:
            raise DomainError(
                _t("Applications to this programme closed on %(closes)s; it is too late to submit.")
                % {"closes": timezone.localtime(programme.closes_at).strftime("%Y-%m-%d %H:%M")}
            )
    _check_complete(application)
    _check_qualifies(application)
    application.park = application.enterprise.park
    application.save(update_fields=["park", "updated_at"])
    label, label_en = _case_labels(application)
    reviews.submit(
        application,
        flow=review_flows.get(Application.review_flow_key),
        applicant=application.enterprise,
        actor=actor,
        label=label,
        label_en=label_en,
    )
    return Application.objects.select_related(*selectors.APPLICATION_RELATED).get(pk=application.pk)


@transaction.atomic
def withdraw_application(application, *, actor):
    """Take an application back before a decision: a draft at once, one in review through
    the engine (which tells the reviewers)."""
    application, case = _lock_with_case(application)
    if check_transition(
        APPLICATION_TRANSITIONS,
        application.state,
        ApplicationState.WITHDRAWN,
        message=_t("An application that is %(state)s cannot be withdrawn.")
        % {"state": application.get_state_display()},
    ):
        if case is not None:
            reviews.withdraw(case, actor=actor)
        else:
            _move(application, ApplicationState.WITHDRAWN, actor=actor, action=WITHDRAWN)
    return Application.objects.select_related(*selectors.APPLICATION_RELATED).get(pk=application.pk)


def _check_transition(application, target):
    return check_transition(
        APPLICATION_TRANSITIONS,
        application.state,
        target,
        message=_t("An application that is %(state)s cannot become %(target)s.")
        % {"state": application.get_state_display(), "target": ApplicationState(target).label},
    )


def _move(application, target, *, actor, action, data=None, fields=()):
    _check_transition(application, target)
    now = timezone.now()
    application.state = target
    if target == ApplicationState.WITHDRAWN:
        application.withdrawn_at = now
    if target in (ApplicationState.APPROVED, ApplicationState.REJECTED):
        application.decided_at = now
    application.save(update_fields=["state", "withdrawn_at", "decided_at", *fields, "updated_at"])
    audit.log_action(application, action, actor=actor, data=data)
    return application


def _approved_amount(application, decision):
    """The amount the chief approves, checked against what remains of the budget with the
    programme row locked: two approvals at once are counted one after the other."""
    amount = _parse_amount((decision.data or {}).get("amount"), field="amount")
    if amount is None:
        raise DomainError(_t("Give the amount approved, in yuan."), field="amount")
    if application.requested_amount is not None and amount > application.requested_amount:
        raise DomainError(
            _t("The amount approved cannot exceed the %(requested)s yuan requested.")
            % {"requested": eligibility.figure(application.requested_amount)},
            field="amount",
        )
    programme = Programme.objects.select_for_update().get(pk=application.programme_id)
    remaining = programme.budget - selectors.committed_amount(programme)
    if amount > remaining:
        raise DomainError(
            _t(
                "%(amount)s yuan exceeds what remains of the programme's budget: %(remaining)s "
                "yuan."
            )
            % {"amount": eligibility.figure(amount), "remaining": eligibility.figure(remaining)},
            field="amount",
        )
    return amount


# What the review engine makes of an application is declared in ``programs.flows``; these
# hooks do what is not plain data. They run inside the engine's transaction, the application's
# row locked; a ``DomainError`` undoes the engine's step.


def stamp_reviewed_application(step):
    """Every step: the decider's comment in the log, the day of a withdrawal or a decision."""
    if step.decision is not None and step.decision.comment:
        step.log["comment"] = step.decision.comment
    now = timezone.now()
    if step.target == ApplicationState.WITHDRAWN:
        step.fields["withdrawn_at"] = now
    if step.target in (ApplicationState.APPROVED, ApplicationState.REJECTED):
        step.fields["decided_at"] = now


def stamp_first_submission(step):
    if step.subject.submitted_at is None:
        step.fields["submitted_at"] = timezone.now()


def log_stage_decided(step):
    """A passed-on application is logged with the stage that passed it, not the next one."""
    step.log["stage"] = step.decision.stage_key


def record_approved_amount(step):
    application = step.subject
    amount = _approved_amount(application, step.decision)
    step.fields["approved_amount"] = amount
    step.log["amount"] = str(amount)


# Public notices -----------------------------------------------------------------------------


def _lock_notice(notice):
    return locked(notice, select_related=("programme",))


def _check_notice_transition(notice, target):
    """Whether the notice has a step to take to ``target``; refuses one it may not."""
    return check_transition(
        NOTICE_TRANSITIONS,
        notice.state,
        target,
        message=_t("A notice that is %(state)s cannot become %(target)s.")
        % {"state": notice.get_state_display(), "target": NoticeState(target).label},
    )


@transaction.atomic
def create_notice(programme, *, actor, **values):
    programme = locked(programme)
    if selectors.notice_of(programme) is not None:
        raise DomainError(_t("This programme already has its public notice."))
    notice = PublicNotice(programme=programme, created_by=actor)
    apply_changes(notice, values, allowed=NOTICE_FIELDS)
    validated(notice, exclude=["applications"])
    notice.save()
    audit.log_action(notice, NOTICE_CREATED, actor=actor, data={"programme": programme.pk})
    return notice


@transaction.atomic
def update_notice(notice, *, actor, **values):
    notice = _lock_notice(notice)
    if notice.state != NoticeState.DRAFT:
        raise TransitionNotAllowed(_t("A publicised notice is not edited."))
    changed = apply_changes(notice, values, allowed=NOTICE_FIELDS)
    if changed:
        validated(notice, exclude=["applications"])
        notice.save(update_fields=[*changed, "updated_at"])
        audit.log_action(notice, NOTICE_UPDATED, actor=actor, data={"fields": sorted(changed)})
    return notice


@transaction.atomic
def publish_notice(notice, *, actor):
    """Publicise the notice with the approved list as it stands, open to objections for
    ``objection_days``. The approved enterprises are told."""
    notice = _lock_notice(notice)
    if not _check_notice_transition(notice, NoticeState.PUBLICISED):
        return notice
    approved = list(selectors.approved_applications(notice.programme))
    if not approved:
        raise DomainError(_t("No application to this programme has been approved yet."))
    now = timezone.now()
    notice.state = NoticeState.PUBLICISED
    notice.published_at = now
    notice.objection_deadline = now + timedelta(days=notice.objection_days)
    notice.save(update_fields=["state", "published_at", "objection_deadline", "updated_at"])
    notice.applications.set(approved)
    audit.log_action(
        notice,
        NOTICE_PUBLICISED,
        actor=actor,
        data={
            "applications": [a.pk for a in approved],
            "deadline": notice.objection_deadline,
        },
    )
    deadline = timezone.localtime(notice.objection_deadline).strftime("%Y-%m-%d %H:%M")
    for application in approved:
        notifications.notify(
            org_selectors.people_with(application.enterprise),
            LIST_PUBLICISED,
            params={"programme": notice.programme.title, "deadline": deadline},
            url=links.url("programs.notice.public", notice.pk),
        )
    return notice


@transaction.atomic
def record_objection(notice, *, text, name="", contact="", actor=None):
    """Anyone may object while the notice is open to objections."""
    notice = _lock_notice(notice)
    if not notice.takes_objections:
        raise DomainError(_t("This notice no longer takes objections."))
    text = (text or "").strip()
    if not text:
        raise DomainError(_t("Write your objection."), field="text")
    objection = Objection.objects.create(
        notice=notice,
        text=text[:4000],
        name=(name or "").strip()[:50],
        contact=(contact or "").strip()[:100],
        submitted_by=actor if actor is not None and actor.is_authenticated else None,
    )
    audit.log_action(notice, OBJECTION_RECEIVED, actor=actor, data={"objection": objection.pk})
    notifications.notify(
        org_selectors.people_with(notice.programme.issuer, org_enums.Capability.MANAGE_PROGRAMMES),
        OBJECTION_NEEDS_ANSWER,
        params={"notice": notice.title},
        url=links.url("programs.notice.government", notice.pk),
    )
    return objection


def _shown_contact(contact, visible):
    if visible or not contact:
        return contact
    return privacy.mask_email(contact) if "@" in contact else privacy.mask_phone(contact)


def objection_contacts_for(user, objections):
    """The objectors' contacts as ``user`` may see them, ``{objection pk: contact}``: in full
    for those with the personal-data right over the notice's issuing body
    (``orgs.view_personal_data``), masked for everyone else. Each notice whose contacts are
    shown in full is logged once as a view of personal data. The notice page and the API both
    ask here; load ``notice__programme__issuer`` with the objections."""
    entitled = {}
    logged = set()
    shown = {}
    for objection in objections:
        notice = objection.notice
        issuer = notice.programme.issuer
        if issuer.pk not in entitled:
            entitled[issuer.pk] = user.has_perm("orgs.view_personal_data", issuer)
        visible = entitled[issuer.pk]
        shown[objection.pk] = _shown_contact(objection.contact, visible)
        if visible and objection.contact and notice.pk not in logged:
            privacy.record_personal_data_view(notice, actor=user, fields=["objection.contact"])
            logged.add(notice.pk)
    return shown


@transaction.atomic
def answer_objection(objection, *, actor, answer):
    notice = _lock_notice(objection.notice)
    objection = locked(objection)
    if notice.state == NoticeState.FINAL:
        raise TransitionNotAllowed(_t("The list is final; its objections are closed."))
    if objection.is_answered:
        raise TransitionNotAllowed(_t("This objection has been answered already."))
    answer = (answer or "").strip()
    if not answer:
        raise DomainError(_t("Write the answer."), field="answer")
    objection.answer = answer
    objection.answered_by = actor
    objection.answered_at = timezone.now()
    objection.save(update_fields=["answer", "answered_by", "answered_at"])
    audit.log_action(
        notice, OBJECTION_ANSWERED, actor=actor, data={"objection": objection.pk, "comment": answer}
    )
    if objection.submitted_by_id:
        notifications.notify(
            [objection.submitted_by],
            OBJECTION_WAS_ANSWERED,
            params={"notice": notice.title},
            url=links.url("programs.notice.public", notice.pk),
        )
    return objection


@transaction.atomic
def finalise_notice(notice, *, actor):
    """Make the list final: once objections are closed and every one is answered."""
    notice = _lock_notice(notice)
    if not _check_notice_transition(notice, NoticeState.FINAL):
        return notice
    if timezone.now() <= notice.objection_deadline:
        raise DomainError(
            _t("Objections are open until %(deadline)s; the list becomes final after that.")
            % {"deadline": timezone.localtime(notice.objection_deadline).strftime("%Y-%m-%d %H:%M")}
        )
    unanswered = notice.objections.filter(answered_at__isnull=True).count()
    if unanswered:
        raise DomainError(
            _t("Answer every objection first: %(count)d still unanswered.") % {"count": unanswered}
        )
    notice.state = NoticeState.FINAL
    notice.finalised_at = timezone.now()
    notice.save(update_fields=["state", "finalised_at", "updated_at"])
    audit.log_action(notice, NOTICE_FINALISED, actor=actor)
    return notice
