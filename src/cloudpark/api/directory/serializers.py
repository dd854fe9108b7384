from rest_framework import serializers

from cloudpark.core import privacy
from cloudpark.core.i18n import with_english
from cloudpark.orgs.models import Enterprise, IndustryCategory, Membership, Park, Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = [*with_english(Region, "code", "level", "name")]


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = IndustryCategory
        fields = [*with_english(IndustryCategory, "code", "level", "name")]


class ParkSerializer(serializers.ModelSerializer):
    region = RegionSerializer(read_only=True)

    class Meta:
        model = Park
        fields = [
            *with_english(
                Park,
                "id",
                "name",
                "level",
                "batch",
                "approved_on",
                "status",
                "region",
                "operator",
                "area",
                "focus",
                "website",
            )
        ]


class EnterprisePublicSerializer(serializers.ModelSerializer):
    category = CategorySerializer(read_only=True)
    region = RegionSerializer(read_only=True)
    park = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Enterprise
        fields = [
            *with_english(
                Enterprise,
                "id",
                "name",
                "credit_code",
                "category",
                "region",
                "park",
                "founded_on",
                "website",
            )
        ]


class EnterprisePrivateSerializer(EnterprisePublicSerializer):
    """For organisations that look after the enterprise; the contact's mobile is masked
    unless the caller holds the personal-data right (``personal_data_visible`` in context)."""

    contact_mobile = serializers.SerializerMethodField()

    class Meta(EnterprisePublicSerializer.Meta):
        fields = [
            *EnterprisePublicSerializer.Meta.fields,
            "registered_capital",
            "staff_count",
            "legal_representative",
            "contact_name",
            "contact_mobile",
        ]

    def get_contact_mobile(self, enterprise) -> str:
        if self.context.get("personal_data_visible"):
            return enterprise.contact_mobile
        return privacy.mask_phone(enterprise.contact_mobile)


class MembershipSerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.display_name")
    organization_id = serializers.IntegerField()
    kind = serializers.CharField(source="organization.kind")

    class Meta:
        model = Membership
        fields = ["id", "organization_id", "organization", "kind", "role"]


class MeSerializer(serializers.Serializer):
    email = serializers.EmailField()
    name = serializers.CharField()
    mobile = serializers.CharField()
    memberships = MembershipSerializer(many=True)
