"""Setting a scheme up: the edition, its organisers, categories and quotas, rubric and rounds;
then opening it for entries and starting the judging."""

import re
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.awards import enums
from cloudpark.awards.models import (
    Category,
    CategoryQuota,
    CertificateCounter,
    Criterion,
    Round,
    Scheme,
    SchemeOrganizer,
)
from cloudpark.awards.services.common import person
from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.core.i18n import with_english
from cloudpark.core.services import apply_changes, locked, validated
from cloudpark.core.states import check_transition

SCHEME_CREATED = audit.register("awards.scheme.created", _("Award scheme set up"))
SCHEME_UPDATED = audit.register("awards.scheme.updated", _("Award scheme changed"))
ORGANIZER_ADDED = audit.register("awards.scheme.organizer_added", _("Scheme organiser added"))
CATEGORY_ADDED = audit.register("awards.scheme.category_added", _("Category added"))
CRITERION_ADDED = audit.register("awards.scheme.criterion_added", _("Criterion added"))
ROUND_ADDED = audit.register("awards.scheme.round_added", _("Judging round added"))
CATEGORY_UPDATED = audit.register("awards.scheme.category_updated", _("Category changed"))
CATEGORY_REMOVED = audit.register("awards.scheme.category_removed", _("Category removed"))
CRITERION_UPDATED = audit.register("awards.scheme.criterion_updated", _("Criterion changed"))
CRITERION_REMOVED = audit.register("awards.scheme.criterion_removed", _("Criterion removed"))
SCHEME_OPENED = audit.register("awards.scheme.opened", _("Scheme opened for entries"))
JUDGING_STARTED = audit.register("awards.scheme.judging_started", _("Judging started"))

SCHEME_FIELDS = with_english(
    Scheme,
    "title",
    "description",
    "eligible_from",
    "eligible_until",
    "entries_open_on",
    "entries_close_on",
    "scale_min",
    "scale_max",
    "entry_notice_days",
    "result_notice_days",
    "objection_channel",
    "ceremony",
)
CODE = re.compile(r"^[A-Z][A-Z0-9]{1,11}$")
CATEGORY_CODE = re.compile(r"^[A-Z0-9]{1,8}$")
# Levels are graded (special, first, second, third) or plain (nominated, awarded), not mixed.
GRADED = frozenset(
    {
        enums.AwardLevel.SPECIAL,
        enums.AwardLevel.FIRST,
        enums.AwardLevel.SECOND,
        enums.AwardLevel.THIRD,
    }
)
PLAIN = frozenset({enums.AwardLevel.AWARDED, enums.AwardLevel.NOMINATED})


def _check_dates(scheme):
    if scheme.eligible_until < scheme.eligible_from:
        raise DomainError(
            _t("The broadcast window cannot end before it starts."), field="eligible_until"
        )
    if scheme.entries_close_on < scheme.entries_open_on:
        raise DomainError(_t("Entries cannot close before they open."), field="entries_close_on")
    if scheme.scale_max <= scheme.scale_min:
        raise DomainError(_t("The highest score must be above the lowest."), field="scale_max")


def _check_draft(scheme):
    if scheme.state != enums.SchemeState.DRAFT:
        raise DomainError(
            _t("The scheme is %(state)s: its set-up can no longer change.")
            % {"state": scheme.get_state_display()}
        )


# What may still change once a scheme is open for entries, until judging starts.
EDITABLE_STATES = frozenset({enums.SchemeState.DRAFT, enums.SchemeState.OPEN})


def _check_editable(scheme):
    """The window, categories, quotas and rubric change while no round has opened: in draft
    and while entries are taken. Once judging has started the jury works to them."""
    if (
        scheme.state not in EDITABLE_STATES
        or scheme.rounds.filter(opened_at__isnull=False).exists()
    ):
        raise DomainError(
            _t(
                "Judging has started (the scheme is %(state)s): its window, categories, "
                "quotas and rubric can no longer change."
            )
            % {"state": scheme.get_state_display()}
        )


