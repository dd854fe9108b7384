"""The home-panel registry: capabilities register panels with a portal, and a home page shows
those with something to show, in order."""

import pytest
from django.urls import reverse

from cloudpark.events.models import Event
from cloudpark.orgs import enums
from cloudpark.portals import home
from cloudpark.portals.base import Portal
from tests.factories import EventFactory, ProgrammeFactory, RegistrationFactory
from tests.factories.events import in_days


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


def test_the_capabilities_panels_are_registered_with_their_portals():
    # Other capabilities register panels of their own beside these.
    keys = {
        portal: sorted(
            panel.key
            for panel in home._REGISTRY[portal].values()
            if panel.key.startswith(("programs.", "reviews."))
        )
        for portal in (Portal.ENTERPRISE, Portal.PARK, Portal.GOVERNMENT, Portal.INDIVIDUAL)
    }

    assert keys == {
        Portal.ENTERPRISE: ["programs.applications"],
        Portal.PARK: ["reviews.awaiting"],
        Portal.GOVERNMENT: ["programs.objections", "reviews.awaiting"],
        Portal.INDIVIDUAL: [],
    }


@pytest.mark.parametrize(
    ("portal", "flows"),
    [
        (Portal.PARK, {"tests.enterprise_request"}),
        (Portal.GOVERNMENT, {"tests.enterprise_request", "bases.declaration", "awards.entry"}),
    ],
)
def test_the_home_lists_every_case_the_review_room_awaits_from_any_flow(
    client, world, portal, flows
):
    world.awards.built()  # an award entry awaits the government body's eligibility review
    client.force_login(world.people[(portal, enums.Role.ADMIN)])

    room = client.get(reverse(f"{portal}:review_list")).context["awaiting"]
    panel = next(
        shown.context
        for shown in client.get(reverse(f"{portal}:home")).context["home_panels"]
        if shown.template_name == "reviews/_awaiting_home.html"
    )

    assert {case.flow_key for case in panel["cases"]} == flows
    assert [case.pk for case in panel["cases"]] == [case.pk for case in room][:8]
    assert panel["case_total"] == len(room)


def test_the_enterprise_home_shows_the_programme_panel(client, world):
    client.force_login(world.people[(Portal.ENTERPRISE, enums.Role.ADMIN)])

    response = client.get(reverse("enterprise:home"))

    assert "programs/_enterprise_home.html" in [
        panel.template_name for panel in response.context["home_panels"]
    ]
    assert 'id="programmes-home"' in response.content.decode()


def test_the_public_home_shows_open_programmes_latest_notices_and_upcoming_events(client, world):
    response = client.get(reverse("public:home"))

    panels = {shown.template_name: shown.context for shown in response.context["home_panels"]}
    programmes = panels["programs/public/_home.html"]
    organised = ("park", "other_park", "government", "other_government")
    # All four start on the same day; the earlier created comes first.
    assert [event.pk for event in panels["events/public/_home.html"]["events"]] == sorted(
        world.events[key].pk for key in organised
    )
    assert {programme.pk for programme in programmes["programmes"]} == {
        world.programs["programme"].pk,
        world.programs["other_programme"].pk,
    }
    assert {notice.pk for notice in programmes["notices"]} == {
        world.programs["notice"].pk,
        world.programs["other_notice"].pk,
    }
    page = response.content.decode()
    assert world.programs["notice"].display_title in page
    assert world.events["park"].display_title in page


def test_a_persons_home_lists_upcoming_registrations_first_and_leaves_past_ones_out(client, world):
    person = world.people[("individual", enums.Role.ADMIN)]
    past = RegistrationFactory(user=person)
    # Time passes: the event it was for is over.
    Event.objects.filter(pk=past.event_id).update(starts_at=in_days(-10), ends_at=in_days(-9))
    client.force_login(person)

    response = client.get(reverse("individual:home"))

    page = response.content.decode()
    assert [r.pk for r in response.context["registrations"]] == [world.events["registration"].pk]
    assert past.pk not in [r.pk for r in response.context["registrations"]]
    assert page.index('id="registrations-title"') < page.index('id="orgs-title"')


# Park figures, national bases, events, open programmes, notices; the enterprise count comes
# from the cache the first request filled.
QUERIES_OF_THE_PUBLIC_HOME = 5


def test_the_public_home_costs_the_same_number_of_queries_with_more_to_show(
    client, world, django_assert_num_queries
):
    client.get(reverse("public:home"))  # sessions and caches warmed
    with django_assert_num_queries(QUERIES_OF_THE_PUBLIC_HOME):
        client.get(reverse("public:home"))
    for _ in range(3):
        ProgrammeFactory(policy=world.programs["policy"])
        EventFactory(owner=world.park, published=True)

    with django_assert_num_queries(QUERIES_OF_THE_PUBLIC_HOME):
        client.get(reverse("public:home"))
