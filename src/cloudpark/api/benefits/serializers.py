"""Benefit offers and claims as the API shows and takes them."""

from rest_framework import serializers

from cloudpark.api.base import ScopedRelatedField
from cloudpark.benefits import codes, enums, selectors, services
from cloudpark.benefits.models import Admission, Claim, Offer
from cloudpark.orgs.models import OtherOrganization, Park


class OfferSerializer(serializers.ModelSerializer):
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    provider_is_partner = serializers.BooleanField(source="is_from_partner", read_only=True)
    state = serializers.ChoiceField(choices=enums.OfferState.choices, read_only=True)
    remaining = serializers.IntegerField(read_only=True)

    class Meta:
        model = Offer
        fields = [
            "id",
            "provider",
            "provider_name",
            "provider_is_partner",
            *services.OFFER_FIELDS,
            "eligible_parks",
            "claimed_count",
            "remaining",
            "state",
        ]
        read_only_fields = fields


class ProviderOfferSerializer(OfferSerializer):
    """An offer as its provider sees it: with the codes redeemed at its desk."""

    redeemed_total = serializers.IntegerField(read_only=True)

    class Meta(OfferSerializer.Meta):
        fields = [*OfferSerializer.Meta.fields, "redeemed_total"]
        read_only_fields = fields


class OfferWriteSerializer(serializers.ModelSerializer):
    eligible_parks = serializers.PrimaryKeyRelatedField(
        queryset=Park.objects.all(), many=True, allow_empty=False
    )

    class Meta:
        model = Offer
        fields = [*services.OFFER_FIELDS, "eligible_parks"]
        # The service checks the dates and the quota and names the field.
        validators = []
        extra_kwargs = {"quota": {"min_value": None}}


class ClaimSerializer(serializers.ModelSerializer):
    offer = OfferSerializer(read_only=True)
    code = serializers.SerializerMethodField()
    qr_payload = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "offer",
            "enterprise",
            "park",
            "code",
            "qr_payload",
            "claimed_at",
            "redeemed_at",
        ]
        read_only_fields = fields

    def get_code(self, claim) -> str:
        return claim.display_code

    def get_qr_payload(self, claim) -> str:
        """What the QR code carries: the code, signed by the platform."""
        return codes.payload_for(claim)


class ClaimRequestSerializer(serializers.Serializer):
    offer = ScopedRelatedField(Offer, lambda user: selectors.current_offers())


class RedeemSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=600)


class RedemptionSerializer(serializers.ModelSerializer):
    """A redeemed claim as the provider's desk sees it (no person's name)."""

    offer = serializers.IntegerField(source="offer_id", read_only=True)
    offer_title = serializers.CharField(source="offer.title", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    code = serializers.CharField(source="display_code", read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "offer",
            "offer_title",
            "enterprise_name",
            "code",
            "claimed_at",
            "redeemed_at",
        ]
        read_only_fields = fields


class ProviderClaimSerializer(RedemptionSerializer):
    """A claim on one of the provider's offers (no person's name)."""

    park = serializers.IntegerField(source="park_id", read_only=True)

    class Meta(RedemptionSerializer.Meta):
        fields = [*RedemptionSerializer.Meta.fields, "park"]
        read_only_fields = fields


class AdmissionSerializer(serializers.ModelSerializer):
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Admission
        fields = ["id", "park", "partner", "partner_name", "admitted_at", "ended_at", "is_open"]
        read_only_fields = fields


class AdmitRequestSerializer(serializers.Serializer):
    partner = ScopedRelatedField(OtherOrganization, lambda user: selectors.partners())
