"""Writes of base accreditation: rounds, declarations and their review, accreditations, annual
reviews and revocation. Pages, the API, the admin and the demo all come here.

A declaration's review runs on the review engine (``bases.flows``): the engine keeps the
case, the stages, the opinions and the decisions, and moves the declaration as the flow
declares, with the hooks below for the decision's days and site survey and, on approval, the
accreditation.
"""

import hashlib
from datetime import date

import rules
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.bases import enums, selectors
from cloudpark.bases.models import (
    Accreditation,
    AccreditationRound,
    AnnualReview,
    Declaration,
    DeclarationMaterial,
)
from cloudpark.core import audit, links, uploads
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.i18n import with_english
from cloudpark.core.services import apply_changes, locked, validated
from cloudpark.core.states import check_transition
from cloudpark.notifications import services as notifications
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs import services as org_services
from cloudpark.orgs.models import GovernmentBody
from cloudpark.reviews import flows as review_flows
from cloudpark.reviews import services as review_services
from cloudpark.reviews.enums import ReviewEvent

ROUND_OPENED = audit.register("bases.round.opened", _("Accreditation round opened"))
ROUND_UPDATED = audit.register("bases.round.updated", _("Accreditation round changed"))
ROUND_DELETED = audit.register("bases.round.deleted", _("Accreditation round deleted"))
DECLARATION_DRAFTED = audit.register("bases.declaration.drafted", _("Declaration drafted"))
DECLARATION_UPDATED = audit.register("bases.declaration.updated", _("Declaration changed"))
MATERIAL_ATTACHED = audit.register("bases.declaration.material_attached", _("Material attached"))
DECLARATION_SUBMITTED = audit.register("bases.declaration.submitted", _("Declaration submitted"))
DECLARATION_RESUBMITTED = audit.register(
    "bases.declaration.resubmitted", _("Declaration resubmitted after revision")
)
DECLARATION_PASSED_ON = audit.register(
    "bases.declaration.passed_on", _("Passed by the provincial review to the national review")
)
DECLARATION_RETURNED = audit.register(
    "bases.declaration.returned", _("Declaration returned for revision")
)
DECLARATION_APPROVED = audit.register("bases.declaration.approved", _("Declaration approved"))
DECLARATION_REJECTED = audit.register("bases.declaration.rejected", _("Declaration rejected"))
DECLARATION_WITHDRAWN = audit.register("bases.declaration.withdrawn", _("Declaration withdrawn"))
PARK_ACCREDITED = audit.register("bases.park.accredited", _("Accredited as a base"))
PARK_REVOKED = audit.register("bases.park.revoked", _("Base accreditation revoked"))
PARK_EXITED = audit.register("bases.park.exited", _("Base exited"))
PARK_RECTIFICATION_ORDERED = audit.register(
    "bases.park.rectification_ordered", _("Rectification ordered")
)
PARK_REINSTATED = audit.register("bases.park.reinstated", _("Rectification accepted"))
ANNUAL_SUBMITTED = audit.register("bases.annual_review.submitted", _("Annual review submitted"))
ANNUAL_DECIDED = audit.register("bases.annual_review.decided", _("Annual review decided"))

ROUND_OPEN_NOTICE = notifications.register(
    "bases.round_opened",
    _("Declarations are invited for %(batch)s, from %(opens_on)s to %(closes_on)s."),
)
ANNUAL_AWAITS_NOTICE = notifications.register(
    "bases.annual_review_awaits",
    _("The %(year)s annual review of %(park)s awaits your decision."),
)
ANNUAL_DECIDED_NOTICE = notifications.register(
    "bases.annual_review_decided",
    _("The %(year)s annual review of %(park)s has been decided: %(outcome)s."),
)
ACCREDITATION_ENDED_NOTICE = notifications.register(
    "bases.accreditation_ended",
    _("The base accreditation of %(park)s has ended (%(end)s): %(reason)s"),
)
DECLARATION_WITHDRAWN_NOTICE = notifications.register(
    "bases.declaration_withdrawn",
    _("%(park)s has withdrawn its declaration for %(batch)s; it needs no further review."),
)

