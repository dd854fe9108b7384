"""The append-only audit log: what services record, and how an object's history is read."""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cloudpark.core.models import AuditEntry

_LABELS = {}


def register(action, label):
    """Give an action code (dotted, past tense: ``orgs.enterprise.admitted``) its label."""
    _LABELS[action] = label
    return action


def label_for(action):
    return _LABELS.get(action, action)


def _plain(data):
    """JSON-safe copy of ``data`` (dates, decimals and lazy strings become strings)."""
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))


# Names are recorded in Chinese, the language of the registry, whoever acts.
RECORD_LANGUAGE = "zh-hans"


def _representation(obj):
    """The object's name in the platform's own language, whatever the actor's."""
    with translation.override(RECORD_LANGUAGE):
        return str(obj)[:300]


def log_action(obj, action, *, actor=None, data=None):
    if action not in _LABELS:
        raise ValueError(f"Unregistered audit action {action!r}")
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=_representation(obj),
        data=_plain(data),
    )


def history_of(obj):
    """The object's entries, newest first, ready for a timeline."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).select_related("actor")


PERSONAL_DATA_VIEWED = register("core.personal_data.viewed", _("Personal data viewed"))
