"""Supply and demand over REST: the public list of live needs and offers (contacts masked);
an enterprise's posts with the posts that fit them and why; its introductions on both sides,
with the steps from proposed to accepted to closed with a deal value or none.

The same selectors, services and named rules as the pages: another organisation's object is
a 404, a member without the right a 403, a refused business rule a 400 with its message and
field. A contact is shown in full only through ``contact/`` of an accepted introduction, and
each showing is audited.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from cloudpark.api import base
from cloudpark.api.base import PUBLIC, RuleViewSet, acting
from cloudpark.api.market import filters
from cloudpark.api.market.serializers import (
    MarketCloseSerializer,
    MarketContactSerializer,
    MarketDeclineSerializer,
    MarketIntroductionProposeSerializer,
    MarketIntroductionSerializer,
    MarketMatchSerializer,
    MarketPostSerializer,
    MarketPostWriteSerializer,
    MarketPublicPostSerializer,
)
from cloudpark.market import selectors, services


class PublicPostViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """Live needs and offers, for anyone, contacts masked; filter by need or offer, kind,
    park, district, price band and words."""

    serializer_class = MarketPublicPostSerializer
    filterset_class = filters.PostFilter
    permission_rules = {"list": PUBLIC, "retrieve": PUBLIC}

    def get_queryset(self):
        return selectors.live_posts().order_by("-published_at", "-pk")


VIEWING = acting("market.view_market")
MANAGING = acting("market.manage_market")


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class PostViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    RuleViewSet,
):
    """The needs and offers of the enterprise the caller acts for. Administrators create a
    draft (validity date required, price range in order, window not ending before it starts),
    change it, ``publish/`` and ``close/`` it; ``matches/`` lists other enterprises' live posts
    that fit one, with the reason."""

    serializer_class = MarketPostSerializer
    filterset_class = filters.PostFilter
    acting_kinds = base.ENTERPRISE
    acting_query_parameter = "enterprise"
    permission_rules = {
        "list": VIEWING,
        "retrieve": VIEWING,
        "matches": VIEWING,
        "create": MANAGING,
        "partial_update": MANAGING,
        "publish": MANAGING,
        "close": MANAGING,
    }

    def get_queryset(self):
        return selectors.posts_of(self.acting_for).order_by("-created_at", "-id")

    @extend_schema(request=MarketPostWriteSerializer, responses={201: MarketPostSerializer})
    def create(self, request, *args, **kwargs):
        values = self.validated(MarketPostWriteSerializer, request.data)
        values.setdefault("valid_until", None)
        post = services.save_post(self.acting_for, actor=request.user, values=values)
        return Response(MarketPostSerializer(post).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MarketPostWriteSerializer, responses=MarketPostSerializer)
    def partial_update(self, request, *args, **kwargs):
        post = self.get_object()
        values = self.validated(MarketPostWriteSerializer, request.data, partial=True)
        post = services.save_post(self.acting_for, actor=request.user, values=values, post=post)
        return Response(MarketPostSerializer(post).data)

    @extend_schema(request=None, responses=MarketPostSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def publish(self, request, pk=None):
        return Response(
            MarketPostSerializer(services.publish_post(self.get_object(), actor=request.user)).data
        )

    @extend_schema(request=None, responses=MarketPostSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def close(self, request, pk=None):
        return Response(
            MarketPostSerializer(services.close_post(self.get_object(), actor=request.user)).data
        )

    @extend_schema(responses=MarketMatchSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def matches(self, request, pk=None):
        return Response(
            MarketMatchSerializer(selectors.matches_for_post(self.get_object()), many=True).data
        )


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class IntroductionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, RuleViewSet
):
    """The introductions of the enterprise the caller acts for, on both sides: propose one
    about another enterprise's live post; the post's enterprise ``accept/`` or ``decline/``;
    the proposer ``withdraw/``; either side ``close/`` an accepted one with a ``deal_value``
    in yuan or without (no deal); ``contact/`` shows the other side's contact once accepted."""

    serializer_class = MarketIntroductionSerializer
    filterset_class = filters.IntroductionFilter
    acting_kinds = base.ENTERPRISE
    acting_query_parameter = "enterprise"
    permission_rules = {
        "list": VIEWING,
        "retrieve": VIEWING,
        "contact": VIEWING,
        "create": MANAGING,
        "accept": MANAGING,
        "decline": MANAGING,
        "withdraw": MANAGING,
        "close": MANAGING,
    }

    def get_queryset(self):
        return selectors.introductions_of(self.acting_for).order_by("-created_at", "-id")

    def _answer(self, introduction):
        return Response(
            MarketIntroductionSerializer(self.get_queryset().get(pk=introduction.pk)).data
        )

    @extend_schema(
        request=MarketIntroductionProposeSerializer, responses={201: MarketIntroductionSerializer}
    )
    def create(self, request, *args, **kwargs):
        data = self.validated(MarketIntroductionProposeSerializer, request.data)
        own_post = data.get("proposer_post")
        if own_post is not None and own_post.enterprise_id != self.acting_for.pk:
            raise ValidationError(
                {"proposer_post": [_("This post belongs to another enterprise you act for.")]}
            )
        introduction = services.propose_introduction(
            data.pop("post"), self.acting_for, actor=request.user, values=data
        )
        response = self._answer(introduction)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(request=None, responses=MarketIntroductionSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def accept(self, request, pk=None):
        return self._answer(
            services.accept_introduction(self.get_object(), self.acting_for, actor=request.user)
        )

    @extend_schema(request=MarketDeclineSerializer, responses=MarketIntroductionSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def decline(self, request, pk=None):
        data = self.validated(MarketDeclineSerializer, request.data)
        return self._answer(
            services.decline_introduction(
                self.get_object(), self.acting_for, actor=request.user, reason=data["reason"]
            )
        )

    @extend_schema(request=None, responses=MarketIntroductionSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def withdraw(self, request, pk=None):
        return self._answer(
            services.withdraw_introduction(self.get_object(), self.acting_for, actor=request.user)
        )

    @extend_schema(request=MarketCloseSerializer, responses=MarketIntroductionSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def close(self, request, pk=None):
        data = self.validated(MarketCloseSerializer, request.data)
        return self._answer(
            services.close_introduction(
                self.get_object(),
                self.acting_for,
                actor=request.user,
                deal_value=data["deal_value"],
                reason=data["reason"],
            )
        )

    @extend_schema(responses=MarketContactSerializer)
    @action(detail=True, methods=["get"], filter_backends=[])
    def contact(self, request, pk=None):
        contact = services.reveal_contact(self.get_object(), self.acting_for, actor=request.user)
        return Response(MarketContactSerializer(contact).data)
