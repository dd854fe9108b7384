"""Who represents an enterprise and whom to call are personal data: masked to viewers without
the right, shown in full to those with it, and each full view is logged."""

from django.urls import reverse

from cloudpark.core.models import AuditEntry
from cloudpark.orgs import enums
from tests.factories import MembershipFactory

VIEWED = "core.personal_data.viewed"


def test_park_staff_see_the_names_and_the_phone_masked(client, park, enterprise):
    client.force_login(MembershipFactory(organization=park, role=enums.Role.STAFF).user)

    page = client.get(reverse("park:enterprise_detail", args=[enterprise.pk])).content.decode()

    assert ("李**" in page, "张*" in page, "138****1234" in page) == (True, True, True)
    assert ("李四海" in page, "张三" in page) == (False, False)
    assert not AuditEntry.objects.filter(action=VIEWED).exists()


def test_park_admins_see_them_in_full_and_the_view_is_logged(client, park, enterprise):
    admin = MembershipFactory(organization=park, role=enums.Role.ADMIN).user
    client.force_login(admin)

    page = client.get(reverse("park:enterprise_detail", args=[enterprise.pk])).content.decode()

    assert ("李四海" in page, "张三" in page, "13812341234" in page) == (True, True, True)
    assert AuditEntry.objects.get(action=VIEWED).actor == admin


def test_opening_the_enterprises_own_edit_form_is_a_logged_view(client, enterprise):
    admin = MembershipFactory(organization=enterprise, role=enums.Role.ADMIN).user
    client.force_login(admin)

    response = client.get(reverse("enterprise:profile_edit"))

    entry = AuditEntry.objects.get(action=VIEWED)
    assert response.status_code == 200
    assert "13812341234" in response.content.decode()
    assert (entry.actor, entry.object_id) == (admin, str(enterprise.pk))
    assert entry.data == {"fields": ["legal_representative", "contact_name", "contact_mobile"]}
