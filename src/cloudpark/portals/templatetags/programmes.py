"""Template helpers of the programme pages: amounts and live eligibility."""

from django import template

from cloudpark.programs import eligibility, selectors

register = template.Library()


@register.filter
def yuan(value):
    """``Decimal("300000.00")`` -> ``300,000``; empty for ``None``."""
    if value in (None, ""):
        return ""
    return eligibility.figure(value)


@register.filter
def entry(mapping, key):
    """``mapping[key]``, or ``None``."""
    return mapping.get(key) if mapping else None


@register.simple_tag
def eligibility_of(application):
    """The application's enterprise measured against the programme's rules as they are now."""
    return selectors.eligibility_of(application.enterprise, application.programme)
