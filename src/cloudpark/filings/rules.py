"""Who may do what with drama filings. Portal-level permissions take the organisation the user
acts for; pages, the API and templates ask the same names."""

import rules

from cloudpark.orgs.enums import Capability, OrganizationKind
from cloudpark.orgs.rules import (
    can_manage_profile,
    can_view_enterprises,
    is_government,
    is_member_of_organization,
)
from cloudpark.orgs.selectors import has_capability


@rules.predicate
def is_enterprise(user, organization):
    return organization is not None and organization.kind == OrganizationKind.ENTERPRISE


@rules.predicate
def can_decide_in_organization(user, organization):
    return organization is not None and has_capability(user, organization, Capability.DECIDE)


# An enterprise's administrators file and submit; its other members follow the filings.
rules.add_perm("filings.view_filings", is_enterprise & is_member_of_organization)
rules.add_perm("filings.file", is_enterprise & can_manage_profile)
# A bureau's staff and reviewers follow the filings it reviews; its chief revokes numbers.
rules.add_perm("filings.view_reviewed", is_government & can_view_enterprises)
rules.add_perm("filings.revoke_number", is_government & can_decide_in_organization)


@rules.predicate
def can_review_in_organization(user, organization):
    return organization is not None and any(
        has_capability(user, organization, capability)
        for capability in (Capability.REVIEW, Capability.DECIDE)
    )


# A bureau's reviewers and chief watch a release filing's film and comment on it; its staff
# follow the filing without watching. (Which filing, and whether the reviewer is excluded, the
# services decide.)
rules.add_perm("filings.screen", is_government & can_review_in_organization)
