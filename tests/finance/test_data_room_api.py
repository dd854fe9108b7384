"""Data rooms over the API: the enterprise opens one (bad input refused at its field) and ends
it; the institution reads the shared figures while access lasts, each reading logged as a
page view is, and finds nothing after expiry, after the end or for another institution."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cloudpark.finance import services
from cloudpark.finance.models import DataRoom
from tests.factories import EnterpriseFactory
from tests.factories.finance import FinancialInstitutionFactory
from tests.factories.programs import admin_of
from tests.helpers import audit_trail

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient(headers={"accept-language": "en"})


def _room(enterprise=None, institution=None, figures=("profile",)):
    enterprise = enterprise or EnterpriseFactory(staff_count=42)
    return services.open_data_room(
        enterprise,
        institution or FinancialInstitutionFactory(),
        actor=admin_of(enterprise),
        figures=list(figures),
        days=3,
    )


def test_the_institution_reads_the_shared_figures_and_each_reading_is_logged(api):
    room = _room()
    api.force_authenticate(admin_of(room.institution.organization))
    url = reverse("api:institution-data-room-detail", args=[room.pk])

    first = api.get(url)
    api.get(url)

    [section] = first.json()["shared"]
    assert section["figure"] == "Directory profile"
    assert {"name": "staff", "value": "42"} in section["rows"]
    assert audit_trail(room).count("finance.data_room.viewed") == 2


def test_the_list_shows_the_rooms_without_logging_a_view(api):
    room = _room()
    api.force_authenticate(admin_of(room.institution.organization))

    response = api.get(reverse("api:institution-data-room-list"))

    assert [row["id"] for row in response.json()["results"]] == [room.pk]
    assert "finance.data_room.viewed" not in audit_trail(room)


def test_an_expired_room_and_another_institutions_room_are_not_found(api):
    room = _room()
    elsewhere = _room()
    api.force_authenticate(admin_of(room.institution.organization))
    DataRoom.objects.filter(pk=room.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    expired = api.get(reverse("api:institution-data-room-detail", args=[room.pk]))
    foreign = api.get(reverse("api:institution-data-room-detail", args=[elsewhere.pk]))

    assert (expired.status_code, foreign.status_code) == (404, 404)
    assert "finance.data_room.viewed" not in audit_trail(room) + audit_trail(elsewhere)


def test_the_enterprise_opens_a_room_and_ends_it_and_the_institution_loses_access(api):
    enterprise = EnterpriseFactory()
    institution = FinancialInstitutionFactory()
    banker = admin_of(institution.organization)
    api.force_authenticate(admin_of(enterprise))

    opened = api.post(
        reverse("api:enterprise-data-room-list"),
        {"institution": institution.pk, "figures": ["profile", "yearly"], "days": 14},
        format="json",
    )
    room = DataRoom.objects.get()
    ended = api.post(reverse("api:enterprise-data-room-end", args=[room.pk]))
    api.force_authenticate(banker)
    after = api.get(reverse("api:institution-data-room-detail", args=[room.pk]))

    assert opened.status_code == 201
    assert opened.json()["figures"] == ["profile", "yearly"]
    assert ended.json()["is_open"] is False
    assert after.status_code == 404
    assert audit_trail(room) == ["finance.data_room.opened", "finance.data_room.ended"]


@pytest.mark.parametrize(
    ("body", "field"),
    [({"figures": ["profile"], "days": 0}, "days"), ({"figures": [], "days": 7}, "figures")],
)
def test_a_room_without_figures_or_with_days_out_of_range_is_refused(api, body, field):
    enterprise = EnterpriseFactory()
    api.force_authenticate(admin_of(enterprise))

    response = api.post(
        reverse("api:enterprise-data-room-list"),
        {"institution": FinancialInstitutionFactory().pk, **body},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert not DataRoom.objects.exists()
