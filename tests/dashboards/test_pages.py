"""The figures pages as people use them: an enterprise reports and corrects a year, bad
input is refused at the field in the reader's language, and the park lists who is late."""

import pytest
from django.urls import reverse
from django.utils import translation

from cloudpark.dashboards import services
from cloudpark.orgs.models import EnterpriseYear
from tests.factories import EnterpriseFactory
from tests.factories.programs import admin_of
from tests.helpers import changed_models, stored_state

pytestmark = pytest.mark.django_db

LAST = services.last_reportable_year()


def form_data(**overrides):
    data = {
        "year": str(LAST),
        "revenue": "1200",
        "output": "1500",
        "taxes": "60",
        "staff_count": "40",
        "note": "",
    }
    data.update(overrides)
    return data


def test_an_enterprise_reports_its_figures_and_sees_them_with_their_history(client, enterprise):
    client.force_login(admin_of(enterprise))

    response = client.post(reverse("enterprise:figures_report"), form_data())

    assert response.status_code == 302
    page = client.get(reverse("enterprise:figures")).content.decode()
    assert "1200.00" in page
    assert str(services.FIGURES_REPORTED) not in page  # the label, not the code
    assert "Yearly figures reported" in page or "年度数据已填报" in page


def test_the_form_opens_on_a_reported_year_with_its_figures(client, enterprise):
    services.report_figures(
        enterprise, year=LAST, actor=admin_of(enterprise), revenue=900, staff_count=12
    )
    client.force_login(admin_of(enterprise))

    response = client.get(reverse("enterprise:figures_report") + f"?year={LAST}")

    assert response.context["form"].initial["revenue"] == 900


@pytest.mark.parametrize(
    ("overrides", "field", "english", "chinese"),
    [
        ({"staff_count": "12.5"}, "staff_count", "whole people", "整数"),
        ({"revenue": "-5"}, "revenue", "cannot be negative", "不能为负"),
        ({"year": str(LAST + 1)}, "year", "has not", "尚未结束"),
    ],
)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_bad_input_is_refused_at_the_field_in_the_readers_language(
    client, enterprise, overrides, field, english, chinese, language
):
    client.force_login(admin_of(enterprise))
    before = stored_state()

    with translation.override(language):
        response = client.post(
            reverse("enterprise:figures_report"),
            form_data(**overrides),
            HTTP_ACCEPT_LANGUAGE=language,
        )

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert (english if language == "en" else chinese) in errors
    assert changed_models(before, stored_state()) == []


def test_a_hundredfold_jump_is_refused_at_revenue_until_a_note_explains_it(client, enterprise):
    services.report_figures(
        enterprise, year=LAST - 1, actor=admin_of(enterprise), revenue=10, staff_count=3
    )
    client.force_login(admin_of(enterprise))

    refused = client.post(reverse("enterprise:figures_report"), form_data(revenue="1000"))
    assert "revenue" in refused.context["form"].errors
    accepted = client.post(
        reverse("enterprise:figures_report"), form_data(revenue="1000", note="新项目投产")
    )
    assert accepted.status_code == 302
    assert EnterpriseYear.objects.get(enterprise=enterprise, year=LAST).revenue == 1000


def test_the_park_lists_its_enterprises_that_have_not_reported(client, park, enterprise):
    late = EnterpriseFactory(park=park, name="迟报文化传媒有限公司")
    services.report_figures(
        enterprise, year=LAST, actor=admin_of(enterprise), revenue=100, staff_count=3
    )
    client.force_login(admin_of(park))

    response = client.get(reverse("park:figures_missing"))

    assert list(response.context["rows"]) == [late]
    assert late.display_name in response.content.decode()


LIST_PAGES = [
    # (url name, expected queries)
    ("park:figures_missing", 9),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "queries"), LIST_PAGES)
def test_figures_lists_query_count_does_not_grow_with_rows(
    client, park, django_assert_num_queries, rows, name, queries
):
    for _ in range(rows):
        EnterpriseFactory(park=park)
    client.force_login(admin_of(park))

    with django_assert_num_queries(queries):
        response = client.get(reverse(name))

    assert response.status_code == 200