ROUND_FIELDS = with_english(
    AccreditationRound,
    "batch",
    "opens_on",
    "closes_on",
    "criteria",
    "required_materials",
)
DECLARED_FIELDS = (
    "operator",
    "area",
    "enterprise_count",
    "output",
    "focus",
    "support_measures",
)
ANNUAL_FIGURES = ("enterprise_count", "employee_count", "output", "revenue", "taxes", "summary")
MAX_MATERIAL_KINDS = 20


def _date_from(value):
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DomainError(_t("Give the date as YYYY-MM-DD."), field="decided_on") from None


def _check_day(day, *, field, not_before=None, not_before_label=""):
    if day > timezone.localdate():
        raise DomainError(_t("The date cannot be in the future."), field=field)
    if not_before is not None and day < not_before:
        raise DomainError(
            _t("The date cannot be before %(what)s (%(day)s).")
            % {"what": not_before_label, "day": not_before.isoformat()},
            field=field,
        )


def _in_platform_language(label):
    """Notification parameters are stored as text: in the platform's language, like the
    names they sit beside."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)


def park_admins(park):
    return org_selectors.people_with(park, org_enums.Capability.MANAGE_PROFILE)


# Rounds --------------------------------------------------------------------------------------


def material_key(name):
    """A stable key for a required material, from its Chinese name: editing the list keeps
    the files already attached to the materials that stay."""
    return "m-" + hashlib.sha1(name.strip().encode()).hexdigest()[:10]


def clean_materials(materials):
    """``[{"key", "name", "name_en"}]`` from ``[{"name", "name_en"}]`` or ``[(name, name_en)]``."""
    cleaned, keys = [], set()
    for item in materials:
        name, name_en = (item["name"], item.get("name_en", "")) if isinstance(item, dict) else item
        name, name_en = (name or "").strip(), (name_en or "").strip()
        if not name:
            raise DomainError(
                _t("Every required material needs a Chinese name."), field="required_materials"
            )
        key = material_key(name)
        if key in keys:
            raise DomainError(
                _t("%(name)s is listed twice.") % {"name": name}, field="required_materials"
            )
        keys.add(key)
        cleaned.append({"key": key, "name": name[:100], "name_en": name_en[:150]})
    if len(cleaned) > MAX_MATERIAL_KINDS:
        raise DomainError(
            _t("A round asks for %(limit)d materials at most.") % {"limit": MAX_MATERIAL_KINDS},
            field="required_materials",
        )
    return cleaned


def _check_window(opens_on, closes_on):
    if closes_on < opens_on:
        raise DomainError(_t("The round cannot close before it opens."), field="closes_on")


@transaction.atomic
def open_round(
    *,
    organiser,
    actor,
    level,
    batch,
    opens_on,
    closes_on,
    criteria,
    batch_en="",
    criteria_en="",
    required_materials=(),
):
    """Open a call for declarations. Provincial bases are accredited by a provincial body,
    national ones by the national administration; the parks the body looks after are told."""
    level = enums.RoundLevel(level)
    if organiser.level != level.organiser_level:
        raise DomainError(
            _t(
                "Provincial rounds are opened by a provincial body, national rounds by the "
                "national administration."
            ),
            field="level",
        )
    _check_window(opens_on, closes_on)
    if closes_on < timezone.localdate():
        raise DomainError(_t("This window has already closed."), field="closes_on")
    accreditation_round = validated(
        AccreditationRound(
            organiser=organiser,
            level=level,
            batch=batch.strip(),
            batch_en=batch_en.strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            criteria=criteria.strip(),
            criteria_en=criteria_en.strip(),
            required_materials=clean_materials(required_materials),
            created_by=actor if actor is not None and actor.is_authenticated else None,
        )
    )
    accreditation_round.save()
    audit.log_action(
        accreditation_round,
        ROUND_OPENED,
        actor=actor,
        data={"level": level.value, "opens_on": opens_on, "closes_on": closes_on},
    )
    _invite_parks(accreditation_round)
    return accreditation_round


def _invite_parks(accreditation_round):
    """Tell the administrators of the parks that may declare for the round."""
    level = enums.RoundLevel(accreditation_round.level)
    parks = org_selectors.parks_in_care_of(accreditation_round.organiser).exclude(
        status=org_enums.ParkStatus.EXITED
    )
    eligible = [park for park in parks if eligibility_problem(park, level) is None]
    notifications.notify(
        [user for park in eligible for user in park_admins(park)],
        ROUND_OPEN_NOTICE,
        params={
            "batch": accreditation_round.batch,
            "opens_on": accreditation_round.opens_on.isoformat(),
            "closes_on": accreditation_round.closes_on.isoformat(),
        },
        url=links.url("bases.round.park", accreditation_round.pk),
    )


@transaction.atomic
def update_round(accreditation_round, *, actor, **values):
    accreditation_round = locked(accreditation_round)
    if "required_materials" in values:
        values["required_materials"] = clean_materials(values["required_materials"])
    changed = apply_changes(accreditation_round, values, allowed=ROUND_FIELDS)
    _check_window(accreditation_round.opens_on, accreditation_round.closes_on)
    if changed:
        validated(accreditation_round)
        accreditation_round.save(update_fields=[*changed, "updated_at"])
        audit.log_action(
            accreditation_round, ROUND_UPDATED, actor=actor, data={"fields": sorted(changed)}
        )
    return accreditation_round


@transaction.atomic
def delete_round(accreditation_round, *, actor):
    """A round nobody has declared for may go; one with declarations is part of the record."""
    accreditation_round = locked(accreditation_round)
    if accreditation_round.declarations.exists():
        raise DomainError(
            _t("Parks have declared for this round, so it is kept. Close its window instead.")
        )
    organiser = accreditation_round.organiser
    audit.log_action(
        organiser,
        ROUND_DELETED,
        actor=actor,
        data={"round": accreditation_round.pk, "batch": accreditation_round.batch},
    )
    accreditation_round.delete()


# Declarations --------------------------------------------------------------------------------


def eligibility_problem(park, level):
    """Why ``park`` may not declare for ``level`` status, or None."""
    held = org_enums.ParkLevel(park.level)
    if park.status == org_enums.ParkStatus.EXITED:
        return _t("A park that has exited declares no more.")
    if park.status == org_enums.ParkStatus.SUSPENDED:
        return _t(
            "A base under rectification declares again once its rectification has been "
            "accepted in an annual review."
        )
    if held.rank >= level.park_level.rank:
        return _t("%(park)s already holds %(level)s status or higher.") % {
            "park": park.display_name,
            "level": held.label,
        }
    required = level.required_park_level
    if required is not None and held.rank < required.rank:
        return _t("Declaring for national status requires provincial status first.")
    return None


def _check_may_declare(park, accreditation_round):
    if accreditation_round.organiser_id not in {b.pk for b in selectors.bodies_overseeing(park)}:
        raise DomainError(_t("This round is for the parks that its organiser looks after."))
    problem = eligibility_problem(park, enums.RoundLevel(accreditation_round.level))
    if problem:
        raise DomainError(problem)


def _check_open(accreditation_round):
    if not accreditation_round.is_open:
        raise DomainError(
            _t("Declarations for %(batch)s are accepted from %(opens)s to %(closes)s.")
            % {
                "batch": accreditation_round.display_batch,
                "opens": accreditation_round.opens_on.isoformat(),
                "closes": accreditation_round.closes_on.isoformat(),
            }
        )


@transaction.atomic
def draft_declaration(park, accreditation_round, *, actor, **values):
    """Start the park's declaration for the round: once per park and round, within its
    window, for a status the park may declare for."""
    unknown = set(values) - set(DECLARED_FIELDS)
    if unknown:
        raise ValueError(f"Not declared fields: {sorted(unknown)}")
    # One declaration per park and round: the park's row is the lock that keeps two at once out.
    park = locked(park)
    _check_open(accreditation_round)
    _check_may_declare(park, accreditation_round)
    if selectors.live_declaration(park, accreditation_round) is not None:
        raise DomainError(_t("Your park has already declared for this round."))
    declaration = Declaration(
        round=accreditation_round,
        park=park,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        **values,
    )
    validated(declaration)
    declaration.save()
    audit.log_action(
        declaration, DECLARATION_DRAFTED, actor=actor, data={"round": accreditation_round.pk}
    )
    return declaration


def _lock(declaration):
    return locked(declaration, select_related=("round", "round__organiser", "park"))


def _check_editable(declaration):
    if not declaration.is_editable:
        raise TransitionNotAllowed(
            _t("A declaration that is %(state)s cannot be changed.")
            % {"state": declaration.get_state_display()}
        )


@transaction.atomic
def update_declaration(declaration, *, actor, **values):
    declaration = _lock(declaration)
    _check_editable(declaration)
    changed = apply_changes(declaration, values, allowed=DECLARED_FIELDS)
    if changed:
        validated(declaration)
        declaration.save(update_fields=[*changed, "updated_at"])
        audit.log_action(
            declaration, DECLARATION_UPDATED, actor=actor, data={"fields": sorted(changed)}
        )
    return declaration


@transaction.atomic
def attach_material(declaration, *, actor, kind, uploaded):
    """Attach a file; a later file of the same kind supersedes it, and both are kept."""
    declaration = _lock(declaration)
    _check_editable(declaration)
    kinds = {material.key: material for material in declaration.round.material_choices}
    if kind not in kinds:
        raise DomainError(_t("Choose which material this file is."), field="kind")
    file_type = uploads.check_document(uploaded)
    material = DeclarationMaterial.objects.create(
        declaration=declaration,
        kind=kind,
        file=uploaded,
        original_name=uploaded.name[-200:],
        size=uploaded.size,
        content_type=file_type.content_type,
        uploaded_by=actor,
    )
    audit.log_action(
        declaration,
        MATERIAL_ATTACHED,
        actor=actor,
        data={"kind": kind, "material": kinds[kind].name, "file": material.original_name},
    )
    return material


def declaration_flow():
    return review_flows.get(Declaration.review_flow_key)


def review_label(declaration):
    return f"{declaration.park.name} · {declaration.round.batch}"


def review_label_en(declaration):
    park, accreditation_round = declaration.park, declaration.round
    return (
        f"{park.name_en or park.name} · {accreditation_round.batch_en or accreditation_round.batch}"
    )


@transaction.atomic
def submit_declaration(declaration, *, actor):
    """Send the declaration to review, or back to it after a return.

    The window binds the first submission only: a declaration the bureau returned may come
    back after the round has closed, since the bureau asked for it.
    """
    declaration = _lock(declaration)
    if not _check_transition(declaration, enums.DeclarationState.SUBMITTED):
        return declaration
    accreditation_round = declaration.round
    if declaration.state == enums.DeclarationState.DRAFT:
        _check_open(accreditation_round)
    _check_may_declare(declaration.park, accreditation_round)
    missing = declaration.missing_materials
    if missing:
        raise DomainError(
            _t("Attach the required materials first: %(materials)s.")
            % {"materials": _t(", ").join(str(kind.display_name) for kind in missing)}
        )
    if (
        accreditation_round.level == enums.RoundLevel.NATIONAL
        and selectors.provincial_body_for(declaration.park) is None
    ):
        raise DomainError(
            _t("No provincial body looks after this park, so nobody can give its first review.")
        )
    review_services.submit(
        declaration,
        flow=declaration_flow(),
        applicant=declaration.park,
        actor=actor,
        label=review_label(declaration),
        label_en=review_label_en(declaration),
    )
    return Declaration.objects.get(pk=declaration.pk)


@transaction.atomic
def withdraw_declaration(declaration, *, actor):
    """The park takes its declaration back before a final decision; it stays on record."""
    declaration = _lock(declaration)
    if not _check_transition(declaration, enums.DeclarationState.WITHDRAWN):
        return declaration
    case = selectors.case_of(declaration)
    if case is None:
        declaration.state = enums.DeclarationState.WITHDRAWN
        declaration.save(update_fields=["state", "updated_at"])
        audit.log_action(declaration, DECLARATION_WITHDRAWN, actor=actor)
        return declaration
    # The engine tells the reviewers the case awaited, if any.
    review_services.withdraw(case, actor=actor)
    return Declaration.objects.get(pk=declaration.pk)


def _check_transition(declaration, target):
    """Whether the declaration has a step to take to ``target``; refuses one it may not."""
    return check_transition(
        enums.DECLARATION_TRANSITIONS,
        declaration.state,
        target,
        message=_t("This step is not possible while the declaration is %(state)s.")
        % {"state": declaration.get_state_display()},
    )


PROVINCIAL_STAGE = "provincial_review"

# What the review engine makes of a declaration is declared in ``bases.flows``; these hooks do
# what is not plain data. They run inside the engine's transaction, the declaration's row
# locked; a ``DomainError`` undoes the engine's step.


def stamp_reviewed_declaration(step):
    """Every step: a submission starts afresh; a decision records its day (not before the
    submission, nor before the provincial decision), its reasons and, at the provincial
    stage, the site survey."""
    declaration = step.subject
    decision = step.decision
    today = timezone.localdate()
    if step.event in (ReviewEvent.SUBMITTED, ReviewEvent.RESUBMITTED):
        step.fields.update(submitted_on=today, decision_comment="")
    if decision is None:
        return
    details = decision.data or {}
    decided_on = _date_from(details.get("decided_on")) or today
    _check_day(
        decided_on,
        field="decided_on",
        not_before=declaration.submitted_on,
        not_before_label=_t("the submission"),
    )
    if decision.stage_key != PROVINCIAL_STAGE and declaration.provincial_decided_on:
        _check_day(
            decided_on,
            field="decided_on",
            not_before=declaration.provincial_decided_on,
            not_before_label=_t("the provincial decision"),
        )
    step.log.update(decided_on=decided_on, comment=decision.comment)
    if decision.stage_key == PROVINCIAL_STAGE:
        step.fields.update(_survey_fields(declaration, details, decision))
        step.fields["provincial_decided_on"] = decided_on
    if step.event != ReviewEvent.ADVANCED:
        step.fields.update(decided_on=decided_on, decision_comment=decision.comment)


def accredit_approved_declaration(step):
    declaration = step.subject
    grant_accreditation(
        declaration.park,
        level=declaration.round.level,
        batch=declaration.round.batch,
        batch_en=declaration.round.batch_en,
        approved_on=declaration.decided_on,
        decided_by=GovernmentBody.objects.get(pk=step.decision.organization_id),
        actor=step.actor,
        declaration=declaration,
    )


def _survey_fields(declaration, details, decision):
    """The site survey the provincial bureau records with its decision, if it made one."""
    surveyed_on = _date_from(details.get("surveyed_on"))
    notes = (details.get("survey_notes") or "").strip()
    if surveyed_on is None and not notes:
        return {}
    if surveyed_on is None:
        raise DomainError(_t("Give the day of the site survey."), field="surveyed_on")
    _check_day(
        surveyed_on,
        field="surveyed_on",
        not_before=declaration.submitted_on,
        not_before_label=_t("the submission"),
    )
    return {
        "surveyed_on": surveyed_on,
        "survey_notes": notes,
        "surveyed_by": GovernmentBody.objects.get(pk=decision.organization_id),
    }


# Accreditations ------------------------------------------------------------------------------


@transaction.atomic
def grant_accreditation(
    park, *, level, batch, approved_on, decided_by, actor, batch_en="", declaration=None
):
    """Record that ``decided_by`` accredited ``park`` as a base of ``level`` in ``batch`` on
    ``approved_on``; the park takes the level and batch. Called by the review of a
    declaration, and for accreditations decided before the platform (without one)."""
    level = enums.RoundLevel(level)
    _check_day(approved_on, field="decided_on")
    park = locked(park)
    accreditation = validated(
        Accreditation(
            park=park,
            level=level,
            batch=batch,
            batch_en=batch_en,
            approved_on=approved_on,
            decided_by=decided_by,
            round=declaration.round if declaration is not None else None,
            declaration=declaration,
        ),
        exclude=["park", "decided_by", "round", "declaration"],
    )
    accreditation.save()
    # A new status does not settle a rectification: the suspension stays until an annual
    # review accepts it.
    standing = {}
    if park.status != org_enums.ParkStatus.SUSPENDED:
        standing["status"] = org_enums.ParkStatus.OPERATING
    if level.park_level.rank >= org_enums.ParkLevel(park.level).rank:
        standing.update(level=level.park_level, batch=batch, batch_en=batch_en)
        standing["approved_on"] = approved_on
    org_services.set_park_standing(
        park,
        actor=actor,
        action=PARK_ACCREDITED,
        data={
            "accreditation": accreditation.pk,
            "granted_level": level.value,
            "granted_batch": batch,
            "decided_by": decided_by.name,
            "day": approved_on,
        },
        **standing,
    )
    return accreditation


def _check_may_act_for(actor, government, park):
    if government.pk not in {body.pk for body in selectors.bodies_overseeing(park)}:
        raise DomainError(_t("Only a body that looks after this park may do this."))
    if actor is not None and not org_selectors.has_capability(
        actor, government, org_enums.Capability.DECIDE
    ):
        raise DomainError(_t("Your role does not allow you to end a base's accreditation."))


@transaction.atomic
def end_accreditation(park, *, government, actor, end, on, reason):
    """Revoke the park's base status, or record its exit. Its accreditations are ended, not
    deleted, and stay in its history; the park is no longer rated."""
    end = enums.AccreditationEnd(end)
    park = locked(park)
    _check_may_act_for(actor, government, park)
    current = list(
        Accreditation.objects.select_for_update().filter(park=park, ended_on__isnull=True)
    )
    if not current:
        raise TransitionNotAllowed(
            _t("%(park)s holds no standing accreditation.") % {"park": park.display_name}
        )
    for accreditation in current:
        if not rules.test_rule("bases.end_accreditation", government, accreditation):
            raise DomainError(
                _t(
                    "The accreditation as %(level)s was granted by %(body)s: only that body, "
                    "or one above it, may end it."
                )
                % {
                    "level": accreditation.get_level_display(),
                    "body": accreditation.decided_by.display_name,
                }
            )
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_t("Say why: the park and the public read it."), field="reason")
    latest = max(accreditation.approved_on for accreditation in current)
    _check_day(on, field="on", not_before=latest, not_before_label=_t("the approval"))
    for accreditation in current:
        accreditation.ended_on = on
        accreditation.end = end
        accreditation.end_reason = reason
        accreditation.ended_by = government
        accreditation.save(update_fields=["ended_on", "end", "end_reason", "ended_by"])
    status = {
        enums.AccreditationEnd.REVOKED: org_enums.ParkStatus.REVOKED,
        enums.AccreditationEnd.EXITED: org_enums.ParkStatus.EXITED,
    }[end]
    org_services.set_park_standing(
        park,
        actor=actor,
        action=PARK_REVOKED if end == enums.AccreditationEnd.REVOKED else PARK_EXITED,
        data={"comment": reason, "day": on, "by": government.name},
        status=status,
        level=org_enums.ParkLevel.UNRATED,
        batch="",
        batch_en="",
        approved_on=None,
    )
    notifications.notify(
        park_admins(park),
        ACCREDITATION_ENDED_NOTICE,
        params={"park": park.name, "end": _in_platform_language(end.label), "reason": reason},
        url=links.url("bases.annual_reviews.park"),
    )
    return current


# Annual reviews ------------------------------------------------------------------------------


@transaction.atomic
def submit_annual_review(park, *, actor, year, **figures):
    """The base's figures for a year since its accreditation, once that year is over, to the
    body that accredited it. A year is reviewed once under the accreditations in force; a park
    accredited afresh after a revocation reviews its years again under the new one."""
    unknown = set(figures) - set(ANNUAL_FIGURES)
    if unknown:
        raise ValueError(f"Not annual figures: {sorted(unknown)}")
    park = locked(park)
    accreditation = selectors.current_accreditation_of(park)
    if accreditation is None or park.status in {
        org_enums.ParkStatus.REVOKED,
        org_enums.ParkStatus.EXITED,
    }:
        raise DomainError(_t("Only an accredited base submits an annual review."))
    today = timezone.localdate()
    if year >= today.year:
        raise DomainError(
            _t("The review of %(year)d is submitted once the year is over.") % {"year": year},
            field="year",
        )
    if year < accreditation.approved_on.year:
        raise DomainError(
            _t("The year is one from %(first)d to %(last)d.")
            % {"first": accreditation.approved_on.year, "last": today.year - 1},
            field="year",
        )
    if park.annual_reviews.filter(year=year, accreditation__ended_on__isnull=True).exists():
        raise DomainError(
            _t("The annual review for %(year)d has already been submitted.") % {"year": year},
            field="year",
        )
    review = validated(
        AnnualReview(
            park=park,
            accreditation=accreditation,
            reviewing_body=accreditation.decided_by,
            year=year,
            submitted_on=today,
            submitted_by=actor if actor is not None and actor.is_authenticated else None,
            **figures,
        )
    )
    review.save()
    audit.log_action(review, ANNUAL_SUBMITTED, actor=actor, data={"year": year})
    notifications.notify(
        org_selectors.people_with(accreditation.decided_by, org_enums.Capability.DECIDE),
        ANNUAL_AWAITS_NOTICE,
        params={"year": year, "park": park.name},
        url=links.url("bases.annual_review.government", review.pk),
    )
    return review


@transaction.atomic
def decide_annual_review(review, *, actor, outcome, comment="", decided_on=None):
    """Pass the year, order rectification (the base is suspended until a later pass), or
    revoke the accreditation."""
    review = locked(review, select_related=("park", "reviewing_body"))
    if review.is_decided:
        raise TransitionNotAllowed(_t("This annual review has already been decided."))
    if not org_selectors.has_capability(actor, review.reviewing_body, org_enums.Capability.DECIDE):
        raise DomainError(_t("You may not decide this annual review."))
    outcome = enums.AnnualOutcome(outcome)
    comment = (comment or "").strip()
    if outcome in enums.OUTCOMES_NEEDING_COMMENT and not comment:
        raise DomainError(_t("Say why, so that the base knows what to do."), field="comment")
    decided_on = decided_on or timezone.localdate()
    _check_day(
        decided_on,
        field="decided_on",
        not_before=review.submitted_on,
        not_before_label=_t("the submission"),
    )
    review.outcome = outcome
    review.comment = comment
    review.decided_on = decided_on
    review.decided_by = actor
    review.save(update_fields=["outcome", "comment", "decided_on", "decided_by", "updated_at"])
    audit.log_action(
        review,
        ANNUAL_DECIDED,
        actor=actor,
        data={"outcome": outcome.value, "comment": comment, "day": decided_on},
    )
    park = review.park
    standing = {"day": decided_on, "comment": comment, "year": review.year}
    if outcome == enums.AnnualOutcome.REVOKE:
        end_accreditation(
            park,
            government=review.reviewing_body,
            actor=actor,
            end=enums.AccreditationEnd.REVOKED,
            on=decided_on,
            reason=comment,
        )
    elif outcome == enums.AnnualOutcome.RECTIFY:
        org_services.set_park_standing(
            park,
            actor=actor,
            action=PARK_RECTIFICATION_ORDERED,
            data=standing,
            status=org_enums.ParkStatus.SUSPENDED,
        )
    elif park.status == org_enums.ParkStatus.SUSPENDED:
        org_services.set_park_standing(
            park,
            actor=actor,
            action=PARK_REINSTATED,
            data=standing,
            status=org_enums.ParkStatus.OPERATING,
        )
    notifications.notify(
        park_admins(park),
        ANNUAL_DECIDED_NOTICE,
        params={
            "year": review.year,
            "park": park.name,
            "outcome": _in_platform_language(outcome.label),
        },
        url=links.url("bases.annual_reviews.park"),
    )
    return review
