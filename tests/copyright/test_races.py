"""Licences and pledges granted at the same moment, on PostgreSQL with real row locks: the
work's row is locked while its licences (or pledges) are checked, so two that collide never
both land."""

import pytest

from cloudpark.copyright import services
from cloudpark.copyright.models import Licence, Pledge
from tests.factories.copyright import licence_values, pledge_values, registered_work
from tests.factories.finance import FinancialInstitutionFactory
from tests.factories.programs import admin_of
from tests.programs.test_races import _reference_data_restored, at_once  # noqa: F401  fixture

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_overlapping_exclusive_licences_granted_at_once_land_once():
    work = registered_work()
    actor = admin_of(work.enterprise)

    outcomes = at_once(
        (
            services.grant_licence,
            {"work": work, "actor": actor, "values": licence_values(licensee_name="甲平台")},
        ),
        (
            services.grant_licence,
            {"work": work, "actor": actor, "values": licence_values(licensee_name="乙平台")},
        ),
    )

    assert sorted(outcomes)[1] == "done"
    assert "overlaps the exclusive licence" in sorted(outcomes)[0]
    assert Licence.objects.filter(work=work).count() == 1


def test_two_overlapping_pledges_recorded_at_once_land_once():
    work = registered_work()
    actor = admin_of(work.enterprise)
    bank = FinancialInstitutionFactory()

    outcomes = at_once(
        (services.pledge_work, {"work": work, "actor": actor, "values": pledge_values(bank)}),
        (services.pledge_work, {"work": work, "actor": actor, "values": pledge_values(bank)}),
    )

    assert outcomes.count("done") == 1
    assert Pledge.objects.filter(work=work).count() == 1
