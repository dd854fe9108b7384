"""A click on a bar of a live chart opens the records behind it, as the organisation may see
them: the list counts what the bar shows, for a government body and for a park, and the API
serves each chart alone with the page's figures."""

import json
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from cloudpark.api.dashboards.serializers import ChartSerializer
from cloudpark.awards import enums as award_enums
from cloudpark.awards.models import Entry, Scheme
from cloudpark.events.models import Event
from cloudpark.finance import enums as finance_enums
from cloudpark.finance.models import Introduction
from cloudpark.jobs import enums as job_enums
from cloudpark.jobs.models import Application
from cloudpark.market import services as market_services
from tests.factories import EnterpriseFactory, ParkFactory
from tests.factories.awards import open_scheme, submitted_entry
from tests.factories.events import CheckInFactory, EventFactory, RegistrationFactory
from tests.factories.filings import approved_planning, filing_world, submitted_release
from tests.factories.finance import published_need, requested_introduction
from tests.factories.jobs import ApplicationFactory, published_posting
from tests.factories.market import accepted_introduction, published_post
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db

LIVE = ("filings", "awards", "attendance", "jobs", "finance", "deals")


@dataclass
class Activity:
    government: object
    park: object
    enterprise: object
    neighbour: object  # another enterprise of the park
    outsider: object  # an enterprise of a park outside the body's care


def hire(posting):
    application = ApplicationFactory(posting=posting)
    Application.objects.filter(pk=application.pk).update(
        state=job_enums.ApplicationState.HIRED, decided_at=timezone.now()
    )


def grant(enterprise, amount):
    introduction = requested_introduction(need=published_need(enterprise))
    Introduction.objects.filter(pk=introduction.pk).update(
        state=finance_enums.IntroductionState.GRANTED,
        granted_on=timezone.localdate(),
        granted_amount=Decimal(amount),
    )


def deal(owner, proposer, value):
    introduction = accepted_introduction(published_post(owner), proposer=proposer)
    market_services.close_introduction(
        introduction, owner, actor=admin_of(owner), deal_value=Decimal(value)
    )


def award(entry, level):
    Entry.objects.filter(pk=entry.pk).update(state=award_enums.EntryState.AWARDED, level=level)


def held_now(event):
    """Move the event to today, so that its doors are open and it counts this year."""
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1)
    )
    event.refresh_from_db()
    return event


def build_activity():
    """Records of every live chart for two enterprises of one park in a bureau's care, and
    records of an enterprise outside it that no list of theirs may show."""
    world = filing_world()
    neighbour = EnterpriseFactory(park=world.park)
    outsider = EnterpriseFactory(park=ParkFactory())
    # Filings: an approved planning filing with its release submitted, and one in review.
    planning = approved_planning(world)
    submitted_release(world, planning)
    approved_planning(world, title="西湖人家")
    # Awards: a first prize and a second of the park's, and the outsider's first prize.
    scheme = open_scheme()
    for title, enterprise, level in (
        ("《山海之间》", world.enterprise, "first"),
        ("《江南》", neighbour, "second"),
        ("《远方》", outsider, "first"),
    ):
        award(submitted_entry(scheme, enterprise, title=title), level)
    Scheme.objects.filter(pk=scheme.pk).update(results_published_on=timezone.localdate())
    # Attendance: an event of the park, two confirmed registrations, one let in.
    event = EventFactory(owner=world.park, published=True, registration_enabled=True)
    first = RegistrationFactory(event=event)
    RegistrationFactory(event=event)
    CheckInFactory(registration=first, door=held_now(event))
    outside_event = EventFactory(owner=outsider.park, published=True, registration_enabled=True)
    RegistrationFactory(event=outside_event)
    held_now(outside_event)
    # Jobs: two postings of the park's, one hire; the outsider's posting.
    hire(published_posting(world.enterprise))
    published_posting(neighbour)
    published_posting(outsider)
    # Finance and deals.
    grant(world.enterprise, "120.50")
    grant(neighbour, "30")
    grant(outsider, "999")
    deal(world.enterprise, neighbour, "86000")
    deal(outsider, neighbour, "5000")
    return Activity(world.bureau, world.park, world.enterprise, neighbour, outsider)


@pytest.fixture
def activity(db):
    return build_activity()


def live_charts(response):
    return {c.key: c for c in response.context["board"].charts if c.key in LIVE}


