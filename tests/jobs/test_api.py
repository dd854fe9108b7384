"""The job endpoints apply the same rules as the pages: the public list and its search,
consent on applying, the masked contact and its audited reveal, another organisation's or
person's objects as 404, and refusals as 400 at the field."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cloudpark.core.models import AuditEntry
from cloudpark.jobs import services
from cloudpark.jobs.enums import ApplicationState, PostingState
from cloudpark.jobs.models import Application, Follow, JobPosting
from cloudpark.orgs import enums as org_enums
from tests.factories import EnterpriseFactory, MembershipFactory, UserFactory
from tests.factories.jobs import (
    HANGZHOU,
    ApplicationFactory,
    JobPostingFactory,
    ProfileFactory,
    published_posting,
    region,
)
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient(headers={"accept-language": "en"})


def posting_body(**overrides):
    body = {
        "title": "调色师",
        "category": "cinematography",
        "nature": "full_time",
        "headcount": 1,
        "salary_min": 10,
        "salary_max": 15,
        "salary_months": 13,
        "experience": "1-3",
        "education": "college",
        "city": region(HANGZHOU).pk,
        "description": "负责剧集调色。",
        "valid_until": (timezone.localdate() + timedelta(days=20)).isoformat(),
    }
    body.update(overrides)
    return body


def test_the_public_list_searches_by_two_characters_and_leaves_out_expired_postings(api):
    wanted = published_posting(title="网络剧剪辑师")
    expired = published_posting(title="剪辑助理")
    JobPosting.objects.filter(pk=expired.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )

    found = api.get(reverse("api:job-list"), {"q": "剪辑"}).json()

    assert [(row["id"], row["salary_display"]) for row in found["results"]] == [
        (wanted.pk, "8-13K · 14 months a year")
    ]


def test_an_enterprise_posts_and_publishes_through_the_api(api):
    enterprise = EnterpriseFactory()
    api.force_authenticate(admin_of(enterprise))

    created = api.post(reverse("api:enterprise-job-list"), posting_body(), format="json")
    published = api.post(reverse("api:enterprise-job-publish", args=[created.json()["id"]]))

    assert (created.status_code, published.json()["state"]) == (201, PostingState.PUBLISHED)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"salary_min": None}, "salary_min"),
        ({"valid_until": None}, "valid_until"),
        ({"salary_min": 20, "salary_max": 10}, "salary_min"),
        ({"description": "限男性，本地户口"}, "description"),
    ],
)
def test_a_bad_posting_is_a_400_at_the_field_and_nothing_is_written(api, overrides, field):
    enterprise = EnterpriseFactory()
    api.force_authenticate(admin_of(enterprise))

    response = api.post(
        reverse("api:enterprise-job-list"), posting_body(**overrides), format="json"
    )

    assert (response.status_code, response.json()["field"], JobPosting.objects.count()) == (
        400,
        field,
        0,
    )


def test_enterprise_staff_cannot_post(api):
    enterprise = EnterpriseFactory()
    api.force_authenticate(
        MembershipFactory(organization=enterprise, role=org_enums.Role.STAFF).user
    )

    response = api.post(reverse("api:enterprise-job-list"), posting_body(), format="json")

    assert (response.status_code, JobPosting.objects.count()) == (403, 0)


def test_another_enterprises_posting_is_not_found(api):
    posting = JobPostingFactory()
    api.force_authenticate(admin_of(EnterpriseFactory()))

    response = api.post(reverse("api:enterprise-job-close", args=[posting.pk]))

    assert response.status_code == 404


def test_applying_needs_consent(api):
    posting = published_posting()
    api.force_authenticate(ProfileFactory().user)

    refused = api.post(reverse("api:job-apply", args=[posting.pk]), {"consent": False})
    accepted = api.post(reverse("api:job-apply", args=[posting.pk]), {"consent": True})

    assert (refused.status_code, refused.json()["field"], accepted.status_code) == (
        400,
        "consent",
        201,
    )
    assert Application.objects.count() == 1


def test_the_employer_sees_the_contact_masked_then_revealed_and_audited(api):
    application = ApplicationFactory()
    employer = admin_of(application.posting.enterprise)
    api.force_authenticate(employer)
    url = reverse("api:enterprise-job-application-detail", args=[application.pk])

    masked = api.get(url).json()
    hidden = api.get(reverse("api:enterprise-job-application-contact", args=[application.pk]))
    api.post(
        reverse("api:enterprise-job-application-move", args=[application.pk]),
        {"target": "interview", "note": "周三下午"},
    )
    api.force_authenticate(application.applicant)
    api.post(reverse("api:my-job-application-accept-interview", args=[application.pk]))
    api.force_authenticate(employer)
    shown = api.get(reverse("api:enterprise-job-application-contact", args=[application.pk]))

    assert (masked["candidate"]["mobile"], masked["state"], "mobile" in masked["resume"]) == (
        "139****5678",
        ApplicationState.VIEWED,
        False,
    )
    assert (hidden.status_code, shown.json()["mobile"]) == (400, "13912345678")
    assert AuditEntry.objects.filter(action="jobs.application.contact_revealed").count() == 1


def test_another_persons_application_is_not_found(api):
    application = ApplicationFactory()
    api.force_authenticate(ProfileFactory().user)

    response = api.post(reverse("api:my-job-application-withdraw", args=[application.pk]))

    assert response.status_code == 404


def test_a_person_keeps_exports_and_erases_a_resume(api):
    person = UserFactory(mobile="13700001111")
    api.force_authenticate(person)

    saved = api.put(
        reverse("api:job-profile-mine"),
        {"headline": "动画师", "categories": ["animation"], "skills": ["Maya"]},
        format="json",
    )
    api.post(
        reverse("api:job-profile-experience"),
        {"employer": "之江动画", "role": "动画师", "start_year": 2020},
        format="json",
    )
    exported = api.get(reverse("api:job-profile-export")).json()
    erased = api.post(reverse("api:job-profile-erase"))
    after = api.get(reverse("api:job-profile-mine"))

    assert (saved.json()["headline"], exported["resume"]["experience_rows"][0]["employer"]) == (
        "动画师",
        "之江动画",
    )
    assert (erased.status_code, after.status_code) == (204, 404)


def test_follows_are_kept_and_switched_through_the_api(api):
    enterprise = EnterpriseFactory()
    person = UserFactory()
    api.force_authenticate(person)

    created = api.post(reverse("api:follow-list"), {"organization": enterprise.pk})
    api.patch(reverse("api:follow-detail", args=[created.json()["id"]]), {"notify": False})

    assert (created.status_code, Follow.objects.get().notify) == (201, False)


def test_talent_figures_for_the_park(api, park):
    posting = published_posting(EnterpriseFactory(park=park))
    ApplicationFactory(posting=posting)
    api.force_authenticate(admin_of(park))

    response = api.get(reverse("api:park-talent-figures"))

    assert response.json() == [
        {
            "category": "editing",
            "label": "Editing",
            "postings": 1,
            "applications": 1,
            "hires": 0,
        }
    ]


def test_suggested_candidates_carry_their_reasons(api):
    posting = published_posting()
    ProfileFactory()
    api.force_authenticate(admin_of(posting.enterprise))

    response = api.get(reverse("api:enterprise-job-candidates", args=[posting.pk]))

    assert [row["reasons"][:2] for row in response.json()] == [["Editing", "3-5 years"]]


def test_the_schema_lists_the_job_endpoints(api):
    schema = api.get(reverse("api:schema"), {"format": "json"}).json()

    assert {
        "/api/v1/jobs/",
        "/api/v1/jobs/{id}/apply/",
        "/api/v1/enterprise/jobs/",
        "/api/v1/enterprise/job-applications/{id}/contact/",
        "/api/v1/job-profile/mine/",
        "/api/v1/follows/",
    } <= set(schema["paths"])


def test_the_export_endpoint_returns_a_workbook(api):
    application = ApplicationFactory()
    api.force_authenticate(admin_of(application.posting.enterprise))

    response = api.get(reverse("api:enterprise-job-application-export"))

    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )


def test_an_application_is_closed_to_new_steps_once_withdrawn(api):
    application = ApplicationFactory()
    services.withdraw_application(application, actor=application.applicant)
    api.force_authenticate(admin_of(application.posting.enterprise))

    response = api.post(
        reverse("api:enterprise-job-application-move", args=[application.pk]),
        {"target": "shortlisted"},
    )

    assert response.status_code == 400


def test_following_a_draft_event_is_refused_as_an_unknown_one(api):
    from tests.factories import EventFactory

    draft = EventFactory()
    api.force_authenticate(UserFactory())

    hidden = api.post(reverse("api:follow-list"), {"event": draft.pk})
    unknown = api.post(reverse("api:follow-list"), {"event": 987_654})

    def message(response, pk):
        return response.json()["event"][0].replace(str(pk), "<id>")

    assert (hidden.status_code, message(hidden, draft.pk)) == (
        unknown.status_code,
        message(unknown, 987_654),
    )
    assert Follow.objects.count() == 0


def test_a_park_switches_its_review_on_and_publishes_a_posting_from_its_review_queue(api, park):
    enterprise = EnterpriseFactory(park=park)
    api.force_authenticate(admin_of(park))
    switched = api.put(reverse("api:park-job-review-settings"), {"review_postings": True})
    posting = JobPostingFactory(enterprise=enterprise, published=True)

    listed = api.get(reverse("api:park-job-list")).json()
    queue = api.get(reverse("api:review-case-list"), {"awaiting": "1"}).json()
    case = listed["results"][0]["review_case"]
    decided = api.post(
        reverse("api:review-case-decide", args=[case]),
        {"stage_key": "park_review", "decision": "approve"},
        format="json",
    )
    shown = api.get(reverse("api:park-job-detail", args=[posting.pk])).json()

    assert switched.json() == {"review_postings": True, "review_stages": 1}
    assert [row["state"] for row in listed["results"]] == [PostingState.IN_REVIEW]
    assert [(row["id"], row["flow"]) for row in queue["results"]] == [(case, "jobs.posting")]
    assert (decided.status_code, shown["state"]) == (200, PostingState.PUBLISHED)


def test_a_park_sets_two_stages_of_review(api, park):
    api.force_authenticate(admin_of(park))

    switched = api.put(
        reverse("api:park-job-review-settings"),
        {"review_postings": True, "review_stages": 2},
        format="json",
    )
    refused = api.put(
        reverse("api:park-job-review-settings"),
        {"review_postings": True, "review_stages": 3},
        format="json",
    )

    assert switched.json() == {"review_postings": True, "review_stages": 2}
    assert (refused.status_code, list(refused.json())) == (400, ["review_stages"])


def test_park_staff_cannot_decide_a_postings_review(api, park):
    enterprise = EnterpriseFactory(park=park)
    services.set_park_review(park, actor=admin_of(park), required=True)
    posting = JobPostingFactory(enterprise=enterprise, published=True)
    api.force_authenticate(MembershipFactory(organization=park, role=org_enums.Role.STAFF).user)

    response = api.post(
        reverse("api:review-case-decide", args=[posting.review_case_id]),
        {"stage_key": "park_review", "decision": "return", "comment": "请写明薪资结构。"},
        format="json",
    )

    posting.refresh_from_db()
    assert (response.status_code, posting.state) == (403, PostingState.IN_REVIEW)
