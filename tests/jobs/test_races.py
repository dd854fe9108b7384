"""Steps taken at the same moment, on PostgreSQL with real row locks: a double click on
"apply", and an offer accepted by the candidate while the employer declines it."""

import pytest

from cloudpark.jobs import services
from cloudpark.jobs.enums import ApplicationState
from cloudpark.jobs.models import Application
from tests.factories.jobs import ApplicationFactory, ProfileFactory, published_posting
from tests.factories.programs import admin_of
from tests.programs.test_races import _reference_data_restored, at_once  # noqa: F401  (fixture)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_applying_twice_at_once_makes_one_application():
    posting = published_posting()
    person = ProfileFactory().user
    call = (services.apply_for, {"posting": posting, "applicant": person, "consent": True})

    outcomes = at_once(call, call)

    assert sorted(outcomes) == ["You have already applied for this posting.", "done"]
    assert Application.objects.count() == 1


def test_an_offer_accepted_while_the_employer_declines_it_ends_one_way():
    application = ApplicationFactory()
    employer = admin_of(application.posting.enterprise)
    services.move_application(application, ApplicationState.INTERVIEW, actor=employer, note="周三")
    services.move_application(application, ApplicationState.OFFER, actor=employer)

    outcomes = at_once(
        (
            services.answer_offer,
            {"application": application, "actor": application.applicant, "accept": True},
        ),
        (
            services.move_application,
            {"application": application, "target": ApplicationState.DECLINED, "actor": employer},
        ),
    )

    application.refresh_from_db()
    assert outcomes.count("done") == 1
    assert application.state in {ApplicationState.HIRED, ApplicationState.DECLINED}
