"""Writes of drama filings: planning filings and their review, renames, release filings and
their review, numbers and their status. Pages, the API, the admin and the demo all come here.

Both reviews run on the review engine (``filings.flows``): the engine keeps the case, the
stages, the opinions and the decisions, and moves the filing as the flow declares; the hooks
below stamp the days and, on approval, allocate the number.
"""

import difflib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit, uploads
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.services import locked, validated
from cloudpark.core.states import check_transition
from cloudpark.filings import enums, reference, regime, selectors
from cloudpark.filings.models import (
    DramaProject,
    FilingMaterial,
    IssuedNumber,
    NumberCounter,
    Person,
    PlanningFiling,
    Producer,
    ReleaseFiling,
)
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import Enterprise, GovernmentBody
from cloudpark.reviews import flows as review_flows
from cloudpark.reviews import services as review_services
from cloudpark.reviews.enums import ReviewEvent

PLANNING_CREATED = audit.register("filings.planning.created", _("Planning filing drafted"))
PLANNING_UPDATED = audit.register("filings.planning.updated", _("Planning filing changed"))
PLANNING_SUBMITTED = audit.register("filings.planning.submitted", _("Planning filing submitted"))
PLANNING_RESUBMITTED = audit.register(
    "filings.planning.resubmitted", _("Planning filing resubmitted after revision")
)
PLANNING_PASSED_ON = audit.register(
    "filings.planning.passed_on", _("Planning filing passed to the next review")
)
PLANNING_RETURNED = audit.register(
    "filings.planning.returned", _("Planning filing returned for revision")
)
PLANNING_APPROVED = audit.register("filings.planning.approved", _("Planning filing approved"))
PLANNING_REJECTED = audit.register("filings.planning.rejected", _("Planning filing rejected"))
PLANNING_WITHDRAWN = audit.register("filings.planning.withdrawn", _("Planning filing withdrawn"))
PLANNING_SUPERSEDED = audit.register(
    "filings.planning.superseded", _("Planning filing superseded by a rename")
)
PLANNING_REVOKED = audit.register("filings.planning.revoked", _("Planning filing revoked"))
RELEASE_CREATED = audit.register("filings.release.created", _("Release filing drafted"))
RELEASE_UPDATED = audit.register("filings.release.updated", _("Release filing changed"))
RELEASE_SUBMITTED = audit.register("filings.release.submitted", _("Release filing submitted"))
RELEASE_RESUBMITTED = audit.register(
    "filings.release.resubmitted", _("Release filing resubmitted after revision")
)
RELEASE_PASSED_ON = audit.register(
    "filings.release.passed_on", _("Release filing passed to the national review")
)
RELEASE_RETURNED = audit.register(
    "filings.release.returned", _("Release filing returned for revision")
)
RELEASE_LICENSED = audit.register("filings.release.licensed", _("Distribution licence issued"))
RELEASE_REJECTED = audit.register("filings.release.rejected", _("Release filing rejected"))
RELEASE_WITHDRAWN = audit.register("filings.release.withdrawn", _("Release filing withdrawn"))
RELEASE_REVOKED = audit.register("filings.release.revoked", _("Distribution licence revoked"))
MATERIAL_ATTACHED = audit.register("filings.material.attached", _("Filing material attached"))
NUMBER_ISSUED = audit.register("filings.number.issued", _("Number issued"))
NUMBER_REVOKED = audit.register("filings.number.revoked", _("Number revoked"))
NUMBER_SUPERSEDED = audit.register("filings.number.superseded", _("Number superseded"))

PROVINCIAL_STAGE = "provincial_review"
CO_REVIEW_STAGE = "co_review"
NATIONAL_STAGE = "national_review"

PLANNING_FIELDS = (
    "title",
    "title_en",
    "kind",
    "era",
    "subject",
    "major_revolutionary",
    "special_subjects",
    "episodes",
    "minutes_per_episode",
    "planned_investment",
    "promoted",
    "shoot_starts_on",
    "shoot_ends_on",
    "synopsis",
    "themes",
    "episode_synopses",
)
RELEASE_FIELDS = (
    "title",
    "episodes",
    "minutes_per_episode",
    "synopsis",
    "episode_synopses",
    "platforms",
    "actual_investment",
    "actor_fees",
    "ai_content_declared",
    "ai_content_note",
)
PERSON_FIELDS = ("role", "name", "character", "nationality", "approval", "profile")


@dataclass(frozen=True)
class Problem:
    """One thing the pre-check found: where, what, and whether it stops the submission."""

    field: str
    message: str
    blocking: bool = True


# Cleaning what a filer enters ---------------------------------------------------------------


def _decimal(value, field):
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise DomainError(_t("Enter a number."), field=field) from None


def _day(value, field):
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DomainError(_t("Give the date as YYYY-MM-DD."), field=field) from None


def _whole(value, field):
    try:
        return int(str(value).strip())
    except ValueError:
        raise DomainError(_t("Enter a whole number."), field=field) from None


