"""Enterprise benefits over REST: the current offers, for anyone; a person's claims and their
codes; a park's offers (publish, close), its desk's ``redeem/`` and the partners it admits
(admit, ``end/``); a service partner's offers (publish, close, their claims) and its own
desk's ``redeem/``.

The same selectors, services and named rules as the pages: another park's offer is a 404, a
member without the right a 403, a refused business rule a 400 with its message.
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from cloudpark.api import base
from cloudpark.api.base import PUBLIC, SIGNED_IN, RuleViewSet, acting
from cloudpark.api.benefits.serializers import (
    AdmissionSerializer,
    AdmitRequestSerializer,
    ClaimRequestSerializer,
    ClaimSerializer,
    OfferSerializer,
    OfferWriteSerializer,
    ProviderClaimSerializer,
    ProviderOfferSerializer,
    RedeemSerializer,
    RedemptionSerializer,
)
from cloudpark.benefits import selectors, services


class OfferViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """The offers published and within their dates, for anyone."""

    serializer_class = OfferSerializer
    permission_rules = {"list": PUBLIC, "retrieve": PUBLIC}

    def get_queryset(self):
        return (
            selectors.current_offers()
            .prefetch_related("eligible_parks")
            .order_by("valid_until", "pk")
        )


class ClaimViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, RuleViewSet
):
    """The caller's claims with their codes; ``create`` claims an offer (``offer``) for a
    person who works at an enterprise of one of its parks."""

    serializer_class = ClaimSerializer
    permission_rules = {"list": SIGNED_IN, "retrieve": SIGNED_IN, "create": SIGNED_IN}

    def get_queryset(self):
        return selectors.claims_of(self.request.user).prefetch_related("offer__eligible_parks")

    @extend_schema(request=ClaimRequestSerializer, responses={201: ClaimSerializer})
    def create(self, request, *args, **kwargs):
        data = self.validated(ClaimRequestSerializer, request.data)
        claim = services.claim_offer(data["offer"], user=request.user)
        return Response(
            ClaimSerializer(self.get_queryset().get(pk=claim.pk)).data,
            status=status.HTTP_201_CREATED,
        )


VIEWING = acting("benefits.redeem_codes")
MANAGING = acting("benefits.manage_offers")


class ProviderViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, RuleViewSet
):
    """The offers of the provider the caller acts for (a park or a service partner): its
    administrators publish and ``close/``; its members ``redeem/`` a code at its own desk. A
    subclass names the provider's kind and rules; ``serializer_class`` is what each step
    gives back."""

    def create(self, request, *args, **kwargs):
        values = self.validated(OfferWriteSerializer, request.data)
        parks = values.pop("eligible_parks")
        offer = services.save_offer(
            self.acting_for, actor=request.user, values=values, eligible_parks=parks
        )
        return Response(self._read(offer), status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], filter_backends=[])
    def close(self, request, pk=None):
        return Response(self._read(services.close_offer(self.get_object(), actor=request.user)))

    @extend_schema(request=RedeemSerializer, responses=RedemptionSerializer)
    @action(detail=False, methods=["post"], filter_backends=[], pagination_class=None)
    def redeem(self, request):
        data = self.validated(RedeemSerializer, request.data)
        claim = services.redeem(self.acting_for, data["code"], actor=request.user)
        return Response(RedemptionSerializer(claim).data)

    def _read(self, offer):
        return self.get_serializer_class()(self.get_queryset().get(pk=offer.pk)).data


def provider_schema(serializer, parameter, *more_steps):
    """The schema of a ``ProviderViewSet``: who it acts for and what its steps give back."""
    return extend_schema_view(
        **dict.fromkeys(
            ("list", "retrieve", "redeem", *more_steps), extend_schema(parameters=[parameter])
        ),
        create=extend_schema(
            parameters=[parameter], request=OfferWriteSerializer, responses={201: serializer}
        ),
        close=extend_schema(parameters=[parameter], request=None, responses=serializer),
    )


@provider_schema(OfferSerializer, base.PARK_PARAMETER)
class ParkOfferViewSet(ProviderViewSet):
    """The offers of the park the caller acts for. Administrators publish and ``close/``;
    its members ``redeem/`` a code (typed or the QR's payload) at its desk."""

    serializer_class = OfferSerializer
    acting_kinds = base.PARK
    acting_query_parameter = "park"
    permission_rules = {
        "list": VIEWING,
        "retrieve": VIEWING,
        "redeem": VIEWING,
        "create": MANAGING,
        "close": MANAGING,
    }

    def get_queryset(self):
        return selectors.offers_of_park(self.acting_for).prefetch_related("eligible_parks")


PARTNERS = acting("benefits.manage_partners")


@extend_schema(parameters=[base.PARK_PARAMETER])
class ParkPartnerViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, RuleViewSet
):
    """The service partners the park the caller acts for admitted (and those whose admission
    ended). Administrators admit one (``partner``) and ``end/`` an admission, which withdraws
    the partner's offers from the park's people."""

    serializer_class = AdmissionSerializer
    acting_kinds = base.PARK
    acting_query_parameter = "park"
    permission_rules = {
        "list": VIEWING,
        "retrieve": VIEWING,
        "create": PARTNERS,
        "end": PARTNERS,
    }

    def get_queryset(self):
        return selectors.admissions_of_park(self.acting_for)

    @extend_schema(request=AdmitRequestSerializer, responses={201: AdmissionSerializer})
    def create(self, request, *args, **kwargs):
        data = self.validated(AdmitRequestSerializer, request.data)
        admission = services.admit_partner(self.acting_for, data["partner"], actor=request.user)
        return Response(AdmissionSerializer(admission).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=AdmissionSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def end(self, request, pk=None):
        admission = services.end_admission(self.get_object(), actor=request.user)
        return Response(AdmissionSerializer(admission).data)


PARTNER_DESK = acting("benefits.work_partner_desk")
PARTNER_MANAGING = acting("benefits.manage_partner_offers")


@provider_schema(ProviderOfferSerializer, base.PARTNER_PARAMETER, "claims")
class PartnerOfferViewSet(ProviderViewSet):
    """The offers of the service partner the caller acts for, to the parks that admitted it.
    Its administrators publish and ``close/``; its members see the ``claims/`` of an offer and
    ``redeem/`` a code at the partner's own desk (a code of another provider's offer is
    refused)."""

    serializer_class = ProviderOfferSerializer
    acting_kinds = base.OTHER
    acting_query_parameter = "partner"
    permission_rules = {
        "list": PARTNER_DESK,
        "retrieve": PARTNER_DESK,
        "claims": PARTNER_DESK,
        "redeem": PARTNER_DESK,
        "create": PARTNER_MANAGING,
        "close": PARTNER_MANAGING,
    }

    def get_queryset(self):
        return (
            selectors.with_figures(selectors.offers_of(self.acting_for))
            .prefetch_related("eligible_parks")
            .order_by("-valid_from", "-id")
        )

    @extend_schema(responses=ProviderClaimSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def claims(self, request, pk=None):
        offer = self.get_object()
        page = self.paginate_queryset(
            selectors.claims_of_provider(self.acting_for).filter(offer=offer)
        )
        return self.get_paginated_response(ProviderClaimSerializer(page, many=True).data)
