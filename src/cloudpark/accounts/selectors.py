"""Reads of people."""

from django.contrib.auth import get_user_model

from cloudpark.accounts.models import ApiToken
from cloudpark.core import crypto, validators


def people_with_resident_id(number):
    """The people whose resident ID number is exactly ``number`` (in any spacing or case): the
    numbers are stored encrypted, so they are found by their keyed digest."""
    normalized = validators.normalize_resident_id(number or "")
    if not normalized:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(resident_id_digest=crypto.digest(normalized))


def api_tokens_of(user):
    """Every token ``user`` has made, in use or ended, newest first."""
    return ApiToken.objects.filter(user_id=user.pk).select_related("user")
