"""Views that belong to no single portal: the way in, and switching between organisations."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from cloudpark.orgs import selectors
from cloudpark.portals.base import (
    ACTIVE_MEMBERSHIP_SESSION_KEY,
    PORTAL_HOME,
    Portal,
    portal_of,
)


@login_required
def home(request):
    """Where signing in leads: the portal of the organisation last acted for."""
    memberships = selectors.memberships_of(request.user)
    chosen = request.session.get(ACTIVE_MEMBERSHIP_SESSION_KEY)
    for membership in memberships:
        if membership.pk == chosen:
            return redirect(PORTAL_HOME[portal_of(membership)])
    if memberships:
        return redirect(PORTAL_HOME[portal_of(memberships[0])])
    return redirect(PORTAL_HOME[Portal.INDIVIDUAL])


@require_POST
@login_required
def switch(request, membership_id):
    for membership in selectors.memberships_of(request.user):
        if membership.pk == membership_id:
            request.session[ACTIVE_MEMBERSHIP_SESSION_KEY] = membership.pk
            return redirect(PORTAL_HOME[portal_of(membership)])
    raise Http404
