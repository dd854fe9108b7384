"""What keeps list pages as fast at a million rows as at a thousand: checked by the shape
and number of their queries, never by timing."""

from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cloudpark.portals.forms import QuickSelect
from tests.factories import EnterpriseFactory, MembershipFactory, ParkFactory


def _sql(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, [query["sql"] for query in queries]


def test_the_dropdowns_of_the_enterprise_list_are_read_once(client, park):
    EnterpriseFactory(park=park)
    url = reverse("public:enterprise_list")
    _response, first = _sql(client, url)
    response, second = _sql(client, url)

    reference = ('FROM "orgs_region"', 'FROM "orgs_industrycategory"', 'FROM "orgs_park"')
    assert any(table in sql for sql in first for table in reference)
    assert not any(table in sql for sql in second for table in reference)
    assert f'<option value="{park.pk}">{park.display_name}</option>' in response.text


def test_a_new_park_shows_in_the_dropdown_at_once(client, park):
    url = reverse("public:enterprise_list")
    client.get(url)

    newcomer = ParkFactory(name="新来的园区")

    assert f'<option value="{newcomer.pk}">{newcomer.display_name}</option>' in client.get(url).text


def test_a_chosen_park_is_still_checked_against_the_list(client, park, government, member):
    other = ParkFactory()
    client.force_login(member(government))
    url = reverse("government:enterprise_list")
    client.get(url)

    response = client.get(url, {"park": other.pk})

    assert response.context["filter_form"].errors
    assert f'<option value="{park.pk}" selected>' in client.get(url, {"park": park.pk}).text


def test_the_quick_select_writes_what_django_writes():
    choices = [("", "全部"), (1, "杭州 & 宁波"), (2, "<温州>")]
    for value in [None, "", 1, "2"]:
        quick = QuickSelect(attrs={"class": "form-select"}, choices=choices)
        plain = forms.Select(attrs={"class": "form-select"}, choices=choices)

        assert quick.render("region", value, {"id": "id_region"}) == plain.render(
            "region", value, {"id": "id_region"}
        )
