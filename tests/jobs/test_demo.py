"""The demo's jobs: postings of the base's companies in every state the list shows, résumés,
applications in every state, and a verified credit from the zone's forum."""

from collections import Counter
from datetime import date

import pytest

from cloudpark.accounts.models import User
from cloudpark.core.models import AuditEntry
from cloudpark.jobs import credits, enums, selectors
from cloudpark.jobs.models import Application, JobPosting, Profile
from cloudpark.reviews import selectors as review_selectors
from cloudpark.reviews.models import ReviewCase

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)


def test_the_demo_posts_jobs_in_every_state_the_pages_show(demo):
    states = sorted(JobPosting.objects.values_list("state", flat=True))
    open_titles = sorted(selectors.open_postings().values_list("title", flat=True))
    assert states == sorted(["published"] * 4 + ["in_review", "draft", "closed", "published"])
    assert open_titles == sorted(["剧集剪辑师", "网络剧编剧", "调色师", "声音设计师"])


def test_a_demo_posting_awaits_the_parks_review_in_its_review_queue(demo):
    posting = JobPosting.objects.get(state=enums.PostingState.IN_REVIEW)
    reviewer = User.objects.get(email="park@demo.cloudpark.cn")

    queue = review_selectors.cases_awaiting(reviewer, posting.park)

    assert [
        (case.object_id, case.stage_key) for case in queue if case.flow_key == "jobs.posting"
    ] == [(posting.pk, "park_review")]


def test_the_demo_has_applications_in_every_state(demo):
    states = set(Application.objects.values_list("state", flat=True))

    assert states == set(enums.ApplicationState.values)


def test_the_zone_directors_talk_is_a_verified_credit_on_her_resume(demo):
    director = User.objects.get(email="zone@demo.cloudpark.cn")

    found = credits.credits_for(director)

    assert Profile.objects.filter(user=director).exists()
    assert [credit.source for credit in found] == ["events.speaker"]


def test_the_demo_person_awaits_an_interview_and_follows_the_base(demo):
    person = User.objects.get(email="person@demo.cloudpark.cn")

    application = Application.objects.get(applicant=person, posting__title="剧集剪辑师")
    feed = selectors.feed_of(person)

    assert (application.state, application.interview_accepted_at) == ("interview", None)
    assert {kind for _when, kind, _item in feed} == {"posting", "event"}


def test_every_job_write_of_the_demo_is_in_the_audit_log(demo):
    counted = Counter(
        AuditEntry.objects.filter(action__startswith="jobs.").values_list("action", flat=True)
    )

    assert counted == {
        "jobs.park.review_set": 1,
        "jobs.posting.created": 8,
        "jobs.posting.submitted": 7,
        "jobs.posting.published": 6,
        "jobs.posting.closed": 1,
        "jobs.profile.saved": Profile.objects.count() + 5,
        "jobs.application.submitted": Application.objects.count(),
        "jobs.application.moved": 11,
        "jobs.application.interview_accepted": 2,
        "jobs.application.offer_answered": 1,
        "jobs.application.withdrawn": 1,
        "jobs.follow.created": 3,
    }


def test_the_parks_review_of_the_demo_postings_is_in_the_audit_log(demo):
    cases = ReviewCase.objects.filter(flow_key="jobs.posting").values_list("pk", flat=True)

    counted = Counter(
        AuditEntry.objects.filter(
            action__startswith="reviews.", object_id__in=[str(pk) for pk in cases]
        ).values_list("action", flat=True)
    )

    assert counted == {"reviews.case.submitted": 7, "reviews.case.approved": 6}
