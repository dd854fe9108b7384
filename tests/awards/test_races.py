"""Certificates issued at the same moment, on PostgreSQL with real row locks: the category's
counter is locked while a number is taken, so two certificates never share one."""

import pytest

from cloudpark.awards import services
from cloudpark.awards.models import Certificate
from tests.factories.awards import final_scheme
from tests.factories.programs import admin_of
from tests.programs.test_races import _reference_data_restored, at_once  # noqa: F401  fixture

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_certificates_issued_at_once_get_different_numbers(media_root):
    scheme, (first, second) = final_scheme()
    owner = admin_of(scheme.owner)

    outcomes = at_once(
        (services.issue_certificate, {"entry": first, "actor": owner}),
        (services.issue_certificate, {"entry": second, "actor": owner}),
    )

    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    assert outcomes == ["done", "done"]
    assert numbers == [
        f"{scheme.code}-{scheme.year}-DOC-001",
        f"{scheme.code}-{scheme.year}-DOC-002",
    ]


def test_one_award_issued_twice_at_once_gets_one_certificate(media_root):
    scheme, (first, _second) = final_scheme()
    owner = admin_of(scheme.owner)

    outcomes = at_once(
        (services.issue_certificate, {"entry": first, "actor": owner}),
        (services.issue_certificate, {"entry": first, "actor": owner}),
    )

    assert sorted(outcomes) == ["This award has a valid certificate already.", "done"]
    assert Certificate.objects.filter(entry=first).count() == 1
