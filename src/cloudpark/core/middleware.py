"""Response headers the platform adds to every page."""

from django.conf import settings


def permissions_policy_header(policy):
    """``{"camera": ["self"], "usb": []}`` as ``camera=(self), usb=()``."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())


class PermissionsPolicyMiddleware:
    """Sends ``settings.PERMISSIONS_POLICY``: which browser features pages may use at all."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