def _texts(values, field):
    if isinstance(values, str):
        values = values.splitlines()
    if not isinstance(values, list | tuple):
        raise DomainError(_t("Give a list of texts."), field=field)
    return [str(value).strip() for value in values]


def clean_size(kind, episodes, minutes):
    """Episodes and minutes per episode within the kind's limits."""
    limits = reference.KINDS[kind]
    if not limits.min_episodes <= episodes <= limits.max_episodes:
        raise DomainError(
            _t("A %(kind)s has %(low)d to %(high)d episodes.")
            % {
                "kind": enums.DramaKind(kind).label,
                "low": limits.min_episodes,
                "high": limits.max_episodes,
            },
            field="episodes",
        )
    if not limits.min_minutes <= minutes <= limits.max_minutes:
        raise DomainError(
            _t("An episode of a %(kind)s lasts %(low)s to %(high)s minutes.")
            % {
                "kind": enums.DramaKind(kind).label,
                "low": limits.min_minutes,
                "high": limits.max_minutes,
            },
            field="minutes_per_episode",
        )


def clean_planning_values(values):
    """The planning values as stored, or a ``DomainError`` at the first bad field."""
    cleaned = dict(values)
    if "title" in cleaned:
        cleaned["title"] = regime.normalize_title(cleaned["title"])
        if not cleaned["title"]:
            raise DomainError(_t("Give the title."), field="title")
    if "title_en" in cleaned:
        cleaned["title_en"] = (cleaned["title_en"] or "").strip()
    kind = cleaned.get("kind")
    if kind not in reference.KINDS:
        raise DomainError(_t("Choose a kind."), field="kind")
    if reference.KINDS[kind].uses_animation_subjects:
        cleaned["era"] = ""
        if cleaned.get("subject") not in reference.ANIMATION_SUBJECTS:
            raise DomainError(_t("Choose one of the animation subjects."), field="subject")
    else:
        era = cleaned.get("era")
        if era not in reference.ERAS:
            raise DomainError(_t("Choose an era."), field="era")
        if cleaned.get("subject") not in reference.ERA_SUBJECTS[era]:
            raise DomainError(
                _t("This subject is not one of the subjects of the %(era)s era.")
                % {"era": enums.Era(era).label},
                field="subject",
            )
    special = list(dict.fromkeys(cleaned.get("special_subjects") or []))
    unknown = [key for key in special if key not in reference.SPECIAL_SUBJECTS]
    if unknown:
        raise DomainError(_t("Choose special subjects from the list."), field="special_subjects")
    cleaned["special_subjects"] = special
    cleaned["episodes"] = _whole(cleaned.get("episodes", ""), "episodes")
    cleaned["minutes_per_episode"] = _decimal(
        cleaned.get("minutes_per_episode", ""), "minutes_per_episode"
    )
    clean_size(kind, cleaned["episodes"], cleaned["minutes_per_episode"])
    cleaned["planned_investment"] = _decimal(
        cleaned.get("planned_investment", ""), "planned_investment"
    )
    if cleaned["planned_investment"] < 0:
        raise DomainError(_t("An investment cannot be below zero."), field="planned_investment")
    starts = _day(cleaned.get("shoot_starts_on", ""), "shoot_starts_on")
    ends = _day(cleaned.get("shoot_ends_on", ""), "shoot_ends_on")
    if ends < starts:
        raise DomainError(_t("Shooting cannot end before it starts."), field="shoot_ends_on")
    cleaned["shoot_starts_on"], cleaned["shoot_ends_on"] = starts, ends
    if "episode_synopses" in cleaned:
        cleaned["episode_synopses"] = _texts(cleaned["episode_synopses"], "episode_synopses")
        if len(cleaned["episode_synopses"]) > cleaned["episodes"]:
            raise DomainError(
                _t("There are more episode synopses than episodes."), field="episode_synopses"
            )
    return cleaned


def _enterprise(value):
    if isinstance(value, Enterprise):
        return value
    enterprise = Enterprise.objects.filter(pk=value).first() if str(value).isdigit() else None
    if enterprise is None:
        enterprise = Enterprise.objects.filter(credit_code=str(value).strip().upper()).first()
    if enterprise is None:
        raise DomainError(_t("This enterprise is not in the directory."), field="producers")
    return enterprise


def clean_licence(enterprise, number, expires_on, *, today):
    """A producer's production and operation licence: the shape of its issuer's numbers, the
    province of the producer, not expired."""
    number = regime.normalize_brackets(number)
    province = regime.production_licence_province(number)
    if province is None:
        raise DomainError(
            _t(
                "%(enterprise)s: %(number)s is not a production and operation licence number "
                "(the issuing province, then 字第 and the serial: （浙）字第01234号)."
            )
            % {"enterprise": enterprise.name, "number": number or "—"},
            field="producers",
        )
    home = regime.issuer_abbreviation(
        national=False, region_code=enterprise.region.code if enterprise.region_id else ""
    )
    if home and province != home:
        raise DomainError(
            _t(
                "%(enterprise)s: the licence %(number)s was issued in （%(issuer)s）, but the "
                "enterprise is registered in （%(home)s）; numbers follow their issuer's format."
            )
            % {"enterprise": enterprise.name, "number": number, "issuer": province, "home": home},
            field="producers",
        )
    expires_on = _day(expires_on, "producers")
    if expires_on < today:
        raise DomainError(
            _t("%(enterprise)s: the production and operation licence expired on %(day)s.")
            % {"enterprise": enterprise.name, "day": expires_on.isoformat()},
            field="producers",
        )
    return number, expires_on


