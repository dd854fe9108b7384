"""The append-only audit log: what services record, and how an object's history is read."""

import json
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cloudpark.core.bulk import bulk_insert
from cloudpark.core.models import AuditEntry

_LABELS = {}


@dataclass(frozen=True)
class RequestOrigin:
    """Where the request being served came from, as the audit log records it."""

    ip_address: str | None = None
    user_agent: str = ""


# Set by ``core.middleware.RequestOriginMiddleware`` for the length of a request; commands and
# tasks run outside one and record no address.
NO_ORIGIN = RequestOrigin()
_origin = ContextVar("cloudpark_request_origin", default=None)


def current_origin():
    return _origin.get() or NO_ORIGIN


def set_origin(origin):
    """Make ``origin`` the current one; returns the token ``reset_origin`` takes."""
    return _origin.set(origin)


def reset_origin(token):
    _origin.reset(token)


def actor_reference(user):
    """A stable reference to a person that outlives their account row: ``user:<id>``."""
    if user is None or not user.is_authenticated:
        return ""
    return f"user:{user.pk}"


def register(action, label):
    """Give an action code (dotted, past tense: ``orgs.enterprise.admitted``) its label."""
    _LABELS[action] = label
    return action


def label_for(action):
    return _LABELS.get(action, action)


# Values JSON keeps as they are, and dates, which ``DjangoJSONEncoder`` writes as ISO text.
_AS_THEY_ARE = frozenset({str, int, bool, type(None)})


def _plain(data):
    """JSON-safe copy of ``data`` (dates, decimals and lazy strings become strings).

    A flat dict of text, whole numbers, booleans, ``None`` and dates, which is what most
    entries hold, is copied without the round trip through JSON, to the same result."""
    if type(data) is dict:
        plain = {}
        for key, value in data.items():
            kind = type(value)
            if type(key) is not str:
                break
            if kind in _AS_THEY_ARE:
                plain[key] = value
            elif kind is date:
                plain[key] = value.isoformat()
            else:
                break
        else:
            return plain
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))


# Names are recorded in Chinese, the language of the registry, whoever acts.
RECORD_LANGUAGE = "zh-hans"


_ENTRY_FIELDS = [field.attname for field in AuditEntry._meta.concrete_fields]


def _entries(objs, action, *, actor, data):
    """Unsaved entries recording ``action`` on each of ``objs`` (all of one model, or a
    model class), ``data(obj)`` giving each one's data. What every entry shares is worked
    out once; each entry is built from its values in field order, Django's quick way."""
    if action not in _LABELS:
        raise ValueError(f"Unregistered audit action {action!r}")
    authenticated = actor is not None and actor.is_authenticated
    origin = current_origin()
    content_type = ContentType.objects.get_for_model(objs[0], for_concrete_model=False)
    shared = {
        "id": None,
        "created_at": None,
        "actor_id": actor.pk if authenticated else None,
        "action": action,
        "content_type_id": content_type.pk,
        "actor_ref": actor_reference(actor),
        "ip_address": origin.ip_address,
        "user_agent": origin.user_agent[:300],
    }
    # The data in the actor's language, the names in the registry's.
    datas = [_plain(data(obj) if data else None) for obj in objs]
    with translation.override(RECORD_LANGUAGE):
        names = ["" if isinstance(obj, type) else str(obj)[:300] for obj in objs]
    actor_field = AuditEntry._meta.get_field("actor")
    content_type_field = AuditEntry._meta.get_field("content_type")
    entries = []
    for obj, name, plain in zip(objs, names, datas, strict=True):
        values = {
            **shared,
            "object_id": "" if isinstance(obj, type) else str(obj.pk),
            "object_repr": name,
            "data": plain,
        }
        entry = AuditEntry(*[values[field] for field in _ENTRY_FIELDS])
        actor_field.set_cached_value(entry, actor if authenticated else None)
        content_type_field.set_cached_value(entry, content_type)
        entries.append(entry)
    return entries


def log_action(obj, action, *, actor=None, data=None):
    """Record ``action`` on ``obj``. ``obj`` may be a model class for an event about no one
    row (a failed sign-in with an unknown address): the entry then names the model only."""
    (entry,) = _entries([obj], action, actor=actor, data=lambda _obj: data)
    entry.save()
    return entry


def log_actions(objs, action, *, actor=None, data=None, batch_size=1000):
    """``log_action`` for many objects of one model, a batch of entries per query. ``data``
    is a function of the object giving its entry's data."""
    if not objs:
        return []
    entries = _entries(objs, action, actor=actor, data=data)
    return bulk_insert(entries, batch_size=batch_size)


def history_of(obj):
    """The object's entries, newest first, ready for a timeline."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).select_related("actor")


PERSONAL_DATA_VIEWED = register("core.personal_data.viewed", _("Personal data viewed"))
