"""The error pages wear the site's layout and lead back home."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_a_404_in_the_site_layout_with_a_way_home(client):
    response = client.get("/no-such-page/")

    content = response.content.decode()
    assert response.status_code == 404
    assert [template.name for template in response.templates][:2] == ["404.html", "base.html"]
    assert "This page does not exist" in content
    assert f'href="{reverse("public:home")}">Home</a>' in content


def test_the_server_error_page_needs_neither_the_database_nor_the_request(
    django_assert_num_queries,
):
    request = RequestFactory().get("/anywhere/")

    with django_assert_num_queries(0):
        response = server_error(request)

    content = response.content.decode()
    assert response.status_code == 500
    assert 'class="navbar-brand fw-semibold" href="/">Cloud Park</a>' in content
    assert "Something went wrong on our side" in content
    assert f'href="{reverse("public:home")}">Home</a>' in content
