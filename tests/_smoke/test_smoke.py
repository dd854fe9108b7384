from cloudpark.orgs.models import ParkResidence
from cloudpark.core.search import search
from cloudpark.orgs.models import Organization

def test_smoke(enterprise, park, government, member, user):
    u = member(park)
    print(enterprise.park, ParkResidence.objects.count(), u.memberships.all())
    print(list(search(Organization.objects.all(), "园")))
    assert enterprise.park == park
