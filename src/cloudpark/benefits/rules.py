"""Who may do what with enterprise benefits. A park's administrators publish, edit and close
its offers, admit service partners and withdraw a partner's offer from the park; its members
run the redemption desk and read the figures; a government body reads the figures of the parks
in its care. A partner's administrators publish, edit and close its offers; its members run its
own desk and see its claims and figures (in My Cloud Park, as a finance institution's people).
Anyone signed in sees what they may claim; whether they may claim is the service's question (it
names the reason)."""

import rules

from cloudpark.benefits import selectors
from cloudpark.orgs.rules import (
    can_manage_profile,
    is_government,
    is_member_of_organization,
    is_park,
)


@rules.predicate
def is_partner(user, organization):
    return selectors.is_partner(organization)


@rules.predicate
def works_at_a_partner(user):
    return bool(selectors.partner_ids_of(user))


rules.add_perm("benefits.manage_offers", is_park & can_manage_profile)
rules.add_perm("benefits.redeem_codes", is_park & is_member_of_organization)
rules.add_perm("benefits.manage_partners", is_park & can_manage_profile)
rules.add_perm("benefits.view_statistics", (is_park | is_government) & is_member_of_organization)
# A partner's pages: the menu asks the first (no organisation), the pages and the API the
# others of the partner acted for.
rules.add_perm("benefits.act_for_partner", works_at_a_partner)
rules.add_perm("benefits.work_partner_desk", is_partner & is_member_of_organization)
rules.add_perm("benefits.manage_partner_offers", is_partner & can_manage_profile)
