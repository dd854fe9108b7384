"""Who may do what with award schemes. Portal-level permissions take the organisation the user
acts for; juror permissions take the scheme. Pages, the API and templates ask the same names."""

import rules

from cloudpark.awards.models import Juror
from cloudpark.orgs.enums import Capability, OrganizationKind
from cloudpark.orgs.rules import is_government, is_member_of_organization
from cloudpark.orgs.selectors import has_capability


@rules.predicate
def is_enterprise(user, organization):
    return organization is not None and organization.kind == OrganizationKind.ENTERPRISE


@rules.predicate
def may_enter_works(user, organization):
    return organization is not None and has_capability(
        user, organization, Capability.APPLY_FOR_SUPPORT
    )


@rules.predicate
def may_run_schemes(user, organization):
    return organization is not None and has_capability(
        user, organization, Capability.MANAGE_PROGRAMMES
    )


@rules.predicate
def sits_on_jury(user, scheme):
    return (
        scheme is not None
        and user is not None
        and user.is_authenticated
        and Juror.objects.filter(scheme=scheme, user=user).exists()
    )


@rules.predicate
def sits_on_any_jury(user):
    return user is not None and user.is_authenticated and Juror.objects.filter(user=user).exists()


@rules.predicate
def chairs_jury(user, scheme):
    return (
        scheme is not None
        and user is not None
        and user.is_authenticated
        and Juror.objects.filter(scheme=scheme, user=user, is_chair=True).exists()
    )


# An enterprise's members see its entries; those who apply for support enter works.
rules.add_perm("awards.view_entries", is_enterprise & is_member_of_organization)
rules.add_perm("awards.enter_works", is_enterprise & may_enter_works)
# A government body's members follow its schemes; those who manage programmes run them.
rules.add_perm("awards.view_schemes", is_government & is_member_of_organization)
rules.add_perm("awards.manage_schemes", is_government & may_run_schemes)
# A juror judges in their own workspace; the chair also follows the jury's progress.
rules.add_perm("awards.sit_on_a_jury", sits_on_any_jury)
rules.add_perm("awards.judge", sits_on_jury)
rules.add_perm("awards.chair", chairs_jury)
