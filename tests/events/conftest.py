import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English, the source language, whatever the catalogs hold."""
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    """Pages are asked for in English."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
