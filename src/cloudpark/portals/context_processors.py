from cloudpark.notifications import selectors as notification_selectors
from cloudpark.orgs import selectors
from cloudpark.portals.base import PORTAL_HOME, Portal, portal_of
from cloudpark.portals.navigation import PUBLIC_MENU, PUBLIC_MORE, menu_for, with_addresses


def portal(request):
    """The header's data: the public menu (addresses and labels), the user's organisations to
    switch between, and the current portal's menu. The portal's own views add ``portal`` and
    ``organization``."""
    user = getattr(request, "user", None)
    membership = getattr(request, "cloudpark_membership", None)
    current_portal = None
    match = getattr(request, "resolver_match", None)
    if match is not None and match.namespace in {p.value for p in Portal}:
        current_portal = Portal(match.namespace)
    switchable = []
    if user is not None and user.is_authenticated:
        switchable = [
            (m, portal_of(m), PORTAL_HOME[portal_of(m)]) for m in selectors.memberships_of(user)
        ]
    organization = membership.organization if membership else None
    return {
        "public_menu": with_addresses(PUBLIC_MENU),
        "public_more": with_addresses(PUBLIC_MORE),
        "current_portal": current_portal,
        "portal_menu": menu_for(user, current_portal, organization) if current_portal else [],
        "switchable_memberships": switchable,
        "active_membership": membership,
        "unread_notifications": notification_selectors.unread_count(user) if user else 0,
    }
