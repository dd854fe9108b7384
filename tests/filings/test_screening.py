"""The screening room of a release filing: cuts, viewing sessions, exclusion, blind
comments, what changed since the last cut, and the audit of every view."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from cloudpark.core import audit
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.filings import screening, services
from cloudpark.filings.models import FilmCut, TimedComment, ViewingSession
from cloudpark.orgs import enums as org_enums
from cloudpark.reviews.enums import Decision
from tests.factories.filings import (
    approved_planning,
    decide,
    filing_world,
    producer,
    release_with_cut,
    webm,
)
from tests.factories.orgs import EnterpriseFactory, MembershipFactory
from tests.factories.programs import admin_of, pdf_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def world():
    return filing_world()


def reviewer_of(body):
    return admin_of(body, role=org_enums.Role.REVIEWER)


def actions_on(release):
    return [entry.action for entry in audit.history_of(release)]


# Cuts ------------------------------------------------------------------------------------------


def test_a_cut_keeps_its_hash_size_duration_and_the_episodes(world):
    release = release_with_cut(world, submit=False, duration="1:02:03")

    cut = release.cuts.get()

    assert (cut.number, cut.duration_seconds, cut.size, len(cut.sha256)) == (1, 3723, 8, 64)
    assert (cut.content_type, cut.episodes) == ("video/webm", release.episodes)
    assert cut.episode_synopses == release.episode_synopses
    assert "filings.cut.attached" in actions_on(release)


@pytest.mark.parametrize(
    ("uploaded", "duration", "field"),
    [
        (lambda: pdf_file("成片.pdf"), "10:00", "file"),
        (lambda: webm("成片.mp4"), "10:00", "file"),
        (lambda: pdf_file("假成片.webm"), "10:00", "file"),
        (webm, "ten minutes", "duration"),
        (webm, "0", "duration"),
        (webm, "10:75", "duration"),
    ],
)
def test_a_bad_cut_is_refused_at_its_field_and_nothing_is_kept(world, uploaded, duration, field):
    release = release_with_cut(world, submit=False)

    with pytest.raises(DomainError) as refused:
        screening.attach_cut(release, actor=world.filer, uploaded=uploaded(), duration=duration)

    assert refused.value.field == field
    assert FilmCut.objects.filter(release=release).count() == 1


def test_a_film_over_the_size_limit_of_the_settings_is_refused(world):
    release = release_with_cut(world, submit=False, duration="1")
    with override_settings(FILINGS_FILM_MAX_MB=0), pytest.raises(DomainError) as refused:
        screening.attach_cut(release, actor=world.filer, uploaded=webm(), duration="10")
    assert "larger than 0 MB" in str(refused.value)
    assert release.cuts.count() == 1


def test_a_cut_is_not_attached_while_the_filing_is_in_review_or_by_a_stranger(world):
    release = release_with_cut(world)

    with pytest.raises(TransitionNotAllowed):
        screening.attach_cut(release, actor=world.filer, uploaded=webm(), duration="10")
    stranger = admin_of(EnterpriseFactory())
    with pytest.raises(DomainError):
        screening.attach_cut(release, actor=stranger, uploaded=webm(), duration="10")
    assert release.cuts.count() == 1


# Sessions --------------------------------------------------------------------------------------


def test_a_reviewer_opens_a_session_valid_for_the_configured_time(world):
    release = release_with_cut(world)
    reviewer = reviewer_of(world.bureau)
    now = timezone.now()

    with override_settings(FILINGS_VIEWING_SESSION_MINUTES=45):
        session = screening.open_viewing_session(
            release, viewer=reviewer, organization=world.bureau, now=now
        )

    assert session.expires_at - session.opened_at == timedelta(minutes=45)
    assert session.cut == release.cuts.get()
    assert "filings.viewing.opened" in actions_on(release)


def test_the_stream_answers_within_the_session_and_refuses_after_it(world):
    release = release_with_cut(world)
    reviewer = reviewer_of(world.bureau)
    session = screening.open_viewing_session(release, viewer=reviewer, organization=world.bureau)

    cut = screening.stream_session(session, viewer=reviewer, byte_range="bytes=0-")
    with pytest.raises(screening.ViewingExpired):
        screening.stream_session(
            session, viewer=reviewer, now=session.expires_at + timedelta(seconds=1)
        )

    assert cut == session.cut
    assert actions_on(release).count("filings.viewing.streamed") == 1
    assert actions_on(release).count("filings.viewing.refused") == 1


def test_a_session_streams_to_its_viewer_only(world):
    release = release_with_cut(world)
    session = screening.open_viewing_session(
        release, viewer=reviewer_of(world.bureau), organization=world.bureau
    )
    with pytest.raises(DomainError):
        screening.stream_session(session, viewer=world.chief)


def test_only_the_body_the_case_is_with_opens_a_session(world):
    release = release_with_cut(world)
    outsider = admin_of(world.administration)
    staff = admin_of(world.bureau, role=org_enums.Role.STAFF)

    for user, body in ((outsider, world.administration), (staff, world.bureau)):
        with pytest.raises(DomainError):
            screening.open_viewing_session(release, viewer=user, organization=body)
    assert not ViewingSession.objects.exists()


def test_no_session_without_a_film(world):
    planning = approved_planning(world)
    release = release_with_cut(world, planning)
    FilmCut.objects.filter(release=release).delete()
    with pytest.raises(DomainError):
        screening.open_viewing_session(
            release, viewer=reviewer_of(world.bureau), organization=world.bureau
        )


# Exclusion -------------------------------------------------------------------------------------


def test_a_member_of_a_co_producer_is_excluded_with_the_reason(world):
    co_producer = EnterpriseFactory(name="云岚影业")
    planning = approved_planning(
        world,
        producers=[producer(world.enterprise, is_lead=True), producer(co_producer)],
    )
    release = release_with_cut(world, planning)
    reviewer = reviewer_of(world.bureau)
    MembershipFactory(user=reviewer, organization=co_producer)

    reason = screening.exclusion_of(reviewer, release)
    with pytest.raises(DomainError) as refused:
        screening.open_viewing_session(release, viewer=reviewer, organization=world.bureau)

    assert str(co_producer) in reason
    assert "co-producer" in reason
    assert str(refused.value) == reason
    assert not ViewingSession.objects.exists()
    assert screening.exclusion_of(reviewer_of(world.bureau), release) == reason
    assert screening.exclusion_of(world.chief, release) == ""


def test_a_member_of_the_lead_producer_is_excluded_too(world):
    release = release_with_cut(world)
    reviewer = reviewer_of(world.bureau)
    MembershipFactory(user=reviewer, organization=world.enterprise)

    assert "lead producer" in screening.exclusion_of(reviewer, release)
    with pytest.raises(DomainError):
        screening.add_timed_comment(
            release,
            author=reviewer,
            organization=world.bureau,
            start="10",
            end="",
            category="order",
            text="...",
        )


# Comments --------------------------------------------------------------------------------------


def comment(release, author, body, start="00:01:00", end="00:01:30", **values):
    return screening.add_timed_comment(
        release,
        author=author,
        organization=body,
        start=start,
        end=end,
        category=values.get("category", "obscenity_violence"),
        text=values.get("text", "打斗镜头过长。"),
    )


def test_a_comment_keeps_its_range_clause_stage_and_round(world):
    release = release_with_cut(world)
    given = comment(release, reviewer_of(world.bureau), world.bureau)

    assert (given.start_seconds, given.end_seconds, given.start_code) == (60, 90, "00:01:00")
    assert (given.stage_key, given.round, given.category) == (
        "provincial_review",
        1,
        "obscenity_violence",
    )
    assert "filings.comment.given" in actions_on(release)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"start": "abc"}, "start"),
        ({"start": "00:02:00", "end": "00:01:00"}, "end"),
        ({"start": "00:10:00", "end": "00:25:00"}, "end"),
        ({"category": "gossip"}, "category"),
        ({"text": "  "}, "text"),
    ],
)
def test_a_bad_comment_is_refused_at_its_field_and_nothing_is_kept(world, values, field):
    release = release_with_cut(world)
    with pytest.raises(DomainError) as refused:
        comment(release, reviewer_of(world.bureau), world.bureau, **values)
    assert refused.value.field == field
    assert not TimedComment.objects.exists()


def test_comments_are_blind_until_the_reviewer_gives_their_own(world):
    release = release_with_cut(world)
    first, second = (
        reviewer_of(world.bureau),
        MembershipFactory(organization=world.bureau, role=org_enums.Role.REVIEWER).user,
    )
    comment(release, first, world.bureau, text="甲的意见")

    before = screening.comments_for(second, release)
    comment(release, second, world.bureau, start="00:02:00", end="", text="乙的意见")
    after = screening.comments_for(second, release)

    assert (before.shown, before.hidden) == ([], 1)
    assert [c.text for c in after.shown] == ["甲的意见", "乙的意见"]
    assert after.hidden == 0
    assert [c.text for c in screening.comments_for(first, release).shown] == [
        "甲的意见",
        "乙的意见",
    ]


def test_comments_are_seen_once_the_case_moves_on(world):
    release = release_with_cut(world)
    comment(release, reviewer_of(world.bureau), world.bureau)

    decide(release, world.chief, Decision.RETURN, comment="请修改第一集")

    release.refresh_from_db()
    assert len(screening.comments_for(world.chief, release).shown) == 1


# A new cut -------------------------------------------------------------------------------------


def test_a_resubmitted_cut_shows_what_changed_and_keeps_the_earlier_comments(world):
    release = release_with_cut(world, duration="00:20:00")
    reviewer = reviewer_of(world.bureau)
    comment(release, reviewer, world.bureau, start="00:05:00", end="00:05:10")
    decide(release, world.chief, Decision.RETURN, comment="请修改")
    release.refresh_from_db()
    synopses = list(release.episode_synopses)
    synopses[1] = synopses[1] + "删去打斗。"
    release = services.update_release_filing(release, actor=world.filer, episode_synopses=synopses)
    screening.attach_cut(
        release, actor=world.filer, uploaded=webm(body=b"film, cut again"), duration="00:19:30"
    )
    services.submit_release_filing(release, actor=world.filer)
    release.refresh_from_db()

    previous, newest, changes = screening.cut_changes(release)
    shown = screening.comments_for(reviewer, release).shown

    assert (previous.number, newest.number) == (1, 2)
    assert [str(change.label) for change in changes] == [
        "Duration",
        "File size (bytes)",
        "SHA-256",
        "Synopsis of episode 2",
    ]
    assert (changes[0].before, changes[0].after) == ("00:20:00", "00:19:30")
    assert [(c.start_code, c.from_previous_cut, c.cut.number) for c in shown] == [
        ("00:05:00", True, 1)
    ]
    assert (
        screening.open_viewing_session(release, viewer=reviewer, organization=world.bureau).cut
        == newest
    )


def test_one_cut_shows_no_changes(world):
    assert screening.cut_changes(release_with_cut(world)) is None
