"""The job pages as people use them: the public list and its search, the posting page with its
JSON-LD, bad input refused at the field, the POST-only steps, and the Excel export."""

import json
import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cloudpark.jobs import services
from cloudpark.jobs.enums import ApplicationState, PostingState
from cloudpark.jobs.models import Application, Follow, JobPosting, Profile
from cloudpark.orgs import enums as org_enums
from tests.factories import EnterpriseFactory, MembershipFactory, UserFactory
from tests.factories.jobs import (
    HANGZHOU,
    ApplicationFactory,
    JobPostingFactory,
    ProfileExperienceFactory,
    ProfileFactory,
    published_posting,
    region,
)
from tests.factories.programs import admin_of
from tests.helpers import changed_models, stored_state

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title": "剪辑师",
        "category": "editing",
        "nature": "full_time",
        "headcount": "1",
        "salary_min": "8",
        "salary_max": "13",
        "salary_months": "14",
        "experience": "3-5",
        "education": "bachelor",
        "city": str(region(HANGZHOU).pk),
        "district": "",
        "skills": "达芬奇, Premiere",
        "description": "负责剧集剪辑。",
        "conditions": "",
        "benefits": "",
        "valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
    }
    data.update(overrides)
    return data


# The public list and page ------------------------------------------------------------------


def test_the_public_list_finds_a_job_by_a_two_character_search(client):
    wanted = published_posting(title="网络剧剪辑师")
    published_posting(
        title="动画设计师", category="animation", skills=[], description="动画。", conditions=""
    )

    response = client.get(reverse("public:job_list"), {"q": "剪辑"})

    assert [posting.pk for posting in response.context["rows"]] == [wanted.pk]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "animation"}, ["动画设计师"]),
        ({"salary_from": "20"}, ["动画设计师"]),
        ({"experience": "3-5"}, ["剪辑师"]),
        ({"nature": "internship"}, ["动画设计师"]),
    ],
)
def test_the_public_list_filters(client, query, expected):
    published_posting()
    published_posting(
        title="动画设计师",
        category="animation",
        salary_min=15,
        salary_max=25,
        experience="any",
        nature="internship",
    )

    response = client.get(reverse("public:job_list"), query)

    assert [posting.title for posting in response.context["rows"]] == expected


def test_an_expired_posting_is_not_listed_and_its_page_is_gone(client):
    posting = published_posting()
    JobPosting.objects.filter(pk=posting.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )

    listed = client.get(reverse("public:job_list")).context["rows"]
    page = client.get(reverse("public:job_detail", args=[posting.pk]))

    assert (list(listed), page.status_code) == ([], 404)


def test_the_posting_page_carries_its_job_posting_data_as_a_data_block(client):
    posting = published_posting(title="剪辑师</script><script>alert(1)</script>")

    response = client.get(reverse("public:job_detail", args=[posting.pk]))

    html = response.content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert (data["@type"], data["title"], data["baseSalary"]["value"]["maxValue"]) == (
        "JobPosting",
        posting.title,
        13000,
    )
    assert "<script>alert" not in html
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


# Enterprise --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"salary_min": ""}, "salary_min", "lowest monthly salary"),
        ({"valid_until": ""}, "valid_until", "valid"),
        ({"salary_min": "20", "salary_max": "10"}, "salary_min", "cannot exceed"),
        ({"conditions": "限女性，未婚"}, "conditions", "“限女”"),
    ],
)
def test_a_bad_posting_is_refused_at_the_field_and_nothing_is_written(
    client, overrides, field, words
):
    enterprise = EnterpriseFactory()
    client.force_login(admin_of(enterprise))
    before = stored_state()

    response = client.post(reverse("enterprise:job_posting_create"), form_data(**overrides))

    errors = response.context["form"].errors
    assert (response.status_code, list(errors), words in " ".join(errors[field])) == (
        200,
        [field],
        True,
    )
    assert changed_models(before, stored_state()) == []


