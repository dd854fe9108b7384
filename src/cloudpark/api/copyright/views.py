"""The copyright register over REST: an enterprise's works with their registration, the
licences and pledges on them, the licensing requests it sent or received; and, for a person
acting for a financial institution, a pledge looked up by its registration number.

The same selectors, services and named rules as the pages: another organisation's object is
a 404, a member without the right a 403, a refused business rule a 400 with its message and
field."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from cloudpark.api import base
from cloudpark.api.base import RuleViewSet, acting, rule
from cloudpark.api.copyright.serializers import (
    CopyrightLicenceSerializer,
    CopyrightLicenceWriteSerializer,
    CopyrightLicensingRequestSerializer,
    CopyrightLicensingRequestWriteSerializer,
    CopyrightOutcomeSerializer,
    CopyrightPledgeSerializer,
    CopyrightPledgeVerificationSerializer,
    CopyrightPledgeWriteSerializer,
    CopyrightRequestMoveSerializer,
    CopyrightWorkSerializer,
    CopyrightWorkWriteSerializer,
)
from cloudpark.copyright import selectors, services
from cloudpark.copyright.models import Pledge

VIEWING = acting("copyright.view_register")
MANAGING = acting("copyright.manage_register")


class EnterpriseViewSet(RuleViewSet):
    acting_kinds = base.ENTERPRISE
    acting_query_parameter = "enterprise"

    def own_work(self, work):
        if work.enterprise_id != self.acting_for.pk:
            raise ValidationError({"work": [_("This work belongs to another enterprise.")]})
        return work


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class WorkViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, EnterpriseViewSet
):
    """The register of the enterprise the caller acts for. A work created with its number
    is registered; without, it is a drafted application, ``submit/`` once its statement is
    written, and ``outcome/`` records the registration centre's answer."""

    serializer_class = CopyrightWorkSerializer
    permission_rules = {
        "list": VIEWING,
        "retrieve": VIEWING,
        "create": MANAGING,
        "submit": MANAGING,
        "outcome": MANAGING,
    }

    def get_queryset(self):
        return selectors.works_of(self.acting_for).order_by("-created_at", "-id")

    @extend_schema(request=CopyrightWorkWriteSerializer, responses={201: CopyrightWorkSerializer})
    def create(self, request, *args, **kwargs):
        values = self.validated(CopyrightWorkWriteSerializer, request.data)
        work = services.record_work(self.acting_for, actor=request.user, values=values)
        return Response(CopyrightWorkSerializer(work).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=CopyrightWorkSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def submit(self, request, pk=None):
        work = services.submit_registration(self.get_object(), actor=request.user)
        return Response(CopyrightWorkSerializer(work).data)

    @extend_schema(request=CopyrightOutcomeSerializer, responses=CopyrightWorkSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def outcome(self, request, pk=None):
        work = self.get_object()
        data = self.validated(CopyrightOutcomeSerializer, request.data)
        step = data.pop("step")
        work = services.record_outcome(work, step, actor=request.user, values=data)
        return Response(CopyrightWorkSerializer(work).data)


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class LicenceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, EnterpriseViewSet
):
    """Licences on the works of the enterprise the caller acts for. A licence overlapping an
    exclusive one (or, exclusive, overlapping any) in medium, territory and term is refused."""

    serializer_class = CopyrightLicenceSerializer
    permission_rules = {"list": VIEWING, "retrieve": VIEWING, "create": MANAGING}

    def get_queryset(self):
        return selectors.licences_of(self.acting_for).order_by("-starts_on", "-id")

    @extend_schema(
        request=CopyrightLicenceWriteSerializer, responses={201: CopyrightLicenceSerializer}
    )
    def create(self, request, *args, **kwargs):
        values = self.validated(CopyrightLicenceWriteSerializer, request.data)
        work = self.own_work(values.pop("work"))
        licence = services.grant_licence(work, actor=request.user, values=values)
        return Response(CopyrightLicenceSerializer(licence).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class PledgeViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, EnterpriseViewSet
):
    """Pledges of the works of the enterprise the caller acts for; a second pledge in force
    whose term overlaps is refused; ``release/`` records its release."""

    serializer_class = CopyrightPledgeSerializer
    permission_rules = {
        "list": VIEWING,
        "retrieve": VIEWING,
        "create": MANAGING,
        "release": MANAGING,
    }

    def get_queryset(self):
        return selectors.pledges_of(self.acting_for).order_by("-starts_on", "-id")

    @extend_schema(
        request=CopyrightPledgeWriteSerializer, responses={201: CopyrightPledgeSerializer}
    )
    def create(self, request, *args, **kwargs):
        values = self.validated(CopyrightPledgeWriteSerializer, request.data)
        work = self.own_work(values.pop("work"))
        pledge = services.pledge_work(work, actor=request.user, values=values)
        return Response(CopyrightPledgeSerializer(pledge).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=CopyrightPledgeSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def release(self, request, pk=None):
        return Response(
            CopyrightPledgeSerializer(
                services.release_pledge(self.get_object(), actor=request.user)
            ).data
        )


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class LicensingRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, EnterpriseViewSet
):
    """Licensing requests the enterprise sent or received. ``create`` asks the holder of a
    work offered for licensing; ``move/`` is the holder's next step: negotiating, signed
    (which grants the licence, with its checks) or declined (with a reason)."""

    serializer_class = CopyrightLicensingRequestSerializer
    permission_rules = {
        "list": VIEWING,
        "retrieve": VIEWING,
        "create": MANAGING,
        "move": MANAGING,
    }

    def get_queryset(self):
        return selectors.requests_of(self.acting_for).order_by("-created_at", "-id")

    @extend_schema(
        request=CopyrightLicensingRequestWriteSerializer,
        responses={201: CopyrightLicensingRequestSerializer},
    )
    def create(self, request, *args, **kwargs):
        values = self.validated(CopyrightLicensingRequestWriteSerializer, request.data)
        work = values.pop("work")
        licensing_request = services.request_licence(
            work, self.acting_for, actor=request.user, values=values
        )
        return Response(
            CopyrightLicensingRequestSerializer(licensing_request).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=CopyrightRequestMoveSerializer, responses=CopyrightLicensingRequestSerializer
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def move(self, request, pk=None):
        licensing_request = self.get_object()
        if licensing_request.work.enterprise_id != self.acting_for.pk:
            raise ValidationError(
                {"step": [_("Only the holder's administrators move a request on.")]}
            )
        data = self.validated(CopyrightRequestMoveSerializer, request.data)
        step = data.pop("step")
        licensing_request = services.move_request(
            licensing_request, step, actor=request.user, values=data
        )
        return Response(CopyrightLicensingRequestSerializer(licensing_request).data)


class PledgeVerificationViewSet(mixins.RetrieveModelMixin, RuleViewSet):
    """A pledge looked up by its registration number, for a person acting for a financial
    institution: the holder, the work, the amount, the term and the state. Each look-up is
    kept in the pledge's history."""

    serializer_class = CopyrightPledgeVerificationSerializer
    lookup_field = "number"
    lookup_value_regex = "[^/]+"
    permission_rules = {"retrieve": rule("copyright.verify_pledge")}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Pledge.objects.none()
        return Pledge.objects.select_related(*selectors.PLEDGE_RELATED)

    def retrieve(self, request, *args, **kwargs):
        pledge = services.verify_pledge(self.get_object(), actor=request.user)
        return Response(CopyrightPledgeVerificationSerializer(pledge).data)
