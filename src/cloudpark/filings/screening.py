"""The review room of a release filing: the cuts of the finished film the enterprise attaches,
the reviewers' time-boxed viewing sessions, and their comments on time ranges of the film.

- A cut is a WebM or MP4 file (``core.uploads``), at most ``FILINGS_FILM_MAX_MB``; each new
  cut (after a return) keeps what the episodes were, so that reviewers see what changed.
- A reviewer of the body at the stage the case is at opens a viewing session, valid
  ``FILINGS_VIEWING_SESSION_MINUTES``; the film streams only within it, only to them. Opening
  it and every stream request are audited.
- A member of the producing enterprises (the lead producer, a co-producer, the filer) is
  excluded from the review, with the reason shown.
- Comments are blind: a reviewer sees the others' comments of the current stage and round only
  once they have given their own, or once the case has moved on.
"""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit, uploads
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.services import locked
from cloudpark.filings import reference, regime, selectors
from cloudpark.filings.models import FilmCut, TimedComment, ViewingSession
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.enums import Capability
from cloudpark.reviews.enums import CaseState

CUT_ATTACHED = audit.register("filings.cut.attached", _("Cut of the finished film attached"))
VIEWING_OPENED = audit.register("filings.viewing.opened", _("Viewing session opened"))
VIEWING_STREAMED = audit.register("filings.viewing.streamed", _("Film streamed to a reviewer"))
VIEWING_REFUSED = audit.register("filings.viewing.refused", _("Film refused after its session"))
COMMENT_GIVEN = audit.register("filings.comment.given", _("Time-coded comment given"))

HASH_CHUNK = 1024 * 1024


class ViewingExpired(DomainError):
    default_message = _("The viewing session has ended. Open a new one to watch again.")


def film_max_bytes():
    return settings.FILINGS_FILM_MAX_MB * uploads.MEGABYTE


def material_max_bytes():
    return settings.FILINGS_MATERIAL_MAX_MB * uploads.MEGABYTE


def _sha256(uploaded):
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks(HASH_CHUNK):
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


def _check_member(release, actor):
    enterprise = release.planning.project.enterprise
    if not org_selectors.has_capability(actor, enterprise, Capability.MANAGE_PROFILE):
        raise DomainError(_t("Only the enterprise's administrators attach the finished film."))


@transaction.atomic
def attach_cut(release, *, actor, uploaded, duration):
    """A new cut of the finished film, while the release filing is a draft or returned."""
    release = locked(release, select_related=("planning__project__enterprise",))
    _check_member(release, actor)
    if not release.is_editable:
        raise TransitionNotAllowed(
            _t("A cut is attached while the release filing is being prepared or revised.")
        )
    seconds = regime.parse_timecode(duration)
    if not seconds:
        raise DomainError(
            _t("Give the film's duration as hh:mm:ss, mm:ss or seconds."), field="duration"
        )
    file_type = uploads.check_document(
        uploaded, types=uploads.VIDEO_TYPES, max_bytes=film_max_bytes()
    )
    previous = selectors.latest_cut(release)
    cut = FilmCut.objects.create(
        release=release,
        number=(previous.number + 1) if previous else 1,
        file=uploaded,
        original_name=uploaded.name[:200],
        size=uploaded.size,
        sha256=_sha256(uploaded),
        content_type=file_type.content_type,
        duration_seconds=seconds,
        episodes=release.episodes,
        episode_synopses=list(release.episode_synopses or []),
        uploaded_by=actor,
    )
    audit.log_action(
        release, CUT_ATTACHED, actor=actor, data={"cut": cut.number, "sha256": cut.sha256}
    )
    return cut


# Who may watch --------------------------------------------------------------------------------


def exclusion_of(user, release):
    """Why ``user`` may not review ``release`` (a member of a producing enterprise), or ""."""
    producers = {
        producer.enterprise_id: producer.is_lead for producer in release.planning.producers.all()
    }
    filer_id = release.planning.project.enterprise_id
    for membership in org_selectors.memberships_of(user):
        organization_id = membership.organization_id
        if organization_id in producers or organization_id == filer_id:
            if producers.get(organization_id):
                role = _t("the lead producer")
            elif organization_id in producers:
                role = _t("a co-producer")
            else:
                role = _t("the filer")
            return _t(
                "You are a member of %(enterprise)s, %(role)s of this work: you are excluded "
                "from its review."
            ) % {"enterprise": membership.organization, "role": role}
    return ""


def reviews_now(user, release, organization):
    """Is ``user`` a reviewer (or the chief) of ``organization``, which the case sits with?"""
    case = release.review_case
    return (
        case is not None
        and organization is not None
        and case.state == CaseState.IN_REVIEW
        and case.reviewing_organization_id == organization.pk
        and any(
            org_selectors.has_capability(user, organization, capability)
            for capability in (Capability.REVIEW, Capability.DECIDE)
        )
    )


def _check_reviewer(user, release, organization):
    reason = exclusion_of(user, release)
    if reason:
        raise DomainError(reason)
    if not reviews_now(user, release, organization):
        raise DomainError(
            _t("Only the reviewers of the body the filing is with may do this, while it is.")
        )


# Viewing sessions -----------------------------------------------------------------------------


def session_length():
    return timedelta(minutes=settings.FILINGS_VIEWING_SESSION_MINUTES)


