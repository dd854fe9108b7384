from rest_framework import serializers

from cloudpark.api.lists import ReadSerializer, reference_row
from cloudpark.core import privacy
from cloudpark.core.i18n import with_english
from cloudpark.orgs.models import Enterprise, IndustryCategory, Membership, Park, Region


class RegionSerializer(ReadSerializer, serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = [*with_english(Region, "code", "level", "name")]


class CategorySerializer(ReadSerializer, serializers.ModelSerializer):
    class Meta:
        model = IndustryCategory
        fields = [*with_english(IndustryCategory, "code", "level", "name")]


class ParkSerializer(ReadSerializer, serializers.ModelSerializer):
    region = reference_row(RegionSerializer, source="region_id")

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


class EnterprisePublicSerializer(ReadSerializer, serializers.ModelSerializer):
    category = reference_row(CategorySerializer, source="category_id")
    region = reference_row(RegionSerializer, source="region_id")
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
    """For organisations that look after the enterprise; the legal representative's and the
    contact's names and the contact's phone are masked unless the caller holds the
    personal-data right (``personal_data_visible`` in context)."""

    legal_representative = serializers.SerializerMethodField()
    contact_name = serializers.SerializerMethodField()
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

    def _personal(self, value, mask):
        return value if self.context.get("personal_data_visible") else mask(value)

    def get_legal_representative(self, enterprise) -> str:
        return self._personal(enterprise.legal_representative, privacy.mask_name)

    def get_contact_name(self, enterprise) -> str:
        return self._personal(enterprise.contact_name, privacy.mask_name)

    def get_contact_mobile(self, enterprise) -> str:
        return self._personal(enterprise.contact_mobile, privacy.mask_phone)


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
