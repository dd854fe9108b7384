import json
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit
from cloudpark.core.models import AppendOnlyError, AuditEntry
from cloudpark.orgs import services
from cloudpark.orgs.models import Park

pytestmark = pytest.mark.django_db


def test_log_action_writes_exactly_one_row(park, user):
    data = {"on": date(2024, 3, 1), "area": Decimal("1200.5"), "label": _("Park"), "n": 3}

    with translation.override("en"):
        entry = audit.log_action(park, services.PARK_UPDATED, actor=user, data=data)
        label = str(entry.label)

    row = AuditEntry.objects.values(
        "actor", "action", "content_type", "object_id", "object_repr", "data"
    ).get()
    assert row == {
        "actor": user.pk,
        "action": "orgs.park.updated",
        "content_type": ContentType.objects.get_for_model(Park).pk,
        "object_id": str(park.pk),
        "object_repr": "之江文化产业园",  # the platform's language, not the actor's
        "data": {"on": "2024-03-01", "area": "1200.5", "label": "Park", "n": 3},
    }
    assert label == "Park profile updated"


@pytest.mark.parametrize(
    "data",
    [
        {"on": date(2024, 3, 1), "park": 7, "name": "之江", "open": True, "note": None},
        {"on": date(2024, 3, 1), "area": Decimal("1.50"), "label": _("Park")},
        {"changed": ["name", "address"], "before": {"on": date(2024, 3, 1)}},
        {1: "a key that is no text", "n": 2.5},
        None,
    ],
)
def test_an_entry_holds_its_data_as_json_gives_it_back(park, user, data):
    """Flat data of plain values is copied without going through JSON: to the same result."""
    with translation.override("en"):
        audit.log_actions([park], services.PARK_UPDATED, actor=user, data=lambda _park: data)
        expected = json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))

    assert AuditEntry.objects.get().data == expected


def test_an_anonymous_actor_is_recorded_as_nobody(park):
    entry = audit.log_action(park, services.PARK_UPDATED, actor=AnonymousUser())

    assert (entry.actor, entry.data) == (None, {})


def test_an_unregistered_action_is_refused(park, user):
    with pytest.raises(ValueError, match=r"orgs\.park\.painted"):
        audit.log_action(park, "orgs.park.painted", actor=user)

    assert AuditEntry.objects.count() == 0


def test_an_entry_cannot_be_changed(park, user):
    entry = audit.log_action(park, services.PARK_UPDATED, actor=user, data={"fields": ["area"]})
    entry.data = {"fields": ["name"]}

    with pytest.raises(AppendOnlyError):
        entry.save()

    assert AuditEntry.objects.get().data == {"fields": ["area"]}


def test_an_entry_cannot_be_deleted(park, user):
    entry = audit.log_action(park, services.PARK_UPDATED, actor=user)

    with pytest.raises(AppendOnlyError):
        entry.delete()

    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [entry.pk]


def test_history_is_the_objects_entries_newest_first(park, other_park, user):
    first = audit.log_action(park, services.PARK_UPDATED, actor=user, data={"step": 1})
    audit.log_action(other_park, services.PARK_UPDATED, actor=user, data={"step": 2})
    second = audit.log_action(park, audit.PERSONAL_DATA_VIEWED, actor=user, data={"step": 3})

    history = list(audit.history_of(park))

    assert history == [second, first]


def test_an_unregistered_label_falls_back_to_the_code():
    label = audit.label_for("orgs.park.painted")

    assert label == "orgs.park.painted"
