"""The review room's forms call the engine and show its refusals at the form."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cloudpark.orgs import enums as org_enums
from cloudpark.reviews import enums
from cloudpark.reviews import services as review_services
from cloudpark.reviews.models import ReviewCase, ReviewDecision, ReviewOpinion
from tests.factories import MembershipFactory, enterprise_in
from tests.reviews.flow import TEST_FLOW


@pytest.fixture
def park_case(world):
    return world.cases["park"]


def test_the_park_admin_passes_a_case_on(client, world, park_case):
    client.force_login(world.people[("park", org_enums.Role.ADMIN)])
    url = reverse("park:review_detail", args=[park_case.pk])

    response = client.post(
        url, {"stage_key": "park_opinion", "decision": "advance", "confirmed": "1"}
    )

    park_case.refresh_from_db()
    assert response.status_code == 302
    assert (park_case.stage_key, park_case.reviewing_organization_id) == (
        "government_review",
        world.government.pk,
    )


def test_park_staff_cannot_decide(client, world, park_case):
    client.force_login(world.people[("park", org_enums.Role.STAFF)])
    url = reverse("park:review_detail", args=[park_case.pk])

    response = client.post(
        url, {"stage_key": "park_opinion", "decision": "advance", "confirmed": "1"}
    )

    park_case.refresh_from_db()
    assert response.status_code == 403
    assert park_case.stage_key == "park_opinion"


def test_a_park_page_left_behind_is_told_the_case_moved_on(client, world, park_case):
    client.force_login(world.people[("park", org_enums.Role.ADMIN)])
    url = reverse("park:review_detail", args=[park_case.pk])
    client.post(
        url, {"stage_key": "park_opinion", "round": "1", "decision": "advance", "confirmed": "1"}
    )

    response = client.post(
        url,
        {
            "stage_key": "park_opinion",
            "round": "1",
            "decision": "reject",
            "confirmed": "1",
            "comment": "太迟了",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    park_case.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["decision_form"].non_field_errors() == [
        "This case has moved on since you opened it."
    ]
    assert "This case has moved on since you opened it." in html
    assert (park_case.stage_key, park_case.reviewing_organization_id) == (
        "government_review",
        world.government.pk,
    )
    assert ReviewDecision.objects.filter(case=park_case).count() == 1


def test_a_second_chief_is_told_another_decided_first(client, world):
    case = world.cases["government"]
    first = world.people[("government", org_enums.Role.ADMIN)]
    second = MembershipFactory(organization=world.government, role=org_enums.Role.ADMIN).user
    url = reverse("government:review_detail", args=[case.pk])
    client.force_login(first)
    client.post(
        url,
        {
            "stage_key": "government_review",
            "decision": "reject",
            "confirmed": "1",
            "comment": "不符合",
        },
    )
    client.force_login(second)

    response = client.post(
        url,
        {"stage_key": "government_review", "decision": "approve", "confirmed": "1"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    case.refresh_from_db()
    assert response.status_code == 200
    assert response.context["decision_form"].non_field_errors() == [
        "This case has moved on since you opened it."
    ]
    assert (case.state, ReviewDecision.objects.filter(case=case).count()) == (
        enums.CaseState.REJECTED,
        2,
    )


def test_an_opinion_after_the_decision_is_told_the_case_moved_on(client, world):
    case = world.cases["government"]
    reviewer = MembershipFactory(organization=world.government, role=org_enums.Role.REVIEWER).user
    url = reverse("government:review_detail", args=[case.pk])
    client.force_login(world.people[("government", org_enums.Role.ADMIN)])
    client.post(
        url,
        {
            "stage_key": "government_review",
            "decision": "reject",
            "confirmed": "1",
            "comment": "不符合",
        },
    )
    client.force_login(reviewer)

    response = client.post(
        url,
        {
            "action": "opinion",
            "stage_key": "government_review",
            "recommendation": "approve",
            "score": "80",
            "comment": "迟到的意见",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert response.context["opinion_form"].non_field_errors() == [
        "This case has moved on since you opened it."
    ]
    assert not ReviewOpinion.objects.filter(case=case).exists()


def test_the_park_may_not_post_at_a_stage_it_does_not_review(client, world):
    case = world.cases["government"]
    client.force_login(world.people[("park", org_enums.Role.ADMIN)])

    response = client.post(
        reverse("park:review_detail", args=[case.pk]),
        {
            "stage_key": "government_review",
            "decision": "reject",
            "confirmed": "1",
            "comment": "越权",
        },
    )

    case.refresh_from_db()
    assert response.status_code == 403
    assert case.state == enums.CaseState.IN_REVIEW


def test_returning_without_a_reason_is_refused_at_the_comment(client, world, park_case):
    client.force_login(world.people[("park", org_enums.Role.ADMIN)])
    url = reverse("park:review_detail", args=[park_case.pk])

    # Read in English, the messages' source language, whatever the catalog translates.
    response = client.post(
        url,
        {"stage_key": "park_opinion", "decision": "return", "confirmed": "1"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    park_case.refresh_from_db()
    assert response.status_code == 200
    assert response.context["decision_form"].errors["comment"] == [
        "Say why, so that the applicant knows what to do."
    ]
    assert park_case.state == enums.CaseState.IN_REVIEW


def test_a_stale_page_is_told_the_case_moved_on(client, world):
    from cloudpark.reviews import services
    from tests.reviews.flow import TEST_FLOW

    case = world.cases["government"]
    chief = world.people[("government", org_enums.Role.ADMIN)]
    services.decide(
        case, actor=chief, stage_key="government_review", decision="return", comment="补材料"
    )
    services.submit(
        case.subject, flow=TEST_FLOW, applicant=case.applicant, actor=None, label="再次提交"
    )
    park_admin = MembershipFactory(organization=case.subject.park, role=org_enums.Role.ADMIN).user
    services.decide(case, actor=park_admin, stage_key="park_opinion", decision="advance")
    client.force_login(chief)
    url = reverse("government:review_detail", args=[case.pk])

    response = client.post(
        url,
        {
            "stage_key": "government_review",
            "round": "1",
            "decision": "approve",
            "confirmed": "1",
            "comment": "旧",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    case.refresh_from_db()
    assert response.status_code == 200
    assert response.context["decision_form"].non_field_errors() == [
        "This case has moved on since you opened it."
    ]
    assert (case.state, case.stage_key, case.round) == (
        enums.CaseState.IN_REVIEW,
        "government_review",
        2,
    )


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
        {"stage_key": "park_opinion", "round": "1", "decision": "advance", "confirmed": "1"},
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


@pytest.mark.parametrize(
    ("portal", "who", "shown"),
    [("park", "park", 0), ("government", "government", 1)],
)
def test_the_panels_opinions_are_shown_to_its_own_reviewers_only(client, world, portal, who, shown):
    from cloudpark.reviews import services

    case = world.cases["government"]
    reviewer = MembershipFactory(organization=world.government, role=org_enums.Role.REVIEWER).user
    services.record_opinion(
        case,
        actor=reviewer,
        stage_key="government_review",
        recommendation="approve",
        comment="内部意见",
        score=80,
    )
    client.force_login(world.people[(who, org_enums.Role.ADMIN)])

    response = client.get(reverse(f"{portal}:review_detail", args=[case.pk]))

    assert response.status_code == 200
    assert len(response.context["opinions"]) == shown
    assert ("内部意见" in response.content.decode()) is bool(shown)


def test_a_case_page_leads_on_to_the_next_case_awaiting_the_reviewer(client, world, park_case):
    enterprise = enterprise_in(world.park)
    second = review_services.submit(
        enterprise, flow=TEST_FLOW, applicant=enterprise, actor=None, label="第二件"
    )
    client.force_login(world.people[("park", org_enums.Role.ADMIN)])

    first_page = client.get(reverse("park:review_detail", args=[park_case.pk]))
    second_page = client.get(reverse("park:review_detail", args=[second.pk]))

    assert first_page.context["next_case"] == second
    assert second_page.context["next_case"] == park_case
    assert reverse("park:review_detail", args=[second.pk]) in first_page.content.decode()


def test_the_last_case_awaiting_leads_nowhere(client, world, park_case):
    client.force_login(world.people[("park", org_enums.Role.ADMIN)])

    response = client.get(reverse("park:review_detail", args=[park_case.pk]))

    assert response.context["next_case"] is None
    assert 'id="next-case"' not in response.content.decode()


def test_the_queue_filters_by_stage_applicant_and_deadline_and_counts_each_stage(
    client, world, park_case
):
    enterprise = enterprise_in(world.park)
    late = review_services.submit(
        enterprise, flow=TEST_FLOW, applicant=enterprise, actor=None, label="之江纪录片扶持"
    )
    ReviewCase.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(days=1))
    client.force_login(world.people[("park", org_enums.Role.ADMIN)])
    url = reverse("park:review_list")

    everything = client.get(url).context
    by_subject = client.get(url, {"q": "纪录片"}).context["awaiting"]
    by_applicant = client.get(url, {"q": park_case.applicant.name}).context["awaiting"]
    overdue = client.get(url, {"due": "overdue"}).context["awaiting"]
    elsewhere = client.get(url, {"stage": "tests.enterprise_request:government_review"})
    longest_waiting = client.get(url, {"sort": "submitted"}).context["awaiting"]

    assert [(key, count) for key, _label, count in everything["stage_counts"]] == [
        ("tests.enterprise_request:park_opinion", 2)
    ]
    assert [case.pk for case in everything["awaiting"]] == [late.pk, park_case.pk]
    assert [case.pk for case in by_subject] == [late.pk]
    assert [case.pk for case in by_applicant] == [park_case.pk]
    assert [case.pk for case in overdue] == [late.pk]
    assert elsewhere.context["filter_form"].errors  # a stage nothing waits at is not offered
    assert [case.pk for case in longest_waiting] == [park_case.pk, late.pk]


def test_a_filtered_queue_answers_htmx_with_its_rows_only(client, world, park_case):
    client.force_login(world.people[("park", org_enums.Role.ADMIN)])

    response = client.get(
        reverse("park:review_list"),
        {"q": "没有这个申请"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="list-rows",
    )

    page = response.content.decode()
    assert "<html" not in page
    assert "No case matches" in page
