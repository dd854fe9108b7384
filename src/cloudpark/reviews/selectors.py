"""Who reviews what, and the cases a user may see."""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.reviews.enums import CaseState
from cloudpark.reviews.models import ReviewCase


def _membership_for_stage(user, case):
    if case.state != CaseState.IN_REVIEW or case.reviewing_organization_id is None:
        return None
    for membership in org_selectors.memberships_of(user):
        if membership.organization_id == case.reviewing_organization_id:
            return membership
    return None


def can_give_opinion(user, case):
    """A reviewer of the current stage of a panel."""
    membership = _membership_for_stage(user, case)
    return (
        membership is not None
        and case.stage.panel
        and membership.has_capability(case.stage.capability)
    )


def can_decide(user, case):
    """The chief of a panel stage; any reviewer of a single-reviewer stage."""
    membership = _membership_for_stage(user, case)
    if membership is None:
        return False
    needed = org_enums.Capability.DECIDE if case.stage.panel else case.stage.capability
    return membership.has_capability(needed)


def can_review(user, case):
    return can_give_opinion(user, case) or can_decide(user, case)


def sees_opinions(user, case):
    """Panel opinions are the reviewing body's advice to its chief: they are seen by the
    reviewers and chiefs of the organisations that review a panel stage of this case, not by
    the applicant nor by the other stages' reviewers."""
    for stage in case.flow.stages:
        if not stage.panel:
            continue
        organization = stage.reviewers(case)
        if organization is not None and any(
            org_selectors.has_capability(user, organization, capability)
            for capability in (stage.capability, org_enums.Capability.DECIDE)
        ):
            return True
    return False


@dataclass(frozen=True)
class Seen:
    """A case as a reviewer's page (or API call) saw it: the stage and round it was at. The
    object of the permissions to post an opinion or a decision from that page."""

    case: ReviewCase
    stage_key: str
    round: int | None = None


def _organization_of_stage(case, stage_key):
    """``(stage, the organisation reviewing it for this case)``, or ``(None, None)`` when the
    flow has no such stage or the case skips it."""
    try:
        stage = case.flow.stage(stage_key)
    except KeyError:
        return None, None
    return stage, stage.reviewers(case)


def decides_stage_of(user, case, stage_key):
    """Whether ``user`` decides ``stage_key`` of this case, wherever the case is now: who may
    post a decision from a page that showed the case at that stage (the engine then says if
    the case has moved on)."""
    stage, organization = _organization_of_stage(case, stage_key)
    if organization is None:
        return False
    needed = org_enums.Capability.DECIDE if stage.panel else stage.capability
    return org_selectors.has_capability(user, organization, needed)


def gives_opinion_at_stage_of(user, case, stage_key):
    """Whether ``user`` is a panel reviewer of ``stage_key`` of this case, wherever the case
    is now."""
    stage, organization = _organization_of_stage(case, stage_key)
    return (
        organization is not None
        and stage.panel
        and org_selectors.has_capability(user, organization, stage.capability)
    )


# What a queue shows of the applicant and the reviewing organisation: not their long texts.
_ORGANIZATION_TEXTS = ("address", "description", "description_en", "search_text")


def _candidates(user, organization, *, exclude=None):
    memberships = org_selectors.memberships_of(user)
    if organization is not None:
        memberships = [m for m in memberships if m.organization_id == organization.pk]
    organization_ids = [m.organization_id for m in memberships]
    candidates = (
        ReviewCase.objects.filter(
            state=CaseState.IN_REVIEW, reviewing_organization_id__in=organization_ids
        )
        .select_related("applicant", "reviewing_organization")
        .defer(
            *(
                f"{relation}__{column}"
                for relation in ("applicant", "reviewing_organization")
                for column in _ORGANIZATION_TEXTS
            )
        )
        .order_by("due_at", "submitted_at", "pk")
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    return candidates


def cases_awaiting(user, organization=None):
    """Cases in review at a stage this user reviews, oldest deadline first."""
    return [case for case in _candidates(user, organization) if can_review(user, case)]


def next_case_awaiting(user, organization, after):
    """The case the reviewer should take up after ``after``: the first other one awaiting,
    read only as far as it is found."""
    candidates = _candidates(user, organization, exclude=after).iterator(chunk_size=50)
    return next((case for case in candidates if can_review(user, case)), None)


def cases_visible_to(organization):
    """Cases an organisation applied with, or reviews or reviewed at some stage."""
    return ReviewCase.objects.filter(
        Q(applicant=organization)
        | Q(reviewing_organization=organization)
        | Q(decisions__organization=organization)
    ).distinct()


def cases_for_user(user):
    """Cases any of the user's organisations applied with, or reviews or reviewed at some
    stage."""
    ids = [membership.organization_id for membership in org_selectors.memberships_of(user)]
    return ReviewCase.objects.filter(
        Q(applicant_id__in=ids)
        | Q(reviewing_organization_id__in=ids)
        | Q(decisions__organization_id__in=ids)
    ).distinct()


def get_case_for(organization, pk):
    try:
        return cases_visible_to(organization).select_related("applicant").get(pk=pk)
    except (ReviewCase.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def opinions_of(case):
    return case.opinions.filter(round=case.round, stage_key=case.stage_key).select_related(
        "reviewer"
    )


def decisions_of(case):
    return case.decisions.select_related("decided_by", "organization")
