"""Who may do what with events. Organisation-level permissions take the organisation a user
acts for; event-level ones take the event (or part) and ask about its owning organisation.
Each predicate is safe for anonymous users and ``None``."""

import rules

from cloudpark.events import enums
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.rules import is_government, is_park


def _holds(user, organization_id, capability):
    return any(
        membership.organization_id == organization_id and membership.has_capability(capability)
        for membership in org_selectors.memberships_of(user)
    )


def _capability_in_organization(capability):
    @rules.predicate(name=f"events_{capability}_in_organization")
    def predicate(user, organization):
        return organization is not None and _holds(user, organization.pk, capability)

    return predicate


def _capability_in_owner(capability):
    @rules.predicate(name=f"events_{capability}_in_owner")
    def predicate(user, event):
        return event is not None and _holds(user, event.owner_id, capability)

    return predicate


@rules.predicate
def is_enterprise(user, organization):
    return organization is not None and organization.kind == org_enums.OrganizationKind.ENTERPRISE


@rules.predicate
def is_registrant(user, registration):
    return (
        registration is not None
        and user is not None
        and user.is_authenticated
        and registration.user_id == user.pk
    )


@rules.predicate
def manages_registrations_event(user, registration):
    return registration is not None and _holds(
        user, registration.event.owner_id, org_enums.Capability.MANAGE_EVENTS
    )


@rules.predicate
def manages_exhibitors_event(user, exhibitor):
    return exhibitor is not None and _holds(
        user, exhibitor.event.owner_id, org_enums.Capability.MANAGE_EVENTS
    )


@rules.predicate
def acts_for_invited_exhibitor(user, exhibitor):
    return (
        exhibitor is not None
        and exhibitor.status == enums.ExhibitorStatus.INVITED
        and exhibitor.organization_id is not None
        and _holds(user, exhibitor.organization_id, org_enums.Capability.MANAGE_EVENTS)
    )


can_manage_events = _capability_in_organization(org_enums.Capability.MANAGE_EVENTS)
can_check_in = _capability_in_organization(org_enums.Capability.CHECK_IN)
manages_event = _capability_in_owner(org_enums.Capability.MANAGE_EVENTS)
checks_in_for_event = _capability_in_owner(org_enums.Capability.CHECK_IN)
is_organizing_kind = is_park | is_government

# Organisation-level: the object is the organisation the user acts for.
rules.add_perm("events.view_events", is_organizing_kind & (can_manage_events | can_check_in))
rules.add_perm("events.manage_events", is_organizing_kind & can_manage_events)
rules.add_perm("events.apply_to_exhibit", is_enterprise & can_manage_events)

# Event-level: the object is an event or a part.
rules.add_perm("events.view_event", manages_event | checks_in_for_event)
rules.add_perm("events.manage_event", manages_event)
rules.add_perm("events.check_in_event", checks_in_for_event)

# Exhibitor-level: an application is confirmed by the organiser, an invitation by either side.
rules.add_perm("events.confirm_exhibitor", manages_exhibitors_event | acts_for_invited_exhibitor)

# Registration-level.
rules.add_perm("events.cancel_registration", is_registrant | manages_registrations_event)
