"""The screening room over the API: the same services, exclusions and blind comments."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cloudpark.filings.models import TimedComment, ViewingSession
from cloudpark.orgs import enums as org_enums
from tests.factories.filings import filing_world, release_with_cut
from tests.factories.orgs import GovernmentBodyFactory, MembershipFactory
from tests.factories.programs import admin_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def world():
    return filing_world()


def url(action, release):
    return reverse(f"api:government-filing-screening-{action}", args=[release.pk])


def comment(api, release, **values):
    body = {"start": "00:01:00", "end": "00:01:30", "category": "order", "text": "斗殴镜头。"}
    return api.post(url("comment", release), {**body, **values}, format="json")


def test_a_reviewer_opens_a_session_and_streams_the_film(api, world):
    release = release_with_cut(world)
    api.force_authenticate(admin_of(world.bureau, role=org_enums.Role.REVIEWER))

    room = api.get(url("detail", release))
    opened = api.post(url("session", release))

    assert room.status_code == 200
    assert (room.data["may_review"], room.data["excluded"], room.data["cut"]["number"]) == (
        True,
        "",
        1,
    )
    assert opened.status_code == 201
    assert opened.data["film"] == reverse(
        "government:screening_film", args=[ViewingSession.objects.get().pk]
    )


def test_comments_are_blind_over_the_api_too(api, world):
    release = release_with_cut(world)
    first = admin_of(world.bureau, role=org_enums.Role.REVIEWER)
    second = MembershipFactory(organization=world.bureau, role=org_enums.Role.REVIEWER).user
    api.force_authenticate(first)
    assert comment(api, release).status_code == 201

    api.force_authenticate(second)
    before = api.get(url("comments", release))
    assert comment(api, release, start="120", end="").status_code == 201
    after = api.get(url("comments", release))

    assert (before.data["comments"], before.data["hidden"]) == ([], 1)
    assert [row["start"] for row in after.data["comments"]] == ["00:01:00", "00:02:00"]


def test_a_bad_comment_is_a_400_and_nothing_is_kept(api, world):
    release = release_with_cut(world)
    api.force_authenticate(world.chief)

    response = comment(api, release, start="00:40:00", end="")

    assert response.status_code == 400
    assert not TimedComment.objects.exists()


def test_a_member_of_the_producer_is_refused_a_session_with_the_reason(api, world):
    release = release_with_cut(world)
    reviewer = admin_of(world.bureau, role=org_enums.Role.REVIEWER)
    MembershipFactory(user=reviewer, organization=world.enterprise)
    api.force_authenticate(reviewer)

    room = api.get(url("detail", release))
    refused = api.post(url("session", release))

    assert "lead producer" in room.data["excluded"]
    assert refused.status_code == 400
    assert not ViewingSession.objects.exists()


def test_another_body_finds_no_screening_room(api, world):
    release = release_with_cut(world)
    api.force_authenticate(admin_of(GovernmentBodyFactory()))

    assert api.get(url("detail", release)).status_code == 404
    assert api.post(url("session", release)).status_code == 404
