"""A drama's entry names its filing or licence number, checked against the filing archive:
on record, valid, and a work of the entering or recommending unit."""

import pytest

from cloudpark.awards import services
from cloudpark.awards.models import Entry
from cloudpark.core.errors import DomainError
from cloudpark.filings import enums as filing_enums
from tests.factories import EnterpriseFactory
from tests.factories.awards import drafted_entry, open_scheme
from tests.factories.filings import approved_planning, filing_world
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed():
    world = filing_world()
    planning = approved_planning(world)
    return world, planning.numbers.get(series=filing_enums.NumberSeries.PLANNING)


def test_an_entry_links_its_enterprises_filing(filed):
    world, number = filed

    entry = drafted_entry(open_scheme(), world.enterprise, filing_number=number.number)

    assert (entry.filing, entry.filing_number) == (number, number.number)


def test_a_number_in_half_width_brackets_is_found(filed):
    world, number = filed
    typed = number.number.replace("（", "(").replace("）", ")")

    entry = drafted_entry(open_scheme(), world.enterprise, filing_number=typed)

    assert entry.filing == number


def test_the_recommending_unit_may_hold_the_filing(filed):
    world, number = filed
    scheme = open_scheme()

    entry = drafted_entry(
        scheme, EnterpriseFactory(), recommender=world.enterprise, filing_number=number.number
    )

    assert entry.filing == number


@pytest.mark.parametrize("number", ["不存在的号码", "（浙）剧备字〔2099〕第999号"])
def test_a_number_not_on_record_is_refused_and_nothing_is_written(filed, number):
    world, _number = filed

    with pytest.raises(DomainError) as refusal:
        drafted_entry(open_scheme(), world.enterprise, filing_number=number)

    assert refusal.value.field == "filing_number"
    assert "is on record" in str(refusal.value)
    assert Entry.objects.count() == 0


def test_another_enterprises_number_is_refused(filed):
    _world, number = filed

    with pytest.raises(DomainError) as refusal:
        drafted_entry(open_scheme(), EnterpriseFactory(), filing_number=number.number)

    assert refusal.value.field == "filing_number"
    assert "another enterprise" in str(refusal.value)
    assert Entry.objects.count() == 0


def test_a_revoked_number_is_refused(filed):
    world, number = filed
    number.status = filing_enums.NumberStatus.REVOKED
    number.save(update_fields=["status"])

    with pytest.raises(DomainError) as refusal:
        drafted_entry(open_scheme(), world.enterprise, filing_number=number.number)

    assert refusal.value.field == "filing_number"
    assert "revoked" in str(refusal.value)
    assert Entry.objects.count() == 0


def test_a_changed_number_is_checked_and_a_cleared_one_unlinks(filed):
    world, number = filed
    entry = drafted_entry(open_scheme(), world.enterprise, filing_number=number.number)

    with pytest.raises(DomainError):
        services.update_entry(
            entry, actor=admin_of(world.enterprise), filing_number="（浙）剧备字〔2099〕第1号"
        )
    services.update_entry(entry, actor=admin_of(world.enterprise), filing_number="")

    entry.refresh_from_db()
    assert (entry.filing, entry.filing_number) == (None, "")
