"""Who may do what in the copyright register. An enterprise's members see its register,
licences, pledges and requests; its administrators write them. A person acting for a
financial institution may verify a pledge by its number. The government sees the zone's
counts. Objects are reached through selectors that start from the organisation or the user."""

import rules

from cloudpark.finance.rules import is_enterprise, works_at_an_institution
from cloudpark.orgs.rules import can_manage_profile, is_government, is_member_of_organization

rules.add_perm("copyright.view_register", is_enterprise & is_member_of_organization)
rules.add_perm("copyright.manage_register", is_enterprise & can_manage_profile)
rules.add_perm("copyright.verify_pledge", works_at_an_institution)
rules.add_perm("copyright.view_overview", is_government & is_member_of_organization)
