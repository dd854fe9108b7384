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

import django_filters
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from cloudpark.bases import enums, exports, selectors, services
from cloudpark.bases.models import (
    Accreditation,
    AccreditationRound,
    AnnualReview,
    Declaration,
    DeclarationMaterial,
)
from cloudpark.core import excel
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import Organization, Park

# Acting for an organisation --------------------------------------------------------------------

GOVERNMENT_PARAMETER = OpenApiParameter(
    "government",
    OpenApiTypes.INT,
    description="The government body to act for, when the caller belongs to several.",
)
PARK_PARAMETER = OpenApiParameter(
    "park", OpenApiTypes.INT, description="The park to act for, when the caller belongs to several."
)
ACTING_PARAMETERS = {
    org_enums.OrganizationKind.GOVERNMENT: GOVERNMENT_PARAMETER,
    org_enums.OrganizationKind.PARK: PARK_PARAMETER,
}
ACTING_FOR_NONE = {
    org_enums.OrganizationKind.GOVERNMENT: _("You act for no government body."),
    org_enums.OrganizationKind.PARK: _("You act for no park."),
}


def acting_organization(request, kind):
    """The organisation of ``kind`` the caller acts for: the one named in the query (if
    theirs), else their first. Another organisation is a 404; none of the kind a 403."""
    chosen = request.query_params.get(ACTING_PARAMETERS[kind].name) or None
    memberships = [
        membership
        for membership in org_selectors.memberships_of(request.user)
        if membership.organization.kind == kind
    ]
    for membership in memberships:
        if chosen is None or str(membership.organization_id) == chosen:
            return org_selectors.organization_as_kind(membership.organization)
    if chosen is not None and memberships:
        raise Http404
    raise PermissionDenied(ACTING_FOR_NONE[kind])


class ActingForMixin:
    """A viewset acting for one of the caller's organisations (``acting_kind``), in which the
    caller needs, for each action, the named rule the pages ask (``rules_by_action``; actions
    not in it, such as OPTIONS, need ``read_rule``)."""

    acting_kind = None
    read_rule = None
    rules_by_action = {}
    permission_classes = [permissions.IsAuthenticated]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.organization = acting_organization(request, self.acting_kind)
        rule = self.rules_by_action.get(self.action, self.read_rule)
        if not request.user.has_perm(rule, self.organization):
            raise PermissionDenied(_("Your role in this organisation does not allow this."))

    @property
    def acting_for(self):
        """The organisation acted for; None while the schema is generated."""
        return getattr(self, "organization", None)


# Serializers -----------------------------------------------------------------------------------


def outcome_field(component_name, *, blank):
    """An annual review's outcome, named in the schema as ``component_name``: programme
    eligibility has an "outcome" of its own, with other choices."""
    values = [*enums.AnnualOutcome.values, *([""] if blank else [])]

    @extend_schema_field({"type": "string", "enum": values}, component_name=component_name)
    class OutcomeField(serializers.ChoiceField):
        def __init__(self, **kwargs):
            super().__init__(choices=enums.AnnualOutcome.choices, allow_blank=blank, **kwargs)

    return OutcomeField


class OrganiserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class RequiredMaterialSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField(required=False)


class RoundSerializer(serializers.ModelSerializer):
    organiser = OrganiserSerializer(read_only=True)
    phase = serializers.SerializerMethodField()
    required_materials = RequiredMaterialSerializer(many=True, read_only=True)

    class Meta:
        model = AccreditationRound
        fields = [
            "id",
            "organiser",
            "level",
            "batch",
            "batch_en",
            "opens_on",
            "closes_on",
            "phase",
            "criteria",
            "criteria_en",
            "required_materials",
        ]

    def get_phase(self, accreditation_round) -> str:
        return accreditation_round.current_phase.value


class DeclarationMaterialSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeclarationMaterial
        fields = ["id", "kind", "original_name", "size", "content_type", "uploaded_at"]


