"""The demo's copyright register: film, documentary, animation and software works; the series
licensed exclusively and pledged to the demo bank, whose banker verifies the pledge; a
documentary offered and asked for; an animation still a draft."""

from datetime import date

import pytest
from django.urls import reverse

from cloudpark.accounts.models import User
from cloudpark.copyright import enums, selectors
from cloudpark.copyright.models import Licence, LicensingRequest, Pledge, Work
from cloudpark.demo import copyright as demo_copyright

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)


def test_the_demo_register_holds_works_of_each_kind_with_an_exclusive_licence_and_a_pledge(demo):
    categories = set(Work.objects.values_list("category", flat=True))
    states = sorted(Work.objects.values_list("registration_state", flat=True))

    assert categories == {enums.WorkCategory.AUDIOVISUAL, enums.WorkCategory.SOFTWARE}
    assert states == ["drafted", "registered", "registered", "registered"]
    assert Licence.objects.filter(exclusive=True).count() == 1
    pledge = Pledge.objects.get()
    assert pledge.work.title == demo_copyright.SERIES["title"]
    assert LicensingRequest.objects.get().state == enums.RequestState.NEGOTIATING


def test_the_demo_banker_verifies_the_demo_pledge(demo, client):
    banker = User.objects.get(email="bank@demo.cloudpark.cn")

    assert selectors.pledge_by_number(banker, demo_copyright.PLEDGE_NUMBER).amount == 600
    client.force_login(banker)
    response = client.get(
        reverse("individual:copyright_pledge_verify"), {"number": demo_copyright.PLEDGE_NUMBER}
    )
    assert response.context["pledge"].work.title == demo_copyright.SERIES["title"]
