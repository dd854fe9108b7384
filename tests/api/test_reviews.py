"""The review-case list's filters: the cases awaiting the caller, and one flow's cases."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cloudpark.orgs import enums as org_enums
from tests.factories import MembershipFactory, PolicyFactory, ProgrammeFactory
from tests.factories.programs import at_government


@pytest.fixture
def application(government, enterprise, media_root):
    programme = ProgrammeFactory(policy=PolicyFactory(owner=government))
    return at_government(programme, enterprise)


def ids_listed(user, query):
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(reverse("api:review-case-list"), query)
    return [case["id"] for case in response.json()["results"]]


@pytest.mark.parametrize("awaiting", ["1", "true"])
def test_awaiting_lists_only_the_cases_at_a_stage_the_caller_reviews(
    application, park, government, awaiting
):
    park_admin = MembershipFactory(organization=park, role=org_enums.Role.ADMIN).user
    reviewer = MembershipFactory(organization=government, role=org_enums.Role.REVIEWER).user

    listed = (
        ids_listed(park_admin, {}),
        ids_listed(park_admin, {"awaiting": awaiting}),
        ids_listed(reviewer, {"awaiting": awaiting}),
    )

    case = application.review_case_id
    assert listed == ([case], [], [case])


def test_flow_lists_only_that_flows_cases(application, government):
    reviewer = MembershipFactory(organization=government, role=org_enums.Role.REVIEWER).user

    listed = (
        ids_listed(reviewer, {"flow": "programs.application"}),
        ids_listed(reviewer, {"flow": "bases.declaration"}),
    )

    assert listed == ([application.review_case_id], [])
