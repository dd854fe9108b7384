"""The screening room's pages: the player with its watermark, the time-boxed stream in byte
ranges, comments, exclusion, and the enterprise's pages that attach the film and materials."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from cloudpark.core import audit
from cloudpark.filings import screening
from cloudpark.filings.models import FilingMaterial, FilmCut, TimedComment, ViewingSession
from cloudpark.orgs import enums as org_enums
from tests.factories.filings import filing_world, release_with_cut, webm
from tests.factories.orgs import GovernmentBodyFactory, MembershipFactory
from tests.factories.programs import admin_of, pdf_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def world():
    return filing_world()


@pytest.fixture
def reviewer(world):
    return admin_of(world.bureau, role=org_enums.Role.REVIEWER)


def room(release):
    return reverse("government:release_screening", args=[release.pk])


def open_session(client, release):
    return client.post(reverse("government:release_screening_open", args=[release.pk]))


def test_a_reviewer_opens_a_session_and_sees_the_film_under_a_watermark(client, world, reviewer):
    release = release_with_cut(world)
    client.force_login(reviewer)

    before = client.get(room(release))
    response = open_session(client, release)
    page = client.get(room(release))

    assert 'id="open-session"' in before.content.decode()
    assert response.status_code == 302
    session = ViewingSession.objects.get(viewer=reviewer)
    html = page.content.decode()
    assert reverse("government:screening_film", args=[session.pk]) in html
    assert 'id="watermark"' in html
    assert "cloudpark/js/screening.js" in html
    assert "<script>" not in html
    mark = json.loads(
        html.split('id="watermark-data" type="application/json">')[1].split("</script>")[0]
    )
    assert mark["organization"] == str(world.bureau)
    assert mark["name"] == (reviewer.name or reviewer.email)


def test_the_film_streams_in_byte_ranges_and_every_request_is_audited(client, world, reviewer):
    release = release_with_cut(world)
    client.force_login(reviewer)
    open_session(client, release)
    film = reverse("government:screening_film", args=[ViewingSession.objects.get().pk])

    whole = client.get(film)
    part = client.get(film, headers={"Range": "bytes=0-3"})
    tail = client.get(film, headers={"Range": "bytes=-4"})
    past = client.get(film, headers={"Range": "bytes=100-"})

    assert (whole.status_code, whole["Accept-Ranges"], whole["Content-Type"]) == (
        200,
        "bytes",
        "video/webm",
    )
    assert b"".join(whole.streaming_content) == b"\x1a\x45\xdf\xa3film"
    assert (part.status_code, part["Content-Range"]) == (206, "bytes 0-3/8")
    assert b"".join(part.streaming_content) == b"\x1a\x45\xdf\xa3"
    assert b"".join(tail.streaming_content) == b"film"
    assert (past.status_code, past["Content-Range"]) == (416, "bytes */8")
    actions = [entry.action for entry in audit.history_of(release)]
    assert actions.count("filings.viewing.opened") == 1
    assert actions.count("filings.viewing.streamed") == 4


def test_after_the_session_the_stream_is_gone_and_the_page_says_so(client, world, reviewer):
    release = release_with_cut(world)
    client.force_login(reviewer)
    open_session(client, release)
    session = ViewingSession.objects.get()
    ViewingSession.objects.filter(pk=session.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    stream = client.get(reverse("government:screening_film", args=[session.pk]))
    page = client.get(room(release))

    assert stream.status_code == 410
    html = page.content.decode()
    assert 'id="session-ended"' in html
    assert 'id="film"' not in html


def test_a_session_streams_to_nobody_else(client, world, reviewer):
    release = release_with_cut(world)
    session = screening.open_viewing_session(release, viewer=reviewer, organization=world.bureau)
    client.force_login(world.chief)

    response = client.get(reverse("government:screening_film", args=[session.pk]))

    assert response.status_code == 404


def test_another_body_finds_no_screening_room(client, world):
    release = release_with_cut(world)
    other = GovernmentBodyFactory()
    client.force_login(admin_of(other))

    assert client.get(room(release)).status_code == 404
    assert open_session(client, release).status_code == 404
    assert not ViewingSession.objects.exists()


def test_a_member_of_the_producer_is_shown_the_exclusion_and_cannot_watch(client, world, reviewer):
    release = release_with_cut(world)
    MembershipFactory(user=reviewer, organization=world.enterprise)
    client.force_login(reviewer)

    page = client.get(room(release))
    refused = open_session(client, release)

    html = page.content.decode()
    assert 'id="excluded"' in html
    assert "lead producer" in html
    assert 'id="open-session"' not in html
    assert refused.status_code == 200
    assert "excluded" in refused.content.decode()
    assert not ViewingSession.objects.exists()


def test_staff_of_the_bureau_follow_but_do_not_watch(client, world):
    release = release_with_cut(world)
    client.force_login(admin_of(world.bureau, role=org_enums.Role.STAFF))

    page = client.get(room(release))

    assert page.status_code == 200
    assert 'id="open-session"' not in page.content.decode()
    assert open_session(client, release).status_code == 403


def test_a_comment_is_given_at_a_time_code_and_shown_with_a_seek_link(client, world, reviewer):
    release = release_with_cut(world)
    client.force_login(reviewer)

    response = client.post(
        room(release),
        {"start": "00:03:05", "end": "3:20", "category": "minors", "text": "未成年人吸烟镜头。"},
    )
    page = client.get(room(release))

    assert response.status_code == 302
    comment = TimedComment.objects.get()
    assert (comment.start_seconds, comment.end_seconds) == (185, 200)
    html = page.content.decode()
    assert 'data-seconds="185"' in html
    assert "00:03:05–00:03:20" in html


def test_a_bad_comment_is_shown_at_its_field(client, world, reviewer):
    release = release_with_cut(world)
    client.force_login(reviewer)

    response = client.post(
        room(release), {"start": "00:30:00", "end": "", "category": "minors", "text": "太长"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["end"]
    assert not TimedComment.objects.exists()


def test_other_reviewers_comments_are_hidden_until_one_gives_ones_own(client, world, reviewer):
    release = release_with_cut(world)
    screening.add_timed_comment(
        release,
        author=world.chief,
        organization=world.bureau,
        start="10",
        end="",
        category="order",
        text="主任的意见",
    )
    client.force_login(reviewer)

    page = client.get(room(release)).content.decode()

    assert 'id="comments-hidden"' in page
    assert "主任的意见" not in page


def test_the_screening_room_reads_in_a_fixed_number_of_queries(
    client, world, reviewer, django_assert_num_queries
):
    release = release_with_cut(world)
    client.force_login(reviewer)
    open_session(client, release)
    for number in range(3):
        screening.add_timed_comment(
            release,
            author=reviewer,
            organization=world.bureau,
            start=str(number),
            end="",
            category="order",
            text=f"意见{number}",
        )
        # The same count with one comment, two or three. The first page shown reads the
        # person's unread count and later ones find it kept: each is measured with none kept.
        cache.clear()
        with django_assert_num_queries(SCREENING_QUERIES):
            response = client.get(room(release))
        assert len(response.context["comments"].shown) == number + 1


SCREENING_QUERIES = 11


# The enterprise -------------------------------------------------------------------------------


def test_the_enterprise_attaches_the_film_and_a_material_to_its_release(client, world):
    release = release_with_cut(world, submit=False)
    client.force_login(world.filer)

    cut = client.post(
        reverse("enterprise:release_cut", args=[release.pk]),
        {"file": webm("第二版.webm", body=b"second"), "duration": "00:21:00"},
    )
    material = client.post(
        reverse("enterprise:release_material", args=[release.pk]),
        {"name": "演职员表", "file": pdf_file("演职员表.pdf")},
    )
    detail = client.get(reverse("enterprise:release_detail", args=[release.pk]))

    assert (cut.status_code, material.status_code) == (302, 302)
    assert list(release.cuts.values_list("number", "duration_seconds")) == [(2, 1260), (1, 1200)]
    assert FilingMaterial.objects.get(release=release).name == "演职员表"
    html = detail.content.decode()
    assert "第二版.webm" in html
    assert "00:21:00" in html


def test_a_film_that_is_not_a_video_is_refused_at_its_field(client, world):
    release = release_with_cut(world, submit=False)
    client.force_login(world.filer)

    response = client.post(
        reverse("enterprise:release_cut", args=[release.pk]),
        {"file": pdf_file("成片.webm"), "duration": "00:21:00"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert FilmCut.objects.filter(release=release).count() == 1


def test_the_enterprise_downloads_its_own_cut(client, world):
    release = release_with_cut(world, submit=False)
    client.force_login(world.filer)

    response = client.get(reverse("enterprise:filing_cut_download", args=[release.cuts.get().pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x1a\x45\xdf\xa3")
