"""Base accreditation over REST.

For everyone: the rounds (public calls), the list of accredited bases and a base's
accreditation history. For a park: its declarations, with their materials, submission and
withdrawal, and its annual reviews. For a government body (under ``government/``): the rounds
it organises with their declarations and export, the annual reviews it decides, and the end
of a base's accreditation.

The same selectors, services and named rules as the pages: another organisation's object is a
404, a member without the right a 403, a refused business rule a 400 with its message.
Endpoints that act for a park or a government body use the caller's membership of that kind,
or the one named by ``?park=<id>`` or ``?government=<id>`` when they hold several."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from cloudpark.api import base
from cloudpark.api.base import PUBLIC, SIGNED_IN, RuleViewSet, acting, on_input, rule
from cloudpark.api.bases import filters
from cloudpark.api.bases.serializers import (
    AccreditedBaseSerializer,
    AnnualDecisionSerializer,
    AnnualReviewSerializer,
    AnnualReviewWriteSerializer,
    BaseHistorySerializer,
    BaseStandingSerializer,
    DeclarationMaterialSerializer,
    DeclarationMaterialUploadSerializer,
    DeclarationSerializer,
    DeclarationUpdateSerializer,
    DeclarationWriteSerializer,
    EndAccreditationSerializer,
    ManagedRoundSerializer,
    RoundCreateSerializer,
    RoundDeclarationSerializer,
    RoundSerializer,
    RoundUpdateSerializer,
)
from cloudpark.api.lists import only_shown
from cloudpark.bases import exports, selectors, services
from cloudpark.core import excel
from cloudpark.orgs import selectors as org_selectors


class RoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """Accreditation rounds: public calls for declarations."""

    serializer_class = RoundSerializer
    filterset_class = filters.RoundFilter
    permission_rules = {"list": PUBLIC, "retrieve": PUBLIC}

    def get_queryset(self):
        return selectors.public_rounds()


DECLARING = rule("bases.declare", through="park")


class DeclarationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RuleViewSet,
):
    """The declarations of the parks the caller belongs to. Administrators draft, change,
    attach materials to, submit and withdraw them."""

    serializer_class = DeclarationSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_rules = {
        "list": SIGNED_IN,
        "retrieve": SIGNED_IN,
        "create": on_input("bases.declare"),
        "partial_update": DECLARING,
        "update": DECLARING,
        "submit": DECLARING,
        "withdraw": DECLARING,
        "materials": DECLARING,
    }

    def get_queryset(self):
        return selectors.declarations_of_parks(
            org_selectors.organization_ids_of(self.request.user, base.PARK)
        )

    def _read(self, declaration, status_code=status.HTTP_200_OK):
        declaration = self.get_queryset().get(pk=declaration.pk)
        return Response(DeclarationSerializer(declaration).data, status=status_code)

    @extend_schema(request=DeclarationWriteSerializer, responses={201: DeclarationSerializer})
    def create(self, request, *args, **kwargs):
        values = self.validated(DeclarationWriteSerializer, request.data)
        park, accreditation_round = values.pop("park"), values.pop("round")
        self.check_rule(park)
        declaration = services.draft_declaration(
            park, accreditation_round, actor=request.user, **values
        )
        return self._read(declaration, status.HTTP_201_CREATED)

    @extend_schema(request=DeclarationUpdateSerializer, responses=DeclarationSerializer)
    def partial_update(self, request, *args, **kwargs):
        declaration = self.get_object()
        values = self.validated(
            DeclarationUpdateSerializer, request.data, instance=declaration, partial=True
        )
        services.update_declaration(declaration, actor=request.user, **values)
        return self._read(declaration)

    @extend_schema(request=None, responses=DeclarationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send the declaration to review (or back to it after a return)."""
        return self._read(services.submit_declaration(self.get_object(), actor=request.user))

    @extend_schema(request=None, responses=DeclarationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._read(services.withdraw_declaration(self.get_object(), actor=request.user))

    @extend_schema(
        request=DeclarationMaterialUploadSerializer, responses={201: DeclarationMaterialSerializer}
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def materials(self, request, pk=None):
        """Attach a file (PDF, Word, Excel, JPEG or PNG) as one of the materials."""
        declaration = self.get_object()
        upload = self.validated(DeclarationMaterialUploadSerializer, request.data)
        material = services.attach_material(
            declaration, actor=request.user, kind=upload["kind"], uploaded=upload["file"]
        )
        return Response(
            DeclarationMaterialSerializer(material).data, status=status.HTTP_201_CREATED
        )


class AccreditedBaseViewSet(mixins.ListModelMixin, RuleViewSet):
    """Bases whose accreditation stands, by level and batch: the published lists; and a
    base's accreditation history, as its public page shows it."""

    serializer_class = AccreditedBaseSerializer
    filterset_class = filters.AccreditedBaseFilter
    permission_rules = {"list": PUBLIC, "history": PUBLIC}
    lookup_field = "park"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        # The region and the deciding body are shown from the cached reference rows: only
        # the park is joined, for its name and status.
        accreditations = (
            selectors.current_accreditations()
            .select_related(None)
            .select_related("park")
            .prefetch_related(None)
        )
        return only_shown(accreditations, AccreditedBaseSerializer)

    @extend_schema(
        responses=BaseHistorySerializer,
        parameters=[OpenApiParameter("park", OpenApiTypes.INT, OpenApiParameter.PATH)],
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def history(self, request, park=None):
        """Every accreditation the park has held, in force or ended (with how and why)."""
        return Response(BaseHistorySerializer(org_selectors.get_public_park(park)).data)


@extend_schema(parameters=[base.PARK_PARAMETER])
class AnnualReviewViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, RuleViewSet
):
    """The annual reviews of the park the caller acts for; its administrators submit a past
    year's figures to the body that accredited it."""

    acting_kinds = base.PARK
    acting_query_parameter = "park"
    permission_rules = {
        "list": acting("bases.view_declarations"),
        "retrieve": acting("bases.view_declarations"),
        "create": acting("bases.declare"),
    }
    serializer_class = AnnualReviewSerializer

    def get_queryset(self):
        return selectors.annual_reviews_of(self.acting_for)

    @extend_schema(request=AnnualReviewWriteSerializer, responses={201: AnnualReviewSerializer})
    def create(self, request, *args, **kwargs):
        values = self.validated(AnnualReviewWriteSerializer, request.data)
        review = services.submit_annual_review(self.acting_for, actor=request.user, **values)
        return Response(
            AnnualReviewSerializer(self.get_queryset().get(pk=review.pk)).data,
            status=status.HTTP_201_CREATED,
        )


# The government body's side ------------------------------------------------------------------

VIEWING_ROUNDS = acting("bases.view_rounds")
MANAGING_ROUNDS = acting("bases.manage_rounds")


@extend_schema(parameters=[base.GOVERNMENT_PARAMETER])
class GovernmentRoundViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    RuleViewSet,
):
    """The rounds the body organises, with their declarations counted by state. Its
    administrators open rounds, change them, and delete those nobody has declared for."""

    acting_kinds = base.GOVERNMENT
    acting_query_parameter = "government"
    permission_rules = {
        "list": VIEWING_ROUNDS,
        "retrieve": VIEWING_ROUNDS,
        "declarations": VIEWING_ROUNDS,
        "export": VIEWING_ROUNDS,
        "create": MANAGING_ROUNDS,
        "partial_update": MANAGING_ROUNDS,
        "update": MANAGING_ROUNDS,
        "destroy": MANAGING_ROUNDS,
    }
    serializer_class = ManagedRoundSerializer
    filterset_class = filters.RoundFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.rounds_of(self.acting_for)

    def _read(self, accreditation_round, status_code=status.HTTP_200_OK):
        accreditation_round = self.get_queryset().get(pk=accreditation_round.pk)
        return Response(ManagedRoundSerializer(accreditation_round).data, status=status_code)

    @extend_schema(request=RoundCreateSerializer, responses={201: ManagedRoundSerializer})
    def create(self, request, *args, **kwargs):
        values = self.validated(RoundCreateSerializer, request.data)
        accreditation_round = services.open_round(
            organiser=self.acting_for, actor=request.user, **values
        )
        return self._read(accreditation_round, status.HTTP_201_CREATED)

    @extend_schema(request=RoundUpdateSerializer, responses=ManagedRoundSerializer)
    def partial_update(self, request, *args, **kwargs):
        accreditation_round = self.get_object()
        values = self.validated(RoundUpdateSerializer, request.data, partial=True)
        services.update_round(accreditation_round, actor=request.user, **values)
        return self._read(accreditation_round)

    def destroy(self, request, *args, **kwargs):
        """Delete a round nobody has declared for; one with declarations is kept."""
        services.delete_round(self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=RoundDeclarationSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def declarations(self, request, pk=None):
        """The round's declarations (drafts stay with the parks) with their outcomes."""
        declarations = selectors.declarations_in_round(self.get_object())
        page = self.paginate_queryset(declarations)
        return self.get_paginated_response(RoundDeclarationSerializer(page, many=True).data)

    @extend_schema(responses={(200, excel.XLSX_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def export(self, request, pk=None):
        """The round's declarations and outcomes as an Excel workbook, as on the page."""
        accreditation_round = self.get_object()
        return exports.export_declarations(
            accreditation_round, selectors.declarations_in_round(accreditation_round)
        )


@extend_schema(parameters=[base.GOVERNMENT_PARAMETER])
class GovernmentAnnualReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """The annual reviews the body decides, those awaiting a decision first."""

    acting_kinds = base.GOVERNMENT
    acting_query_parameter = "government"
    permission_rules = {
        "list": VIEWING_ROUNDS,
        "retrieve": VIEWING_ROUNDS,
        "decide": acting("bases.decide_annual_reviews"),
    }
    serializer_class = AnnualReviewSerializer

    def get_queryset(self):
        return selectors.annual_reviews_for(self.acting_for)

    @extend_schema(request=AnnualDecisionSerializer, responses=AnnualReviewSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Pass the year, order rectification (the base is suspended until a later pass), or
        revoke the accreditation."""
        review = self.get_object()
        decision = self.validated(AnnualDecisionSerializer, request.data)
        services.decide_annual_review(review, actor=request.user, **decision)
        return Response(AnnualReviewSerializer(self.get_queryset().get(pk=review.pk)).data)


@extend_schema(parameters=[base.GOVERNMENT_PARAMETER])
class GovernmentBaseViewSet(mixins.RetrieveModelMixin, RuleViewSet):
    """A park in the body's care: its standing, accreditations and annual reviews. ``end``
    revokes its accreditation or records its exit; only the body that granted an
    accreditation, or one above it, may end it."""

    acting_kinds = base.GOVERNMENT
    acting_query_parameter = "government"
    permission_rules = {"retrieve": VIEWING_ROUNDS, "end": acting("bases.revoke")}
    serializer_class = BaseStandingSerializer

    def get_queryset(self):
        return org_selectors.parks_in_care_of(self.acting_for).select_related("region")

    @extend_schema(request=EndAccreditationSerializer, responses=BaseStandingSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """Revoke the base's accreditation, or record its exit. The accreditations end and
        stay in its history; the park is no longer rated."""
        park = self.get_object()
        details = self.validated(EndAccreditationSerializer, request.data)
        services.end_accreditation(park, government=self.acting_for, actor=request.user, **details)
        return Response(BaseStandingSerializer(self.get_queryset().get(pk=park.pk)).data)
