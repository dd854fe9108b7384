"""The append-only audit log: what services record, and how an object's history is read."""

import json
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.translation import gettext_lazy as _

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


def _plain(data):
    """JSON-safe copy of ``data`` (dates, decimals and lazy strings become strings)."""
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))


# Names are recorded in Chinese, the language of the registry, whoever acts.
RECORD_LANGUAGE = "zh-hans"


def _representation(obj):
    """The object's name in the platform's own language, whatever the actor's."""
    with translation.override(RECORD_LANGUAGE):
        return str(obj)[:300]


def _entry(obj, action, *, actor, data, content_type=None):
    if action not in _LABELS:
        raise ValueError(f"Unregistered audit action {action!r}")
    authenticated = actor is not None and actor.is_authenticated
    origin = current_origin()
    is_class = isinstance(obj, type)
    return AuditEntry(
        actor=actor if authenticated else None,
        actor_ref=actor_reference(actor),
        action=action,
        content_type=content_type
        or ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id="" if is_class else str(obj.pk),
        object_repr="" if is_class else _representation(obj),
        data=_plain(data),
        ip_address=origin.ip_address,
        user_agent=origin.user_agent[:300],
    )


def log_action(obj, action, *, actor=None, data=None):
    """Record ``action`` on ``obj``. ``obj`` may be a model class for an event about no one
    row (a failed sign-in with an unknown address): the entry then names the model only."""
    entry = _entry(obj, action, actor=actor, data=data)
    entry.save()
    return entry


def log_actions(objs, action, *, actor=None, data=None, batch_size=1000):
    """``log_action`` for many objects of one model, a batch of entries per query. ``data``
    is a function of the object giving its entry's data."""
    if not objs:
        return []
    content_type = ContentType.objects.get_for_model(objs[0], for_concrete_model=False)
    entries = [
        _entry(
            obj,
            action,
            actor=actor,
            data=data(obj) if data else None,
            content_type=content_type,
        )
        for obj in objs
    ]
    return AuditEntry.objects.bulk_create(entries, batch_size=batch_size)


def history_of(obj):
    """The object's entries, newest first, ready for a timeline."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).select_related("actor")


PERSONAL_DATA_VIEWED = register("core.personal_data.viewed", _("Personal data viewed"))