def test_an_enterprise_posts_and_publishes_a_job(client):
    enterprise = EnterpriseFactory()
    client.force_login(admin_of(enterprise))

    response = client.post(reverse("enterprise:job_posting_create"), form_data())
    posting = JobPosting.objects.get()
    client.post(reverse("enterprise:job_posting_action", args=[posting.pk, "publish"]))

    posting.refresh_from_db()
    assert (response.status_code, posting.state, posting.skills) == (
        302,
        PostingState.PUBLISHED,
        ["达芬奇", "Premiere"],
    )


def test_enterprise_staff_cannot_publish_by_post(client):
    posting = JobPostingFactory()
    staff = MembershipFactory(organization=posting.enterprise, role=org_enums.Role.STAFF).user
    client.force_login(staff)
    before = stored_state()

    response = client.post(reverse("enterprise:job_posting_action", args=[posting.pk, "publish"]))

    assert (response.status_code, changed_models(before, stored_state())) == (403, [])


def test_another_enterprises_posting_cannot_be_closed(client):
    posting = published_posting()
    client.force_login(admin_of(EnterpriseFactory()))

    response = client.post(reverse("enterprise:job_posting_action", args=[posting.pk, "close"]))

    posting.refresh_from_db()
    assert (response.status_code, posting.state) == (404, PostingState.PUBLISHED)


def test_the_enterprise_sees_a_masked_candidate_with_the_reasons_and_it_is_marked_viewed(client):
    application = ApplicationFactory()
    client.force_login(admin_of(application.posting.enterprise))

    response = client.get(reverse("enterprise:job_application_detail", args=[application.pk]))

    application.refresh_from_db()
    html = response.content.decode()
    assert (application.state, "139****5678" in html, "13912345678" in html) == (
        ApplicationState.VIEWED,
        True,
        False,
    )
    assert response.context["reasons"][:2] == ["Editing", "3-5 years"]


def test_the_contact_shows_once_the_interview_is_accepted_and_every_showing_is_audited(client):
    application = ApplicationFactory()
    employer = admin_of(application.posting.enterprise)
    client.force_login(employer)
    client.post(
        reverse("enterprise:job_application_move", args=[application.pk]),
        {"target": "interview", "note": "周三下午三点"},
    )
    services.accept_interview(application, actor=application.applicant)

    first = client.get(reverse("enterprise:job_application_detail", args=[application.pk]))
    client.get(reverse("enterprise:job_application_detail", args=[application.pk]))

    reveals = services.audit.history_of(application).filter(
        action="jobs.application.contact_revealed"
    )
    assert ("13912345678" in first.content.decode(), reveals.count()) == (True, 2)


def test_the_applications_export_masks_the_contact_until_the_interview_is_accepted(client):
    masked = ApplicationFactory()
    revealed = ApplicationFactory(posting=masked.posting)
    employer = admin_of(masked.posting.enterprise)
    services.move_application(revealed, ApplicationState.INTERVIEW, actor=employer, note="周三")
    services.accept_interview(revealed, actor=revealed.applicant)
    client.force_login(employer)

    response = client.get(reverse("enterprise:job_application_list"), {"format": "xlsx"})

    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert sorted(row[2] for row in rows) == ["139****5678", "13912345678"]
    assert {(row[6], row[7]) for row in rows} == {("3-5 years", "Bachelor's degree")}


# Park --------------------------------------------------------------------------------------


