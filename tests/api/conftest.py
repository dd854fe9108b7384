# The permission matrix runs on the portal tests' world.
from tests.portals.conftest import world  # noqa: F401
