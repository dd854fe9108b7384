"""The one-command demo: government bodies, parks (bases), a few hundred cultural enterprises
and one account per portal role, all sharing ``DEMO_PASSWORD``.

``load_demo`` writes it once; run again, it changes nothing.
"""

from cloudpark.core.demo.data import DEMO_PASSWORD
from cloudpark.core.demo.loader import account_rows, is_loaded, load_demo

__all__ = ["DEMO_PASSWORD", "account_rows", "is_loaded", "load_demo"]
