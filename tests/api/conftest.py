# The permission matrix runs on the portal tests' world.
from tests.portals.conftest import copied_world, shared_world, world  # noqa: F401
