"""The filing endpoints apply the same services and rules as the pages."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cloudpark.filings import enums
from cloudpark.filings.models import PlanningFiling
from tests.factories import MembershipFactory
from tests.factories.filings import (
    approved_planning,
    chinese_text,
    crew,
    draft_planning,
    filing_world,
    licensed_release,
)
from tests.filings.test_pages import filings_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def world():
    return filing_world()


def payload(world, **changes):
    return {
        "title": "《江南老街》",
        "kind": "series",
        "era": "contemporary",
        "subject": "urban",
        "episodes": 2,
        "minutes_per_episode": "45",
        "planned_investment": "200",
        "shoot_starts_on": "2026-03-01",
        "shoot_ends_on": "2026-06-30",
        "synopsis": chinese_text(1500),
        "themes": chinese_text(300),
        "episode_synopses": [chinese_text(500), chinese_text(500)],
        "producers": [
            {
                "enterprise": world.enterprise.pk,
                "licence_number": "（浙）字第01234号",
                "licence_expires_on": "2030-12-31",
            }
        ],
        "people": crew(),
        **changes,
    }


def test_an_enterprise_files_checks_and_submits_through_the_api(api, world):
    api.force_authenticate(world.filer)

    created = api.post(reverse("api:filing-list"), payload(world), format="json")
    pk = created.json()["id"]
    problems = api.get(reverse("api:filing-check", args=[pk]))
    submitted = api.post(reverse("api:filing-submit", args=[pk]))

    assert (created.status_code, created.json()["title"]) == (201, "江南老街")
    assert [problem["field"] for problem in problems.json()] == ["tier"]
    assert (submitted.status_code, submitted.json()["state"]) == (200, "submitted")


def test_bad_input_is_a_400_at_its_field_and_nothing_is_written(api, world):
    api.force_authenticate(world.filer)

    response = api.post(
        reverse("api:filing-list"), payload(world, planned_investment="-1"), format="json"
    )

    assert response.status_code == 400
    assert "planned_investment" in str(response.json())
    assert PlanningFiling.objects.count() == 0


def test_another_enterprises_filing_is_a_404(api, world):
    filing = draft_planning(world)
    api.force_authenticate(MembershipFactory(organization=filing_world().enterprise).user)

    response = api.get(reverse("api:filing-detail", args=[filing.pk]))

    assert response.status_code == 404


def test_staff_may_read_but_not_submit(api, world):
    filing = draft_planning(world)
    staff = MembershipFactory(organization=world.enterprise, role="staff").user
    api.force_authenticate(staff)

    read = api.get(reverse("api:filing-detail", args=[filing.pk]))
    refused = api.post(reverse("api:filing-submit", args=[filing.pk]))

    filing.refresh_from_db()
    assert (read.status_code, refused.status_code, filing.state) == (
        200,
        403,
        enums.PlanningState.DRAFT,
    )


def test_a_release_is_drafted_and_its_drift_is_reported(api, world):
    planning = approved_planning(world)
    api.force_authenticate(world.filer)

    created = api.post(
        reverse("api:filing-release", args=[planning.pk]),
        {
            "actual_investment": "180",
            "actor_fees": "20",
            "title": "江南旧梦",
            "platforms": ["云视频"],
        },
        format="json",
    )
    problems = api.get(reverse("api:filing-release-check", args=[created.json()["id"]]))

    assert created.status_code == 201
    assert [problem["field"] for problem in problems.json()][:1] == ["title"]


def test_a_rename_files_afresh(api, world):
    planning = approved_planning(world)
    api.force_authenticate(world.filer)

    response = api.post(
        reverse("api:filing-rename", args=[planning.pk]), {"title": "江南新街"}, format="json"
    )

    assert (response.status_code, response.json()["supersedes"], response.json()["state"]) == (
        201,
        planning.pk,
        "draft",
    )


def test_the_verify_endpoint_answers_200_then_410(api, world):
    release = licensed_release(world, approved_planning(world))
    url = reverse("api:filing-number-verify")

    valid = api.get(url, {"number": release.licence.number})
    api.force_authenticate(world.chief)
    api.post(
        reverse("api:government-filing-number-revoke", args=[release.licence.pk]),
        {"reason": "违规。"},
        format="json",
    )
    api.force_authenticate(None)
    revoked = api.get(url, {"number": release.licence.number})
    unknown = api.get(url, {"number": "（浙）网剧审字（2020）第404号"})

    assert (valid.status_code, revoked.status_code, unknown.status_code) == (200, 410, 404)
    assert revoked.json()["status"] == "revoked"


def test_the_notice_statistics_count_works_and_episodes(api, world):
    approved_planning(world, title="甲")
    approved_planning(world, title="乙", era="ancient", subject="palace", episodes=2)
    month = timezone.localdate().strftime("%Y-%m")

    response = api.get(reverse("api:filing-archive-statistics"), {"month": month})

    assert response.json() == {
        "series": [
            {"era": "ancient", "subject": "palace", "works": 1, "episodes": 2, "percent": 50.0},
            {"era": "contemporary", "subject": "urban", "works": 1, "episodes": 2, "percent": 50.0},
        ]
    }


def test_the_notice_exports_as_excel(api, world):
    approved_planning(world, planned_investment=Decimal("100"))
    month = timezone.localdate().strftime("%Y-%m")

    response = api.get(reverse("api:filing-archive-notice"), {"month": month})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


API_FILING_LISTS = [
    # (url name, who signs in, expected queries)
    ("api:filing-list", "enterprise", 7),
    ("api:filing-release-list", "enterprise", 3),
    ("api:filing-archive-list", None, 4),
    ("api:government-filing-number-list", "government", 3),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), API_FILING_LISTS)
def test_the_lists_query_count_does_not_grow_with_rows(
    api, django_assert_num_queries, rows, name, who, queries
):
    world = filings_with(rows)
    signed_in = {"enterprise": world.filer, "government": world.chief}.get(who)
    if signed_in is not None:
        api.force_authenticate(signed_in)

    with django_assert_num_queries(queries):
        response = api.get(reverse(name))

    assert response.status_code == 200
    assert response.json()["count"] >= rows


def test_the_schema_lists_the_filing_endpoints(tmp_path):
    schema_file = tmp_path / "schema.yml"

    call_command("spectacular", "--fail-on-warn", "--file", str(schema_file))

    schema = schema_file.read_text()
    assert all(
        path in schema
        for path in (
            "/api/v1/filings/{id}/check/:",
            "/api/v1/filings/{id}/submit/:",
            "/api/v1/filings/{id}/rename/:",
            "/api/v1/filings/{id}/release/:",
            "/api/v1/filing-releases/{id}/submit/:",
            "/api/v1/filing-archive/notice/:",
            "/api/v1/filing-archive/statistics/:",
            "/api/v1/filing-numbers/verify/:",
            "/api/v1/government/filing-numbers/{id}/revoke/:",
        )
    )
