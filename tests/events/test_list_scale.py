"""The public event list's organiser filter looks organisations up by the ids its events
name, so neither its query count nor its queries' shape depend on how many organisations
the platform holds."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import EnterpriseFactory, EventFactory, OrganizerFactory, ParkFactory


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("public:event_list"))
    assert response.status_code == 200
    return response, [query["sql"] for query in queries]


def test_the_organiser_filter_does_not_grow_with_the_organisations(client, db):
    event = EventFactory(published=True)
    host = ParkFactory(name="协办园区")
    OrganizerFactory(event=event, organization=host)
    EventFactory(owner=ParkFactory(name="草稿园区"))  # a draft: not a public organiser
    _response, before = _queries(client)

    for _ in range(10):
        EnterpriseFactory()
        ParkFactory()
    response, after = _queries(client)

    assert len(after) == len(before)
    choices = {
        label for _value, label in response.context["filter_form"].fields["organizer"].choices
    }
    assert {event.owner.display_name, host.display_name} <= choices
    assert "草稿园区" not in choices
    organisation_reads = [sql for sql in after if 'FROM "orgs_organization"' in sql]
    assert organisation_reads
    # Read by id, never by testing every organisation against the events.
    assert all(
        '"orgs_organization"."id" IN (' in sql and "SELECT" not in sql.split(" IN (", 1)[1]
        for sql in organisation_reads
    )
