"""Base accreditation over REST: the rounds (public calls), the caller's park's declarations with
their submission and withdrawal, and the public list of accredited bases.

The same selectors, services and named rules as the pages: another park's declaration is a
404, a member without the right a 403, a refused business rule a 400 with its message."""

import django_filters
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from cloudpark.bases import enums, selectors, services
from cloudpark.bases.models import (
    Accreditation,
    AccreditationRound,
    Declaration,
    DeclarationMaterial,
)
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import Organization

# Serializers -----------------------------------------------------------------------------------


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
        return (
            Declaration.objects.filter(park_id__in=_parks_of(self.request.user))
            .select_related(*selectors.DECLARATION_RELATED)
            .prefetch_related("materials")
            .order_by("-created_at", "-pk")
        )

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

    class Meta:
        model = Accreditation
        fields = ["level"]


class AccreditedBaseViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Bases whose accreditation stands, by level and batch: the published lists."""

    serializer_class = AccreditedBaseSerializer
    filterset_class = AccreditedBaseFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return selectors.current_accreditations()
