"""An administrator of an organisation ends a member's sessions, from the members page or
in the admin; the member is signed out on every device at their next request."""

import pytest
from django.urls import reverse

from cloudpark.accounts import services
from cloudpark.core.errors import DomainError
from cloudpark.core.models import AuditEntry
from cloudpark.orgs import enums
from tests.accounts.test_sessions import signed_in
from tests.factories import MembershipFactory, ParkFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def park():
    return ParkFactory()


@pytest.fixture
def admin(park):
    return MembershipFactory(organization=park, role=enums.Role.ADMIN).user


@pytest.fixture
def member(park):
    return MembershipFactory(organization=park, role=enums.Role.STAFF)


def is_signed_in(browser):
    return browser.get(reverse("individual:home")).status_code == 200


def test_the_service_ends_every_session_of_the_member_and_is_audited(admin, member):
    phone, laptop = signed_in(member.user), signed_in(member.user)

    services.end_member_sessions(member, actor=admin)

    entry = AuditEntry.objects.get(action="accounts.user.sessions_ended")
    assert (is_signed_in(phone), is_signed_in(laptop)) == (False, False)
    assert (entry.actor, entry.object_id, entry.data) == (
        admin,
        str(member.user_id),
        {"organization": member.organization_id},
    )


def test_a_removed_member_is_refused(admin, member):
    member.is_active = False
    member.save()

    with pytest.raises(DomainError):
        services.end_member_sessions(member, actor=admin)


def test_the_members_page_asks_first_and_ends_the_sessions(admin, member):
    phone = signed_in(member.user)
    browser = signed_in(admin)
    url = reverse("park:member_sign_out", args=[member.pk])

    listed = browser.get(reverse("park:members")).content.decode()
    asked = browser.get(url)
    done = browser.post(url, follow=True)

    assert f'action="{url}"' in listed
    assert "data-confirm=" in listed
    assert asked.status_code == 200
    assert done.redirect_chain[0] == (reverse("park:members"), 302)
    assert "signed out on every device" in done.content.decode()
    assert not is_signed_in(phone)
    assert is_signed_in(browser)


def test_ending_ones_own_sessions_signs_out_here_too(admin, park):
    own = admin.memberships.get(organization=park)
    browser = signed_in(admin)

    response = browser.post(reverse("park:member_sign_out", args=[own.pk]))

    assert response["Location"] == reverse("account_login")
    assert not is_signed_in(browser)


def test_staff_may_not_end_sessions(member, park):
    colleague = MembershipFactory(organization=park, role=enums.Role.STAFF)
    phone = signed_in(colleague.user)
    browser = signed_in(member.user)

    response = browser.post(reverse("park:member_sign_out", args=[colleague.pk]))

    assert response.status_code == 403
    assert is_signed_in(phone)


def test_the_page_speaks_chinese(admin, member):
    browser = signed_in(admin)

    response = browser.get(
        reverse("park:member_sign_out", args=[member.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    assert "结束" in response.content.decode()


def test_an_administrator_ends_sessions_in_the_admin(admin_client, admin_user):
    person = UserFactory()
    phone = signed_in(person)

    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "end_sessions", "_selected_action": [person.pk]},
    )

    entry = AuditEntry.objects.get(action="accounts.user.signed_out_everywhere")
    assert response.status_code == 302
    assert not is_signed_in(phone)
    assert (entry.actor, entry.object_id) == (admin_user, str(person.pk))
