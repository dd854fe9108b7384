"""The copyright register's services: works and their numbers, the registration's states,
licences and pledges checked against each other, licensing requests; and every refusal
leaves nothing half written."""

from datetime import date
from decimal import Decimal

import pytest

from cloudpark.copyright import enums, services
from cloudpark.copyright.models import Licence, LicensingRequest, Pledge, Work
from cloudpark.core import audit
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.states import may_move
from cloudpark.notifications.models import Notification
from cloudpark.orgs.enums import Role
from tests.factories import EnterpriseFactory, MembershipFactory
from tests.factories.copyright import (
    drafted_work,
    granted_licence,
    next_work_number,
    offered_work,
    pledge_values,
    recorded_pledge,
    registered_work,
    request_values,
    work_values,
)
from tests.factories.finance import FinancialInstitutionFactory
from tests.factories.programs import admin_of
from tests.helpers import changed_models, stored_state

pytestmark = pytest.mark.django_db


def refused(call, field=None):
    """``call`` raises a ``DomainError`` (at ``field``) and no row changes."""
    before = stored_state()
    with pytest.raises(DomainError) as error:
        call()
    assert changed_models(before, stored_state()) == []
    assert error.value.field == field
    return str(error.value)


# Works and their numbers -----------------------------------------------------------------


def test_a_work_with_its_number_is_entered_registered_and_one_without_is_drafted():
    registered = registered_work(registration_number="国作登字-2026-A-00037559")
    drafted = drafted_work()

    assert registered.registration_state == enums.RegistrationState.REGISTERED
    assert registered.number == "国作登字-2026-A-00037559"
    assert drafted.registration_state == enums.RegistrationState.DRAFTED
    assert audit.history_of(registered)[0].action == services.WORK_RECORDED


@pytest.mark.parametrize(
    "number",
    ["国作登字-26-A-00037559", "国作登字-2026-a-00037559", "国作登字-2026-A-0003755", "2026-A-1"],
)
def test_a_work_number_in_the_wrong_format_is_refused_at_its_field(number):
    enterprise = EnterpriseFactory()
    actor = admin_of(enterprise)

    message = refused(
        lambda: services.record_work(
            enterprise,
            actor=actor,
            values=work_values(registration_number=number),
        ),
        field="registration_number",
    )

    assert "国作登字-2026-A-00037559" in message
    assert not Work.objects.exists()


def test_software_numbers_are_checked_each_at_its_own_field():
    enterprise = EnterpriseFactory()
    actor = admin_of(enterprise)

    def software(**numbers):
        return lambda: services.record_work(
            enterprise,
            actor=actor,
            values=work_values(category=enums.WorkCategory.SOFTWARE, **numbers),
        )

    # The certificate number written where the registration number goes, and the mixed
    # form seen in the wild, are both refused.
    refused(
        software(software_registration_number="软著登字第0671096号"),
        field="software_registration_number",
    )
    refused(
        software(
            software_registration_number="2014SR001852",
            software_certificate_number="软著登字第2016SR172900号",
        ),
        field="software_certificate_number",
    )
    refused(software(registration_number=next_work_number()), field="registration_number")
    work = software(
        software_registration_number="2014SR001852",
        software_certificate_number="软著登字第0671096号",
    )()

    assert work.is_registered
    assert work.number == "2014SR001852"
    assert work.audiovisual_kind == ""


def test_a_work_number_already_in_the_register_is_refused():
    first = registered_work()
    enterprise = EnterpriseFactory()
    actor = admin_of(enterprise)

    refused(
        lambda: services.record_work(
            enterprise,
            actor=actor,
            values=work_values(registration_number=first.registration_number),
        ),
        field="registration_number",
    )


def test_a_work_published_before_it_was_completed_is_refused():
    enterprise = EnterpriseFactory()
    actor = admin_of(enterprise)

    refused(
        lambda: services.record_work(
            enterprise,
            actor=actor,
            values=work_values(first_published_on=date(2025, 1, 1)),
        ),
        field="first_published_on",
    )


# Registration ----------------------------------------------------------------------------


