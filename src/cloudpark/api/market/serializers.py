"""Supply and demand posts and introductions as the API shows and takes them. A post shown
to anyone but its own enterprise carries its contact masked."""

from rest_framework import serializers

from cloudpark.api.base import ScopedRelatedField
from cloudpark.market import enums, selectors
from cloudpark.market.models import Introduction, Post
from cloudpark.orgs.models import Park, Region

POST_READ_FIELDS = [
    "id",
    "enterprise",
    "direction",
    "kind",
    "title",
    "title_en",
    "description",
    "description_en",
    "price_min",
    "price_max",
    "park",
    "district",
    "available_from",
    "available_until",
    "valid_until",
    "state",
    "is_live",
    "published_at",
]


class MarketContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)


class MarketPublicPostSerializer(serializers.ModelSerializer):
    is_live = serializers.BooleanField(read_only=True)
    contact = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = [*POST_READ_FIELDS, "contact"]
        read_only_fields = fields

    def get_contact(self, post) -> MarketContactSerializer:
        return selectors.masked_contact(post)


class MarketPostSerializer(serializers.ModelSerializer):
    """A post as its own enterprise sees it, contact in full."""

    is_live = serializers.BooleanField(read_only=True)

    class Meta:
        model = Post
        fields = [*POST_READ_FIELDS, "contact_name", "contact_phone", "contact_email"]
        read_only_fields = fields


class MarketPostWriteSerializer(serializers.Serializer):
    """What is required, and the order of ranges and dates, is checked by the service, which
    refuses at the field."""

    direction = serializers.ChoiceField(choices=enums.Direction.choices, required=False)
    kind = serializers.ChoiceField(choices=enums.PostKind.choices, required=False)
    title = serializers.CharField(max_length=100, required=False)
    title_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    description_en = serializers.CharField(required=False, allow_blank=True)
    price_min = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    price_max = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    park = serializers.PrimaryKeyRelatedField(
        queryset=Park.objects.all(), required=False, allow_null=True
    )
    district = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), required=False, allow_null=True
    )
    available_from = serializers.DateField(required=False, allow_null=True)
    available_until = serializers.DateField(required=False, allow_null=True)
    valid_until = serializers.DateField(required=False, allow_null=True)
    contact_name = serializers.CharField(max_length=50, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)


class MarketMatchSerializer(serializers.Serializer):
    post = MarketPublicPostSerializer()
    own_post = serializers.IntegerField(source="own_post.pk", allow_null=True, default=None)
    filing = serializers.IntegerField(source="filing.pk", allow_null=True, default=None)
    reason = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField(), source="fit.reasons")


class MarketIntroductionSerializer(serializers.ModelSerializer):
    post = MarketPublicPostSerializer(read_only=True)

    class Meta:
        model = Introduction
        fields = [
            "id",
            "post",
            "proposer",
            "proposer_post",
            "state",
            "message",
            "deal_value",
            "closed_on",
            "reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class MarketIntroductionProposeSerializer(serializers.Serializer):
    post = ScopedRelatedField(Post, lambda user: selectors.live_posts())
    proposer_post = ScopedRelatedField(
        Post, selectors.posts_for_user, required=False, allow_null=True
    )
    message = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    contact_name = serializers.CharField(max_length=50, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)


class MarketDeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class MarketCloseSerializer(serializers.Serializer):
    deal_value = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