def _check_entries_in_window(scheme):
    """A window moved while entries are taken must still hold every entry made so far."""
    outside = (
        scheme.entries.exclude(state=enums.EntryState.WITHDRAWN)
        .exclude(broadcast_on__range=(scheme.eligible_from, scheme.eligible_until))
        .order_by("broadcast_on")
    )
    first = outside.first()
    if first is not None:
        raise DomainError(
            _t(
                "%(title)s, broadcast on %(day)s, would fall outside the window; "
                "%(count)s entries would."
            )
            % {
                "title": first.display_title,
                "day": first.broadcast_on.isoformat(),
                "count": outside.count(),
            },
            field=(
                "eligible_from" if first.broadcast_on < scheme.eligible_from else "eligible_until"
            ),
        )


@transaction.atomic
def create_scheme(*, owner, actor, code, edition, year, title, **values):
    """A new edition, in draft until it is opened for entries."""
    code = (code or "").strip().upper()
    if not CODE.match(code):
        raise DomainError(
            _t("A code is 2 to 12 capital letters and digits, starting with a letter."),
            field="code",
        )
    if Scheme.objects.filter(code=code, edition=edition).exists():
        raise DomainError(
            _t("Edition %(edition)s of %(code)s exists already.")
            % {"edition": edition, "code": code},
            field="edition",
        )
    unknown = set(values) - set(SCHEME_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    scheme = Scheme(
        owner=owner,
        code=code,
        edition=edition,
        year=year,
        title=(title or "").strip(),
        created_by=person(actor),
        **values,
    )
    validated(scheme, validate_constraints=False)
    _check_dates(scheme)
    scheme.save()
    audit.log_action(
        scheme, SCHEME_CREATED, actor=actor, data={"code": code, "edition": edition, "year": year}
    )
    return scheme


@transaction.atomic
def update_scheme(scheme, *, actor, **values):
    """Change the scheme's set-up until judging starts; a moved window must keep the entries
    made so far."""
    scheme = locked(scheme)
    _check_editable(scheme)
    changed = apply_changes(scheme, values, allowed=SCHEME_FIELDS)
    if changed:
        validated(scheme, validate_constraints=False)
        _check_dates(scheme)
        if {"eligible_from", "eligible_until"} & set(changed):
            _check_entries_in_window(scheme)
        scheme.save(update_fields=[*changed, "updated_at"])
        audit.log_action(scheme, SCHEME_UPDATED, actor=actor, data={"fields": sorted(changed)})
    return scheme


def _next_position(queryset):
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def add_organizer(scheme, *, actor, role, organization=None, name="", name_en=""):
    """List an organisation in one of the organiser roles events use."""
    scheme = locked(scheme)
    role = enums.OrganizerRole(role)
    name, name_en = (name or "").strip(), (name_en or "").strip()
    if organization is None and not name:
        raise DomainError(
            _t("Choose an organisation of the directory, or type the name of one not in it."),
            field="organization",
        )
    if organization is not None:
        name = name_en = ""
        if scheme.organizers.filter(role=role, organization=organization).exists():
            raise DomainError(
                _t("%(name)s is already listed as %(role)s.")
                % {"name": organization.display_name, "role": role.label},
                field="organization",
            )
    organizer = SchemeOrganizer.objects.create(
        scheme=scheme,
        role=role,
        organization=organization,
        name=name,
        name_en=name_en,
        position=_next_position(scheme.organizers.all()),
    )
    audit.log_action(
        scheme,
        ORGANIZER_ADDED,
        actor=actor,
        data={
            "role": role.value,
            "organization": organization.pk if organization else None,
            "name": name,
        },
    )
    return organizer


def _clean_quotas(quotas):
    cleaned = {}
    for level, quota in dict(quotas).items():
        try:
            level = enums.AwardLevel(level)
        except ValueError:
            raise DomainError(_t("Unknown award level %(level)s.") % {"level": level}) from None
        if quota is None or quota == "":
            continue
        if int(quota) < 1:
            raise DomainError(_t("A quota is at least one."), field="quotas")
        cleaned[level] = int(quota)
    if not cleaned:
        raise DomainError(_t("Give the category a quota for at least one level."), field="quotas")
    if not (set(cleaned) <= GRADED or set(cleaned) <= PLAIN):
        raise DomainError(
            _t(
                "Use either the graded levels (special, first, second, third prize) or "
                "nomination and award, not both."
            ),
            field="quotas",
        )
    return cleaned


@transaction.atomic
def add_category(scheme, *, actor, code, name, quotas, name_en=""):
    """A category with its quota per level (``{"first": 3, "second": 5}``) and the counter its
    certificate numbers come from."""
    scheme = locked(scheme)
    _check_editable(scheme)
    code = (code or "").strip().upper()
    if not CATEGORY_CODE.match(code):
        raise DomainError(_t("A category code is 1 to 8 capital letters or digits."), field="code")
    if scheme.categories.filter(code=code).exists():
        raise DomainError(
            _t("The scheme has a category %(code)s already.") % {"code": code}, field="code"
        )
    quotas = _clean_quotas(quotas)
    category = validated(
        Category(
            scheme=scheme,
            code=code,
            name=(name or "").strip(),
            name_en=(name_en or "").strip(),
            position=_next_position(scheme.categories.all()),
        ),
        validate_constraints=False,
    )
    category.save()
    CategoryQuota.objects.bulk_create(
        CategoryQuota(category=category, level=level, quota=quota)
        for level, quota in quotas.items()
    )
    CertificateCounter.objects.create(scheme=scheme, category=category)
    audit.log_action(
        scheme,
        CATEGORY_ADDED,
        actor=actor,
        data={
            "code": code,
            "name": category.name,
            "quotas": {k.value: v for k, v in quotas.items()},
        },
    )
    return category


@transaction.atomic
def _clean_weight(weight):
    try:
        weight = Decimal(str(weight))
    except InvalidOperation:
        raise DomainError(_t("A weight is a number."), field="weight") from None
    if not weight.is_finite() or weight <= 0:
        raise DomainError(_t("A weight is above zero."), field="weight")
    return weight


@transaction.atomic
def update_category(category, *, actor, name, quotas, name_en=""):
    """Rename a category or change its quotas until judging starts. Its code stays: it is
    part of every certificate number."""
    scheme = locked(category.scheme)
    _check_editable(scheme)
    category = locked(category)
    quotas = _clean_quotas(quotas)
    category.name = (name or "").strip()
    category.name_en = (name_en or "").strip()
    validated(category, validate_constraints=False)
    category.save(update_fields=["name", "name_en"])
    category.quotas.all().delete()
    CategoryQuota.objects.bulk_create(
        CategoryQuota(category=category, level=level, quota=quota)
        for level, quota in quotas.items()
    )
    audit.log_action(
        scheme,
        CATEGORY_UPDATED,
        actor=actor,
        data={
            "code": category.code,
            "name": category.name,
            "quotas": {k.value: v for k, v in quotas.items()},
        },
    )
    return category


@transaction.atomic
def remove_category(category, *, actor):
    """Take a category out of the scheme before judging starts, if no work is entered in it."""
    scheme = locked(category.scheme)
    _check_editable(scheme)
    entered = category.entries.count()
    if entered:
        raise DomainError(
            _t("%(count)s works are entered in %(category)s: it cannot be removed.")
            % {"count": entered, "category": category.display_name}
        )
    code = category.code
    CertificateCounter.objects.filter(category=category).delete()
    category.delete()
    audit.log_action(scheme, CATEGORY_REMOVED, actor=actor, data={"code": code})


@transaction.atomic
def update_criterion(criterion, *, actor, name, weight, name_en=""):
    """Change a criterion of the rubric, or its weight, until judging starts."""
    scheme = locked(criterion.scheme)
    _check_editable(scheme)
    criterion = locked(criterion)
    criterion.weight = _clean_weight(weight)
    criterion.name = (name or "").strip()
    criterion.name_en = (name_en or "").strip()
    validated(criterion, validate_constraints=False)
    criterion.save(update_fields=["name", "name_en", "weight"])
    audit.log_action(
        scheme,
        CRITERION_UPDATED,
        actor=actor,
        data={"criterion": criterion.pk, "name": criterion.name, "weight": criterion.weight},
    )
    return criterion


@transaction.atomic
def remove_criterion(criterion, *, actor):
    """Take a criterion out of the rubric before judging starts."""
    scheme = locked(criterion.scheme)
    _check_editable(scheme)
    name = criterion.name
    criterion.delete()
    audit.log_action(scheme, CRITERION_REMOVED, actor=actor, data={"name": name})


@transaction.atomic
def add_criterion(scheme, *, actor, name, weight, name_en=""):
    scheme = locked(scheme)
    _check_editable(scheme)
    weight = _clean_weight(weight)
    criterion = validated(
        Criterion(
            scheme=scheme,
            name=(name or "").strip(),
            name_en=(name_en or "").strip(),
            weight=weight,
            position=_next_position(scheme.criteria.all()),
        ),
        validate_constraints=False,
    )
    criterion.save()
    audit.log_action(
        scheme, CRITERION_ADDED, actor=actor, data={"name": criterion.name, "weight": weight}
    )
    return criterion


ROUND_ORDER = [enums.RoundKind.FIRST, enums.RoundKind.SECOND, enums.RoundKind.FINAL]


@transaction.atomic
def add_round(scheme, *, actor, kind, mode, quorum=None, advances=None, rank_by=None):
    """A judging round. Rounds before the final say how many entries of each category go on."""
    scheme = locked(scheme)
    _check_draft(scheme)
    kind, mode = enums.RoundKind(kind), enums.RoundMode(mode)
    if scheme.rounds.filter(kind=kind).exists():
        raise DomainError(
            _t("The scheme has a %(round)s already.") % {"round": kind.label}, field="kind"
        )
    if kind != enums.RoundKind.FINAL and not advances:
        raise DomainError(
            _t("Say how many entries of each category go on from this round."), field="advances"
        )
    judging_round = Round(
        scheme=scheme,
        kind=kind,
        mode=mode,
        advances=advances if kind != enums.RoundKind.FINAL else None,
        position=ROUND_ORDER.index(kind),
    )
    if quorum is not None:
        judging_round.quorum = Decimal(str(quorum))
    if rank_by:
        judging_round.rank_by = enums.RankBy(rank_by)
    validated(judging_round, validate_constraints=False)
    judging_round.save()
    audit.log_action(
        scheme,
        ROUND_ADDED,
        actor=actor,
        data={"kind": kind.value, "mode": mode.value, "quorum": judging_round.quorum},
    )
    return judging_round


def setup_problems(scheme):
    """What the scheme still lacks before it can open for entries."""
    problems = []
    if not scheme.categories.exists():
        problems.append(_t("Add at least one category with its quotas."))
    if not scheme.criteria.exists():
        problems.append(_t("Add the criteria of the rubric."))
    if not scheme.rounds.filter(kind=enums.RoundKind.FINAL).exists():
        problems.append(_t("Add the final round."))
    if not scheme.organizers.exists():
        problems.append(_t("List the organisers."))
    return problems


@transaction.atomic
def open_scheme(scheme, *, actor):
    scheme = locked(scheme)
    if not check_transition(
        enums.SCHEME_TRANSITIONS,
        scheme.state,
        enums.SchemeState.OPEN,
        message=_t("Only a scheme being set up can be opened for entries."),
    ):
        return scheme
    problems = setup_problems(scheme)
    if problems:
        raise DomainError(" ".join(problems))
    scheme.state = enums.SchemeState.OPEN
    scheme.save(update_fields=["state", "updated_at"])
    audit.log_action(scheme, SCHEME_OPENED, actor=actor)
    return scheme


@transaction.atomic
def start_judging(scheme, *, actor):
    """Close the entries and hand the scheme to its jury. Entries still in their eligibility
    check or on public notice wait; the first round takes those whose notice has ended."""
    scheme = locked(scheme)
    if not check_transition(
        enums.SCHEME_TRANSITIONS,
        scheme.state,
        enums.SchemeState.JUDGING,
        message=_t("Judging starts once the scheme has been open for entries."),
    ):
        return scheme
    scheme.state = enums.SchemeState.JUDGING
    scheme.save(update_fields=["state", "updated_at"])
    audit.log_action(scheme, JUDGING_STARTED, actor=actor, data={"on": timezone.localdate()})
    return scheme