def test_the_registration_table_refuses_every_pair_not_in_it():
    states = list(enums.RegistrationState)
    for current in states:
        for target in states:
            allowed = target == current or target in enums.REGISTRATION_TRANSITIONS[current]
            assert may_move(enums.REGISTRATION_TRANSITIONS, current, target) is allowed


def test_a_registration_is_submitted_returned_sent_again_and_registered():
    work = drafted_work()
    actor = admin_of(work.enterprise)

    services.submit_registration(work, actor=actor)
    refused(
        lambda: services.record_outcome(work, "returned", actor=actor, values={}),
        field="return_reason",
    )
    services.record_outcome(work, "returned", actor=actor, values={"return_reason": "样本不清晰"})
    services.submit_registration(work, actor=actor)
    refused(
        lambda: services.record_outcome(
            work, "registered", actor=actor, values={"registration_number": "国作登字2026"}
        ),
        field="registration_number",
    )
    refused(
        lambda: services.record_outcome(work, "registered", actor=actor, values={}),
        field="registration_number",
    )
    work = services.record_outcome(
        work,
        "registered",
        actor=actor,
        values={"registration_number": "国作登字-2026-L-00268255"},
    )

    assert work.registration_state == enums.RegistrationState.REGISTERED
    assert work.registered_on is not None
    moves = [
        entry.data["to"]
        for entry in audit.history_of(work)
        if entry.action == services.REGISTRATION_MOVED
    ]
    assert sorted(moves) == sorted(["submitted", "returned", "submitted", "registered"])


def test_an_application_without_its_statement_is_not_submitted():
    work = drafted_work(originality="")

    refused(
        lambda: services.submit_registration(work, actor=admin_of(work.enterprise)),
        field="originality",
    )


def test_a_registered_work_is_not_submitted_again():
    work = registered_work()

    with pytest.raises(TransitionNotAllowed):
        services.submit_registration(work, actor=admin_of(work.enterprise))


# Licences --------------------------------------------------------------------------------


def test_a_second_exclusive_licence_overlapping_the_first_is_refused():
    work = registered_work()
    first = granted_licence(work)

    message = refused(
        lambda: granted_licence(
            work, licensee_name="另一家平台", starts_on=date(2027, 6, 1), ends_on=date(2028, 5, 31)
        ),
        field="exclusive",
    )

    assert first.licensee_name in message
    assert Licence.objects.count() == 1


def test_any_licence_overlapping_an_exclusive_one_is_refused_and_an_exclusive_one_overlapping_any():
    work = registered_work()
    granted_licence(work)

    refused(lambda: granted_licence(work, exclusive=False), field="exclusive")
    other = registered_work()
    granted_licence(other, exclusive=False)
    refused(lambda: granted_licence(other, exclusive=True), field="exclusive")


def test_licences_apart_in_medium_territory_or_term_stand_side_by_side():
    work = registered_work()
    granted_licence(work)

    granted_licence(work, media=[enums.Medium.TELEVISION])
    granted_licence(work, territory=[enums.Territory.OVERSEAS])
    granted_licence(work, starts_on=date(2028, 1, 1), ends_on=date(2029, 12, 31))
    granted_licence(
        work, exclusive=False, media=[enums.Medium.CINEMA], territory=[enums.Territory.TAIWAN]
    )
    granted_licence(
        work, exclusive=False, media=[enums.Medium.CINEMA], territory=[enums.Territory.TAIWAN]
    )

    assert work.licences.count() == 6


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"starts_on": date(2027, 1, 1), "ends_on": date(2026, 1, 1)}, "ends_on"),
        ({"fee": Decimal("-1")}, "fee"),
        ({"media": []}, "media"),
        ({"territory": []}, "territory"),
        ({"licensee_name": ""}, "licensee_name"),
    ],
)
def test_a_licence_with_bad_terms_is_refused_at_its_field(overrides, field):
    work = registered_work()

    refused(lambda: granted_licence(work, **overrides), field=field)


# Pledges ---------------------------------------------------------------------------------