def sections(response):
    assert response.status_code == 200
    return {section.title: section for section in response.context["records"].sections}


def assert_the_list_counts_the_bar(key, row, response):
    found = sections(response)
    cells = row.cells
    if key == "filings":
        assert found["Planning filings"].count == sum(cells[:3])
        assert found["Release filings"].count == sum(cells[3:])
    elif key == "awards":
        assert found["Awards"].count == cells[0]
    elif key == "attendance":
        events = found["Events"]
        assert events.totals[3:] == cells
        assert sum(event[3] for event in events.rows) == cells[0]
    elif key == "jobs":
        assert found["Postings published"].count == cells[0]
        assert found["Hires"].count == cells[1]
    elif key == "finance":
        assert found["Financings granted"].count == cells[1]
        assert found["Financings granted"].totals[2] == cells[0]
    elif key == "deals":
        assert found["Deals closed"].count == cells[1]
        assert found["Deals closed"].totals[2] == cells[0]


@pytest.mark.parametrize("viewer", ["government", "park"])
def test_every_bar_opens_the_list_that_counts_what_it_shows(client, activity, viewer):
    client.force_login(admin_of(getattr(activity, viewer)))
    portal = "government" if viewer == "government" else "park"

    charts = live_charts(client.get(reverse(f"{portal}:dashboard")))

    assert set(charts) == set(LIVE)
    for key, chart in charts.items():
        assert chart.rows, key
        for row in chart.rows:
            assert row.link.startswith(reverse(f"{portal}:dashboard_records", args=[key]))
            assert_the_list_counts_the_bar(key, row, client.get(row.link))


@dataclass
class Summed:
    cells: list


def test_a_chart_without_a_bar_lists_the_records_behind_the_whole_chart(client, activity):
    client.force_login(admin_of(activity.government))
    charts = live_charts(client.get(reverse("government:dashboard")))

    for key, chart in charts.items():
        cells = [row.cells for row in chart.rows]
        summed = Summed([sum(column) for column in zip(*cells, strict=True)])
        response = client.get(reverse("government:dashboard_records", args=[key]))

        assert_the_list_counts_the_bar(key, summed, response)


def test_the_lists_show_the_records_of_the_bar_and_nothing_from_outside(client, activity):
    client.force_login(admin_of(activity.park))
    charts = live_charts(client.get(reverse("park:dashboard")))

    deals = client.get(charts["deals"].rows[0].link)
    finance = client.get(charts["finance"].rows[0].link)
    awards = client.get(charts["awards"].rows[0].link)

    assert [row[1] for row in sections(deals)["Deals closed"].rows] == [
        activity.enterprise.display_name
    ]
    assert sections(deals)["Deals closed"].totals[2] == Decimal("8.6")
    enterprises = {row[0] for row in sections(finance)["Financings granted"].rows}
    assert enterprises == {activity.enterprise.display_name, activity.neighbour.display_name}
    assert sections(finance)["Financings granted"].totals[2] == Decimal("150.50")
    assert [row[1] for row in sections(awards)["Awards"].rows] == [activity.enterprise.display_name]
    page = deals.content.decode()
    assert activity.outsider.display_name not in page


def test_the_board_filters_travel_to_the_list(client, activity):
    client.force_login(admin_of(activity.government))
    other_park = ParkFactory()
    activity.government.jurisdiction.add(other_park)

    narrowed = live_charts(client.get(reverse("government:dashboard"), {"park": other_park.pk}))
    month = timezone.localdate().strftime("%Y-%m")
    url = reverse("government:dashboard_records", args=["jobs"])
    whole = client.get(url, {"month": month})
    only_other = client.get(url, {"month": month, "park": other_park.pk})

    assert narrowed["jobs"].rows == []
    assert sections(whole)["Postings published"].count == 2
    assert sections(only_other)["Postings published"].count == 0


def test_a_list_outside_the_organisations_care_or_of_no_bar_is_not_found(client, activity):
    client.force_login(admin_of(activity.government))
    url = reverse("government:dashboard_records", args=["deals"])
    month = timezone.localdate().strftime("%Y-%m")

    assert client.get(url, {"month": month, "park": activity.outsider.park.pk}).status_code == 404
    assert client.get(url, {"month": "March"}).status_code == 404
    assert client.get(url, {"month": f"{timezone.localdate().year}-13"}).status_code == 404
    awards = reverse("government:dashboard_records", args=["awards"])
    assert client.get(awards, {"level": "best-of-all"}).status_code == 404
    unknown = reverse("government:dashboard_records", args=["revenue_taxes"])
    assert client.get(unknown, {"month": month}).status_code == 404


