"""Who may do what with policies, programmes, applications and notices. Predicates answer one
question each and are safe for anonymous users and ``None``; the named permissions below are
what views, the API and templates ask for."""

import rules

from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.rules import is_government, is_member_of_organization, is_park


def _holds(user, organization, capability):
    return organization is not None and org_selectors.has_capability(user, organization, capability)


@rules.predicate
def is_enterprise(user, organization):
    return organization is not None and organization.kind == org_enums.OrganizationKind.ENTERPRISE


@rules.predicate
def may_apply_in_organization(user, organization):
    return _holds(user, organization, org_enums.Capability.APPLY_FOR_SUPPORT)


@rules.predicate
def may_view_enterprises_in_organization(user, organization):
    return _holds(user, organization, org_enums.Capability.VIEW_ENTERPRISES)


@rules.predicate
def may_manage_programmes_in_organization(user, organization):
    return _holds(user, organization, org_enums.Capability.MANAGE_PROGRAMMES)


# Object predicates: the object is an application, a programme, a policy or a notice.


@rules.predicate
def applies_for_the_enterprise(user, application):
    return application is not None and _holds(
        user, application.enterprise, org_enums.Capability.APPLY_FOR_SUPPORT
    )


@rules.predicate
def manages_the_programme(user, programme):
    return programme is not None and _holds(
        user, programme.issuer, org_enums.Capability.MANAGE_PROGRAMMES
    )


@rules.predicate
def manages_the_policy(user, policy):
    return policy is not None and _holds(user, policy.owner, org_enums.Capability.MANAGE_PROGRAMMES)


@rules.predicate
def manages_the_notice(user, notice):
    return notice is not None and _holds(
        user, notice.programme.issuer, org_enums.Capability.MANAGE_PROGRAMMES
    )


# Portal-level: the object is the organisation the user acts for.
rules.add_perm("programs.browse_programmes", is_enterprise & is_member_of_organization)
rules.add_perm("programs.apply", is_enterprise & may_apply_in_organization)
rules.add_perm(
    "programs.view_applications",
    (is_enterprise & is_member_of_organization)
    | ((is_park | is_government) & may_view_enterprises_in_organization),
)
rules.add_perm("programs.manage_programmes", is_government & may_manage_programmes_in_organization)

# Object-level. These say who may act on an application; whether its state allows the step
# is the service's to say, with a message the applicant can read (``TransitionNotAllowed``).
rules.add_perm("programs.edit_application", applies_for_the_enterprise)
rules.add_perm("programs.submit_application", applies_for_the_enterprise)
rules.add_perm("programs.withdraw_application", applies_for_the_enterprise)
rules.add_perm("programs.change_programme", manages_the_programme)
rules.add_perm("programs.change_policy", manages_the_policy)
rules.add_perm("programs.manage_notice", manages_the_notice)
