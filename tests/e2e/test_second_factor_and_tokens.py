"""A park's administrator sets up an authenticator app before acting, makes an API token,
uses it, and revokes it; an administrator signs a colleague out everywhere.

The platform asks the park's administrator for a second factor at the first page after
sign-in: she confirms her password, scans the secret into her app (here: computes its code),
is shown her recovery codes, and goes on. On "My profile › API tokens" she makes a token for
a script; the secret is shown once and opens the API. She revokes it after the confirmation
dialog, and the API refuses it. On the members page she ends a colleague's sessions, after a
confirmation too.
"""

import re

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from cloudpark.accounts import mfa
from cloudpark.accounts.models import ApiToken
from cloudpark.core.models import AuditEntry
from cloudpark.orgs import enums
from tests.accounts.test_second_factor import current_code
from tests.e2e.dialogs import answer_confirmation
from tests.factories import MembershipFactory, ParkFactory, UserFactory

PASSWORD = "Zhijiang-base-2026"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
# A code typed as its 30-second step ends is checked in the next step; one step of tolerance
# keeps the walk from failing on that boundary (the platform itself keeps allauth's none).
@override_settings(MFA_REQUIRED_FOR=mfa.PRIVILEGED, MFA_TOTP_TOLERANCE=1)
def test_an_administrator_sets_up_totp_makes_and_revokes_a_token(live_server, page, browser_errors):
    park = ParkFactory(name="之江影视基地")
    admin = UserFactory(email="chief@example.cn", password=PASSWORD, name="林静")
    MembershipFactory(organization=park, user=admin, role=enums.Role.ADMIN)
    colleague = MembershipFactory(
        organization=park, role=enums.Role.STAFF, user=UserFactory(name="赵磊")
    )

    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(admin.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()

    # Sent to the set-up page, told why in Chinese; allauth asks for the password again first.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    expect(page.locator("body")).to_contain_text("身份验证器")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(current_code(secret))
    page.locator("form:has(input[name=code]) button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/"))

    # Now she may act: her API tokens, under her profile.
    page.goto(f"{live_server.url}/me/profile/")
    page.locator("#api-tokens-link").click()
    page.locator("input[name=name]").fill("月度报表脚本")
    page.locator("#token-create-button").click()
    token_secret = page.locator("#new-token-secret").inner_text().strip()
    assert token_secret.startswith("cpk_")
    api = page.context.request
    me = f"{live_server.url}/api/v1/me/"
    assert api.get(me, headers={"Authorization": f"Token {token_secret}"}).status == 200

    # Shown once: the list opened again does not show it.
    page.goto(f"{live_server.url}/me/tokens/")
    expect(page.locator("#new-token-secret")).to_have_count(0)
    row = page.locator("tr", has_text="月度报表脚本")
    row.locator("button[type=submit]").click()
    assert "月度报表脚本" in answer_confirmation(page)
    expect(page.locator(".alert-success")).to_contain_text("令牌已撤销")
    assert ApiToken.objects.get().revoked_at is not None
    assert api.get(me, headers={"Authorization": f"Token {token_secret}"}).status == 401

    # Her colleague's sessions, from the members page.
    page.goto(f"{live_server.url}/park/members/")
    page.locator("tr", has_text="赵磊").locator("button", has_text="结束会话").click()
    assert "赵磊" in answer_confirmation(page)
    expect(page.locator(".alert-success")).to_contain_text("赵磊")
    assert AuditEntry.objects.filter(
        action="accounts.user.sessions_ended", object_id=str(colleague.user_id)
    ).exists()
    assert browser_errors == []
