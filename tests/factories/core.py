from datetime import timedelta

import factory
from django.utils import timezone

from cloudpark.core.models import ExportFile
from tests.factories.accounts import UserFactory


class ExportFileFactory(factory.django.DjangoModelFactory):
    """A queued export of the public enterprise directory; ``core.exports.request_export``
    makes one that the worker then writes."""

    class Meta:
        model = ExportFile

    user = factory.SubFactory(UserFactory)
    kind = "orgs.enterprises.public"
    language = "en"
    original_name = "enterprises-2026-06-01.xlsx"
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
