"""``Authorization: Token <secret>`` for the API, checked against the personal tokens of
``accounts.models.ApiToken``."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from cloudpark.accounts import mfa, services


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """DRF's header form (and its place in the OpenAPI schema); the secret is looked up by its
    hash, and a token expired, revoked, outlived by a password change, or of a person who
    still lacks a second factor their role needs, is refused."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        token = services.token_for_secret(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is not known."))
        refusal = token.refusal()
        if refusal is not None:
            raise exceptions.AuthenticationFailed(refusal)
        if mfa.second_factor_missing(token.user):
            raise exceptions.AuthenticationFailed(mfa.MISSING_MESSAGE)
        services.record_token_use(token)
        return token.user, token