def clean_producers(filer, producers, *, today):
    """``[(enterprise, is_lead, number, expires_on)]``: the filer first and lead unless another
    is named lead; each once."""
    cleaned, seen = [], set()
    for item in producers:
        enterprise = _enterprise(item["enterprise"])
        if enterprise.pk in seen:
            raise DomainError(
                _t("%(enterprise)s is listed twice.") % {"enterprise": enterprise.name},
                field="producers",
            )
        seen.add(enterprise.pk)
        number, expires_on = clean_licence(
            enterprise,
            item.get("licence_number", ""),
            item.get("licence_expires_on", ""),
            today=today,
        )
        cleaned.append([enterprise, bool(item.get("is_lead")), number, expires_on])
    if filer.pk not in seen:
        raise DomainError(
            _t("The filing enterprise is one of the producers: list it with its licence."),
            field="producers",
        )
    leads = [row for row in cleaned if row[1]]
    if len(leads) > 1:
        raise DomainError(_t("Name one lead producer."), field="producers")
    if not leads:
        for row in cleaned:
            row[1] = row[0].pk == filer.pk
    return [tuple(row) for row in cleaned]


def clean_people(people):
    cleaned = []
    for item in people:
        role = item.get("role")
        if role not in enums.PersonRole.values:
            raise DomainError(_t("Choose the person's role."), field="people")
        person = {name: str(item.get(name) or "").strip() for name in PERSON_FIELDS}
        if not person["name"]:
            raise DomainError(_t("Give every person's name."), field="people")
        if role == enums.PersonRole.ACTOR and not person["character"]:
            raise DomainError(
                _t("%(name)s: give the role the actor plays.") % {"name": person["name"]},
                field="people",
            )
        if role == enums.PersonRole.FOREIGN and not person["nationality"]:
            raise DomainError(
                _t("%(name)s: give the nationality.") % {"name": person["name"]}, field="people"
            )
        cleaned.append(person)
    actors = sum(1 for person in cleaned if person["role"] == enums.PersonRole.ACTOR)
    if actors > reference.MAX_ACTORS:
        raise DomainError(
            _t("List %(count)d lead actors at most.") % {"count": reference.MAX_ACTORS},
            field="people",
        )
    return cleaned


def _write_producers(filing, producers):
    filing.producers.all().delete()
    Producer.objects.bulk_create(
        Producer(
            filing=filing,
            enterprise=enterprise,
            is_lead=is_lead,
            licence_number=number,
            licence_expires_on=expires_on,
            position=position,
        )
        for position, (enterprise, is_lead, number, expires_on) in enumerate(producers)
    )


def _write_people(filing, people):
    filing.people.all().delete()
    Person.objects.bulk_create(
        Person(filing=filing, position=position, **person) for position, person in enumerate(people)
    )


# Planning filings ----------------------------------------------------------------------------


def _check_member(enterprise, actor):
    if actor is not None and not org_selectors.has_capability(
        actor, enterprise, org_enums.Capability.MANAGE_PROFILE
    ):
        raise DomainError(_t("Only the enterprise's administrators file its works."))


@transaction.atomic
def create_planning_filing(enterprise, *, actor, producers, people=(), supersedes=None, **values):
    """Draft a planning filing, with its producers and people, all or nothing."""
    _check_member(enterprise, actor)
    unknown = set(values) - set(PLANNING_FIELDS)
    if unknown:
        raise ValueError(f"Not a planning field: {sorted(unknown)}")
    today = timezone.localdate()
    cleaned = clean_planning_values(values)
    producer_rows = clean_producers(enterprise, producers, today=today)
    people_rows = clean_people(people)
    project = (
        supersedes.project
        if supersedes
        else DramaProject.objects.create(enterprise=enterprise, created_by=actor)
    )
    filing = validated(
        PlanningFiling(project=project, supersedes=supersedes, created_by=actor, **cleaned),
        exclude=["project", "supersedes", "review_case"],
    )
    filing.save()
    _write_producers(filing, producer_rows)
    _write_people(filing, people_rows)
    audit.log_action(filing, PLANNING_CREATED, actor=actor, data={"title": filing.title})
    return filing