@transaction.atomic
def open_viewing_session(release, *, viewer, organization, now=None):
    """A session on the newest cut, valid for ``session_length()``."""
    release = locked(release, select_related=("planning__project__enterprise", "review_case"))
    _check_reviewer(viewer, release, organization)
    cut = selectors.latest_cut(release)
    if cut is None:
        raise DomainError(_t("The enterprise has not attached the finished film yet."))
    now = now or timezone.now()
    session = ViewingSession.objects.create(
        release=release,
        cut=cut,
        viewer=viewer,
        organization=organization,
        opened_at=now,
        expires_at=now + session_length(),
    )
    audit.log_action(
        release,
        VIEWING_OPENED,
        actor=viewer,
        data={"session": session.pk, "cut": cut.number, "until": session.expires_at},
    )
    return session


def stream_session(session, *, viewer, byte_range="", now=None):
    """The cut ``session`` lets ``viewer`` watch now, with the request audited; a
    ``ViewingExpired`` (audited too) once the session is over."""
    now = now or timezone.now()
    if session.viewer_id != viewer.pk:
        raise DomainError(_t("This viewing session is another reviewer's."))
    if session.expires_at <= now:
        audit.log_action(
            session.release, VIEWING_REFUSED, actor=viewer, data={"session": session.pk}
        )
        raise ViewingExpired()
    audit.log_action(
        session.release,
        VIEWING_STREAMED,
        actor=viewer,
        data={"session": session.pk, "cut": session.cut.number, "range": byte_range[:60]},
    )
    return session.cut


# Comments -------------------------------------------------------------------------------------


def _seconds(value, field):
    seconds = regime.parse_timecode(value)
    if seconds is None:
        raise DomainError(_t("Give a time as hh:mm:ss, mm:ss or seconds."), field=field)
    return seconds


@transaction.atomic
def add_timed_comment(release, *, author, organization, start, end, category, text):
    release = locked(release, select_related=("planning__project__enterprise", "review_case"))
    _check_reviewer(author, release, organization)
    cut = selectors.latest_cut(release)
    if cut is None:
        raise DomainError(_t("The enterprise has not attached the finished film yet."))
    start_seconds = _seconds(start, "start")
    end_seconds = _seconds(end, "end") if str(end or "").strip() else start_seconds
    if end_seconds < start_seconds:
        raise DomainError(_t("The range ends before it starts."), field="end")
    if end_seconds > cut.duration_seconds:
        raise DomainError(
            _t("The film is only %(length)s long.")
            % {"length": regime.timecode(cut.duration_seconds)},
            field="end",
        )
    if category not in reference.PROHIBITED_CONTENT:
        raise DomainError(_t("Choose a clause of the checklist."), field="category")
    text = (text or "").strip()
    if not text:
        raise DomainError(_t("Say what you saw."), field="text")
    case = release.review_case
    comment = TimedComment.objects.create(
        release=release,
        cut=cut,
        author=author,
        organization=organization,
        stage_key=case.stage_key,
        round=case.round,
        start_seconds=start_seconds,
        end_seconds=end_seconds,
        category=category,
        text=text,
    )
    audit.log_action(
        release,
        COMMENT_GIVEN,
        actor=author,
        data={"comment": comment.pk, "from": start_seconds, "to": end_seconds},
    )
    return comment


@dataclass(frozen=True)
class Comments:
    """What a reviewer sees of the comments: ``shown`` (each marked ``from_previous_cut``),
    and how many others stay hidden until they give their own."""

    shown: list
    hidden: int


def comments_for(user, release):
    comments = list(selectors.timed_comments_of(release))
    case = release.review_case
    current = (
        (case.stage_key, case.round)
        if case is not None and case.state == CaseState.IN_REVIEW
        else None
    )
    gave_own = any(
        comment.author_id == user.pk and (comment.stage_key, comment.round) == current
        for comment in comments
    )
    latest = selectors.latest_cut(release)
    shown = []
    for comment in comments:
        if (
            current is None
            or gave_own
            or comment.author_id == user.pk
            or (comment.stage_key, comment.round) != current
        ):
            comment.from_previous_cut = latest is not None and comment.cut_id != latest.pk
            shown.append(comment)
    return Comments(shown=shown, hidden=len(comments) - len(shown))


# What changed since the last cut --------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    label: object
    before: object
    after: object


def cut_changes(release):
    """``(previous cut, newest cut, [Change])`` between the two newest cuts, or None while
    there is at most one."""
    cuts = list(selectors.cuts_of(release)[:2])
    if len(cuts) < 2:
        return None
    newest, previous = cuts
    changes = []
    if newest.duration_seconds != previous.duration_seconds:
        changes.append(
            Change(
                _("Duration"),
                regime.timecode(previous.duration_seconds),
                regime.timecode(newest.duration_seconds),
            )
        )
    if newest.size != previous.size:
        changes.append(Change(_("File size (bytes)"), previous.size, newest.size))
    if newest.sha256 != previous.sha256:
        changes.append(Change(_("SHA-256"), previous.sha256[:16], newest.sha256[:16]))
    if newest.episodes != previous.episodes:
        changes.append(Change(_("Episodes"), previous.episodes, newest.episodes))
    before, after = previous.episode_synopses or [], newest.episode_synopses or []
    for index in range(max(len(before), len(after))):
        old = before[index] if index < len(before) else ""
        new = after[index] if index < len(after) else ""
        if old != new:
            changes.append(
                Change(_("Synopsis of episode %(number)d") % {"number": index + 1}, old, new)
            )
    return previous, newest, changes