def test_a_park_switches_review_on_and_returns_a_posting_from_its_review_room(client, park):
    enterprise = EnterpriseFactory(park=park)
    client.force_login(admin_of(park))
    client.post(reverse("park:job_settings"), {"review_postings": "on", "review_stages": "1"})
    posting = JobPostingFactory(enterprise=enterprise, published=True)
    case = posting.review_case

    queue = client.get(reverse("park:review_list"))
    detail = client.get(reverse("park:job_posting_detail", args=[posting.pk]))
    response = client.post(
        reverse("park:review_detail", args=[case.pk]),
        {
            "stage_key": "park_review",
            "round": "1",
            "decision": "return",
            "confirmed": "1",
            "comment": "请补充工作地点。",
        },
    )
    client.force_login(admin_of(enterprise))
    shown = client.get(reverse("enterprise:job_posting_detail", args=[posting.pk]))

    posting.refresh_from_db()
    assert reverse("park:review_detail", args=[case.pk]) in queue.content.decode()
    assert detail.context["may_review"] is True
    assert (response.status_code, posting.state) == (302, PostingState.RETURNED)
    assert "请补充工作地点。" in shown.content.decode()
    assert [d.comment for d in shown.context["decisions"]] == ["请补充工作地点。"]


def test_a_park_chooses_two_stages_of_review(client, park):
    client.force_login(admin_of(park))

    response = client.post(
        reverse("park:job_settings"), {"review_postings": "on", "review_stages": "2"}
    )

    assert (response.status_code, services.park_review_stages(park)) == (302, 2)


def test_talent_figures_show_counts_for_the_government(client, park, government):
    posting = published_posting(EnterpriseFactory(park=park))
    ApplicationFactory(posting=posting)
    client.force_login(admin_of(government))

    response = client.get(reverse("government:talent_figures"))

    assert [(row["label"], row["applications"]) for row in response.context["rows"]] == [
        ("Editing", 1)
    ]


# Individual --------------------------------------------------------------------------------


def test_a_person_fills_a_resume(client):
    person = UserFactory()
    client.force_login(person)

    client.post(
        reverse("individual:job_resume"),
        {
            "headline": "剪辑师",
            "city": str(region(HANGZHOU).pk),
            "categories": ["editing"],
            "experience": "3-5",
            "education": "bachelor",
            "skills": "达芬奇，调色",
            "visibility": "open",
            "automated_ranking": "on",
        },
    )
    client.post(
        reverse("individual:job_resume_row_add", args=["experience"]),
        {"employer": "之江影视", "role": "剪辑师", "start_year": "2019"},
    )

    profile = Profile.objects.get(user=person)
    assert (profile.skills, profile.experience_rows.get().employer) == (
        ["达芬奇", "调色"],
        "之江影视",
    )


def test_applying_without_consent_is_refused_at_the_field(client):
    posting = published_posting()
    person = ProfileFactory().user
    client.force_login(person)
    before = stored_state()

    response = client.post(reverse("individual:job_apply", args=[posting.pk]), {})

    assert (list(response.context["form"].errors), changed_models(before, stored_state())) == (
        ["consent"],
        [],
    )


def test_applying_with_consent_and_accepting_the_offer(client):
    posting = published_posting()
    person = ProfileFactory().user
    client.force_login(person)

    client.post(reverse("individual:job_apply", args=[posting.pk]), {"consent": "on"})
    application = Application.objects.get()
    employer = admin_of(posting.enterprise)
    services.move_application(application, ApplicationState.INTERVIEW, actor=employer, note="周三")
    client.post(
        reverse("individual:job_application_action", args=[application.pk, "accept-interview"])
    )
    services.move_application(application, ApplicationState.OFFER, actor=employer)
    client.post(reverse("individual:job_application_action", args=[application.pk, "accept-offer"]))

    application.refresh_from_db()
    assert (application.state, application.interview_accepted_at is not None) == (
        ApplicationState.HIRED,
        True,
    )


def test_another_persons_application_cannot_be_withdrawn(client):
    application = ApplicationFactory()
    client.force_login(ProfileFactory().user)

    response = client.post(
        reverse("individual:job_application_action", args=[application.pk, "withdraw"])
    )

    application.refresh_from_db()
    assert (response.status_code, application.state) == (404, ApplicationState.APPLIED)


