"""Decisions taken at the same moment, on PostgreSQL with real row locks: two approvals whose
sum exceeds what remains of the budget, and two chiefs deciding the same application."""

import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import close_old_connections, connection, connections
from django.utils import translation

from cloudpark.core.errors import DomainError
from cloudpark.orgs import enums as org_enums
from cloudpark.programs.enums import ApplicationState
from cloudpark.programs.models import Application
from cloudpark.programs.selectors import committed_amount
from cloudpark.reviews import services as reviews
from cloudpark.reviews.models import ReviewDecision
from tests.factories import EnterpriseFactory, MembershipFactory
from tests.factories.programs import at_government

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module", autouse=True)
def _reference_data_restored(django_db_setup, django_db_blocker):
    """A transactional test empties every table when it ends, the regions, categories and tags
    shipped by the data migrations included; ``serialized_rollback`` brings them back for the
    next such test, and this puts them back after the last one, for the tests that follow."""
    yield
    with django_db_blocker.unblock():
        for alias in connections:
            contents = getattr(connections[alias], "_test_serialized_contents", None)
            if contents:
                call_command(
                    "flush",
                    database=alias,
                    interactive=False,
                    inhibit_post_migrate=True,
                    verbosity=0,
                )
                connections[alias].creation.deserialize_db_from_string(contents)


def at_once(*calls):
    """Run each ``(function, kwargs)`` in its own thread, released together; the outcomes
    are ``"done"`` or the refusal's message."""
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(function, kwargs):
        close_old_connections()
        barrier.wait()
        try:
            with translation.override("en"):
                function(**kwargs)
            outcomes.append("done")
        except DomainError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def chiefs(government, count):
    return [
        MembershipFactory(organization=government, role=org_enums.Role.ADMIN).user
        for _ in range(count)
    ]


def test_two_approvals_over_the_budget_end_with_one_approval(policy, government, park):
    from tests.factories import ProgrammeFactory

    programme = ProgrammeFactory(policy=policy, budget=Decimal("300000"))
    first, second = (
        at_government(programme, EnterpriseFactory(park=park), requested_amount="200000")
        for _ in range(2)
    )
    one, other = chiefs(government, 2)

    outcomes = at_once(
        (
            reviews.decide,
            {
                "case": first.review_case,
                "actor": one,
                "stage_key": "government_review",
                "decision": "approve",
                "data": {"amount": "200000"},
            },
        ),
        (
            reviews.decide,
            {
                "case": second.review_case,
                "actor": other,
                "stage_key": "government_review",
                "decision": "approve",
                "data": {"amount": "200000"},
            },
        ),
    )

    assert sorted(outcomes) == [
        "200,000 yuan exceeds what remains of the programme's budget: 100,000 yuan.",
        "done",
    ]
    assert sorted(Application.objects.values_list("state", flat=True)) == [
        ApplicationState.APPROVED,
        ApplicationState.GOVERNMENT_REVIEW,
    ]
    assert committed_amount(programme) == Decimal("200000.00")
    assert ReviewDecision.objects.filter(decision="approve").count() == 1


def test_two_chiefs_deciding_one_application_end_with_one_decision(policy, government, park):
    from tests.factories import ProgrammeFactory

    programme = ProgrammeFactory(policy=policy)
    application = at_government(programme, EnterpriseFactory(park=park))
    one, other = chiefs(government, 2)
    case = application.review_case

    outcomes = at_once(
        (
            reviews.decide,
            {
                "case": case,
                "actor": one,
                "stage_key": "government_review",
                "decision": "approve",
                "data": {"amount": "100000"},
            },
        ),
        (
            reviews.decide,
            {
                "case": case,
                "actor": other,
                "stage_key": "government_review",
                "decision": "return",
                "comment": "请补充材料。",
            },
        ),
    )

    assert sorted(outcomes) == ["This case has moved on since you opened it.", "done"]
    application.refresh_from_db()
    assert application.state in (ApplicationState.APPROVED, ApplicationState.RETURNED)
    assert ReviewDecision.objects.filter(stage_key="government_review").count() == 1
