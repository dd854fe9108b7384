"""The home-panel registry: capabilities register panels with a portal, and a home page shows
those with something to show, in order."""

import pytest
from django.urls import reverse

from cloudpark.orgs import enums
from cloudpark.portals import home
from cloudpark.portals.base import Portal


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test, so that the real panels are left as they are."""
    empty = home._REGISTRY.__class__(dict)
    monkeypatch.setattr(home, "_REGISTRY", empty)
    return empty


def test_panels_show_in_order_and_an_empty_one_is_left_out(registry):
    home.register(Portal.PARK, home.Panel("b.late", "b.html", lambda r, o: {"n": 2}, order=20))
    home.register(Portal.PARK, home.Panel("a.early", "a.html", lambda r, o: {"n": 1}, order=10))
    home.register(Portal.PARK, home.Panel("c.empty", "c.html", lambda r, o: None, order=5))
    home.register(Portal.GOVERNMENT, home.Panel("d.elsewhere", "d.html", lambda r, o: {}))

    shown = home.panels_for(Portal.PARK, request=None, organization=None)

    assert shown == [
        home.ShownPanel("a.html", {"n": 1}),
        home.ShownPanel("b.html", {"n": 2}),
    ]


def test_registering_a_key_again_replaces_the_panel(registry):
    home.register(Portal.PARK, home.Panel("a.panel", "old.html", lambda r, o: {}))
    home.register(Portal.PARK, home.Panel("a.panel", "new.html", lambda r, o: {}))

    shown = home.panels_for(Portal.PARK, request=None, organization=None)

    assert shown == [home.ShownPanel("new.html", {})]


def test_the_programme_panels_are_registered_with_their_portals():
    keys = {
        portal: [panel.key for panel in home._REGISTRY[portal].values()]
        for portal in (Portal.ENTERPRISE, Portal.PARK, Portal.GOVERNMENT, Portal.INDIVIDUAL)
    }

    assert keys == {
        Portal.ENTERPRISE: ["filings.awaiting", "programs.applications"],
        Portal.PARK: ["programs.reviews"],
        Portal.GOVERNMENT: ["programs.reviews"],
        Portal.INDIVIDUAL: [],
    }


def test_the_enterprise_home_shows_the_programme_panel(client, world):
    client.force_login(world.people[(Portal.ENTERPRISE, enums.Role.ADMIN)])

    response = client.get(reverse("enterprise:home"))

    # The world's enterprise also has a draft drama filing, which has a panel of its own.
    assert [panel.template_name for panel in response.context["home_panels"]] == [
        "programs/_enterprise_home.html",
        "filings/enterprise/_home.html",
    ]
    assert 'id="programmes-home"' in response.content.decode()
