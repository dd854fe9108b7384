"""Who may do what in culture finance. An enterprise's members see its needs, introductions
and data rooms; its administrators publish needs, ask for introductions and open data rooms.
An institution's administrators and staff act for it from their own portal (``My Cloud Park``):
its products, the needs that fit them, its introductions and the data rooms opened to it.
Objects are reached through selectors that start from the organisation or the user."""

import rules

from cloudpark.finance import selectors
from cloudpark.orgs.enums import OrganizationKind
from cloudpark.orgs.rules import can_manage_profile, is_member_of_organization


@rules.predicate
def is_enterprise(user, organization):
    return organization is not None and organization.kind == OrganizationKind.ENTERPRISE


@rules.predicate
def works_at_an_institution(user):
    return bool(selectors.institution_ids_of(user))


rules.add_perm("finance.view_financing", is_enterprise & is_member_of_organization)
rules.add_perm("finance.manage_financing", is_enterprise & can_manage_profile)
rules.add_perm("finance.act_for_institution", works_at_an_institution)
