"""Pages faced with odd input answer with a message, not a server error."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_saving_my_profile_saves_it(client):
    person = UserFactory(name="王五")
    client.force_login(person)

    response = client.post(
        reverse("individual:profile"),
        {"name": "王小五", "mobile": "１３８ 1234 5678", "resident_id": "11010519491231002x"},
    )

    person.refresh_from_db()
    assert response.status_code == 302
    assert (person.name, person.mobile, person.resident_id) == (
        "王小五",
        "13812345678",
        "11010519491231002X",
    )