class DeclarationSerializer(serializers.ModelSerializer):
    materials = DeclarationMaterialSerializer(many=True, read_only=True)
    missing_materials = serializers.SerializerMethodField()

    class Meta:
        model = Declaration
        fields = [
            "id",
            "round",
            "park",
            "state",
            *services.DECLARED_FIELDS,
            "submitted_on",
            "surveyed_on",
            "survey_notes",
            "provincial_decided_on",
            "decided_on",
            "decision_comment",
            "materials",
            "missing_materials",
        ]
        read_only_fields = fields

    def get_missing_materials(self, declaration) -> list[str]:
        return [kind.key for kind in declaration.missing_materials]


class DeclarationWriteSerializer(serializers.ModelSerializer):
    """The declared figures; ``round`` and ``park`` when a declaration is made."""

    round = serializers.PrimaryKeyRelatedField(queryset=AccreditationRound.objects.all())
    park = serializers.IntegerField(help_text="The id of a park you are an administrator of.")

    class Meta:
        model = Declaration
        fields = ["round", "park", *services.DECLARED_FIELDS]


class DeclarationUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Declaration
        fields = list(services.DECLARED_FIELDS)


class DeclarationMaterialUploadSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="A key of the round's required materials, or supplement")
    file = serializers.FileField()


class AccreditedBaseSerializer(serializers.ModelSerializer):
    park = serializers.IntegerField(source="park_id")
    name = serializers.CharField(source="park.name")
    name_en = serializers.CharField(source="park.name_en")
    region = serializers.CharField(source="park.region.code", allow_null=True, default=None)
    status = serializers.CharField(source="park.status")
    decided_by = serializers.CharField(source="decided_by.name")

    class Meta:
        model = Accreditation
        fields = [
            "park",
            "name",
            "name_en",
            "region",
            "status",
            "level",
            "batch",
            "batch_en",
            "approved_on",
            "decided_by",
        ]


class DeclarationCountsSerializer(serializers.Serializer):
    """A round's declarations by state; drafts stay with the parks and are not counted."""

    submitted = serializers.IntegerField(source="submitted_total")
    returned = serializers.IntegerField(source="returned_total")
    approved = serializers.IntegerField(source="approved_total")
    rejected = serializers.IntegerField(source="rejected_total")
    withdrawn = serializers.IntegerField(source="withdrawn_total")


class ManagedRoundSerializer(RoundSerializer):
    declarations = serializers.SerializerMethodField()

    class Meta(RoundSerializer.Meta):
        fields = [*RoundSerializer.Meta.fields, "declarations"]

    @extend_schema_field(DeclarationCountsSerializer)
    def get_declarations(self, accreditation_round):
        return DeclarationCountsSerializer(accreditation_round).data


class MaterialInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    name_en = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class RoundUpdateSerializer(serializers.ModelSerializer):
    """A round's window, texts and required materials; its level is fixed once it is open."""

    required_materials = MaterialInputSerializer(many=True, required=False)

    class Meta:
        model = AccreditationRound
        fields = list(services.ROUND_FIELDS)


class RoundCreateSerializer(RoundUpdateSerializer):
    class Meta(RoundUpdateSerializer.Meta):
        fields = ["level", *services.ROUND_FIELDS]


class AccreditationOutcomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Accreditation
        fields = ["id", "level", "batch", "batch_en", "approved_on"]


class RoundDeclarationSerializer(DeclarationSerializer):
    """A declaration as its round's organiser sees it, with the accreditation it led to."""

    park_name = serializers.CharField(source="park.name", read_only=True)
    park_name_en = serializers.CharField(source="park.name_en", read_only=True)
    accreditation = serializers.SerializerMethodField()

    class Meta(DeclarationSerializer.Meta):
        fields = [
            "id",
            "round",
            "park",
            "park_name",
            "park_name_en",
            *DeclarationSerializer.Meta.fields[3:],
            "accreditation",
        ]
        read_only_fields = fields

    @extend_schema_field(AccreditationOutcomeSerializer(allow_null=True))
    def get_accreditation(self, declaration):
        accreditation = getattr(declaration, "accreditation", None)
        if accreditation is None:
            return None
        return AccreditationOutcomeSerializer(accreditation).data