@transaction.atomic
def update_planning_filing(filing, *, actor, producers=None, people=None, **values):
    """Change a draft or returned filing. An approved filing is not editable: its title is
    locked, and a new title means ``rename_planning_filing``."""
    filing = locked(filing, select_related=("project__enterprise",))
    enterprise = filing.project.enterprise
    _check_member(enterprise, actor)
    if not filing.is_editable:
        raise TransitionNotAllowed(
            _t("A filing that is %(state)s cannot be changed.")
            % {"state": filing.get_state_display()}
        )
    current = {name: getattr(filing, name) for name in PLANNING_FIELDS}
    cleaned = clean_planning_values({**current, **values})
    changed = [name for name in PLANNING_FIELDS if cleaned[name] != current[name]]
    for name in changed:
        setattr(filing, name, cleaned[name])
    validated(filing, exclude=["project", "supersedes", "review_case"])
    if changed:
        filing.save(update_fields=[*changed, "updated_at"])
    if producers is not None:
        _write_producers(filing, clean_producers(enterprise, producers, today=timezone.localdate()))
        changed.append("producers")
    if people is not None:
        _write_people(filing, clean_people(people))
        changed.append("people")
    if changed:
        audit.log_action(filing, PLANNING_UPDATED, actor=actor, data={"fields": changed})
    return filing


def _length_problems(field, text, minimum, label):
    count = regime.chinese_characters(text)
    if count >= minimum:
        return []
    return [
        Problem(
            field,
            _t("%(what)s has %(count)d Chinese characters; at least %(minimum)d are needed.")
            % {"what": label, "count": count, "minimum": minimum},
        )
    ]


def _episode_problems(kind, episodes, synopses):
    minimum = reference.MIN_EPISODE_SYNOPSIS_CHARACTERS.get(kind)
    if minimum is None:
        return []
    problems = []
    if len(synopses) < episodes:
        problems.append(
            Problem(
                "episode_synopses",
                _t("%(count)d of %(episodes)d episode synopses are written.")
                % {"count": len(synopses), "episodes": episodes},
            )
        )
    short = [
        str(number)
        for number, text in enumerate(synopses, start=1)
        if regime.chinese_characters(text) < minimum
    ]
    if short:
        problems.append(
            Problem(
                "episode_synopses",
                _t("Episodes %(episodes)s have fewer than %(minimum)d Chinese characters.")
                % {"episodes": ", ".join(short), "minimum": minimum},
            )
        )
    return problems


def tier_of(filing, on=None):
    """``(tier, rule)`` for the filing, under the rule of its filer's province on ``on``."""
    enterprise = filing.project.enterprise
    return regime.tier_for(
        kind=filing.kind,
        investment=filing.planned_investment,
        promoted=filing.promoted,
        special_subject=bool(filing.special_subjects),
        province=regime.province_of(enterprise.region.code if enterprise.region_id else ""),
        on=on or timezone.localdate(),
    )


def check_planning_filing(filing, *, on=None):
    """Every problem at once, blocking ones first: lengths, people, licences, a title clash
    with the archive; then what the filer should know: the tier and the subject words that
    suggest a co-review."""
    today = on or timezone.localdate()
    problems = [
        *_length_problems(
            "synopsis", filing.synopsis, reference.MIN_SYNOPSIS_CHARACTERS, _t("The synopsis")
        ),
        *_length_problems(
            "themes", filing.themes, reference.MIN_THEMES_CHARACTERS, _t("The statement of themes")
        ),
        *_episode_problems(filing.kind, filing.episodes, filing.episode_synopses),
    ]
    people = list(filing.people.all())
    for role, label in (
        (enums.PersonRole.WRITER, _t("writer")),
        (enums.PersonRole.DIRECTOR, _t("director")),
    ):
        if not any(person.role == role for person in people):
            problems.append(Problem("people", _t("Name the %(role)s.") % {"role": label}))
    actors = sum(1 for person in people if person.role == enums.PersonRole.ACTOR)
    if not reference.MIN_ACTORS <= actors <= reference.MAX_ACTORS:
        problems.append(
            Problem(
                "people",
                _t("List %(low)d to %(high)d lead actors; there are %(count)d.")
                % {"low": reference.MIN_ACTORS, "high": reference.MAX_ACTORS, "count": actors},
            )
        )
    for person in people:
        if person.role == enums.PersonRole.FOREIGN and not person.approval:
            problems.append(
                Problem(
                    "people",
                    _t("%(name)s: give the approval for foreign personnel.")
                    % {"name": person.name},
                )
            )
    for producer in filing.producers.all():
        if producer.licence_expires_on < today:
            problems.append(
                Problem(
                    "producers",
                    _t("%(enterprise)s: the production and operation licence expired on %(day)s.")
                    % {
                        "enterprise": producer.enterprise.name,
                        "day": producer.licence_expires_on.isoformat(),
                    },
                )
            )
    clashes = selectors.archived_titles_like(filing.title, excluding_project=filing.project)
    if clashes.exists():
        problems.append(
            Problem(
                "title",
                _t("《%(title)s》 is already in a public notice: choose another title.")
                % {"title": filing.title},
            )
        )
    tier, rule = tier_of(filing, today)
    problems.append(
        Problem(
            "tier",
            _t("Tier: %(tier)s, under %(rule)s.")
            % {"tier": tier.label, "rule": rule.name if rule else _t("no published rule")},
            blocking=False,
        )
    )
    suggested = regime.suggested_special_subjects(filing.title, filing.synopsis, filing.themes)
    for subject, words in suggested.items():
        if subject not in filing.special_subjects:
            problems.append(
                Problem(
                    "special_subjects",
                    _t("The words %(words)s suggest %(subject)s: flag it if so, for a co-review.")
                    % {
                        "words": "、".join(words),
                        "subject": reference.SPECIAL_SUBJECTS[subject][0],
                    },
                    blocking=False,
                )
            )
    return sorted(problems, key=lambda problem: not problem.blocking)


