"""Reads of people."""

from django.contrib.auth import get_user_model

from cloudpark.core import crypto, validators


def people_with_resident_id(number):
    """The people whose resident ID number is exactly ``number`` (in any spacing or case): the
    numbers are stored encrypted, so they are found by their keyed digest."""
    normalized = validators.normalize_resident_id(number or "")
    if not normalized:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(resident_id_digest=crypto.digest(normalized))
