"""Data shared by the tests of a module, written once and rolled back after them."""

import contextlib

from django.core.cache import cache
from django.db import transaction
from django.test import override_settings


@contextlib.contextmanager
def module_transaction(django_db_blocker, media):
    """A transaction for a whole module's shared data, rolled back when the module ends, with
    uploads under ``media``. Each test runs inside it in its own savepoint, as in Django's
    ``TestCase.setUpTestData``, so what a test writes is undone and the shared data stays."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        outer = transaction.atomic()
        # Marked as a test case's block, so that a durable block inside a test is allowed.
        outer._from_testcase = True
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()
