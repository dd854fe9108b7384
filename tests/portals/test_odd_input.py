"""Pages faced with odd input answer with a message, not a server error."""

import pytest
from django.urls import reverse
from django.utils import translation

from cloudpark.events.forms import EventForm, ScreeningForm
from cloudpark.orgs.forms import EnterpriseProfileForm
from cloudpark.orgs.imports import EnterpriseRowForm, Reference
from cloudpark.programs.forms import ProgrammeForm
from tests.factories import EnterpriseFactory, EventFactory, ParkFactory, UserFactory

pytestmark = pytest.mark.django_db

BEYOND_64_BITS = "99999999999999999999"
OUT_OF_RANGE = "Enter a date between the years 1900 and 2100."


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield


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


@pytest.mark.parametrize(
    ("route", "field"),
    [
        ("public:enterprise_list", "park"),
        ("public:enterprise_list", "region"),
        ("public:enterprise_list", "category"),
        ("public:programme_list", "issuer"),
        ("public:event_list", "organizer"),
    ],
)
def test_an_id_beyond_64_bits_in_a_filter_is_an_invalid_choice(client, park, route, field):
    EnterpriseFactory(park=park)

    response = client.get(reverse(route), {field: BEYOND_64_BITS})

    assert response.status_code == 200
    assert response.context["filter_form"].errors[field] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]


def test_a_filter_not_valid_is_shown_at_its_field_and_the_others_still_apply(client, park):
    kept = EnterpriseFactory(park=park)
    other = EnterpriseFactory(park=ParkFactory())

    response = client.get(
        reverse("public:enterprise_list"), {"park": park.pk, "region": BEYOND_64_BITS}
    )

    page = response.content.decode()
    rows = response.context["rows"]
    assert response.status_code == 200
    assert [row.pk for row in rows] == [kept.pk]
    assert other.pk not in [row.pk for row in rows]
    assert 'id="id_region_error"' in page
    assert "Select a valid choice." in page
    assert 'aria-describedby="id_region_error"' in page


@pytest.mark.parametrize(
    ("form", "field", "value"),
    [
        (lambda data: EnterpriseProfileForm(data), "founded_on", "1899-12-31"),
        (
            lambda data: EnterpriseRowForm(data, reference=Reference(ParkFactory())),
            "founded_on",
            "2101-01-01",
        ),
        (lambda data: EventForm(data), "starts_at", "1800-01-09T09:00"),
        (lambda data: EventForm(data), "registration_deadline", "2999-01-09T09:00"),
        (lambda data: ProgrammeForm(data), "opens_at", "0202-03-01T09:00"),
        (lambda data: ProgrammeForm(data), "closes_at", "2202-03-01T09:00"),
        (lambda data: ScreeningForm(data, event=EventFactory()), "starts_at", "0001-01-01T00:00"),
    ],
)
def test_dates_out_of_range_are_refused_by_the_forms(form, field, value):
    errors = form({field: value}).errors

    assert errors[field] == [OUT_OF_RANGE]