def _refuse_problems(problems):
    blocking = [problem for problem in problems if problem.blocking]
    if blocking:
        raise DomainError(
            _t("Mend these first: %(problems)s")
            % {"problems": " ".join(str(problem.message) for problem in blocking)}
        )


def planning_flow():
    return review_flows.get(PlanningFiling.review_flow_key)


def release_flow():
    return review_flows.get(ReleaseFiling.review_flow_key)


def _planning_transition(filing, target):
    return check_transition(
        enums.PLANNING_TRANSITIONS,
        filing.state,
        target,
        message=_t("This step is not possible while the filing is %(state)s.")
        % {"state": filing.get_state_display()},
    )


def _lock_planning(filing):
    return locked(filing, select_related=("project__enterprise__region",))


@transaction.atomic
def submit_planning_filing(filing, *, actor):
    """Send the filing to review (or back to it after a return) once the pre-check finds
    nothing blocking; it joins this month's batch, or next month's after the 25th."""
    filing = _lock_planning(filing)
    enterprise = filing.project.enterprise
    _check_member(enterprise, actor)
    if not _planning_transition(filing, enums.PlanningState.SUBMITTED):
        return filing
    _refuse_problems(check_planning_filing(filing))
    if selectors.provincial_bureau_for(enterprise) is None:
        raise DomainError(_t("No provincial bureau is set to review this enterprise's filings."))
    review_services.submit(
        filing,
        flow=planning_flow(),
        applicant=enterprise,
        actor=actor,
        label=_t("Planning filing 《%(title)s》") % {"title": filing.title},
    )
    return PlanningFiling.objects.get(pk=filing.pk)


@transaction.atomic
def withdraw_planning_filing(filing, *, actor):
    filing = _lock_planning(filing)
    _check_member(filing.project.enterprise, actor)
    if not _planning_transition(filing, enums.PlanningState.WITHDRAWN):
        return filing
    if filing.review_case_id is None:
        filing.state = enums.PlanningState.WITHDRAWN
        filing.save(update_fields=["state", "updated_at"])
        audit.log_action(filing, PLANNING_WITHDRAWN, actor=actor)
        return filing
    review_services.withdraw(filing.review_case, actor=actor)
    return PlanningFiling.objects.get(pk=filing.pk)


@transaction.atomic
def rename_planning_filing(filing, *, actor, title, title_en=""):
    """The title is locked once approved: a rename is a new planning filing of the same
    project, a draft copying the approved one, which supersedes it when approved."""
    filing = _lock_planning(filing)
    if filing.state != enums.PlanningState.APPROVED:
        raise TransitionNotAllowed(_t("Only an approved filing is renamed by filing afresh."))
    if PlanningFiling.objects.filter(supersedes=filing).exists():
        raise DomainError(_t("A rename of this filing has already been filed."), field="title")
    title = regime.normalize_title(title)
    if title == filing.title:
        raise DomainError(_t("Give the new title."), field="title")
    values = {name: getattr(filing, name) for name in PLANNING_FIELDS}
    values.update(title=title, title_en=title_en or "")
    producers = [
        {
            "enterprise": producer.enterprise,
            "is_lead": producer.is_lead,
            "licence_number": producer.licence_number,
            "licence_expires_on": producer.licence_expires_on,
        }
        for producer in filing.producers.select_related("enterprise__region")
    ]
    people = [
        {name: getattr(person, name) for name in PERSON_FIELDS} for person in filing.people.all()
    ]
    return create_planning_filing(
        filing.project.enterprise,
        actor=actor,
        producers=producers,
        people=people,
        supersedes=filing,
        **values,
    )


# Numbers -------------------------------------------------------------------------------------


def issuer_abbreviation(body):
    return regime.issuer_abbreviation(
        national=body.level == org_enums.GovernmentLevel.NATIONAL,
        region_code=body.region.code if body.region_id else "",
    )


