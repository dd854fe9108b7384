"""Two editors answering the same correction request at once, on PostgreSQL with real row
locks: one answer goes out, the other is refused, and the requester hears once."""

import pytest

from cloudpark.news import enums, services
from cloudpark.news.models import CorrectionRequest
from cloudpark.notifications.models import Notification
from cloudpark.orgs import enums as org_enums
from tests.factories import ChannelFactory, MembershipFactory, UserFactory
from tests.factories.news import published, request_for
from tests.programs.test_races import _reference_data_restored, at_once  # noqa: F401

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_editors_answer_the_same_request_once(government):
    first, second = (
        MembershipFactory(organization=government, role=org_enums.Role.ADMIN).user
        for _index in range(2)
    )
    requester = UserFactory()
    request = request_for(
        published(ChannelFactory(organization=government), actor=first), requester=requester
    )

    outcomes = at_once(
        *(
            (
                services.answer_request,
                {"request": request, "actor": editor, "outcome": "declined", "answer": "无误。"},
            )
            for editor in (first, second)
        )
    )

    assert sorted(outcomes) == ["This request has already been answered.", "done"]
    assert CorrectionRequest.objects.get().state == enums.RequestState.ANSWERED
    assert (
        Notification.objects.filter(
            recipient=requester, kind=services.REQUEST_ANSWERED_NOTICE
        ).count()
        == 1
    )
