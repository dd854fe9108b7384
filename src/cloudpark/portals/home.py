"""The panels of the portals' home pages, which each capability registers with a portal.

A panel is a template and a function that gives its context for the acting organisation;
a function that returns ``None`` has nothing to show, and its panel is left out. Panels show
in ``order``, the lowest first. A home page reads ``home_panels`` from
``panels_for(portal, request, organization)`` and includes each panel's template with the
panel's context as ``panel``.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# The public site's home takes panels too, under this key; they get no organisation.
PUBLIC = "public"

_REGISTRY = defaultdict(dict)


@dataclass(frozen=True)
class Panel:
    key: str
    template_name: str
    context: Callable[[Any, Any], dict | None]
    order: int = 100


@dataclass(frozen=True)
class ShownPanel:
    template_name: str
    context: dict


def register(portal, panel):
    """Show ``panel`` on ``portal``'s home page; registering its key again replaces it."""
    _REGISTRY[portal][panel.key] = panel
    return panel


def panels_for(portal, request, organization):
    """The panels of ``portal``'s home page that have something to show, in order."""
    shown = []
    for panel in sorted(_REGISTRY[portal].values(), key=lambda panel: (panel.order, panel.key)):
        context = panel.context(request, organization)
        if context is not None:
            shown.append(ShownPanel(panel.template_name, context))
    return shown


class HomePanelsMixin:
    """A portal's home page: its registered panels as ``home_panels``."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["home_panels"] = panels_for(self.portal, self.request, self.organization)
        return context
