"""The one-command demo: government bodies, parks (bases), a few hundred cultural enterprises
and one account per portal role, all sharing ``data.DEMO_PASSWORD``.

``loader.load_demo`` writes it once; run again, it changes nothing. This package is an
installed app (for the ``demo`` command), so it imports no models here: Django imports it
before the models are ready.
"""
