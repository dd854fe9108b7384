"""The OpenAPI schema is a contract with the API's callers: any change to it shows up as a diff
of the committed copy, to be read and committed on purpose."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation

from tests.helpers import assert_matches_snapshot

SNAPSHOT = Path(__file__).with_name("openapi.yaml")


def test_the_schema_matches_the_committed_snapshot(db, tmp_path):
    if connection.vendor != "sqlite":
        # Integer fields take their bounds from the database backend (PostgreSQL's integer is
        # 32-bit), so the committed copy is the embedded database's schema.
        pytest.skip("the snapshot is generated on SQLite")
    generated = tmp_path / "openapi.yaml"

    with translation.override("en"):
        call_command("spectacular", "--fail-on-warn", "--file", str(generated))

    assert_matches_snapshot(
        generated.read_text(encoding="utf-8"),
        SNAPSHOT,
        regenerate="uv run pytest -n0 tests/api/test_schema.py",
    )


def test_the_api_documentation_keeps_to_the_csp_and_leads_back_to_the_site(client, db):
    response = client.get(reverse("api:docs"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<style" not in page
    assert "style=" not in page
    assert f'<a href="{reverse("public:home")}">Cloud Park</a>' in page
    assert "/static/cloudpark/css/api-docs" in page
