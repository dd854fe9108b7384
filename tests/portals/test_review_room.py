"""The review room's forms call the engine and show its refusals at the form."""

import pytest
from django.urls import reverse

from cloudpark.orgs import enums as org_enums
from cloudpark.reviews import enums
from cloudpark.reviews.models import ReviewDecision, ReviewOpinion
from tests.factories import MembershipFactory


@pytest.fixture
def park_case(world):
    return world.cases["park"]


def test_the_park_admin_passes_a_case_on(client, world, park_case):
    client.force_login(world.people[("park", org_enums.Role.ADMIN)])
    url = reverse("park:review_detail", args=[park_case.pk])

    response = client.post(url, {"stage_key": "park_opinion", "decision": "advance"})

    park_case.refresh_from_db()
    assert response.status_code == 302
    assert (park_case.stage_key, park_case.reviewing_organization_id) == (
        "government_review",
        world.government.pk,
    )


def test_park_staff_cannot_decide(client, world, park_case):
    client.force_login(world.people[("park", org_enums.Role.STAFF)])
    url = reverse("park:review_detail", args=[park_case.pk])

    response = client.post(url, {"stage_key": "park_opinion", "decision": "advance"})

    park_case.refresh_from_db()
    assert response.status_code == 403
    assert park_case.stage_key == "park_opinion"


def test_the_park_cannot_decide_again_once_the_case_moved_on(client, world, park_case):
    client.force_login(world.people[("park", org_enums.Role.ADMIN)])
    url = reverse("park:review_detail", args=[park_case.pk])
    client.post(url, {"stage_key": "park_opinion", "decision": "advance"})

    response = client.post(
        url, {"stage_key": "park_opinion", "decision": "reject", "comment": "太迟了"}
    )

    assert response.status_code == 403
    assert ReviewDecision.objects.filter(case=park_case).count() == 1


def test_returning_without_a_reason_is_refused_at_the_comment(client, world, park_case):
    client.force_login(world.people[("park", org_enums.Role.ADMIN)])
    url = reverse("park:review_detail", args=[park_case.pk])

    # Read in English, the messages' source language, whatever the catalog translates.
    response = client.post(
        url, {"stage_key": "park_opinion", "decision": "return"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    park_case.refresh_from_db()
    assert response.status_code == 200
    assert response.context["decision_form"].errors["comment"] == [
        "Say why, so that the applicant knows what to do."
    ]
    assert park_case.state == enums.CaseState.IN_REVIEW


def test_a_stale_page_is_told_the_case_moved_on(client, world):
    case = world.cases["government"]
    chief = world.people[("government", org_enums.Role.ADMIN)]
    client.force_login(chief)
    url = reverse("government:review_detail", args=[case.pk])

    response = client.post(
        url,
        {"stage_key": "park_opinion", "decision": "approve", "comment": "旧页面"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    case.refresh_from_db()
    assert response.status_code == 200
    assert response.context["decision_form"].non_field_errors() == [
        "This case has moved on since you opened it."
    ]
    assert case.state == enums.CaseState.IN_REVIEW


def test_a_panel_reviewer_records_an_opinion_with_a_score(client, world):
    case = world.cases["government"]
    reviewer = MembershipFactory(organization=world.government, role=org_enums.Role.REVIEWER).user
    client.force_login(reviewer)

    response = client.post(
        reverse("government:review_detail", args=[case.pk]),
        {
            "action": "opinion",
            "stage_key": "government_review",
            "recommendation": "approve",
            "score": "88",
            "comment": "项目成熟，建议支持。",
        },
    )

    assert response.status_code == 302
    assert ReviewOpinion.objects.get(case=case).score == 88


def test_a_page_opened_before_a_return_and_resubmission_is_told_the_case_moved_on(
    client, world, park_case
):
    from cloudpark.reviews import services
    from tests.reviews.flow import TEST_FLOW

    admin = world.people[("park", org_enums.Role.ADMIN)]
    services.decide(
        park_case, actor=admin, stage_key="park_opinion", decision="return", comment="补材料"
    )
    services.submit(
        park_case.subject,
        flow=TEST_FLOW,
        applicant=park_case.applicant,
        actor=None,
        label=park_case.subject_label,
    )
    client.force_login(admin)

    response = client.post(
        reverse("park:review_detail", args=[park_case.pk]),
        {"stage_key": "park_opinion", "round": "1", "decision": "advance"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    park_case.refresh_from_db()
    assert response.status_code == 200
    assert response.context["decision_form"].non_field_errors() == [
        "This case has moved on since you opened it."
    ]
    assert (park_case.stage_key, park_case.round) == ("park_opinion", 2)
    assert ReviewDecision.objects.filter(case=park_case).count() == 1


def test_the_review_room_posts_the_round_it_shows(client, world, park_case):
    client.force_login(world.people[("park", org_enums.Role.ADMIN)])

    response = client.get(reverse("park:review_detail", args=[park_case.pk]))

    assert '<input type="hidden" name="round" value="1">' in response.content.decode()
