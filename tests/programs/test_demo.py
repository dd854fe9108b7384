"""The demo's policy, programmes and applications: one in every state, through the services."""

from collections import Counter
from datetime import date

import pytest

from cloudpark.core.models import AuditEntry
from cloudpark.programs.enums import ApplicationState, NoticeState, Outcome
from cloudpark.programs.models import Application, Policy, Programme, PublicNotice
from cloudpark.programs.selectors import committed_amount, eligibility_of
from cloudpark.reviews.models import ReviewCase

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)
PRODUCER = "杭州之江光影文化传媒有限公司"


def test_the_demo_tells_every_state_of_an_application(demo):
    policy = Policy.objects.get()
    assert (policy.document_number, policy.issuer_name, policy.attachments.count()) == (
        "浙政办发〔2024〕24号",
        "浙江省人民政府办公厅",
        1,
    )
    assert sorted(Programme.objects.values_list("programme_type", flat=True)) == [
        "fine_art",
        "funding",
        "key_project",
    ]
    assert set(Application.objects.values_list("state", flat=True)) == set(ApplicationState)
    assert Counter(Application.objects.values_list("state", flat=True)) == {
        "draft": 1,
        "park_review": 1,
        "government_review": 1,
        "returned": 1,
        "approved": 3,
        "rejected": 2,
        "withdrawn": 1,
    }


def test_the_producer_can_walk_the_scenario_from_the_development_fund(demo):
    fund = Programme.objects.get(programme_type="funding")
    producer = Application.objects.filter(enterprise__name=PRODUCER)

    assert sorted(producer.values_list("programme__programme_type", "state")) == [
        ("fine_art", "approved"),
        ("key_project", "returned"),
    ]
    assert fund.is_open_now
    assert eligibility_of(producer.first().enterprise, fund).outcome == Outcome.PASSED


def test_the_fine_art_list_is_publicised_with_an_answered_objection(demo):
    notice = PublicNotice.objects.get()
    assert notice.state == NoticeState.PUBLICISED
    assert sorted(notice.applications.values_list("approved_amount", flat=True)) == [
        300000,
        500000,
    ]
    assert [objection.is_answered for objection in notice.objections.all()] == [True]
    assert committed_amount(notice.programme) == 800000


def test_every_step_is_audited_on_the_application_and_its_review(demo):
    application_actions = Counter(
        AuditEntry.objects.filter(action__startswith="programs.application.").values_list(
            "action", flat=True
        )
    )
    cases = ReviewCase.objects.filter(flow_key="programs.application")
    case_actions = Counter(
        AuditEntry.objects.filter(
            content_type__model="reviewcase",
            object_id__in=[str(pk) for pk in cases.values_list("pk", flat=True)],
        ).values_list("action", flat=True)
    )
    assert application_actions == {
        "programs.application.drafted": 10,
        "programs.application.material_uploaded": 25,
        "programs.application.submitted": 9,
        "programs.application.endorsed": 6,
        "programs.application.approved": 3,
        "programs.application.returned": 1,
        "programs.application.rejected": 2,
        "programs.application.withdrawn": 1,
    }
    assert case_actions == {
        "reviews.case.submitted": 9,
        "reviews.case.advanced": 6,
        "reviews.case.opinion_recorded": 8,
        "reviews.case.approved": 3,
        "reviews.case.returned": 1,
        "reviews.case.rejected": 2,
        "reviews.case.withdrawn": 1,
    }
