"""The kinds of notification and their texts, registered by the services that send them.

A notification stores its kind and parameters; its text is rendered from here in the
reader's language whenever it is shown, so the model reads this registry, not the services.
"""

import logging

logger = logging.getLogger(__name__)

_KINDS = {}


def register(kind, template):
    """A kind of notification and its text, e.g. ``_("%(subject)s awaits your review")``."""
    _KINDS[kind] = template
    return kind


def is_registered(kind):
    return kind in _KINDS


def render(kind, params):
    template = _KINDS.get(kind)
    if template is None:
        return kind
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        logger.warning("Notification %s cannot be rendered with %s", kind, sorted(params))
        return str(template)
