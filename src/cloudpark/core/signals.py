"""Signals of the kernel, sent by the capabilities and heard by whoever keeps copies of their
rows (the platform search), so that neither side imports the other."""

from django.dispatch import Signal

# Sent with ``sender=<model>, pks=[...]`` by a service that created, changed or deleted rows
# of ``model`` in bulk (``bulk_create``, ``core.bulk``, ``update()``), so without the
# ``post_save`` and ``post_delete`` a save or a delete sends. Sent inside the write's
# transaction, once the rows are as they will be committed.
bulk_written = Signal()
