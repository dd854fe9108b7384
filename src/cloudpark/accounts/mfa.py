"""The second factor: who must have an authenticator app (TOTP) before acting on the platform.

``settings.MFA_REQUIRED_FOR`` says whom it is asked of: ``privileged`` (administrators and
reviewers of government bodies and parks, and superusers), ``everyone``, or ``nobody``.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cloudpark.orgs import enums
from cloudpark.orgs import selectors as org_selectors

PRIVILEGED = "privileged"
EVERYONE = "everyone"
NOBODY = "nobody"
SCOPES = (PRIVILEGED, EVERYONE, NOBODY)

MISSING_MESSAGE = _("Your role needs a second factor: set up an authenticator app before going on.")

# Organisations whose administrators and reviewers decide on other people's affairs.
PRIVILEGED_KINDS = (enums.OrganizationKind.GOVERNMENT, enums.OrganizationKind.PARK)
# What makes an administrator (managing members) or a reviewer (reviewing, deciding): a
# member given one of these as an extra capability needs the second factor as much as one
# holding the role.
PRIVILEGED_CAPABILITIES = frozenset(
    {enums.Capability.MANAGE_MEMBERS, enums.Capability.REVIEW, enums.Capability.DECIDE}
)


def is_privileged(user):
    """A superuser, or an active administrator or reviewer of a government body or a park."""
    if user.is_superuser:
        return True
    # The memberships every signed-in page reads anyway (kept on the user for the request).
    return any(
        membership.organization.kind in PRIVILEGED_KINDS
        and membership.capabilities & PRIVILEGED_CAPABILITIES
        for membership in org_selectors.memberships_of(user)
    )


def has_totp(user):
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def must_have_second_factor(user):
    scope = settings.MFA_REQUIRED_FOR
    if scope == NOBODY:
        return False
    return scope == EVERYONE or is_privileged(user)


def second_factor_missing(user):
    """Whether ``user`` must set up TOTP before doing anything else."""
    # Whether the role needs one first: it is told from the request's memberships, where
    # asking for an authenticator is a query on every page.
    return must_have_second_factor(user) and not has_totp(user)
