"""The API's token endpoint: e-mail, password and, for a person with an authenticator, its
code, in exchange for a new named personal token."""

from allauth.mfa.models import Authenticator
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from cloudpark.accounts import services
from cloudpark.accounts.throttling import TokenRateThrottle


class NewTokenSerializer(serializers.Serializer):
    email = serializers.EmailField(required=False, label=_("e-mail address"))
    username = serializers.EmailField(
        required=False, write_only=True, help_text=_("The e-mail address, under its older name.")
    )
    password = serializers.CharField(
        label=_("password"),
        trim_whitespace=False,
        write_only=True,
        style={"input_type": "password"},
    )
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        label=_("code"),
        help_text=_(
            "The authenticator app's current code, or a recovery code: required when the "
            "person has an authenticator."
        ),
    )
    name = serializers.CharField(
        required=False, max_length=100, label=_("name"), help_text=_("What the token is for.")
    )

    def validate(self, attrs):
        request = self.context["request"]
        email = (attrs.get("email") or attrs.get("username") or "").strip().lower()
        if not email:
            raise serializers.ValidationError({"email": _("Give the account's e-mail address.")})
        # Through authenticate(), so that the lockout counts the failures of this way in.
        user = authenticate(request=request, username=email, password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(
                _("Unable to sign in with the e-mail address and password given."),
                code="authorization",
            )
        authenticators = Authenticator.objects.filter(user=user).exclude(
            type=Authenticator.Type.WEBAUTHN
        )
        if authenticators and not any(
            authenticator.wrap().validate_code(attrs.get("code", "").strip())
            for authenticator in authenticators
        ):
            # A wrong code is a failed sign-in: logged, audited and counted by the lockout.
            user_login_failed.send(
                sender=__name__, credentials={"username": email}, request=request
            )
            raise serializers.ValidationError(
                {"code": _("Give the current code of your authenticator app, or a recovery code.")}
            )
        attrs["user"] = user
        return attrs


class ApiTokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("The secret: shown this once, kept nowhere."))
    name = serializers.CharField()
    prefix = serializers.CharField()
    expires_at = serializers.DateTimeField()


class TokenView(APIView):
    """A new personal API token for the account signed in with; send it as
    ``Authorization: Token <token>``."""

    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [TokenRateThrottle]
    throttle_scope = "api-token"

    @extend_schema(request=NewTokenSerializer, responses={201: ApiTokenSerializer})
    def post(self, request):
        given = NewTokenSerializer(data=request.data, context={"request": request})
        given.is_valid(raise_exception=True)
        user = given.validated_data["user"]
        token, secret = services.create_api_token(
            user, actor=user, name=given.validated_data.get("name") or str(_("API script"))
        )
        body = {
            "token": secret,
            "name": token.name,
            "prefix": token.prefix,
            "expires_at": token.expires_at,
        }
        return Response(ApiTokenSerializer(body).data, status=status.HTTP_201_CREATED)
