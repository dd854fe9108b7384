import pytest
from django.test import override_settings
from django.urls import reverse, set_script_prefix

from cloudpark.core.addresses import address

ROUTES_WITH_AN_ID = [
    "public:enterprise_detail",
    "public:park_detail",
    "public:event_detail",
    "government:enterprise_detail",
    "government:review_detail",
    "park:enterprise_detail",
]


@pytest.mark.parametrize("name", ROUTES_WITH_AN_ID)
@pytest.mark.parametrize("pk", [0, 7, 918, 2**40 + 3])
def test_a_route_taking_an_id_is_written_as_reverse_writes_it(name, pk):
    assert address(name, pk) == reverse(name, args=(pk,))


def test_the_script_prefix_leads_every_id_s_address():
    try:
        set_script_prefix("/zone/")
        first, second = address("public:park_detail", 3), address("public:park_detail", 45)
    finally:
        set_script_prefix("/")
    assert first == "/zone" + reverse("public:park_detail", args=(3,))
    assert second == "/zone" + reverse("public:park_detail", args=(45,))
    assert address("public:park_detail", 3) == reverse("public:park_detail", args=(3,))


@override_settings(ROOT_URLCONF="tests.core.address_urls")
def test_numbers_a_route_writes_otherwise_are_reversed_as_given():
    assert address("report", 2026) == "/report/2026/"
    assert address("report", 7) == "/report/0007/"
    assert address("ticket", 42) == "/ticket/00000042/"
    assert address("row", 42) == "/row/42/edit/"


def test_an_argument_that_is_not_a_whole_number_is_reversed_as_given():
    assert address("public:park_detail", "12") == reverse("public:park_detail", args=("12",))


@override_settings(ROOT_URLCONF="tests.core.address_urls")
def test_a_route_taking_an_id_is_reversed_once_for_every_id(monkeypatch):
    from cloudpark.core import addresses

    calls = []
    real = addresses.reverse
    monkeypatch.setattr(addresses, "reverse", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert [address("row", pk) for pk in (1, 2, 30, 400)] == [
        "/row/1/edit/",
        "/row/2/edit/",
        "/row/30/edit/",
        "/row/400/edit/",
    ]
    assert len(calls) == 1
