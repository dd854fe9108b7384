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
    LicenceSerializer,
    LicenceWriteSerializer,
    LicensingRequestSerializer,
    LicensingRequestWriteSerializer,
    OutcomeSerializer,
    PledgeSerializer,
    PledgeVerificationSerializer,
    PledgeWriteSerializer,
    RequestMoveSerializer,
    WorkSerializer,
    WorkWriteSerializer,
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

    serializer_class = WorkSerializer
    permission_rules = {
        "list": VIEWING,
        "retrieve": VIEWING,
        "create": MANAGING,
        "submit": MANAGING,
        "outcome": MANAGING,
    }

    def get_queryset(self):
        return selectors.works_of(self.acting_for).order_by("-created_at", "-id")

    @extend_schema(request=WorkWriteSerializer, responses={201: WorkSerializer})
    def create(self, request, *args, **kwargs):
        values = self.validated(WorkWriteSerializer, request.data)
        work = services.record_work(self.acting_for, actor=request.user, values=values)
        return Response(WorkSerializer(work).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=WorkSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def submit(self, request, pk=None):
        work = services.submit_registration(self.get_object(), actor=request.user)
        return Response(WorkSerializer(work).data)

    @extend_schema(request=OutcomeSerializer, responses=WorkSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def outcome(self, request, pk=None):
        work = self.get_object()
        data = self.validated(OutcomeSerializer, request.data)
        step = data.pop("step")
        work = services.record_outcome(work, step, actor=request.user, values=data)
        return Response(WorkSerializer(work).data)


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class LicenceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, EnterpriseViewSet
):
    """Licences on the works of the enterprise the caller acts for. A licence overlapping an
    exclusive one (or, exclusive, overlapping any) in medium, territory and term is refused."""

    serializer_class = LicenceSerializer
    permission_rules = {"list": VIEWING, "retrieve": VIEWING, "create": MANAGING}

    def get_queryset(self):
        return selectors.licences_of(self.acting_for).order_by("-starts_on", "-id")

    @extend_schema(request=LicenceWriteSerializer, responses={201: LicenceSerializer})
    def create(self, request, *args, **kwargs):
        values = self.validated(LicenceWriteSerializer, request.data)
        work = self.own_work(values.pop("work"))
        licence = services.grant_licence(work, actor=request.user, values=values)
        return Response(LicenceSerializer(licence).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class PledgeViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, EnterpriseViewSet
):
    """Pledges of the works of the enterprise the caller acts for; a second pledge in force
    whose term overlaps is refused; ``release/`` records its release."""

    serializer_class = PledgeSerializer
    permission_rules = {
        "list": VIEWING,
        "retrieve": VIEWING,
        "create": MANAGING,
        "release": MANAGING,
    }

    def get_queryset(self):
        return selectors.pledges_of(self.acting_for).order_by("-starts_on", "-id")

    @extend_schema(request=PledgeWriteSerializer, responses={201: PledgeSerializer})
    def create(self, request, *args, **kwargs):
        values = self.validated(PledgeWriteSerializer, request.data)
        work = self.own_work(values.pop("work"))
        pledge = services.pledge_work(work, actor=request.user, values=values)
        return Response(PledgeSerializer(pledge).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=PledgeSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def release(self, request, pk=None):
        return Response(
            PledgeSerializer(services.release_pledge(self.get_object(), actor=request.user)).data
        )


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class LicensingRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, EnterpriseViewSet
):
    """Licensing requests the enterprise sent or received. ``create`` asks the holder of a
    work offered for licensing; ``move/`` is the holder's next step: negotiating, signed
    (which grants the licence, with its checks) or declined (with a reason)."""

    serializer_class = LicensingRequestSerializer
    permission_rules = {
        "list": VIEWING,
        "retrieve": VIEWING,
        "create": MANAGING,
        "move": MANAGING,
    }

    def get_queryset(self):
        return selectors.requests_of(self.acting_for).order_by("-created_at", "-id")

    @extend_schema(
        request=LicensingRequestWriteSerializer, responses={201: LicensingRequestSerializer}
    )
    def create(self, request, *args, **kwargs):
        values = self.validated(LicensingRequestWriteSerializer, request.data)
        work = values.pop("work")
        licensing_request = services.request_licence(
            work, self.acting_for, actor=request.user, values=values
        )
        return Response(
            LicensingRequestSerializer(licensing_request).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=RequestMoveSerializer, responses=LicensingRequestSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def move(self, request, pk=None):
        licensing_request = self.get_object()
        if licensing_request.work.enterprise_id != self.acting_for.pk:
            raise ValidationError(
                {"step": [_("Only the holder's administrators move a request on.")]}
            )
        data = self.validated(RequestMoveSerializer, request.data)
        step = data.pop("step")
        licensing_request = services.move_request(
            licensing_request, step, actor=request.user, values=data
        )
        return Response(LicensingRequestSerializer(licensing_request).data)


class PledgeVerificationViewSet(mixins.RetrieveModelMixin, RuleViewSet):
    """A pledge looked up by its registration number, for a person acting for a financial
    institution: the holder, the work, the amount, the term and the state. Each look-up is
    kept in the pledge's history."""

    serializer_class = PledgeVerificationSerializer
    lookup_field = "number"
    lookup_value_regex = "[^/]+"
    permission_rules = {"retrieve": rule("copyright.verify_pledge")}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Pledge.objects.none()
        return Pledge.objects.select_related(*selectors.PLEDGE_RELATED)

    def retrieve(self, request, *args, **kwargs):
        pledge = services.verify_pledge(self.get_object(), actor=request.user)
        return Response(PledgeVerificationSerializer(pledge).data)
