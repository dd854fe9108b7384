"""Helpers the tests share: signing in as a role of an organisation, taking a snapshot of the
stored state to show that a refused request changed nothing, asserting an audit entry, and
comparing generated text with a committed snapshot."""

import hashlib
import os
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from cloudpark.core.models import AuditEntry
from cloudpark.orgs import enums
from tests.factories import MembershipFactory

UPDATE_SNAPSHOTS = "UPDATE_SNAPSHOTS"


def member_of(organization, role=enums.Role.ADMIN):
    """A new person holding ``role`` in ``organization``."""
    return MembershipFactory(organization=organization, role=role).user


def sign_in(client, organization=None, role=enums.Role.ADMIN, *, user=None):
    """Sign ``client`` in as ``user``, or as a new ``role`` of ``organization``; returns the
    person. Works for Django's test client and for DRF's ``APIClient``."""
    person = user if user is not None else member_of(organization, role)
    client.force_login(person)
    return person


def _project_models():
    return sorted(
        (model for model in apps.get_models() if model.__module__.startswith("cloudpark.")),
        key=lambda model: model._meta.label,
    )


def stored_state():
    """A fingerprint of every row of the project's models: per model, the row count and a hash
    of the rows' values. Two equal fingerprints mean no row was added, changed or removed."""
    state = {}
    for model in _project_models():
        rows = list(model._base_manager.order_by("pk").values_list())
        digest = hashlib.sha256(repr(rows).encode()).hexdigest()
        state[model._meta.label] = (len(rows), digest)
    return state


def changed_models(before, after):
    """The labels of the models whose rows differ between two ``stored_state`` fingerprints."""
    return sorted(
        label for label in before.keys() | after.keys() if before.get(label) != after.get(label)
    )


def audit_trail(obj):
    """The audit codes written about ``obj``, oldest first."""
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )


def assert_audited(obj, action, *, actor=None):
    """Exactly one audit entry ``action`` was written about ``obj`` (by ``actor``, if given)."""
    entries = list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            action=action,
        )
    )
    assert len(entries) == 1, f"expected one {action!r} about {obj!r}, found {audit_trail(obj)}"
    if actor is not None:
        assert entries[0].actor == actor


def assert_matches_snapshot(text, snapshot: Path, *, regenerate):
    """``text`` equals the committed ``snapshot``; with ``UPDATE_SNAPSHOTS=1`` in the environment
    the snapshot is rewritten first. ``regenerate`` is the command the failure message offers."""
    if os.environ.get(UPDATE_SNAPSHOTS) == "1":
        snapshot.write_text(text, encoding="utf-8")
    committed = snapshot.read_text(encoding="utf-8") if snapshot.exists() else ""
    assert text == committed, (
        f"{snapshot.name} no longer matches what the code generates. If the change is intended, "
        f"regenerate it with `{UPDATE_SNAPSHOTS}=1 {regenerate}` and commit the file."
    )