def test_the_countdown_shows_once_the_posting_is_closed(client, settings):
    settings.JOB_RESUME_RETENTION_DAYS = 180
    application = ApplicationFactory()
    services.close_posting(application.posting, actor=admin_of(application.posting.enterprise))
    client.force_login(application.applicant)

    response = client.get(reverse("individual:job_application_list"))

    assert "180 days" in response.content.decode()


def test_the_resume_is_exported_and_deleted(client):
    profile = ProfileFactory()
    client.force_login(profile.user)

    exported = client.get(reverse("individual:job_resume_export"))
    client.post(reverse("individual:job_resume_delete"))

    assert (json.loads(exported.content)["resume"]["headline"], Profile.objects.count()) == (
        "剧集剪辑师",
        0,
    )


def test_a_resume_row_is_removed_only_by_its_owner(client):
    row = ProfileExperienceFactory()
    client.force_login(ProfileFactory().user)

    response = client.post(reverse("individual:job_resume_row_remove", args=["experience", row.pk]))
    client.force_login(row.profile.user)
    client.post(reverse("individual:job_resume_row_remove", args=["experience", row.pk]))

    assert (response.status_code, row.profile.experience_rows.count()) == (404, 0)


def test_following_switching_notifications_off_and_unfollowing(client):
    enterprise = EnterpriseFactory()
    person = UserFactory()
    client.force_login(person)

    client.post(
        reverse("individual:follow", args=["organization", enterprise.pk]), {"notify": "on"}
    )
    follow = Follow.objects.get()
    client.post(reverse("individual:follow_change", args=[follow.pk]), {"action": "quiet"})
    quiet = Follow.objects.get().notify
    client.post(reverse("individual:follow_change", args=[follow.pk]), {"action": "unfollow"})

    assert (quiet, Follow.objects.count()) == (False, 0)


def test_someone_elses_follow_cannot_be_changed(client):
    follow = services.follow(UserFactory(), EnterpriseFactory())
    client.force_login(UserFactory())

    response = client.post(
        reverse("individual:follow_change", args=[follow.pk]), {"action": "unfollow"}
    )

    assert (response.status_code, Follow.objects.count()) == (404, 1)


def test_suggested_jobs_show_their_reasons(client):
    published_posting()
    client.force_login(ProfileFactory().user)

    response = client.get(reverse("individual:job_suggestions"))

    assert "Matched: Editing, 3-5 years" in response.content.decode()


def test_the_feed_shows_a_followed_enterprises_job(client):
    posting = published_posting()
    person = UserFactory()
    services.follow(person, posting.enterprise)
    client.force_login(person)

    response = client.get(reverse("individual:job_feed"))

    assert [item.pk for _when, kind, item in response.context["feed"]] == [posting.pk]


def test_the_home_pages_show_new_applications_and_postings_awaiting_review(client, park):
    """The park's home lists the posting with every other case awaiting its review."""
    services.set_park_review(park, actor=admin_of(park), required=True)
    enterprise = EnterpriseFactory(park=park)
    awaiting = JobPostingFactory(enterprise=enterprise, published=True, title="视效合成师")
    posting = published_posting(title="剪辑师")
    application = ApplicationFactory(posting=posting)

    client.force_login(admin_of(park))
    park_home = client.get(reverse("park:home")).content.decode()
    client.force_login(admin_of(posting.enterprise))
    enterprise_home = client.get(reverse("enterprise:home")).content.decode()

    assert reverse("park:review_detail", args=[awaiting.review_case_id]) in park_home
    assert reverse("enterprise:job_application_detail", args=[application.pk]) in enterprise_home


def test_odd_filters_on_the_job_list_are_invalid_choices_not_errors(client):
    published_posting()

    response = client.get(
        reverse("public:job_list"),
        {"city": "99999999999999999999", "salary_from": "很多", "park": "x"},
    )

    assert response.status_code == 200
    assert sorted(response.context["filter_form"].errors) == ["city", "park", "salary_from"]
