from django import template
from django.utils.translation import gettext as _t

from cloudpark.core import addresses, privacy
from cloudpark.core.i18n import language_of, localized

register = template.Library()


@register.simple_tag
def address(name, *args):
    """``{% url %}`` for a route whose path is the same on every page (the header's, the
    footer's), or that takes one id (a list's rows): reversed once a process
    (``core.addresses``)."""
    return addresses.address(name, *args)


@register.simple_tag
def asset(path):
    """``{% static %}``, the URL worked out once a process (``core.addresses``)."""
    return addresses.static_url(path)


MASKS = {
    "mobile": privacy.mask_phone,
    "resident_id": privacy.mask_resident_id,
    "name": privacy.mask_name,
    "email": privacy.mask_email,
}


@register.simple_tag(takes_context=True)
def personal(context, value, kind="mobile"):
    """Show a piece of personal data in full to entitled viewers, masked to everyone else."""
    if not value:
        return _t("not given")
    if context.get("personal_data_visible"):
        return value
    return MASKS[kind](value)


@register.filter
def localized_attr(obj, name):
    """``obj.<name>`` or ``obj.<name>_en``, whichever fits the active language."""
    return localized(getattr(obj, name, ""), getattr(obj, f"{name}_en", ""))


@register.filter
def lang_of(text):
    """The ``lang`` attribute for a stored text kept in one language only (a tag)."""
    return language_of(text)
