"""Licence numbers allocated at the same moment, on PostgreSQL with real row locks: two chiefs
of one bureau approve two release filings at once; the counter row makes them consecutive."""

import pytest
from django.utils import timezone

from cloudpark.filings.models import IssuedNumber
from cloudpark.orgs import enums as org_enums
from cloudpark.reviews import services as reviews
from cloudpark.reviews.enums import Decision
from tests.factories import MembershipFactory
from tests.factories.filings import approved_planning, filing_world, submitted_release
from tests.programs.test_races import _reference_data_restored, at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# The same helpers as the programme races: threads released together, and the reference data
# put back after the transactional tests.
__all__ = ["_reference_data_restored", "at_once"]


def test_two_approvals_at_once_get_consecutive_licence_numbers():
    world = filing_world()
    releases = [
        submitted_release(world, approved_planning(world, title=title)) for title in ("甲", "乙")
    ]
    deciders = [
        MembershipFactory(organization=world.bureau, role=org_enums.Role.ADMIN).user
        for _ in releases
    ]

    outcomes = at_once(
        *(
            (
                reviews.decide,
                {
                    "case": release.review_case,
                    "actor": decider,
                    "stage_key": "provincial_review",
                    "decision": Decision.APPROVE,
                },
            )
            for release, decider in zip(releases, deciders, strict=True)
        )
    )

    year = timezone.localdate().year
    numbers = IssuedNumber.objects.filter(release__in=releases).order_by("sequence")
    assert outcomes == ["done", "done"]
    assert [number.number for number in numbers] == [
        f"（浙）网剧审字（{year}）第001号",
        f"（浙）网剧审字（{year}）第002号",
    ]
