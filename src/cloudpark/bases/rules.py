"""Who may do what with accreditation. Portal-level permissions take the organisation the user
acts for; pages, the API and templates ask the same names."""

import rules

from cloudpark.orgs.enums import Capability
from cloudpark.orgs.rules import (
    can_manage_profile,
    can_view_enterprises,
    is_government,
    is_member_of_organization,
    is_park,
)
from cloudpark.orgs.selectors import has_capability


@rules.predicate
def can_decide_in_organization(user, organization):
    return organization is not None and has_capability(user, organization, Capability.DECIDE)


# A government body's administrators open rounds, decide annual reviews and revoke; its
# staff and reviewers follow them. A park's administrators declare; its staff follow.
rules.add_perm("bases.view_rounds", is_government & can_view_enterprises)
rules.add_perm("bases.manage_rounds", is_government & can_decide_in_organization)
rules.add_perm("bases.decide_annual_reviews", is_government & can_decide_in_organization)
rules.add_perm("bases.revoke", is_government & can_decide_in_organization)
rules.add_perm("bases.view_declarations", is_park & is_member_of_organization)
rules.add_perm("bases.declare", is_park & can_manage_profile)
