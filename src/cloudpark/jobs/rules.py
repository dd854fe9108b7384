"""Who may do what with jobs. Portal-level permissions take the organisation the user acts
for; pages, the API and templates ask the same names. A person's own résumé, applications
and follows are reached through selectors that start from the person, so they need no rule
beyond being signed in."""

import rules

from cloudpark.orgs.enums import Capability, OrganizationKind
from cloudpark.orgs.rules import can_manage_profile, is_member_of_organization, is_park
from cloudpark.orgs.selectors import has_capability


@rules.predicate
def is_enterprise(user, organization):
    return organization is not None and organization.kind == OrganizationKind.ENTERPRISE


@rules.predicate
def is_government(user, organization):
    return organization is not None and organization.kind == OrganizationKind.GOVERNMENT


@rules.predicate
def can_review_in_organization(user, organization):
    return organization is not None and has_capability(user, organization, Capability.REVIEW)


# An enterprise's members see its postings and applications; its administrators post, move
# applications on and see the contact a candidate has agreed to show.
rules.add_perm("jobs.view_postings", is_enterprise & is_member_of_organization)
rules.add_perm("jobs.manage_postings", is_enterprise & can_manage_profile)
rules.add_perm("jobs.manage_applications", is_enterprise & can_manage_profile)
# A park's reviewers review its enterprises' postings when the park asks for it; its
# administrators switch that on or off.
rules.add_perm("jobs.review_postings", is_park & can_review_in_organization)
rules.add_perm("jobs.manage_park_settings", is_park & can_manage_profile)
rules.add_perm("jobs.view_talent_figures", (is_park | is_government) & is_member_of_organization)