def test_a_pledge_tells_the_pledgee_and_a_second_overlapping_one_is_refused():
    work = registered_work()
    bank = FinancialInstitutionFactory()
    banker = MembershipFactory(organization=bank.organization, role=Role.ADMIN).user
    pledge = recorded_pledge(work, bank)

    refused(
        lambda: recorded_pledge(work, bank, starts_on=date(2026, 12, 1), ends_on=date(2027, 6, 30)),
        field="starts_on",
    )

    assert Notification.objects.filter(recipient=banker, kind="copyright.pledge_recorded").exists()
    services.release_pledge(pledge, actor=admin_of(work.enterprise))
    second = recorded_pledge(work, starts_on=date(2026, 12, 1), ends_on=date(2027, 6, 30))
    assert second.is_active


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount": Decimal("-5")}, "amount"),
        ({"amount": Decimal("0")}, "amount"),
        ({"starts_on": date(2027, 1, 1), "ends_on": date(2026, 1, 1)}, "ends_on"),
        ({"number": " "}, "number"),
        ({"pledgee": None}, "pledgee"),
    ],
)
def test_a_pledge_with_bad_values_is_refused_at_its_field(overrides, field):
    work = registered_work()
    values = {**pledge_values(FinancialInstitutionFactory()), **overrides}

    refused(
        lambda: services.pledge_work(work, actor=admin_of(work.enterprise), values=values),
        field=field,
    )
    assert not Pledge.objects.exists()


def test_an_unregistered_work_is_not_pledged_and_a_number_is_used_once():
    bank = FinancialInstitutionFactory()
    drafted = drafted_work()
    refused(lambda: recorded_pledge(drafted, bank))
    pledge = recorded_pledge(registered_work(), bank)
    other = registered_work()

    refused(lambda: recorded_pledge(other, bank, number=pledge.number), field="number")


# Licensing requests ----------------------------------------------------------------------


def test_a_request_is_negotiated_and_signed_into_a_licence_with_notices_both_ways():
    work = offered_work()
    holder = admin_of(work.enterprise)
    requester = EnterpriseFactory()
    asker = admin_of(requester)

    request = services.request_licence(
        work, requester, actor=asker, values=request_values(fee=Decimal("50"))
    )
    assert Notification.objects.filter(recipient=holder, kind="copyright.request_received").exists()
    services.move_request(request, "negotiating", actor=holder)
    request = services.move_request(request, "signed", actor=holder, values={"fee": "60"})

    assert request.state == enums.RequestState.SIGNED
    assert request.licence.licensee == requester
    assert request.licence.exclusive
    assert request.licence.fee == Decimal("60")
    assert Notification.objects.filter(recipient=asker, kind="copyright.request_moved").count() == 2


def test_signing_a_request_that_collides_with_an_exclusive_licence_is_refused():
    work = offered_work()
    holder = admin_of(work.enterprise)
    request = services.request_licence(
        work, EnterpriseFactory(), actor=None, values=request_values()
    )
    services.move_request(request, "negotiating", actor=holder)
    granted_licence(work)

    refused(lambda: services.move_request(request, "signed", actor=holder), field="exclusive")
    assert LicensingRequest.objects.get().state == enums.RequestState.NEGOTIATING


def test_a_request_is_declined_with_a_reason_and_the_table_holds():
    work = offered_work()
    holder = admin_of(work.enterprise)
    request = services.request_licence(
        work, EnterpriseFactory(), actor=None, values=request_values()
    )

    with pytest.raises(TransitionNotAllowed):
        services.move_request(request, "signed", actor=holder)
    refused(lambda: services.move_request(request, "declined", actor=holder), "decline_reason")
    request = services.move_request(
        request, "declined", actor=holder, values={"decline_reason": "已独家授权"}
    )
    assert request.state == enums.RequestState.DECLINED


def test_requests_for_a_work_not_offered_or_with_bad_terms_are_refused():
    work = registered_work()
    requester = EnterpriseFactory()

    refused(lambda: services.request_licence(work, requester, actor=None, values=request_values()))
    offered = services.set_offered(work, actor=None, offered=True)
    refused(
        lambda: services.request_licence(
            offered, requester, actor=None, values=request_values(fee=Decimal("-3"))
        ),
        field="fee",
    )
    refused(
        lambda: services.request_licence(
            offered, work.enterprise, actor=None, values=request_values()
        )
    )


def test_only_a_registered_work_is_offered_for_licensing():
    work = drafted_work()

    refused(lambda: services.set_offered(work, actor=None, offered=True))
