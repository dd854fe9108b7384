"""Who may do what with news. Portal-level permissions take the organisation the user acts
for; pages, the API and templates ask the same names. Reading published news, filing a
correction request and looking one up are open to everyone."""

import rules

from cloudpark.orgs.enums import Capability
from cloudpark.orgs.rules import is_government, is_park
from cloudpark.orgs.selectors import has_capability


@rules.predicate
def can_edit_news_in_organization(user, organization):
    return organization is not None and has_capability(user, organization, Capability.EDIT_NEWS)


# The editors of a government body or a park write its articles, correct them, handle the
# requests addressed to it, and keep its clarifications and disclosure items.
rules.add_perm("news.edit_news", (is_government | is_park) & can_edit_news_in_organization)
