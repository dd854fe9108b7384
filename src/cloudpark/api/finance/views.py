"""Culture finance over REST: the public product list; an enterprise's financing needs with
the products that fit them and why, and its introductions; an institution's introductions
and their steps to granted or declined.

The same selectors, services and named rules as the pages: another organisation's object is
a 404, a member without the right a 403, a refused business rule a 400 with its message and
field. An enterprise opens and ends data rooms; the institution reads the shared figures
while access lasts, each reading logged like a view of the page.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from cloudpark.api import base
from cloudpark.api.base import PUBLIC, RuleViewSet, acting, rule
from cloudpark.api.finance import filters
from cloudpark.api.finance.serializers import (
    DataRoomOpenSerializer,
    DataRoomSerializer,
    IntroductionMoveSerializer,
    IntroductionRequestSerializer,
    IntroductionSerializer,
    MatchSerializer,
    NeedSerializer,
    NeedWriteSerializer,
    ProductSerializer,
    SharedDataRoomSerializer,
)
from cloudpark.finance import selectors, services


class ProductViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """Published financing products, for anyone; filter by kind, institution kind,
    collateral and words."""

    serializer_class = ProductSerializer
    filterset_class = filters.ProductFilter
    permission_rules = {"list": PUBLIC, "retrieve": PUBLIC}

    def get_queryset(self):
        return selectors.published_products().order_by("kind", "cost_min", "pk")


VIEWING = acting("finance.view_financing")
MANAGING = acting("finance.manage_financing")


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class NeedViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, RuleViewSet
):
    """The financing needs of the enterprise the caller acts for. Administrators publish
    (amount and validity required) and ``close/``; ``matches/`` lists the published products
    that fit a need and for which the enterprise qualifies, with the reasons."""

    serializer_class = NeedSerializer
    acting_kinds = base.ENTERPRISE
    acting_query_parameter = "enterprise"
    permission_rules = {
        "list": VIEWING,
        "retrieve": VIEWING,
        "matches": VIEWING,
        "create": MANAGING,
        "close": MANAGING,
    }

    def get_queryset(self):
        return selectors.needs_of(self.acting_for).order_by("-created_at", "-id")

    @extend_schema(request=NeedWriteSerializer, responses={201: NeedSerializer})
    def create(self, request, *args, **kwargs):
        values = self.validated(NeedWriteSerializer, request.data)
        values.setdefault("amount", None)
        values.setdefault("valid_until", None)
        need = services.publish_need(self.acting_for, actor=request.user, values=values)
        return Response(NeedSerializer(need).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=NeedSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def close(self, request, pk=None):
        return Response(
            NeedSerializer(services.close_need(self.get_object(), actor=request.user)).data
        )

    @extend_schema(responses=MatchSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def matches(self, request, pk=None):
        need = self.get_object()
        rows = [
            {
                "product": product,
                "fits_because": list(fit.reasons),
                "qualifies_because": [item.explanation for item in result.results],
            }
            for product, fit, result in (selectors.products_for_need(need) if need.is_live else [])
        ]
        return Response(MatchSerializer(rows, many=True).data)


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class EnterpriseIntroductionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, RuleViewSet
):
    """The introductions of the enterprise the caller acts for: request one for a need and a
    published product (the platform sends it to the institution), and ``withdraw/``."""

    serializer_class = IntroductionSerializer
    filterset_class = filters.IntroductionFilter
    acting_kinds = base.ENTERPRISE
    acting_query_parameter = "enterprise"
    permission_rules = {
        "list": VIEWING,
        "retrieve": VIEWING,
        "create": MANAGING,
        "withdraw": MANAGING,
    }

    def get_queryset(self):
        return selectors.introductions_of(self.acting_for).order_by("-created_at", "-id")

    @extend_schema(request=IntroductionRequestSerializer, responses={201: IntroductionSerializer})
    def create(self, request, *args, **kwargs):
        data = self.validated(IntroductionRequestSerializer, request.data)
        if data["need"].enterprise_id != self.acting_for.pk:
            raise ValidationError(
                {"need": [_("This need belongs to another enterprise you act for.")]}
            )
        introduction = services.request_introduction(
            data["need"], data["product"], actor=request.user, message=data["message"]
        )
        return Response(
            IntroductionSerializer(self.get_queryset().get(pk=introduction.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=IntroductionSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def withdraw(self, request, pk=None):
        introduction = services.withdraw_introduction(self.get_object(), actor=request.user)
        return Response(IntroductionSerializer(self.get_queryset().get(pk=introduction.pk)).data)


ACTING_FOR_INSTITUTION = rule("finance.act_for_institution")


class InstitutionIntroductionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """The introductions sent to the institutions the caller acts for (as administrator or
    staff); ``move/`` takes the institution's next ``step``: contacted, in review, granted (amount,
    all-in rate, date) or declined (reason)."""

    serializer_class = IntroductionSerializer
    filterset_class = filters.IntroductionFilter
    permission_rules = {
        "list": ACTING_FOR_INSTITUTION,
        "retrieve": ACTING_FOR_INSTITUTION,
        "move": ACTING_FOR_INSTITUTION,
    }

    def get_queryset(self):
        return selectors.introductions_for_user(self.request.user).order_by("-created_at", "-id")

    @extend_schema(request=IntroductionMoveSerializer, responses=IntroductionSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def move(self, request, pk=None):
        introduction = self.get_object()
        data = self.validated(IntroductionMoveSerializer, request.data)
        target = data.pop("step")
        introduction = services.move_introduction(
            introduction, target, actor=request.user, values=data
        )
        return Response(IntroductionSerializer(self.get_queryset().get(pk=introduction.pk)).data)


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class EnterpriseDataRoomViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, RuleViewSet
):
    """The data rooms of the enterprise the caller acts for: its administrators open one
    (``institution``, ``figures``, ``days`` from 1 to 90) and ``end/`` it before its time."""

    serializer_class = DataRoomSerializer
    acting_kinds = base.ENTERPRISE
    acting_query_parameter = "enterprise"
    permission_rules = {
        "list": VIEWING,
        "retrieve": VIEWING,
        "create": MANAGING,
        "end": MANAGING,
    }

    def get_queryset(self):
        return selectors.data_rooms_of(self.acting_for)

    @extend_schema(request=DataRoomOpenSerializer, responses={201: DataRoomSerializer})
    def create(self, request, *args, **kwargs):
        data = self.validated(DataRoomOpenSerializer, request.data)
        room = services.open_data_room(
            self.acting_for,
            data["institution"],
            actor=request.user,
            figures=data["figures"],
            days=data["days"],
        )
        return Response(
            DataRoomSerializer(self.get_queryset().get(pk=room.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=DataRoomSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def end(self, request, pk=None):
        room = services.end_data_room(self.get_object(), actor=request.user)
        return Response(DataRoomSerializer(self.get_queryset().get(pk=room.pk)).data)


class InstitutionDataRoomViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """The data rooms open to the institutions the caller acts for. The list says who shares
    what until when; a room's own address returns the shared figures, read now, and logs the
    reading (``finance.data_room.viewed``). A room past its time, ended or shared with another
    institution is a 404."""

    serializer_class = DataRoomSerializer
    permission_rules = {"list": ACTING_FOR_INSTITUTION, "retrieve": ACTING_FOR_INSTITUTION}

    def get_queryset(self):
        return selectors.open_data_rooms_for_user(self.request.user)

    @extend_schema(responses=SharedDataRoomSerializer)
    def retrieve(self, request, *args, **kwargs):
        room = self.get_object()
        sections = services.view_data_room(room, actor=request.user)
        return Response(SharedDataRoomSerializer(room, context={"sections": sections}).data)
