"""Who may do what with accreditation. Portal-level permissions take the organisation the user
acts for; pages, the API and templates ask the same names.

``bases.end_accreditation`` is a rule about two organisations rather than a person's right:
whether a government body may end an accreditation. Services ask it with
``rules.test_rule("bases.end_accreditation", government, accreditation)``; the person acting
for the body needs ``bases.revoke`` as well."""

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


@rules.predicate
def granted_it_or_stands_above(government, accreditation):
    """Whether ``government`` granted ``accreditation`` or is a superior of the body that did:
    a status is taken away at the level that gives it, so a provincial bureau does not end a
    national accreditation."""
    if government is None or accreditation is None:
        return False
    body = accreditation.decided_by
    seen = set()
    while body is not None and body.pk not in seen:
        if body.pk == government.pk:
            return True
        seen.add(body.pk)
        body = body.parent
    return False


# A government body's administrators open rounds, decide annual reviews and revoke; its
# staff and reviewers follow them. A park's administrators declare; its staff follow.
rules.add_perm("bases.view_rounds", is_government & can_view_enterprises)
rules.add_perm("bases.manage_rounds", is_government & can_decide_in_organization)
rules.add_perm("bases.decide_annual_reviews", is_government & can_decide_in_organization)
rules.add_perm("bases.revoke", is_government & can_decide_in_organization)
rules.add_perm("bases.view_declarations", is_park & is_member_of_organization)
rules.add_perm("bases.declare", is_park & can_manage_profile)

rules.add_rule("bases.end_accreditation", granted_it_or_stands_above)
