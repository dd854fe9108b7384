"""An organisation's members: invitations by signed link, role changes and removals, each
on the organisation's timeline; and the members pages that call them."""

import time

import pytest
from django.core import mail, signing
from django.urls import reverse

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.orgs import enums, services
from cloudpark.orgs.models import Membership
from cloudpark.portals.base import ACTIVE_MEMBERSHIP_SESSION_KEY
from tests.factories import MembershipFactory, ParkFactory, UserFactory

pytestmark = pytest.mark.django_db

EIGHT_DAYS = 8 * 24 * 3600


def timeline(obj):
    return [(entry.action, entry.data) for entry in audit.history_of(obj)]


@pytest.fixture
def admin(park):
    return MembershipFactory(organization=park, role=enums.Role.ADMIN).user


def invited(park, admin, email="colleague@example.cn", role=enums.Role.STAFF):
    return services.invite_member(park, email=email, role=role, actor=admin)


class _EightDaysAgo:
    @staticmethod
    def time():
        return time.time() - EIGHT_DAYS


# Services ---------------------------------------------------------------------------------


def test_an_invitation_is_mailed_after_commit_with_an_absolute_link(
    park, admin, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://cloudpark.example.cn"

    with django_capture_on_commit_callbacks(execute=True):
        token = services.invite_member(
            park, email=" Colleague@Example.cn ", role=enums.Role.STAFF, actor=admin
        )

    link = "https://cloudpark.example.cn" + reverse("individual:invitation_accept", args=[token])
    assert [message.to for message in mail.outbox] == [["colleague@example.cn"]]
    assert mail.outbox[0].body.endswith(link)
    assert park.name in mail.outbox[0].body
    assert timeline(park) == [
        ("orgs.membership.invited", {"email": "colleague@example.cn", "role": "staff"})
    ]


def test_the_invited_person_accepts_and_becomes_a_member(park, admin):
    token = invited(park, admin, role=enums.Role.REVIEWER)
    person = UserFactory(email="colleague@example.cn")

    membership = services.accept_invitation(token, user=person)
    again = services.accept_invitation(token, user=person)

    assert (membership.organization_id, membership.role, membership.is_active) == (
        park.pk,
        "reviewer",
        True,
    )
    assert again.pk == membership.pk
    assert [action for action, _data in timeline(park)] == [
        "orgs.membership.added",
        "orgs.membership.invited",
    ]


def test_someone_else_cannot_accept_an_invitation(park, admin):
    token = invited(park, admin)

    with pytest.raises(DomainError, match=r"sent to colleague@example\.cn"):
        services.accept_invitation(token, user=UserFactory(email="other@example.cn"))

    assert not Membership.objects.filter(organization=park, role=enums.Role.STAFF).exists()


def test_an_altered_invitation_is_refused(park, admin):
    invited(park, admin)
    # Signed with another key than invitations are: the role in it was chosen by the sender.
    forged = signing.dumps(
        {"organization": park.pk, "email": "colleague@example.cn", "role": "admin"},
        salt="another salt",
    )

    with pytest.raises(DomainError, match="not valid"):
        services.accept_invitation(forged, user=UserFactory(email="colleague@example.cn"))

    assert not Membership.objects.filter(
        organization=park, user__email="colleague@example.cn"
    ).exists()


def test_an_invitation_older_than_seven_days_has_expired(park, admin, monkeypatch):
    monkeypatch.setattr(signing, "time", _EightDaysAgo)
    token = invited(park, admin)
    monkeypatch.undo()

    with pytest.raises(DomainError, match="expired"):
        services.accept_invitation(token, user=UserFactory(email="colleague@example.cn"))

    assert not Membership.objects.filter(
        organization=park, user__email="colleague@example.cn"
    ).exists()


def test_a_removed_member_cannot_rejoin_with_an_older_invitation(park, admin):
    token = invited(park, admin)
    person = UserFactory(email="colleague@example.cn")
    membership = services.accept_invitation(token, user=person)
    services.remove_member(membership, actor=admin)

    with pytest.raises(DomainError, match="no longer holds"):
        services.accept_invitation(token, user=person)

    assert Membership.objects.get(pk=membership.pk).is_active is False


def test_a_member_is_not_invited_again(park, admin):
    with pytest.raises(DomainError, match="already a member") as refused:
        services.invite_member(park, email=admin.email, role=enums.Role.STAFF, actor=admin)

    assert refused.value.field == "email"
    assert timeline(park) == []


def test_an_invitation_needs_a_valid_address(park, admin):
    with pytest.raises(DomainError) as refused:
        services.invite_member(park, email="not an address", role=enums.Role.STAFF, actor=admin)

    assert refused.value.field == "email"


def test_changing_a_member_records_role_and_capabilities(park, admin):
    staff = MembershipFactory(organization=park, role=enums.Role.STAFF)

    services.change_member(
        staff,
        actor=admin,
        role=enums.Role.REVIEWER,
        extra_capabilities=[enums.Capability.DECIDE, enums.Capability.REVIEW],
    )

    staff.refresh_from_db()
    assert (staff.role, staff.extra_capabilities) == ("reviewer", ["decide"])
    assert timeline(park) == [
        (
            "orgs.membership.changed",
            {"user": staff.user_id, "role": "reviewer", "capabilities": ["decide"]},
        )
    ]


def test_the_last_administrator_is_not_demoted(park, admin):
    membership = Membership.objects.get(user=admin, organization=park)

    with pytest.raises(DomainError, match="at least one administrator"):
        services.change_member(membership, actor=admin, role=enums.Role.STAFF)

    assert Membership.objects.get(pk=membership.pk).role == enums.Role.ADMIN


def test_the_last_administrator_is_not_removed(park, admin):
    membership = Membership.objects.get(user=admin, organization=park)

    with pytest.raises(DomainError, match="at least one administrator"):
        services.remove_member(membership, actor=admin)

    assert Membership.objects.get(pk=membership.pk).is_active is True


def test_an_administrator_beside_another_may_be_demoted(park, admin):
    second = MembershipFactory(organization=park, role=enums.Role.ADMIN)

    services.change_member(second, actor=admin, role=enums.Role.STAFF)

    assert Membership.objects.get(pk=second.pk).role == enums.Role.STAFF


# Pages ------------------------------------------------------------------------------------


def test_the_administrator_invites_from_the_members_page(client, park, admin):
    client.force_login(admin)

    response = client.post(
        reverse("park:member_invite"), {"email": "colleague@example.cn", "role": "staff"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("park:members")
    assert timeline(park) == [
        ("orgs.membership.invited", {"email": "colleague@example.cn", "role": "staff"})
    ]


def test_inviting_a_member_again_is_refused_at_the_field(client, park, admin):
    client.force_login(admin)

    response = client.post(reverse("park:member_invite"), {"email": admin.email, "role": "staff"})

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [f"{admin.email} is already a member."]


def test_the_administrator_changes_a_role_on_its_page(client, park, admin):
    staff = MembershipFactory(organization=park, role=enums.Role.STAFF)
    client.force_login(admin)

    response = client.post(
        reverse("park:member_change", args=[staff.pk]),
        {"role": "reviewer", "extra_capabilities": ["check_in"]},
    )

    staff.refresh_from_db()
    assert response.status_code == 302
    assert (staff.role, staff.extra_capabilities) == ("reviewer", ["check_in"])


def test_removing_asks_first_then_removes(client, park, admin):
    staff = MembershipFactory(organization=park, role=enums.Role.STAFF)
    client.force_login(admin)

    asked = client.get(reverse("park:member_remove", args=[staff.pk]))
    response = client.post(reverse("park:member_remove", args=[staff.pk]))

    staff.refresh_from_db()
    assert asked.status_code == 200
    assert asked.context["member"] == staff
    assert response["Location"] == reverse("park:members")
    assert staff.is_active is False


def test_removing_the_last_administrator_is_refused_with_a_message(client, park, admin):
    membership = Membership.objects.get(user=admin, organization=park)
    client.force_login(admin)

    response = client.post(reverse("park:member_remove", args=[membership.pk]), follow=True)

    assert [str(message) for message in response.context["messages"]] == [
        "An organisation keeps at least one administrator."
    ]
    assert Membership.objects.get(pk=membership.pk).is_active is True


def test_staff_cannot_remove_a_member_by_post(client, park, admin):
    staff = MembershipFactory(organization=park, role=enums.Role.STAFF)
    client.force_login(staff.user)

    response = client.post(reverse("park:member_remove", args=[staff.pk]))

    assert response.status_code == 403
    assert Membership.objects.get(pk=staff.pk).is_active is True


def test_another_organisations_member_is_not_found(client, park, admin):
    stranger = MembershipFactory(organization=ParkFactory(), role=enums.Role.STAFF)
    client.force_login(admin)

    response = client.post(reverse("park:member_remove", args=[stranger.pk]))

    assert response.status_code == 404
    assert Membership.objects.get(pk=stranger.pk).is_active is True


def test_the_invitee_accepts_and_lands_in_the_organisations_portal(client, park, admin):
    token = invited(park, admin)
    person = UserFactory(email="colleague@example.cn")
    client.force_login(person)

    shown = client.get(reverse("individual:invitation_accept", args=[token]))
    response = client.post(reverse("individual:invitation_accept", args=[token]))

    membership = Membership.objects.get(user=person)
    assert shown.context["invitation"].organization == park
    assert response["Location"] == reverse("park:home")
    assert client.session[ACTIVE_MEMBERSHIP_SESSION_KEY] == membership.pk
    assert (membership.organization_id, membership.role) == (park.pk, "staff")


def test_a_broken_link_says_so_and_makes_no_one_a_member(client, park, admin):
    person = UserFactory(email="colleague@example.cn")
    client.force_login(person)

    shown = client.get(reverse("individual:invitation_accept", args=["not-a-token"]))
    client.post(reverse("individual:invitation_accept", args=["not-a-token"]))

    assert shown.context["refusal"] == "This invitation link is not valid."
    assert not Membership.objects.filter(user=person).exists()
