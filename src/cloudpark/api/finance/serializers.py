"""Financing products, needs and introductions as the API shows and takes them."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cloudpark.api.base import ScopedRelatedField
from cloudpark.finance import enums, selectors, services
from cloudpark.finance.models import (
    DataRoom,
    FinancialInstitution,
    FinancingNeed,
    Introduction,
    Product,
)


class InstitutionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="organization.name")
    name_en = serializers.CharField(source="organization.name_en")
    kind = serializers.ChoiceField(choices=enums.InstitutionKind.choices)


class ProductSerializer(serializers.ModelSerializer):
    institution = InstitutionSerializer(read_only=True)
    collateral = serializers.ListField(
        child=serializers.ChoiceField(choices=enums.Collateral.choices), read_only=True
    )
    requirements = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = ["id", "institution", *services.PRODUCT_FIELDS, "requirements"]
        read_only_fields = fields

    def get_requirements(self, product) -> list[str]:
        return selectors.requirements_of(product)


class NeedSerializer(serializers.ModelSerializer):
    collateral = serializers.ListField(
        child=serializers.ChoiceField(choices=enums.Collateral.choices), read_only=True
    )
    is_live = serializers.BooleanField(read_only=True)

    class Meta:
        model = FinancingNeed
        fields = [
            "id",
            "enterprise",
            "amount",
            "term",
            "purpose",
            "stage",
            "collateral",
            "target_cost",
            "valid_until",
            "state",
            "is_live",
            "created_at",
        ]
        read_only_fields = fields


class NeedWriteSerializer(serializers.Serializer):
    """Amount and validity are checked by the service, which refuses a need without them at
    their field."""

    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    term = serializers.IntegerField(min_value=1, max_value=600)
    purpose = serializers.CharField(max_length=300)
    stage = serializers.ChoiceField(choices=enums.Stage.choices)
    collateral = serializers.ListField(
        child=serializers.ChoiceField(choices=enums.Collateral.choices), allow_empty=True
    )
    target_cost = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True
    )
    valid_until = serializers.DateField(required=False)


class MatchSerializer(serializers.Serializer):
    product = ProductSerializer()
    fits_because = serializers.ListField(child=serializers.CharField())
    qualifies_because = serializers.ListField(child=serializers.CharField())


class IntroductionSerializer(serializers.ModelSerializer):
    need = NeedSerializer(read_only=True)
    product = ProductSerializer(read_only=True)

    class Meta:
        model = Introduction
        fields = [
            "id",
            "need",
            "product",
            "state",
            "message",
            "granted_amount",
            "granted_rate",
            "granted_on",
            "decline_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class IntroductionRequestSerializer(serializers.Serializer):
    need = ScopedRelatedField(FinancingNeed, selectors.needs_for_user)
    product = ScopedRelatedField(Product, lambda user: selectors.published_products())
    message = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class IntroductionMoveSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=enums.INSTITUTION_MOVE_CHOICES)
    granted_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    granted_rate = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True
    )
    granted_on = serializers.DateField(required=False, allow_null=True)
    decline_reason = serializers.CharField(required=False, allow_blank=True, default="")


# Data rooms -------------------------------------------------------------------------------


class DataRoomSerializer(serializers.ModelSerializer):
    """A data room as both sides list it: who shares what with whom, until when."""

    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    institution = InstitutionSerializer(read_only=True)
    figures = serializers.ListField(
        child=serializers.ChoiceField(choices=enums.SharedFigure.choices), read_only=True
    )
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = DataRoom
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "institution",
            "figures",
            "expires_at",
            "ended_at",
            "is_open",
            "created_at",
        ]
        read_only_fields = fields


class SharedRowSerializer(serializers.Serializer):
    name = serializers.CharField()
    value = serializers.CharField(allow_null=True)


class SharedSectionSerializer(serializers.Serializer):
    figure = serializers.CharField()
    rows = SharedRowSerializer(many=True)


class SharedDataRoomSerializer(DataRoomSerializer):
    """The room as the institution opens it: the figures read now (each opening is logged)."""

    shared = serializers.SerializerMethodField()

    class Meta(DataRoomSerializer.Meta):
        fields = [*DataRoomSerializer.Meta.fields, "shared"]
        read_only_fields = fields

    @extend_schema_field(SharedSectionSerializer(many=True))
    def get_shared(self, room):
        sections = self.context["sections"]
        return [
            {
                "figure": str(label),
                "rows": [
                    {"name": str(name), "value": None if value is None else str(value)}
                    for name, value in rows
                ],
            }
            for label, rows in sections
        ]


class DataRoomOpenSerializer(serializers.Serializer):
    """Figures and days are checked by the service, which names the field it refuses."""

    institution = ScopedRelatedField(
        FinancialInstitution,
        lambda user: FinancialInstitution.objects.select_related("organization"),
    )
    figures = serializers.ListField(child=serializers.CharField(max_length=20), allow_empty=True)
    days = serializers.IntegerField()
