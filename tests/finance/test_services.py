"""Products, needs, introductions and data rooms through their services: the refusals that
change nothing, the transition table, audit entries and notifications on both sides."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import product as pairs

import pytest
from django.utils import timezone

from cloudpark.core import audit
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.states import check_transition
from cloudpark.finance import enums, selectors, services
from cloudpark.finance.enums import IntroductionState
from cloudpark.finance.models import FinancingNeed, Introduction, Product
from cloudpark.notifications.models import Notification
from tests.factories import EnterpriseFactory
from tests.factories.finance import (
    FinancialInstitutionFactory,
    need_values,
    product_values,
    published_need,
    published_product,
    requested_introduction,
)
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


def actions_of(obj):
    return [entry.action for entry in reversed(audit.history_of(obj))]


def test_an_inverted_cost_range_is_refused_at_its_field_and_nothing_is_written():
    institution = FinancialInstitutionFactory()

    with pytest.raises(DomainError) as refused:
        services.save_product(
            institution,
            actor=admin_of(institution.organization),
            values=product_values(cost_min=Decimal("6.00"), cost_max=Decimal("4.00")),
        )

    assert refused.value.field == "cost_max"
    assert Product.objects.count() == 0


def test_an_unknown_eligibility_rule_parameter_is_refused_by_the_programmes_engine():
    institution = FinancialInstitutionFactory()

    with pytest.raises(DomainError) as refused:
        services.save_product(
            institution,
            actor=admin_of(institution.organization),
            values=product_values(rules=[{"kind": "staff_between", "params": {"min": "many"}}]),
        )

    assert refused.value.field == "rules"
    assert Product.objects.count() == 0


def test_a_product_is_saved_unpublished_then_published_with_its_audit():
    institution = FinancialInstitutionFactory()
    actor = admin_of(institution.organization)

    product = services.save_product(institution, actor=actor, values=product_values())
    services.set_product_published(product, actor=actor, published=True)

    product.refresh_from_db()
    assert product.is_published is True
    assert product.rules == [{"kind": "staff_between", "params": {"min": 5, "max": 500}}]
    assert actions_of(product) == ["finance.product.saved", "finance.product.published"]


@pytest.mark.parametrize("missing", ["amount", "valid_until"])
def test_a_need_without_amount_or_validity_is_refused_at_its_field(missing):
    enterprise = EnterpriseFactory()

    with pytest.raises(DomainError) as refused:
        services.publish_need(
            enterprise, actor=admin_of(enterprise), values=need_values(**{missing: None})
        )

    assert refused.value.field == missing
    assert FinancingNeed.objects.count() == 0


def test_a_need_valid_until_a_past_day_is_refused():
    enterprise = EnterpriseFactory()

    with pytest.raises(DomainError) as refused:
        services.publish_need(
            enterprise,
            actor=admin_of(enterprise),
            values=need_values(valid_until=timezone.localdate() - timedelta(days=1)),
        )

    assert refused.value.field == "valid_until"


def test_the_enterprise_sees_a_fitting_product_it_qualifies_for_with_the_reasons():
    need = published_need()
    fitting = published_product()
    published_product(amount_min=Decimal("1000"), amount_max=Decimal("5000"))
    published_product(rules=[{"kind": "staff_between", "params": {"min": 1000, "max": None}}])

    matches = selectors.products_for_need(need)

    assert [product.pk for product, _fit, _result in matches] == [fitting.pk]
    _product, fit, result = matches[0]
    assert fit.reasons[0] == "It lends 50–500 (10,000 yuan); you need 200."
    assert result.results[0].explanation == "30 staff, within 5 to 500."


def test_the_institution_sees_the_needs_that_fit_its_products():
    product = published_product()
    need = published_need()
    published_need(amount=Decimal("9000"))
    user = admin_of(product.institution.organization)

    matches = selectors.needs_for_institution_user(user)

    assert [(n.pk, p.pk) for n, p, _fit, _result in matches] == [(need.pk, product.pk)]


def test_requesting_an_introduction_sends_it_and_tells_the_institution():
    need = published_need()
    product = published_product()
    banker = admin_of(product.institution.organization)

    introduction = services.request_introduction(need, product, actor=admin_of(need.enterprise))

    assert introduction.state == IntroductionState.SENT
    assert actions_of(introduction) == [
        "finance.introduction.requested",
        "finance.introduction.moved",
    ]
    assert list(Notification.objects.values_list("recipient", "kind")) == [
        (banker.pk, "finance.introduction_received")
    ]


def test_an_enterprise_that_does_not_qualify_is_refused_an_introduction():
    need = published_need()
    product = published_product(
        rules=[{"kind": "staff_between", "params": {"min": 1000, "max": None}}]
    )

    with pytest.raises(DomainError):
        services.request_introduction(need, product, actor=admin_of(need.enterprise))

    assert Introduction.objects.count() == 0


def test_a_second_open_introduction_for_the_same_need_and_product_is_refused():
    introduction = requested_introduction()

    with pytest.raises(DomainError):
        services.request_introduction(
            introduction.need, introduction.product, actor=admin_of(introduction.need.enterprise)
        )

    assert Introduction.objects.count() == 1


def test_the_bank_moves_an_introduction_to_granted_with_amount_rate_and_date():
    introduction = requested_introduction()
    banker = admin_of(introduction.product.institution.organization)
    owner = admin_of(introduction.need.enterprise)

    services.move_introduction(introduction, IntroductionState.CONTACTED, actor=banker)
    services.move_introduction(introduction, IntroductionState.IN_REVIEW, actor=banker)
    services.move_introduction(
        introduction,
        IntroductionState.GRANTED,
        actor=banker,
        values={
            "granted_amount": Decimal("180"),
            "granted_rate": Decimal("3.95"),
            "granted_on": date(2026, 11, 30),
        },
    )

    introduction.refresh_from_db()
    assert (introduction.state, introduction.granted_amount, introduction.granted_rate) == (
        IntroductionState.GRANTED,
        Decimal("180.00"),
        Decimal("3.95"),
    )
    assert (
        Notification.objects.filter(recipient=owner, kind="finance.introduction_moved").count() == 3
    )


def test_a_grant_without_its_amount_is_refused_and_nothing_changes():
    introduction = requested_introduction()
    banker = admin_of(introduction.product.institution.organization)
    services.move_introduction(introduction, IntroductionState.CONTACTED, actor=banker)
    services.move_introduction(introduction, IntroductionState.IN_REVIEW, actor=banker)

    with pytest.raises(DomainError) as refused:
        services.move_introduction(
            introduction,
            IntroductionState.GRANTED,
            actor=banker,
            values={"granted_rate": Decimal("3.95"), "granted_on": date(2026, 11, 30)},
        )

    assert refused.value.field == "granted_amount"
    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.IN_REVIEW


def test_the_institution_cannot_withdraw_and_the_enterprise_can():
    introduction = requested_introduction()
    banker = admin_of(introduction.product.institution.organization)

    with pytest.raises(TransitionNotAllowed):
        services.move_introduction(introduction, IntroductionState.WITHDRAWN, actor=banker)
    services.withdraw_introduction(introduction, actor=admin_of(introduction.need.enterprise))

    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.WITHDRAWN


def test_the_transition_table_refuses_every_pair_not_in_it():
    table = enums.INTRODUCTION_TRANSITIONS

    refused = [
        (current, target)
        for current, target in pairs(IntroductionState, IntroductionState)
        if current != target and target not in table[current]
    ]

    for current, target in refused:
        with pytest.raises(TransitionNotAllowed):
            check_transition(table, current, target)
    assert len(refused) == 49 - 7 - 11


def test_a_data_room_logs_every_view_and_ends_by_itself():
    enterprise = EnterpriseFactory()
    institution = FinancialInstitutionFactory()
    banker = admin_of(institution.organization)
    room = services.open_data_room(
        enterprise,
        institution,
        actor=admin_of(enterprise),
        figures=[enums.SharedFigure.PROFILE],
        days=7,
    )

    sections = services.view_data_room(room, actor=banker)
    services.view_data_room(room, actor=banker)
    room.expires_at = timezone.now() - timedelta(seconds=1)
    room.save(update_fields=["expires_at"])

    assert sections[0][1][0] == ("unified social credit code", enterprise.credit_code)
    assert actions_of(room).count("finance.data_room.viewed") == 2
    assert list(selectors.open_data_rooms_for_user(banker)) == []
    with pytest.raises(DomainError):
        services.view_data_room(room, actor=banker)


def test_the_enterprise_ends_a_data_room_early():
    enterprise = EnterpriseFactory()
    institution = FinancialInstitutionFactory()
    room = services.open_data_room(
        enterprise, institution, actor=admin_of(enterprise), figures=["yearly"], days=30
    )

    services.end_data_room(room, actor=admin_of(enterprise))

    room.refresh_from_db()
    assert room.is_open is False
    assert list(selectors.open_data_rooms_for_user(admin_of(institution.organization))) == []


@pytest.mark.parametrize(
    ("figures", "days", "field"), [([], 7, "figures"), (["yearly"], 0, "days")]
)
def test_a_data_room_without_figures_or_with_a_bad_duration_is_refused(figures, days, field):
    enterprise = EnterpriseFactory()

    with pytest.raises(DomainError) as refused:
        services.open_data_room(
            enterprise,
            FinancialInstitutionFactory(),
            actor=admin_of(enterprise),
            figures=figures,
            days=days,
        )

    assert refused.value.field == field
