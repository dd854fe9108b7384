"""Template helpers of the job pages."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cloudpark.core import privacy

register = template.Library()

# What could end the data block early or be read as markup inside it, written as JSON escapes.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """``data`` as a ``<script type="application/ld+json">`` block. The block is data, never
    run (the CSP's ``script-src`` applies to scripts a browser executes), and its text is
    escaped so that no value can close the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    # Safe: every character that could end the element or start markup is escaped above.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter
def masked_name(value):
    """A name with all but its first character hidden: ``林晓`` -> ``林*``."""
    return privacy.mask_name(value)