class AnnualReviewSerializer(serializers.ModelSerializer):
    park_name = serializers.CharField(source="park.name", read_only=True)
    outcome = outcome_field("AnnualReviewOutcomeEnum", blank=True)(
        read_only=True, help_text="Empty while the review awaits a decision."
    )
    reviewing_body_name = serializers.CharField(source="reviewing_body.name", read_only=True)

    class Meta:
        model = AnnualReview
        fields = [
            "id",
            "park",
            "park_name",
            "accreditation",
            "reviewing_body",
            "reviewing_body_name",
            "year",
            *services.ANNUAL_FIGURES,
            "submitted_on",
            "outcome",
            "comment",
            "decided_on",
        ]
        read_only_fields = fields


class AnnualReviewWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnnualReview
        fields = ["year", *services.ANNUAL_FIGURES]


class AnnualDecisionSerializer(serializers.Serializer):
    outcome = outcome_field("AnnualDecisionOutcomeEnum", blank=False)()
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Required for rectification or revocation: the base reads it.",
    )
    decided_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Today when left out."
    )


class AccreditationHistorySerializer(serializers.ModelSerializer):
    """One accreditation in a base's public history: granted, and perhaps ended."""

    decided_by = serializers.CharField(source="decided_by.name")
    ended_by = serializers.CharField(source="ended_by.name", allow_null=True, default=None)
    in_force = serializers.BooleanField(source="is_current")

    class Meta:
        model = Accreditation
        fields = [
            "id",
            "level",
            "batch",
            "batch_en",
            "approved_on",
            "decided_by",
            "in_force",
            "ended_on",
            "end",
            "end_reason",
            "ended_by",
        ]


class BaseHistorySerializer(serializers.ModelSerializer):
    """A park's standing and every accreditation it has held, newest first."""

    park = serializers.IntegerField(source="pk")
    status = serializers.CharField(help_text="operating, suspended, revoked or exited")
    accreditations = serializers.SerializerMethodField()

    class Meta:
        model = Park
        fields = [
            "park",
            "name",
            "name_en",
            "level",
            "batch",
            "batch_en",
            "approved_on",
            "status",
            "accreditations",
        ]

    @extend_schema_field(AccreditationHistorySerializer(many=True))
    def get_accreditations(self, park):
        return AccreditationHistorySerializer(selectors.accreditations_of(park), many=True).data


class BaseStandingSerializer(BaseHistorySerializer):
    """What the body sees of a base in its care: the history and the annual reviews."""

    annual_reviews = serializers.SerializerMethodField()

    class Meta(BaseHistorySerializer.Meta):
        fields = [*BaseHistorySerializer.Meta.fields, "annual_reviews"]

    @extend_schema_field(AnnualReviewSerializer(many=True))
    def get_annual_reviews(self, park):
        return AnnualReviewSerializer(selectors.annual_reviews_of(park), many=True).data


class EndAccreditationSerializer(serializers.Serializer):
    end = serializers.ChoiceField(choices=enums.AccreditationEnd.choices)
    on = serializers.DateField(help_text="The day it takes effect.")
    reason = serializers.CharField(help_text="Shown in the base's public history.")


# Views -----------------------------------------------------------------------------------------


class RoundFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=enums.RoundLevel.choices)

    class Meta:
        model = AccreditationRound
        fields = ["level"]


class RoundViewSet(viewsets.ReadOnlyModelViewSet):
    """Accreditation rounds: public calls for declarations."""

    serializer_class = RoundSerializer
    filterset_class = RoundFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return AccreditationRound.objects.select_related("organiser").order_by("-opens_on", "-pk")


def _parks_of(user):
    return [
        membership.organization_id
        for membership in org_selectors.memberships_of(user)
        if membership.organization.kind == org_enums.OrganizationKind.PARK
    ]


class DeclarationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The declarations of the parks the caller belongs to. Administrators draft, change,
    attach materials to, submit and withdraw them."""

    serializer_class = DeclarationSerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.declarations_of_parks(_parks_of(self.request.user))

    def _declaration_for_declaring(self):
        declaration = self.get_object()
        if not self.request.user.has_perm("bases.declare", declaration.park):
            raise PermissionDenied
        return declaration

    def _read(self, declaration, status_code=status.HTTP_200_OK):
        declaration = self.get_queryset().get(pk=declaration.pk)
        return Response(DeclarationSerializer(declaration).data, status=status_code)

    @extend_schema(request=DeclarationWriteSerializer, responses={201: DeclarationSerializer})
    def create(self, request, *args, **kwargs):
        write = DeclarationWriteSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        values = dict(write.validated_data)
        park_id, accreditation_round = values.pop("park"), values.pop("round")
        if park_id not in _parks_of(request.user):
            raise Http404
        park = org_selectors.organization_as_kind(
            org_selectors.membership_in(request.user, Organization(pk=park_id)).organization
        )
        if not request.user.has_perm("bases.declare", park):
            raise PermissionDenied
        declaration = services.draft_declaration(
            park, accreditation_round, actor=request.user, **values
        )
        return self._read(declaration, status.HTTP_201_CREATED)

    @extend_schema(request=DeclarationUpdateSerializer, responses=DeclarationSerializer)
    def partial_update(self, request, *args, **kwargs):
        declaration = self._declaration_for_declaring()
        write = DeclarationUpdateSerializer(declaration, data=request.data, partial=True)
        write.is_valid(raise_exception=True)
        services.update_declaration(declaration, actor=request.user, **write.validated_data)
        return self._read(declaration)

    @extend_schema(request=None, responses=DeclarationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send the declaration to review (or back to it after a return)."""
        declaration = services.submit_declaration(
            self._declaration_for_declaring(), actor=request.user
        )
        return self._read(declaration)

    @extend_schema(request=None, responses=DeclarationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        declaration = services.withdraw_declaration(
            self._declaration_for_declaring(), actor=request.user
        )
        return self._read(declaration)

    @extend_schema(
        request=DeclarationMaterialUploadSerializer, responses={201: DeclarationMaterialSerializer}
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def materials(self, request, pk=None):
        """Attach a file (PDF, Word, Excel, JPEG or PNG) as one of the materials."""
        declaration = self._declaration_for_declaring()
        upload = DeclarationMaterialUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        material = services.attach_material(
            declaration,
            actor=request.user,
            kind=upload.validated_data["kind"],
            uploaded=upload.validated_data["file"],
        )
        return Response(
            DeclarationMaterialSerializer(material).data, status=status.HTTP_201_CREATED
        )


class AccreditedBaseFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=enums.RoundLevel.choices)
    batch = django_filters.CharFilter(help_text="A batch as published, in Chinese.")

    class Meta:
        model = Accreditation
        fields = ["level", "batch"]


class AccreditedBaseViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Bases whose accreditation stands, by level and batch: the published lists; and a
    base's accreditation history, as its public page shows it."""

    serializer_class = AccreditedBaseSerializer
    filterset_class = AccreditedBaseFilter
    permission_classes = [permissions.AllowAny]
    lookup_field = "park"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return selectors.current_accreditations()

    @extend_schema(
        responses=BaseHistorySerializer,
        parameters=[OpenApiParameter("park", OpenApiTypes.INT, OpenApiParameter.PATH)],
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def history(self, request, park=None):
        """Every accreditation the park has held, in force or ended (with how and why)."""
        return Response(BaseHistorySerializer(org_selectors.get_public_park(park)).data)


@extend_schema(parameters=[PARK_PARAMETER])
class AnnualReviewViewSet(
    ActingForMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The annual reviews of the park the caller acts for; its administrators submit a past
    year's figures to the body that accredited it."""

    acting_kind = org_enums.OrganizationKind.PARK
    read_rule = "bases.view_declarations"
    rules_by_action = {"create": "bases.declare"}
    serializer_class = AnnualReviewSerializer

    def get_queryset(self):
        return selectors.annual_reviews_of(self.acting_for)

    @extend_schema(request=AnnualReviewWriteSerializer, responses={201: AnnualReviewSerializer})
    def create(self, request, *args, **kwargs):
        write = AnnualReviewWriteSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        review = services.submit_annual_review(
            self.organization, actor=request.user, **write.validated_data
        )
        return Response(
            AnnualReviewSerializer(self.get_queryset().get(pk=review.pk)).data,
            status=status.HTTP_201_CREATED,
        )


# The government body's side ------------------------------------------------------------------


@extend_schema(parameters=[GOVERNMENT_PARAMETER])
class GovernmentRoundViewSet(
    ActingForMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The rounds the body organises, with their declarations counted by state. Its
    administrators open rounds, change them, and delete those nobody has declared for."""

    acting_kind = org_enums.OrganizationKind.GOVERNMENT
    read_rule = "bases.view_rounds"
    rules_by_action = {
        "create": "bases.manage_rounds",
        "partial_update": "bases.manage_rounds",
        "destroy": "bases.manage_rounds",
    }
    serializer_class = ManagedRoundSerializer
    filterset_class = RoundFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.rounds_of(self.acting_for)

    def _read(self, accreditation_round, status_code=status.HTTP_200_OK):
        accreditation_round = self.get_queryset().get(pk=accreditation_round.pk)
        return Response(ManagedRoundSerializer(accreditation_round).data, status=status_code)

    @extend_schema(request=RoundCreateSerializer, responses={201: ManagedRoundSerializer})
    def create(self, request, *args, **kwargs):
        write = RoundCreateSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        accreditation_round = services.open_round(
            organiser=self.organization, actor=request.user, **write.validated_data
        )
        return self._read(accreditation_round, status.HTTP_201_CREATED)

    @extend_schema(request=RoundUpdateSerializer, responses=ManagedRoundSerializer)
    def partial_update(self, request, *args, **kwargs):
        accreditation_round = self.get_object()
        write = RoundUpdateSerializer(data=request.data, partial=True)
        write.is_valid(raise_exception=True)
        services.update_round(accreditation_round, actor=request.user, **write.validated_data)
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


@extend_schema(parameters=[GOVERNMENT_PARAMETER])
class GovernmentAnnualReviewViewSet(
    ActingForMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The annual reviews the body decides, those awaiting a decision first."""

    acting_kind = org_enums.OrganizationKind.GOVERNMENT
    read_rule = "bases.view_rounds"
    rules_by_action = {"decide": "bases.decide_annual_reviews"}
    serializer_class = AnnualReviewSerializer

    def get_queryset(self):
        return selectors.annual_reviews_for(self.acting_for)

    @extend_schema(request=AnnualDecisionSerializer, responses=AnnualReviewSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Pass the year, order rectification (the base is suspended until a later pass), or
        revoke the accreditation."""
        review = self.get_object()
        decision = AnnualDecisionSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        services.decide_annual_review(review, actor=request.user, **decision.validated_data)
        return Response(AnnualReviewSerializer(self.get_queryset().get(pk=review.pk)).data)


@extend_schema(parameters=[GOVERNMENT_PARAMETER])
class GovernmentBaseViewSet(ActingForMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A park in the body's care: its standing, accreditations and annual reviews. ``end``
    revokes its accreditation or records its exit; only the body that granted an
    accreditation, or one above it, may end it."""

    acting_kind = org_enums.OrganizationKind.GOVERNMENT
    read_rule = "bases.view_rounds"
    rules_by_action = {"end": "bases.revoke"}
    serializer_class = BaseStandingSerializer

    def get_queryset(self):
        return org_selectors.parks_in_care_of(self.acting_for).select_related("region")

    @extend_schema(request=EndAccreditationSerializer, responses=BaseStandingSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """Revoke the base's accreditation, or record its exit. The accreditations end and
        stay in its history; the park is no longer rated."""
        park = self.get_object()
        details = EndAccreditationSerializer(data=request.data)
        details.is_valid(raise_exception=True)
        services.end_accreditation(
            park, government=self.organization, actor=request.user, **details.validated_data
        )
        return Response(BaseStandingSerializer(self.get_queryset().get(pk=park.pk)).data)
