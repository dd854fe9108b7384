"""Who may do what in supply and demand. An enterprise's members see its posts, matches and
introductions; its administrators post, propose, accept and close introductions. A park and a
government body see an overview of the posts and deals of the enterprises they look after.
Objects are reached through selectors that start from the organisation."""

import rules

from cloudpark.orgs.enums import OrganizationKind
from cloudpark.orgs.rules import can_manage_profile, is_member_of_organization, is_park


@rules.predicate
def is_enterprise(user, organization):
    return organization is not None and organization.kind == OrganizationKind.ENTERPRISE


@rules.predicate
def is_government(user, organization):
    return organization is not None and organization.kind == OrganizationKind.GOVERNMENT


rules.add_perm("market.view_market", is_enterprise & is_member_of_organization)
rules.add_perm("market.manage_market", is_enterprise & can_manage_profile)
rules.add_perm("market.oversee_market", (is_park | is_government) & is_member_of_organization)
