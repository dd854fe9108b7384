"""A stage whose reviewers give nobody for a case is skipped: the stage before it is then the
last one that case goes through, decided with an approval rather than passed on."""

import pytest
from django.urls import reverse

from cloudpark.core.errors import DomainError
from cloudpark.reviews import enums, services
from cloudpark.reviews.models import ReviewCase
from tests.factories import MembershipFactory, enterprise_in
from tests.reviews.flow import TEST_FLOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_of_a_park_nobody_oversees(park):
    """The test flow's second stage goes to the body overseeing the park: there is none."""
    enterprise = enterprise_in(park)
    return services.submit(
        enterprise, flow=TEST_FLOW, applicant=enterprise, actor=None, label=enterprise.name
    )


def test_the_stages_a_case_goes_through_leave_out_the_skipped_ones(
    case_of_a_park_nobody_oversees,
):
    case = case_of_a_park_nobody_oversees

    stages = [stage.key for stage in TEST_FLOW.stages_for(case)]

    assert stages == ["park_opinion"]
    assert TEST_FLOW.is_last_for(case, "park_opinion") is True
    assert TEST_FLOW.is_last("park_opinion") is False


def test_the_stage_before_a_skipped_one_approves(park, case_of_a_park_nobody_oversees):
    admin = MembershipFactory(organization=park).user

    case = services.decide(
        case_of_a_park_nobody_oversees, actor=admin, stage_key="park_opinion", decision="approve"
    )

    assert (case.state, case.stage_key) == (enums.CaseState.APPROVED, "park_opinion")


def test_the_stage_before_a_skipped_one_cannot_pass_the_case_on(
    park, case_of_a_park_nobody_oversees
):
    admin = MembershipFactory(organization=park).user

    with pytest.raises(DomainError, match="This is the last stage"):
        services.decide(
            case_of_a_park_nobody_oversees,
            actor=admin,
            stage_key="park_opinion",
            decision="advance",
        )

    assert ReviewCase.objects.get().state == enums.CaseState.IN_REVIEW


def test_the_review_room_offers_approval_and_shows_only_the_stages_gone_through(
    client, park, case_of_a_park_nobody_oversees
):
    client.force_login(MembershipFactory(organization=park).user)

    response = client.get(reverse("park:review_detail", args=[case_of_a_park_nobody_oversees.pk]))

    choices = [
        value for value, _label in response.context["decision_form"].fields["decision"].choices
    ]
    assert choices == ["approve", "return", "reject"]
    assert [stage.key for stage, _index, _current in response.context["stages"]] == ["park_opinion"]
