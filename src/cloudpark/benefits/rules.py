"""Who may do what with enterprise benefits. A park's administrators publish, edit and close
its offers; its members run the redemption desk and read the figures; a government body reads
the figures of the parks in its care. Anyone signed in sees what they may claim; whether they
may claim is the service's question (it names the reason)."""

import rules

from cloudpark.orgs.rules import (
    can_manage_profile,
    is_government,
    is_member_of_organization,
    is_park,
)

rules.add_perm("benefits.manage_offers", is_park & can_manage_profile)
rules.add_perm("benefits.redeem_codes", is_park & is_member_of_organization)
rules.add_perm("benefits.view_statistics", (is_park | is_government) & is_member_of_organization)
