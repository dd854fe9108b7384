import pytest
from django.contrib.contenttypes.models import ContentType


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """Query counts must not depend on which test ran first and filled Django's cache."""
    ContentType.objects.clear_cache()