def test_a_park_sees_only_its_own_records_whatever_the_address_says(client, activity):
    client.force_login(admin_of(activity.outsider.park))
    month = timezone.localdate().strftime("%Y-%m")
    url = reverse("park:dashboard_records", args=["finance"])

    response = client.get(url, {"month": month, "park": activity.park.pk})

    rows = sections(response)["Financings granted"].rows
    assert [row[0] for row in rows] == [activity.outsider.display_name]


def test_an_enterprise_has_no_records_list(client, activity):
    client.force_login(admin_of(activity.enterprise))
    url = reverse("park:dashboard_records", args=["finance"])

    response = client.get(url, {"month": timezone.localdate().strftime("%Y-%m")})

    assert response.status_code in (403, 404)


@pytest.mark.parametrize("more", [0, 3])
def test_a_records_list_costs_the_same_queries_however_many_records(
    client, activity, django_assert_num_queries, more
):
    for _ in range(more):
        grant(EnterpriseFactory(park=activity.park), "10")
    client.force_login(admin_of(activity.government))
    url = reverse("government:dashboard_records", args=["finance"])

    with django_assert_num_queries(RECORDS_QUERIES):
        response = client.get(url, {"month": timezone.localdate().strftime("%Y-%m")})

    assert sections(response)["Financings granted"].count == 2 + more


# What every signed-in portal page reads (the session and its update, the user, the
# memberships with the acting organisation, the unread notifications), the bodies below the
# government body, and one query of the financings with their enterprises and products.
RECORDS_QUERIES = 9


# The API: each chart alone, with the page's figures ----------------------------------------


def rendered(data):
    return json.loads(JSONRenderer().render(data))


@pytest.mark.parametrize("viewer", ["government", "park"])
def test_the_api_serves_each_live_chart_with_the_pages_figures(client, activity, viewer):
    api = APIClient()
    user = admin_of(getattr(activity, viewer))
    client.force_login(user)
    api.force_authenticate(user)
    page = live_charts(client.get(reverse(f"{viewer}:dashboard")))

    for key in LIVE:
        response = api.get(reverse(f"api:{viewer}-charts-detail", args=[key]))

        assert response.status_code == 200, key
        expected = rendered(ChartSerializer(page[key]).data)
        body = response.json()
        assert body["key"] == key
        assert [(r["label"], r["cells"]) for r in body["rows"]] == [
            (r["label"], r["cells"]) for r in expected["rows"]
        ]
        assert body["definitions"] == expected["definitions"]


def test_the_api_chart_keeps_to_the_callers_care(activity):
    api = APIClient()
    api.force_authenticate(admin_of(activity.government))
    url = reverse("api:government-charts-detail", args=["finance"])

    narrowed = api.get(url, {"in_park": activity.park.pk})
    outside = api.get(url, {"in_park": activity.outsider.park.pk})
    unknown = api.get(reverse("api:government-charts-detail", args=["nothing"]))
    stored = api.get(reverse("api:government-charts-detail", args=["revenue_taxes"]))

    assert [row["cells"][1] for row in narrowed.json()["rows"]] == [2]
    assert outside.status_code == 404
    assert unknown.status_code == 404
    assert stored.status_code == 200
    park = APIClient()
    park.force_authenticate(admin_of(activity.park))
    other = park.get(
        reverse("api:park-charts-detail", args=["finance"]), {"park": activity.outsider.park.pk}
    )
    assert other.status_code in (403, 404)
    enterprise = APIClient()
    enterprise.force_authenticate(admin_of(activity.enterprise))
    assert enterprise.get(reverse("api:park-charts-detail", args=["finance"])).status_code in (
        403,
        404,
    )


def test_a_live_metric_names_its_chart_and_has_no_yearly_series(activity):
    api = APIClient()
    api.force_authenticate(admin_of(activity.park))

    listed = {m["code"]: m for m in api.get(reverse("api:park-figures-metric-list")).json()}
    series = api.get(reverse("api:park-figures-series"), {"metric": "finance_granted"})

    assert listed["finance_granted"]["chart"] == "finance"
    assert listed["drama_filings"]["chart"] == "filings"
    assert listed["revenue"]["chart"] is None
    assert series.status_code == 404
