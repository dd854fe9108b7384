"""Who may post from a review page: a decider or panel reviewer of the stage the page showed,
wherever the case is now (the engine then says whether it has moved on)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cloudpark.orgs import enums as org_enums
from cloudpark.reviews import services
from cloudpark.reviews.selectors import Seen
from tests.factories import MembershipFactory
from tests.reviews.flow import TEST_FLOW

pytestmark = pytest.mark.django_db

PEOPLE = ["applicant", "park", "park_staff", "reviewer", "chief"]


@pytest.fixture
def people(park, government, enterprise):
    return {
        "applicant": MembershipFactory(organization=enterprise, role=org_enums.Role.ADMIN).user,
        "park": MembershipFactory(organization=park, role=org_enums.Role.ADMIN).user,
        "park_staff": MembershipFactory(organization=park, role=org_enums.Role.STAFF).user,
        "reviewer": MembershipFactory(organization=government, role=org_enums.Role.REVIEWER).user,
        "chief": MembershipFactory(organization=government, role=org_enums.Role.ADMIN).user,
    }


@pytest.fixture
def case_at_government(enterprise, people):
    case = services.submit(
        enterprise, flow=TEST_FLOW, applicant=enterprise, actor=None, label=enterprise.name
    )
    return services.decide(case, actor=people["park"], stage_key="park_opinion", decision="advance")


@pytest.mark.parametrize(
    ("permission", "stage_key", "expected"),
    [
        # (applicant, park, park_staff, reviewer, chief)
        ("reviews.decide_stage_seen", "park_opinion", (False, True, False, False, False)),
        ("reviews.decide_stage_seen", "government_review", (False, False, False, False, True)),
        ("reviews.decide_stage_seen", "no_such_stage", (False, False, False, False, False)),
        ("reviews.give_opinion_at_stage_seen", "park_opinion", (False,) * 5),
        (
            "reviews.give_opinion_at_stage_seen",
            "government_review",
            (False, False, False, True, True),
        ),
    ],
)
def test_who_may_post_from_a_page_that_showed_a_stage(
    case_at_government, people, permission, stage_key, expected
):
    seen = Seen(case_at_government, stage_key, 1)

    allowed = tuple(people[key].has_perm(permission, seen) for key in PEOPLE)

    assert allowed == expected


@pytest.mark.parametrize(
    "permission", ["reviews.decide_stage_seen", "reviews.give_opinion_at_stage_seen"]
)
def test_anonymous_users_and_no_case_are_refused(case_at_government, people, permission):
    allowed = (
        AnonymousUser().has_perm(permission, Seen(case_at_government, "government_review")),
        people["chief"].has_perm(permission, None),
    )

    assert allowed == (False, False)


def test_the_panels_opinions_are_for_its_reviewers_and_chief(case_at_government, people):
    allowed = tuple(
        people[key].has_perm("reviews.view_opinions", case_at_government) for key in PEOPLE
    )

    assert allowed == (False, False, False, True, True)


def test_nobody_sees_the_opinions_of_no_case(people):
    allowed = (
        AnonymousUser().has_perm("reviews.view_opinions", None),
        people["chief"].has_perm("reviews.view_opinions", None),
    )

    assert allowed == (False, False)
