"""The jury: appointing jurors with their affiliations and declared relations, the rules a
jury must meet, the automatic assignment that keeps jurors off works they are tied to, and
recusal.

The rules (UNVERIFIED in detail for this scheme; taken from the national film and news awards
and kept as constants here):

* more than the round's quorum of the voting jurors must take part, so a category needs at
  least ``MINIMUM_VOTING_JURORS`` voting jurors;
* nobody sits on more than ``MAX_CONSECUTIVE_EDITIONS`` consecutive editions;
* at most a third of a jury sat on the previous edition's;
* a chair may be non-voting, and is then given no entries.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.awards import enums
from cloudpark.awards.models import (
    Affiliation,
    Assignment,
    Entry,
    Exclusion,
    Juror,
    Relation,
    Result,
)
from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.core.services import locked
from cloudpark.core.states import check_transition
from cloudpark.notifications import services as notifications
from cloudpark.orgs.models import Membership

JUROR_APPOINTED = audit.register("awards.juror.appointed", _("Juror appointed"))
AFFILIATION_DECLARED = audit.register(
    "awards.juror.affiliation_declared", _("Affiliation declared")
)
RELATION_DECLARED = audit.register("awards.juror.relation_declared", _("Relation declared"))
ROUND_ASSIGNED = audit.register("awards.round.assigned", _("Entries assigned to the jury"))
JUROR_RECUSED = audit.register("awards.assignment.recused", _("Juror recused"))

ASSIGNED_NOTICE = notifications.register(
    "awards.entries_assigned",
    _("%(count)s works of %(scheme)s await your scores in the %(round)s."),
)

MINIMUM_VOTING_JURORS = 5
MAX_CONSECUTIVE_EDITIONS = 2
MAX_RETURNING_SHARE = (1, 3)


def _earlier_editions(scheme, user):
    """The editions of the same series before ``scheme`` on whose jury ``user`` sat."""
    return set(
        Juror.objects.filter(
            scheme__code=scheme.code, scheme__edition__lt=scheme.edition, user=user
        ).values_list("scheme__edition", flat=True)
    )


def _membership_affiliations(juror):
    return [
        Affiliation(
            juror=juror,
            organization_id=membership.organization_id,
            source=enums.AffiliationSource.MEMBERSHIP,
            starts_on=timezone.localtime(membership.created_at).date(),
        )
        for membership in Membership.objects.filter(user=juror.user, is_active=True)
    ]


def _record_new_memberships(jurors):
    """Memberships a juror took up on the platform since appointment join their dated
    affiliations, so that the exclusions rest on what is on record and the organisers see it."""
    recorded = {
        (affiliation.juror_id, affiliation.organization_id)
        for affiliation in Affiliation.objects.filter(
            juror__in=jurors, source=enums.AffiliationSource.MEMBERSHIP
        )
    }
    by_user = {juror.user_id: juror for juror in jurors if juror.user_id}
    new = [
        Affiliation(
            juror=by_user[membership.user_id],
            organization_id=membership.organization_id,
            source=enums.AffiliationSource.MEMBERSHIP,
            starts_on=timezone.localtime(membership.created_at).date(),
        )
        for membership in Membership.objects.filter(user__in=list(by_user), is_active=True)
        if (by_user[membership.user_id].pk, membership.organization_id) not in recorded
    ]
    Affiliation.objects.bulk_create(new)
    return new


@transaction.atomic
def appoint_juror(
    scheme, *, actor, user, name, title="", is_chair=False, is_voting=True, categories=()
):
    """Seat ``user`` on the jury. Their memberships on the platform become dated affiliations
    at once; they may declare more, and relations, afterwards."""
    scheme = locked(scheme)
    if scheme.state in {enums.SchemeState.PUBLICITY, enums.SchemeState.FINAL}:
        raise DomainError(_t("The results are out: the jury can no longer change."))
    if scheme.jurors.filter(user=user).exists():
        raise DomainError(_t("%(name)s is on this jury already.") % {"name": name}, field="user")
    earlier = _earlier_editions(scheme, user)
    consecutive = all(
        scheme.edition - back in earlier for back in range(1, MAX_CONSECUTIVE_EDITIONS + 1)
    )
    if consecutive:
        raise DomainError(
            _t(
                "%(name)s sat on the last %(count)s editions' juries; a juror serves at most "
                "%(count)s consecutive editions."
            )
            % {"name": name, "count": MAX_CONSECUTIVE_EDITIONS},
            field="user",
        )
    if not is_chair and not is_voting:
        raise DomainError(_t("Only the chair may sit without a vote."), field="is_voting")
    if is_chair and scheme.jurors.filter(is_chair=True).exists():
        raise DomainError(_t("The jury has a chair already."), field="is_chair")
    categories = list(categories)
    if any(category.scheme_id != scheme.pk for category in categories):
        raise DomainError(_t("Choose categories of this scheme."), field="categories")
    juror = Juror.objects.create(
        scheme=scheme,
        user=user,
        name=(name or "").strip() or user.get_full_name() or user.username,
        title=(title or "").strip(),
        is_chair=is_chair,
        is_voting=is_voting,
    )
    juror.categories.set(categories)
    Affiliation.objects.bulk_create(_membership_affiliations(juror))
    audit.log_action(
        scheme,
        JUROR_APPOINTED,
        actor=actor,
        data={"juror": juror.pk, "name": juror.name, "chair": is_chair, "voting": is_voting},
    )
    return juror


def _check_jury_open(juror):
    if juror.scheme.state in {enums.SchemeState.PUBLICITY, enums.SchemeState.FINAL}:
        raise DomainError(_t("The results are out: declarations are closed."))


@transaction.atomic
def declare_affiliation(juror, *, actor, organization=None, name="", starts_on=None, ends_on=None):
    juror = locked(juror, select_related=("scheme",))
    _check_jury_open(juror)
    name = (name or "").strip()
    if organization is None and not name:
        raise DomainError(_t("Name the organisation."), field="organization")
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError(_t("An affiliation cannot end before it starts."), field="ends_on")
    affiliation = Affiliation.objects.create(
        juror=juror,
        organization=organization,
        name="" if organization else name,
        source=enums.AffiliationSource.DECLARED,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    audit.log_action(
        juror.scheme,
        AFFILIATION_DECLARED,
        actor=actor,
        data={
            "juror": juror.pk,
            "organization": organization.pk if organization else None,
            "name": name,
        },
    )
    return affiliation


@transaction.atomic
def declare_relation(juror, *, actor, kind, description, person_name="", organization=None):
    juror = locked(juror, select_related=("scheme",))
    _check_jury_open(juror)
    kind = enums.RelationKind(kind)
    description = (description or "").strip()
    if not description:
        raise DomainError(_t("Say what the relation is."), field="description")
    person_name = (person_name or "").strip()
    if kind == enums.RelationKind.PERSON and not person_name:
        raise DomainError(_t("Name the person."), field="person_name")
    if kind == enums.RelationKind.ORGANIZATION and organization is None:
        raise DomainError(_t("Choose the organisation."), field="organization")
    relation = Relation.objects.create(
        juror=juror,
        kind=kind,
        person_name=person_name if kind == enums.RelationKind.PERSON else "",
        organization=organization if kind == enums.RelationKind.ORGANIZATION else None,
        description=description,
    )
    audit.log_action(
        juror.scheme, RELATION_DECLARED, actor=actor, data={"juror": juror.pk, "kind": kind.value}
    )
    return relation


def voting_jurors(scheme):
    return [juror for juror in scheme.jurors.all() if juror.is_voting]


def covers(juror, category):
    """Whether ``juror`` judges ``category`` (a juror with no categories judges them all)."""
    chosen = [c.pk for c in juror.categories.all()]
    return not chosen or category.pk in chosen


def jury_problems(scheme):
    """What the rules forbid in the jury as it stands, as messages (empty when it may judge)."""
    problems = []
    jurors = list(scheme.jurors.prefetch_related("categories"))
    voting = [juror for juror in jurors if juror.is_voting]
    for category in scheme.categories.all():
        count = sum(1 for juror in voting if covers(juror, category))
        if count < MINIMUM_VOTING_JURORS:
            problems.append(
                _t(
                    "%(category)s has %(count)s voting jurors; the quorum needs at least "
                    "%(minimum)s."
                )
                % {
                    "category": category.display_name,
                    "count": count,
                    "minimum": MINIMUM_VOTING_JURORS,
                }
            )
    previous = set(
        Juror.objects.filter(
            scheme__code=scheme.code, scheme__edition=scheme.edition - 1
        ).values_list("user_id", flat=True)
    )
    returning = [juror for juror in jurors if juror.user_id in previous]
    numerator, denominator = MAX_RETURNING_SHARE
    if jurors and len(returning) * denominator > len(jurors) * numerator:
        problems.append(
            _t(
                "%(returning)s of %(total)s jurors sat on the last edition's jury; at most a "
                "third may return."
            )
            % {"returning": len(returning), "total": len(jurors)}
        )
    return problems


# Conflicts of interest ------------------------------------------------------------------------


def _window(scheme):
    """The period in which a tie to an organisation counts: from the first day a work could
    be broadcast until today."""
    return scheme.eligible_from, max(timezone.localdate(), scheme.eligible_until)


def _overlaps(affiliation, start, end):
    begins = affiliation.starts_on or date.min
    ends = affiliation.ends_on or date.max
    return begins <= end and ends >= start


def _same_name(a, b):
    return bool(a) and bool(b) and a.strip().casefold() == b.strip().casefold()


def conflicts(juror, entry, *, affiliations, relations, credits, live_organizations=()):
    """``[(reason, detail)]``: why ``juror`` may not judge ``entry``."""
    found = []
    start, end = _window(entry.scheme)
    for affiliation in affiliations:
        if not _overlaps(affiliation, start, end):
            continue
        organization_id, name = affiliation.organization_id, affiliation.name
        label = affiliation.organization.name if organization_id else name
        if organization_id == entry.submitter_id or _same_name(name, entry.submitter.name):
            found.append((enums.ExclusionReason.SUBMITTER, label))
        if (organization_id and organization_id == entry.recommender_id) or _same_name(
            name, entry.recommender_name or (entry.recommender.name if entry.recommender else "")
        ):
            found.append((enums.ExclusionReason.RECOMMENDER, label))
    for organization in live_organizations:
        if organization.pk == entry.submitter_id:
            found.append((enums.ExclusionReason.SUBMITTER, organization.name))
        if organization.pk == entry.recommender_id:
            found.append((enums.ExclusionReason.RECOMMENDER, organization.name))
    names = {credit.name.strip().casefold(): credit for credit in credits}
    for relation in relations:
        if relation.kind == enums.RelationKind.PERSON:
            credit = names.get(relation.person_name.strip().casefold())
            if credit is not None:
                found.append(
                    (
                        enums.ExclusionReason.CREDITED_PERSON,
                        f"{credit.name} ({credit.role}): {relation.description}",
                    )
                )
        elif relation.organization_id in {entry.submitter_id, entry.recommender_id}:
            found.append(
                (
                    enums.ExclusionReason.RELATED_ORGANIZATION,
                    f"{relation.organization.name}: {relation.description}",
                )
            )
    credit = names.get(juror.name.strip().casefold())
    if credit is not None:
        found.append((enums.ExclusionReason.CREDITED_JUROR, f"{credit.name} ({credit.role})"))
    # One line per reason: the first detail says enough.
    unique = {}
    for reason, detail in found:
        unique.setdefault(reason, detail[:300])
    return list(unique.items())


def entries_for_round(judging_round):
    """The entries a round judges: for the first, every eligible entry whose public notice
    has ended; for later rounds, those the round before let go on."""
    scheme = judging_round.scheme
    earlier = (
        scheme.rounds.filter(position__lt=judging_round.position).order_by("-position").first()
    )
    if earlier is None:
        today = timezone.localdate()
        return list(
            Entry.objects.filter(
                scheme=scheme,
                state__in=[enums.EntryState.ELIGIBLE, enums.EntryState.JUDGING],
                notice_ends_on__lt=today,
            ).select_related("category", "submitter", "recommender", "scheme")
        )
    return [
        result.entry
        for result in Result.objects.filter(
            round=earlier, goes_on=True, entry__state=enums.EntryState.JUDGING
        ).select_related(
            "entry__category", "entry__submitter", "entry__recommender", "entry__scheme"
        )
    ]


@transaction.atomic
def assign_round(judging_round, *, actor):
    """Give every voting juror of a category each of its entries, except those they are tied
    to; each exclusion is kept with its reason. Entries move to the jury; an entry that no
    juror is free to judge is refused, and nothing is assigned."""
    judging_round = locked(judging_round, select_related=("scheme",))
    scheme = judging_round.scheme
    if scheme.state != enums.SchemeState.JUDGING:
        raise DomainError(_t("Assign the jury once judging has started."))
    if judging_round.state != enums.RoundState.PLANNED:
        raise DomainError(_t("This round has been assigned already."))
    problems = jury_problems(scheme)
    if problems:
        raise DomainError(" ".join(problems))
    entries = entries_for_round(judging_round)
    if not entries:
        raise DomainError(_t("No entry is ready for this round yet."))
    _record_new_memberships(list(scheme.jurors.filter(is_voting=True)))
    jurors = list(
        scheme.jurors.filter(is_voting=True).prefetch_related(
            "categories", "affiliations__organization", "relations__organization"
        )
    )
    live = {}
    for membership in Membership.objects.filter(
        user__in=[juror.user_id for juror in jurors], is_active=True
    ).select_related("organization"):
        live.setdefault(membership.user_id, []).append(membership.organization)
    assignments, exclusions = [], []
    for entry in entries:
        credits = list(entry.credits.all())
        free = 0
        for juror in jurors:
            if not covers(juror, entry.category):
                continue
            found = conflicts(
                juror,
                entry,
                affiliations=juror.affiliations.all(),
                relations=juror.relations.all(),
                credits=credits,
                live_organizations=live.get(juror.user_id, ()),
            )
            if found:
                exclusions += [
                    Exclusion(round=judging_round, entry=entry, juror=juror, reason=r, detail=d)
                    for r, d in found
                ]
                continue
            assignments.append(Assignment(round=judging_round, entry=entry, juror=juror))
            free += 1
        if not free:
            raise DomainError(
                _t("No juror is free to judge %(title)s: appoint one without ties to it.")
                % {"title": entry.display_title}
            )
    Assignment.objects.bulk_create(assignments)
    Exclusion.objects.bulk_create(exclusions)
    Entry.objects.filter(pk__in=[e.pk for e in entries], state=enums.EntryState.ELIGIBLE).update(
        state=enums.EntryState.JUDGING, updated_at=timezone.now()
    )
    judging_round.state = enums.RoundState.OPEN
    judging_round.opened_at = timezone.now()
    judging_round.save(update_fields=["state", "opened_at"])
    audit.log_action(
        scheme,
        ROUND_ASSIGNED,
        actor=actor,
        data={
            "round": judging_round.kind,
            "entries": len(entries),
            "assignments": len(assignments),
            "exclusions": len(exclusions),
        },
    )
    counts = {}
    for assignment in assignments:
        counts[assignment.juror] = counts.get(assignment.juror, 0) + 1
    for juror, count in counts.items():
        notifications.notify(
            [juror.user],
            ASSIGNED_NOTICE,
            params={
                "count": count,
                "scheme": scheme.title,
                "round": str(judging_round.get_kind_display()),
            },
        )
    return judging_round


@transaction.atomic
def recuse(assignment, *, actor, reason):
    """A juror steps back from an entry, saying why; their scores for it no longer count and
    the entry stays in the round."""
    assignment = locked(assignment, select_related=("juror", "round", "entry"))
    if assignment.juror.user_id != getattr(actor, "pk", None):
        raise DomainError(_t("Only the juror can recuse from their own assignment."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_t("Say why you recuse."), field="reason")
    if assignment.round.state != enums.RoundState.OPEN:
        raise DomainError(_t("The round is closed."))
    if not check_transition(
        enums.ASSIGNMENT_TRANSITIONS,
        assignment.state,
        enums.AssignmentState.RECUSED,
        message=_t("You have recused from this work already."),
    ):
        return assignment
    assignment.state = enums.AssignmentState.RECUSED
    assignment.recusal_reason = reason
    assignment.save(update_fields=["state", "recusal_reason"])
    audit.log_action(
        assignment.entry,
        JUROR_RECUSED,
        actor=actor,
        data={"round": assignment.round.kind, "juror": assignment.juror.name, "reason": reason},
    )
    return assignment