def allocate_number(*, issuer, series, kind, year, planning, release=None, on=None):
    """The next number of ``issuer``'s series for ``kind`` and ``year``, written as issued.

    The counter row is locked (``select_for_update``) for the rest of the transaction, so two
    decisions taken at the same moment wait for each other: consecutive numbers, no gap, no
    duplicate. Must run inside the decision's transaction, so that a refusal later in it
    gives the number back."""
    abbreviation = issuer_abbreviation(issuer)
    if not abbreviation:
        raise DomainError(_t("The deciding body has no province on record to number licences."))
    key = {"issuer_code": abbreviation, "series": series, "kind": kind, "year": year}
    NumberCounter.objects.get_or_create(**key)
    counter = NumberCounter.objects.select_for_update().get(**key)
    counter.last += 1
    counter.save(update_fields=["last"])
    pattern = (
        reference.LICENCE_NUMBER_FORMAT
        if series == enums.NumberSeries.LICENCE
        else reference.PLANNING_NUMBER_FORMAT
    )
    number = IssuedNumber.objects.create(
        number=pattern.format(
            issuer=abbreviation,
            code=reference.KINDS[kind].licence_code,
            year=year,
            sequence=counter.last,
        ),
        series=series,
        issuer=issuer,
        issuer_code=abbreviation,
        kind=kind,
        year=year,
        sequence=counter.last,
        planning=planning,
        release=release,
        issued_on=on or timezone.localdate(),
    )
    audit.log_action(number, NUMBER_ISSUED, data={"planning": planning.pk})
    return number


def _set_number_status(number, status, *, reason, actor, code):
    number = locked(number)
    if not check_transition(
        enums.NUMBER_TRANSITIONS,
        number.status,
        status,
        message=_t("This number is %(status)s already.") % {"status": number.get_status_display()},
    ):
        return number
    number.status = status
    number.status_changed_on = timezone.localdate()
    number.status_reason = reason
    number.save(update_fields=["status", "status_changed_on", "status_reason"])
    audit.log_action(number, code, actor=actor, data={"reason": reason})
    return number


