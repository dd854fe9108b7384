"""Template helpers of the drama filing pages."""

from django import template

from cloudpark.filings import regime

register = template.Library()


@register.filter
def timecode(seconds):
    """Seconds as ``hh:mm:ss``."""
    return regime.timecode(seconds)
