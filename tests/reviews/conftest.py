import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _in_english():
    """The engine's messages are compared in the source language, whatever the catalog holds."""
    with translation.override("en"):
        yield
