"""API throttles that tell callers apart by the address ``core.middleware.client_address``
finds: DRF's own would believe any ``X-Forwarded-For`` a caller sends."""

from rest_framework import throttling

from cloudpark.core.middleware import client_address


class ClientAddressMixin:
    def get_ident(self, request):
        return client_address(request) or ""


class AnonRateThrottle(ClientAddressMixin, throttling.AnonRateThrottle):
    pass


class TokenRateThrottle(ClientAddressMixin, throttling.ScopedRateThrottle):
    """The token endpoint's own rate (``api-token``), per address."""
