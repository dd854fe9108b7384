"""What keeps list pages as fast at a million rows as at a thousand: checked by the shape
and number of their queries, never by timing."""

from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cloudpark.portals import base
from cloudpark.portals.forms import FilterForm, QuickSelect, SearchField, SearchInput
from tests.factories import EnterpriseFactory, ParkFactory


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
    # The parks' stored enterprise totals give the list's total on every request.
    second = [sql for sql in second if '"enterprise_total"' not in sql]
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


def test_the_search_box_writes_what_django_writes():
    plain = forms.TextInput(attrs={"class": "form-control", "placeholder": "名称 & 代码"})
    plain.input_type = "search"
    for value in [None, "", '影视 "<b>"']:
        quick = SearchInput(attrs={"class": "form-control", "placeholder": "名称 & 代码"})

        assert quick.render("q", value, {"id": "id_q", "required": False}) == plain.render(
            "q", value, {"id": "id_q", "required": False}
        )


class _Filters(FilterForm):
    q = SearchField()
    level = forms.ChoiceField(choices=[("", "全部"), ("national", "国家级")], required=False)
    levels = forms.MultipleChoiceField(choices=[("national", "国家级")], required=False)


def test_a_filter_form_writes_its_plain_dropdowns_in_one_pass():
    form = _Filters({"level": "national"})

    assert type(form.fields["level"].widget) is QuickSelect
    assert type(form.fields["levels"].widget) is forms.SelectMultiple
    assert '<option value="national" selected>国家级</option>' in str(form["level"])
    assert 'class="form-select form-select-sm"' in str(form["level"])


def _links(response):
    page = response.context["page"]
    return page.next_cursor, page.previous_cursor


def test_the_enterprise_list_pages_by_name_without_offset(client, park, government, member):
    names = [f"企业{n:02d}号有限公司" for n in range(30)]
    for name in reversed(names):
        EnterpriseFactory(park=park, name=name)
    EnterpriseFactory(park=park, name="企业00号有限公司")  # the same name: the id decides
    client.force_login(member(government))
    url = reverse("government:enterprise_list")

    first, _sql_first = _sql(client, url)
    following, queries = _sql(client, url + "?after=" + first.context["page"].next_cursor)
    back = client.get(url + "?before=" + following.context["page"].previous_cursor)

    shown = [row.name for row in first.context["rows"]] + [
        row.name for row in following.context["rows"]
    ]
    assert shown == sorted([*names, "企业00号有限公司"])
    assert [row.pk for row in back.context["rows"]] == [row.pk for row in first.context["rows"]]
    assert first.context["page"].has_next()
    assert not first.context["page"].has_previous()
    assert following.context["page"].has_previous()
    assert not following.context["page"].has_next()
    assert "?after=" in first.text
    assert "?before=" in following.text
    assert not any("OFFSET" in sql for sql in queries)
    assert "31 enterprises" in following.text


def test_the_rows_partial_pages_too(client, park, government, member):
    for n in range(27):
        EnterpriseFactory(park=park, name=f"企业{n:02d}号有限公司")
    client.force_login(member(government))
    url = reverse("government:enterprise_list")
    cursor = client.get(url).context["page"].next_cursor

    response = client.get(
        url, {"after": cursor}, headers={"HX-Request": "true", "HX-Target": "list-rows"}
    )

    assert next(t.name for t in response.templates) == "orgs/_enterprise_rows.html"
    assert len(response.context["rows"]) == 2


def test_a_broken_cursor_opens_the_first_page(client, park):
    EnterpriseFactory(park=park)

    for cursor in ["", "not-base64!", "WzFd", "WyJhIiwgLTFd"]:
        response = client.get(reverse("public:enterprise_list"), {"after": cursor})
        assert response.status_code == 200
        assert len(response.context["rows"]) == 1


def test_a_long_filtered_list_counts_no_further_than_the_cap(client, park, monkeypatch):
    monkeypatch.setattr(base, "COUNT_CAP", 2)
    for _ in range(3):
        EnterpriseFactory(park=park)

    # Without a filter the list's total is stored (tests/orgs/test_totals.py).
    response, queries = _sql(client, reverse("public:enterprise_list") + f"?park={park.pk}")

    assert "More than 2 enterprises" in response.text
    assert any("LIMIT 3" in sql and "COUNT" in sql for sql in queries)
