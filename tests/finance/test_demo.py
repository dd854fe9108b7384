"""The demo's culture finance: institutions of each kind the centre gathers, published products,
an introduction in the bank's review and one granted, a need the lessor's product fits, and a
data room open to the bank whose banker works at its desk."""

from collections import Counter
from datetime import date

import pytest

from cloudpark.accounts.models import User
from cloudpark.core.models import AuditEntry
from cloudpark.finance import selectors
from cloudpark.finance.models import FinancialInstitution, Introduction, Product

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)


def test_the_demo_gathers_banks_a_guarantor_and_a_lessor_with_published_products(demo):
    kinds = Counter(FinancialInstitution.objects.values_list("kind", flat=True))

    assert kinds == {"bank": 2, "guarantor": 1, "lessor": 1}
    assert Product.objects.filter(is_published=True).count() == 5


def test_the_demo_has_an_introduction_in_review_and_one_granted(demo):
    states = sorted(Introduction.objects.values_list("state", flat=True))

    assert states == ["granted", "in_review"]


def test_every_finance_write_is_in_the_audit_log(demo):
    actions = Counter(
        AuditEntry.objects.filter(action__startswith="finance.").values_list("action", flat=True)
    )

    assert actions == {
        "finance.institution.registered": 4,
        "finance.product.saved": 5,
        "finance.product.published": 5,
        "finance.need.published": 3,
        "finance.need.closed": 1,
        "finance.introduction.requested": 2,
        # Each sent by the platform, then contacted, in review, and one granted.
        "finance.introduction.moved": 7,
        "finance.data_room.opened": 1,
    }


def test_the_banker_sees_the_introductions_a_fitting_need_and_the_open_data_room(demo):
    banker = User.objects.get(email="bank@demo.cloudpark.cn")

    introductions = selectors.introductions_for_user(banker)
    rooms = selectors.open_data_rooms_for_user(banker)
    matches = selectors.needs_for_institution_user(banker)

    assert introductions.count() == 2
    assert rooms.count() == 1
    assert sorted((need.purpose, product.name) for need, product, _fit, _result in matches) == [
        ("新增虚拟拍摄棚LED屏和跟踪设备", "影视版权质押贷"),
        ("网络剧后期制作与宣发周转", "影视版权质押贷"),
    ]