@transaction.atomic
def revoke_number(number, *, actor, government, reason):
    """The issuer withdraws a number (the work may no longer be shown); its filing is revoked
    with it. The number stays public, marked revoked."""
    if number.issuer_id != government.pk:
        raise DomainError(_t("Only the body that issued a number revokes it."))
    if not org_selectors.has_capability(actor, government, org_enums.Capability.DECIDE):
        raise DomainError(_t("Only the bureau's chief revokes a number."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_t("Say why the number is revoked."), field="reason")
    number = _set_number_status(
        number, enums.NumberStatus.REVOKED, reason=reason, actor=actor, code=NUMBER_REVOKED
    )
    if number.release_id:
        release = locked(number.release)
        if check_transition(enums.RELEASE_TRANSITIONS, release.state, enums.ReleaseState.REVOKED):
            release.state = enums.ReleaseState.REVOKED
            release.save(update_fields=["state", "updated_at"])
            audit.log_action(release, RELEASE_REVOKED, actor=actor, data={"reason": reason})
    else:
        planning = locked(number.planning)
        if _planning_transition(planning, enums.PlanningState.REVOKED):
            planning.state = enums.PlanningState.REVOKED
            planning.save(update_fields=["state", "updated_at"])
            audit.log_action(planning, PLANNING_REVOKED, actor=actor, data={"reason": reason})
    return number


# Review hooks --------------------------------------------------------------------------------


def stamp_reviewed_filing(step):
    """Every step: a submission stamps its day, tier and batch; a decision its day and
    reasons."""
    filing = step.subject
    today = timezone.localdate()
    if step.event in (ReviewEvent.SUBMITTED, ReviewEvent.RESUBMITTED):
        batch = regime.batch_for(today)
        step.fields.update(submitted_on=today, batch_month=batch.month, decision_comment="")
        if isinstance(filing, PlanningFiling):
            tier, rule = tier_of(filing, today)
            step.fields.update(tier=tier, tier_rule=rule.key if rule else "")
        step.log.update(batch=batch.month.isoformat())
    if step.decision is not None and step.event != ReviewEvent.ADVANCED:
        step.fields.update(decided_on=today, decision_comment=step.decision.comment)
        step.log.update(comment=step.decision.comment)


def _check_licences_still_valid(planning, today):
    for producer in planning.producers.select_related("enterprise"):
        if producer.licence_expires_on < today:
            raise DomainError(
                _t("%(enterprise)s: the production and operation licence expired on %(day)s.")
                % {
                    "enterprise": producer.enterprise.name,
                    "day": producer.licence_expires_on.isoformat(),
                }
            )


def _deciding_body(step):
    return GovernmentBody.objects.select_related("region").get(pk=step.decision.organization_id)


def check_planning_approval(step):
    _check_licences_still_valid(step.subject, timezone.localdate())


def approve_planning(step):
    """A planning number from the deciding bureau, a place in this month's notice, and the
    filing it renames superseded."""
    filing = step.subject
    today = timezone.localdate()
    number = allocate_number(
        issuer=_deciding_body(step),
        series=enums.NumberSeries.PLANNING,
        kind=filing.kind,
        year=today.year,
        planning=filing,
        on=today,
    )
    filing.notice_month = today.replace(day=1)
    filing.save(update_fields=["notice_month"])
    if filing.supersedes_id:
        _supersede(filing.supersedes, by=filing, actor=step.actor)
    step.log.update(number=number.number)


def _supersede(old, *, by, actor):
    old = locked(old)
    if not _planning_transition(old, enums.PlanningState.SUPERSEDED):
        return
    old.state = enums.PlanningState.SUPERSEDED
    old.save(update_fields=["state", "updated_at"])
    audit.log_action(old, PLANNING_SUPERSEDED, actor=actor, data={"by": by.title})
    reason = _t("Renamed 《%(title)s》") % {"title": by.title}
    for number in old.numbers.filter(status=enums.NumberStatus.VALID):
        _set_number_status(
            number,
            enums.NumberStatus.SUPERSEDED,
            reason=reason,
            actor=actor,
            code=NUMBER_SUPERSEDED,
        )


# Release filings ---------------------------------------------------------------------------


def clean_release_values(values, kind):
    cleaned = dict(values)
    cleaned["title"] = regime.normalize_title(cleaned.get("title", ""))
    if not cleaned["title"]:
        raise DomainError(_t("Give the title."), field="title")
    cleaned["episodes"] = _whole(cleaned.get("episodes", ""), "episodes")
    cleaned["minutes_per_episode"] = _decimal(
        cleaned.get("minutes_per_episode", ""), "minutes_per_episode"
    )
    clean_size(kind, cleaned["episodes"], cleaned["minutes_per_episode"])
    for field in ("actual_investment", "actor_fees"):
        cleaned[field] = _decimal(cleaned.get(field, ""), field)
        if cleaned[field] < 0:
            raise DomainError(_t("An amount cannot be below zero."), field=field)
    if cleaned["actor_fees"] > cleaned["actual_investment"]:
        raise DomainError(_t("Actor fees cannot exceed the whole investment."), field="actor_fees")
    cleaned["platforms"] = [
        item for item in _texts(cleaned.get("platforms", []), "platforms") if item
    ]
    cleaned["episode_synopses"] = _texts(cleaned.get("episode_synopses", []), "episode_synopses")
    if len(cleaned["episode_synopses"]) > cleaned["episodes"]:
        raise DomainError(
            _t("There are more episode synopses than episodes."), field="episode_synopses"
        )
    cleaned["ai_content_declared"] = bool(cleaned.get("ai_content_declared"))
    cleaned["ai_content_note"] = str(cleaned.get("ai_content_note") or "").strip()
    if cleaned["ai_content_declared"] and not cleaned["ai_content_note"]:
        raise DomainError(
            _t("Say what AI-generated content the work holds and where."), field="ai_content_note"
        )
    return cleaned


@transaction.atomic
def create_release_filing(planning, *, actor, **values):
    """Draft the release filing of an approved work."""
    planning = _lock_planning(planning)
    _check_member(planning.project.enterprise, actor)
    if planning.state != enums.PlanningState.APPROVED:
        raise TransitionNotAllowed(_t("A release filing follows an approved planning filing."))
    if planning.release_filings.filter(state__in=enums.RELEASE_OPEN).exists():
        raise DomainError(_t("This work already has a release filing under way."))
    unknown = set(values) - set(RELEASE_FIELDS)
    if unknown:
        raise ValueError(f"Not a release field: {sorted(unknown)}")
    defaults = {
        "title": planning.title,
        "episodes": planning.episodes,
        "minutes_per_episode": planning.minutes_per_episode,
        "synopsis": planning.synopsis,
    }
    cleaned = clean_release_values({**defaults, **values}, planning.kind)
    release = ReleaseFiling(planning=planning, created_by=actor, **cleaned)
    validated(release, exclude=["planning", "review_case"]).save()
    audit.log_action(release, RELEASE_CREATED, actor=actor, data={"title": release.title})
    return release


@transaction.atomic
def update_release_filing(release, *, actor, **values):
    release = locked(release, select_related=("planning__project__enterprise",))
    _check_member(release.planning.project.enterprise, actor)
    if not release.is_editable:
        raise TransitionNotAllowed(
            _t("A filing that is %(state)s cannot be changed.")
            % {"state": release.get_state_display()}
        )
    current = {name: getattr(release, name) for name in RELEASE_FIELDS}
    cleaned = clean_release_values({**current, **values}, release.planning.kind)
    changed = [name for name in RELEASE_FIELDS if cleaned[name] != current[name]]
    for name in changed:
        setattr(release, name, cleaned[name])
    if changed:
        validated(release, exclude=["planning", "review_case"]).save(
            update_fields=[*changed, "updated_at"]
        )
        audit.log_action(release, RELEASE_UPDATED, actor=actor, data={"fields": changed})
    return release


def drift_problems(release):
    """What changed since the planning filing so much that the work needs a new planning
    filing: the title, the episode length, the plot."""
    planning = release.planning
    problems = []
    if regime.normalize_title(release.title) != planning.title:
        problems.append(
            Problem(
                "title",
                _t("The title changed from 《%(planned)s》 to 《%(now)s》: file a rename first.")
                % {"planned": planning.title, "now": release.title},
            )
        )
    planned = planning.minutes_per_episode
    if (
        planned
        and abs(release.minutes_per_episode - planned)
        > planned * reference.EPISODE_LENGTH_TOLERANCE
    ):
        problems.append(
            Problem(
                "minutes_per_episode",
                _t(
                    "Episodes last %(now)s minutes against %(planned)s planned: "
                    "file a new planning filing."
                )
                % {"now": release.minutes_per_episode, "planned": planned},
            )
        )
    if release.episodes != planning.episodes:
        problems.append(
            Problem(
                "episodes",
                _t("%(now)d episodes against %(planned)d planned: file a new planning filing.")
                % {"now": release.episodes, "planned": planning.episodes},
            )
        )
    likeness = difflib.SequenceMatcher(None, planning.synopsis, release.synopsis).ratio()
    if planning.synopsis and likeness < reference.PLOT_LIKENESS_FLOOR:
        problems.append(
            Problem(
                "synopsis",
                _t(
                    "The plot has drifted from the planning filing (%(percent)d %% alike): "
                    "file a new planning filing."
                )
                % {"percent": int(likeness * 100)},
            )
        )
    return problems


def check_release_filing(release, *, on=None):
    today = on or timezone.localdate()
    problems = [
        *drift_problems(release),
        *_episode_problems(release.planning.kind, release.episodes, release.episode_synopses),
    ]
    if not release.platforms:
        problems.append(Problem("platforms", _t("Name the platforms the work will be shown on.")))
    for producer in release.planning.producers.select_related("enterprise"):
        if producer.licence_expires_on < today:
            problems.append(
                Problem(
                    "producers",
                    _t("%(enterprise)s: the production and operation licence expired on %(day)s.")
                    % {
                        "enterprise": producer.enterprise.name,
                        "day": producer.licence_expires_on.isoformat(),
                    },
                )
            )
    return problems


@transaction.atomic
def submit_release_filing(release, *, actor):
    release = locked(release, select_related=("planning__project__enterprise",))
    enterprise = release.planning.project.enterprise
    _check_member(enterprise, actor)
    if not check_transition(
        enums.RELEASE_TRANSITIONS,
        release.state,
        enums.ReleaseState.SUBMITTED,
        message=_t("This step is not possible while the filing is %(state)s.")
        % {"state": release.get_state_display()},
    ):
        return release
    if release.planning.state != enums.PlanningState.APPROVED:
        raise DomainError(_t("The planning filing is no longer approved."))
    _refuse_problems(check_release_filing(release))
    review_services.submit(
        release,
        flow=release_flow(),
        applicant=enterprise,
        actor=actor,
        label=_t("Release filing 《%(title)s》") % {"title": release.title},
    )
    return ReleaseFiling.objects.get(pk=release.pk)


@transaction.atomic
def withdraw_release_filing(release, *, actor):
    release = locked(release, select_related=("planning__project__enterprise",))
    _check_member(release.planning.project.enterprise, actor)
    if not check_transition(enums.RELEASE_TRANSITIONS, release.state, enums.ReleaseState.WITHDRAWN):
        return release
    if release.review_case_id is None:
        release.state = enums.ReleaseState.WITHDRAWN
        release.save(update_fields=["state", "updated_at"])
        audit.log_action(release, RELEASE_WITHDRAWN, actor=actor)
        return release
    review_services.withdraw(release.review_case, actor=actor)
    return ReleaseFiling.objects.get(pk=release.pk)


def check_release_approval(step):
    release = step.subject
    if release.planning.state != enums.PlanningState.APPROVED:
        raise DomainError(_t("The planning filing is no longer approved."))
    _check_licences_still_valid(release.planning, timezone.localdate())


def license_release(step):
    """The distribution licence number, in the deciding bureau's format."""
    release = step.subject
    today = timezone.localdate()
    number = allocate_number(
        issuer=_deciding_body(step),
        series=enums.NumberSeries.LICENCE,
        kind=release.planning.kind,
        year=today.year,
        planning=release.planning,
        release=release,
        on=today,
    )
    step.log.update(number=number.number)


# Materials -----------------------------------------------------------------------------------


@transaction.atomic
def attach_material(planning, *, actor, name, uploaded, release=None):
    planning = _lock_planning(planning)
    _check_member(planning.project.enterprise, actor)
    editable = release.is_editable if release is not None else planning.is_editable
    if not editable:
        raise TransitionNotAllowed(_t("Materials are attached while the filing is being prepared."))
    name = (name or "").strip()
    if not name:
        raise DomainError(_t("Say what the material is."), field="name")
    file_type = uploads.check_document(
        uploaded, max_bytes=settings.FILINGS_MATERIAL_MAX_MB * uploads.MEGABYTE
    )
    material = FilingMaterial.objects.create(
        planning=planning,
        release=release,
        name=name[:100],
        file=uploaded,
        original_name=uploaded.name[:200],
        size=uploaded.size,
        content_type=file_type.content_type,
        uploaded_by=actor,
    )
    audit.log_action(planning, MATERIAL_ATTACHED, actor=actor, data={"name": material.name})
    return material
