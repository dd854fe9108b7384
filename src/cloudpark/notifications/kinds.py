"""The kinds of notification and their texts, registered by the services that send them.

A notification stores its kind and parameters; its text is rendered from here in the
reader's language whenever it is shown, so the model reads this registry, not the services.
"""

import logging

from cloudpark.core.i18n import ENGLISH_SUFFIX, in_both, localized

logger = logging.getLogger(__name__)

_KINDS = {}


def register(kind, template):
    """A kind of notification and its text, e.g. ``_("%(subject)s awaits your review")``."""
    _KINDS[kind] = template
    return kind


def is_registered(kind):
    return kind in _KINDS


def bilingual(**values):
    """Parameters whose text the reader sees in their own language: each value (a lazy
    text, an object, or a ``(chinese, english)`` pair) is stored as ``key`` and ``key_en``."""
    params = {}
    for key, value in values.items():
        chinese, english = value if isinstance(value, tuple) else in_both(value)
        params[key] = chinese
        if english and english != chinese:
            params[f"{key}{ENGLISH_SUFFIX}"] = english
    return params


def _in_reader_language(params):
    return {
        key: localized(value, params.get(f"{key}{ENGLISH_SUFFIX}"))
        for key, value in params.items()
        if not key.endswith(ENGLISH_SUFFIX)
    }


def render(kind, params):
    template = _KINDS.get(kind)
    if template is None:
        return kind
    try:
        return str(template) % _in_reader_language(params)
    except (KeyError, TypeError, ValueError):
        logger.warning("Notification %s cannot be rendered with %s", kind, sorted(params))
        return str(template)
