"""Awards tests read messages in English and write uploads under a temporary folder."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(media_root):
    """Scans and media go under pytest's temporary folder."""


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
