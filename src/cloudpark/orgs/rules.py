"""Who may do what with organisations. Each predicate answers one question and is safe for
anonymous users and ``None``; the named permissions below are what views, the API and
templates ask for."""

import rules

from cloudpark.orgs import enums, selectors


def _capability_in(capability):
    @rules.predicate(name=f"has_{capability}_in_organization")
    def predicate(user, organization):
        return organization is not None and selectors.has_capability(user, organization, capability)

    return predicate


@rules.predicate
def is_member_of_organization(user, organization):
    return organization is not None and selectors.membership_in(user, organization) is not None


@rules.predicate
def is_park(user, organization):
    return organization is not None and organization.kind == enums.OrganizationKind.PARK


@rules.predicate
def is_government(user, organization):
    return organization is not None and organization.kind == enums.OrganizationKind.GOVERNMENT


@rules.predicate
def cares_for_with_view_right(user, target):
    return target is not None and selectors.user_cares_for(
        user, target, enums.Capability.VIEW_ENTERPRISES
    )


@rules.predicate
def cares_for_with_personal_data_right(user, target):
    return target is not None and selectors.user_cares_for(
        user, target, enums.Capability.VIEW_PERSONAL_DATA
    )


can_manage_profile = _capability_in(enums.Capability.MANAGE_PROFILE)
can_manage_members = _capability_in(enums.Capability.MANAGE_MEMBERS)
can_view_enterprises = _capability_in(enums.Capability.VIEW_ENTERPRISES)
can_import_enterprises = _capability_in(enums.Capability.IMPORT_ENTERPRISES)
can_admit_enterprises = _capability_in(enums.Capability.ADMIT_ENTERPRISES)

# Portal-level permissions: the object is the organisation the user acts for.
rules.add_perm("orgs.act_for_organization", is_member_of_organization)
rules.add_perm("orgs.manage_profile", can_manage_profile)
rules.add_perm("orgs.view_members", is_member_of_organization)
rules.add_perm("orgs.manage_members", can_manage_members)
rules.add_perm("orgs.view_enterprises", can_view_enterprises)
rules.add_perm("orgs.view_parks", is_government & can_view_enterprises)
rules.add_perm("orgs.import_enterprises", (is_park | is_government) & can_import_enterprises)
rules.add_perm("orgs.admit_enterprises", is_park & can_admit_enterprises)

# Object-level permissions: the object is an enterprise or a park.
rules.add_perm("orgs.view_private_details", is_member_of_organization | cares_for_with_view_right)
rules.add_perm("orgs.view_personal_data", cares_for_with_personal_data_right)
