"""Rounds, declarations, bases and annual reviews as the API shows and takes them."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cloudpark.api.base import ScopedRelatedField
from cloudpark.api.lists import ReadSerializer, reference_value
from cloudpark.bases import enums, selectors, services
from cloudpark.bases.models import (
    Accreditation,
    AccreditationRound,
    AnnualReview,
    Declaration,
    DeclarationMaterial,
)
from cloudpark.core.i18n import with_english
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import GovernmentBody, Park, Region


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
            *with_english(
                AccreditationRound,
                "id",
                "organiser",
                "level",
                "batch",
                "opens_on",
                "closes_on",
                "phase",
                "criteria",
                "required_materials",
            )
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

    round = ScopedRelatedField(AccreditationRound, lambda user: selectors.public_rounds())
    park = ScopedRelatedField(
        Park,
        org_selectors.parks_user_belongs_to,
        help_text="The id of a park you are an administrator of.",
    )

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


class AccreditedBaseSerializer(ReadSerializer, serializers.ModelSerializer):
    park = serializers.IntegerField(source="park_id")
    name = serializers.CharField(source="park.name")
    name_en = serializers.CharField(source="park.name_en")
    region = reference_value(Region, "code", source="park.region_id", allow_null=True)
    status = serializers.CharField(source="park.status")
    decided_by = reference_value(GovernmentBody, "name", source="decided_by_id")

    class Meta:
        model = Accreditation
        fields = [
            *with_english(
                Accreditation,
                "park",
                "name",
                "name_en",
                "region",
                "status",
                "level",
                "batch",
                "approved_on",
                "decided_by",
            )
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
        fields = [*with_english(Accreditation, "id", "level", "batch", "approved_on")]


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
            *with_english(
                Accreditation,
                "id",
                "level",
                "batch",
                "approved_on",
                "decided_by",
                "in_force",
                "ended_on",
                "end",
                "end_reason",
                "ended_by",
            )
        ]


class BaseHistorySerializer(serializers.ModelSerializer):
    """A park's standing and every accreditation it has held, newest first."""

    park = serializers.IntegerField(source="pk")
    status = serializers.CharField(help_text="operating, suspended, revoked or exited")
    accreditations = serializers.SerializerMethodField()

    class Meta:
        model = Park
        fields = [
            *with_english(
                Park, "park", "name", "level", "batch", "approved_on", "status", "accreditations"
            )
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
