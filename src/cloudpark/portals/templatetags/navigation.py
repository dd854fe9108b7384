"""The header's menus, written in one pass: the template's loop over some thirty entries, with
two comparisons and three lookups each, was a sixth of a signed-in page's time."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_items(context, entries, item_class, link_class, mark_current=True):
    """One ``<li>`` per ``(address, label)`` of ``entries`` (``navigation.with_addresses``);
    the entry of the page shown is active (and with ``mark_current``, ``aria-current``)."""
    # The server error page is drawn without the request (or any menu).
    request = context.get("request")
    path = request.path if request is not None else None
    item = f' class="{item_class}"' if item_class else ""
    items = []
    for href, label in entries:
        current = href == path
        items.append(
            f'<li{item}><a class="{link_class}{" active" if current else ""}"'
            f"{' aria-current="page"' if current and mark_current else ''}"
            f' href="{escape(href)}">{escape(str(label))}</a></li>'
        )
    # Safe: the addresses and labels are escaped above, the classes are the template's own.
    return mark_safe("".join(items))
