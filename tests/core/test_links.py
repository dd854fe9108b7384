"""Named links: the capabilities ask for a page by name, the portals say where it is."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

import cloudpark
from cloudpark.core import links

ASKED_FOR = re.compile(r"""links\.url\(\s*["']([\w.]+)["']""")


def test_a_registered_link_is_built_with_its_arguments():
    url = links.url("bases.round.park", 7)

    assert url == reverse("park:base_round_detail", args=[7])


def test_every_link_the_code_asks_for_is_registered():
    source = Path(cloudpark.__file__).parent
    asked = {name for path in source.rglob("*.py") for name in ASKED_FOR.findall(path.read_text())}

    assert asked
    assert sorted(asked - set(links.registered())) == []


def test_an_unknown_link_is_a_lookup_error():
    with pytest.raises(LookupError, match=re.escape("No link named 'nobody.nothing.nowhere'")):
        links.url("nobody.nothing.nowhere")


def test_a_name_is_not_given_to_two_builders():
    with pytest.raises(ValueError, match="already registered"):
        links.register("bases.round.park", lambda pk: f"/elsewhere/{pk}/")
