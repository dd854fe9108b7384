"""Every page keeps to the Content Security Policy: no inline script, style or handlers."""

import re

import pytest
from django.urls import reverse

from cloudpark.orgs import enums
from tests.portals.pages import PAGES
from tests.programs.world import FILE_PAGES


@pytest.fixture
def world(copied_world):
    """The module's one world, built once (see ``shared_world``)."""
    return copied_world


# A data block (``json_script``: JSON that a static script reads) is not run, so it is not
# inline script.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>", re.IGNORECASE
)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
HTML_PAGES = [
    page
    for page in PAGES
    if not page.name.endswith(
        (":import_template", "_material_download", "_cut_download", *FILE_PAGES)
    )
]
PUBLIC_PAGES = [
    "public:home",
    "public:park_list",
    "public:enterprise_list",
    "account_login",
    "account_signup",
    "account_reset_password",
    "public:search",
]


def inline_markup(html):
    return [
        match.group(0)
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, INLINE_HANDLER)
        for match in pattern.finditer(html)
    ]


@pytest.mark.parametrize("page", HTML_PAGES, ids=lambda page: page.name)
def test_portal_pages_have_no_inline_markup(client, world, page):
    client.force_login(world.people[(page.portal, enums.Role.ADMIN)])

    response = client.get(page.url(world))

    assert inline_markup(response.content.decode()) == []


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_have_no_inline_markup_and_send_the_policy(client, db, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert inline_markup(response.content.decode()) == []
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_public_detail_pages_have_no_inline_markup(client, park, enterprise):
    pages = [
        reverse("public:park_detail", args=[park.pk]),
        reverse("public:enterprise_detail", args=[enterprise.pk]),
    ]

    found = [inline_markup(client.get(url).content.decode()) for url in pages]

    assert found == [[], []]
