"""Articles, corrections, requests, clarifications and disclosure items as the API shows and
takes them."""

from rest_framework import serializers

from cloudpark.api.base import ScopedRelatedField
from cloudpark.news import enums, selectors, services
from cloudpark.news.models import (
    Article,
    Channel,
    Clarification,
    ClarificationSource,
    Correction,
    CorrectionRequest,
    DisclosureItem,
)
from cloudpark.orgs.models import Organization


class ChannelSerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Channel
        fields = ["id", "slug", "kind", "name", "name_en", "organization", "review_stages"]


class CorrectionSerializer(serializers.ModelSerializer):
    revision = serializers.IntegerField(source="revision.number", read_only=True, default=None)

    class Meta:
        model = Correction
        fields = [
            "id",
            "article",
            "kind",
            "placement",
            "wrong",
            "wrong_en",
            "right",
            "right_en",
            "revision",
            "published_at",
        ]


class ArticleSerializer(serializers.ModelSerializer):
    channel = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    translation = serializers.SerializerMethodField()
    updated = serializers.DateTimeField(source="updated_on_feed", read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "channel",
            "language",
            "translation",
            "state",
            "title",
            "subtitle",
            "author",
            "editor",
            "summary",
            "body",
            "tags",
            "park",
            "is_repost",
            "source_name",
            "source_url",
            "original_author",
            "original_title",
            "policies",
            "programmes",
            "events",
            "enterprises",
            "published_at",
            "updated",
        ]

    def get_translation(self, article) -> int | None:
        return article.original_id or getattr(getattr(article, "translation", None), "pk", None)


class ArticleDetailSerializer(ArticleSerializer):
    corrections = serializers.SerializerMethodField()

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "corrections"]

    def get_corrections(self, article) -> list[dict]:
        return CorrectionSerializer(selectors.corrections_shown_on(article), many=True).data


class ArticleWriteSerializer(serializers.ModelSerializer):
    """What an editor writes; the body is sanitised by the service."""

    class Meta:
        model = Article
        fields = list(services.EDITED_FIELDS)
        extra_kwargs = {
            name: {"required": False}
            for name in ("policies", "programmes", "events", "enterprises")
        }


class ArticleCreateSerializer(ArticleWriteSerializer):
    channel = ScopedRelatedField(Channel, selectors.channels_edited_by)
    original = ScopedRelatedField(
        Article, selectors.articles_edited_by, required=False, allow_null=True
    )

    class Meta(ArticleWriteSerializer.Meta):
        fields = ["channel", "original", *ArticleWriteSerializer.Meta.fields]


class CorrectionWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=enums.CorrectionKind.choices)
    wrong = serializers.CharField(allow_blank=True)
    wrong_en = serializers.CharField(allow_blank=True)
    right = serializers.CharField(allow_blank=True)
    right_en = serializers.CharField(allow_blank=True)
    placement = serializers.ChoiceField(
        choices=enums.Placement.choices, default=enums.Placement.UNDER_HEADLINE
    )
    title = serializers.CharField(required=False)
    subtitle = serializers.CharField(required=False, allow_blank=True)
    body = serializers.CharField(required=False)
    request = ScopedRelatedField(
        CorrectionRequest, selectors.requests_handled_by, required=False, allow_null=True
    )


class RequestSerializer(serializers.ModelSerializer):
    """A request as its editors see it."""

    handler = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = CorrectionRequest
        fields = [
            "id",
            "tracking_number",
            "article",
            "address",
            "remedy",
            "passage",
            "reason",
            "evidence",
            "requester_name",
            "requester_email",
            "requester_phone",
            "state",
            "handler",
            "received_at",
            "due_on",
            "outcome",
            "answer",
            "answered_at",
        ]


class RequestStatusSerializer(serializers.ModelSerializer):
    """What the requester is shown of their request."""

    class Meta:
        model = CorrectionRequest
        fields = ["tracking_number", "state", "received_at", "due_on", "outcome", "answer"]


def _published(user):
    return selectors.published_articles()


class RequestCreateSerializer(serializers.Serializer):
    article = ScopedRelatedField(Article, _published, required=False, allow_null=True)
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.filter(news_channels__isnull=False).distinct(),
        required=False,
        allow_null=True,
    )
    address = serializers.CharField(required=False, allow_blank=True, max_length=500)
    remedy = serializers.ChoiceField(choices=enums.Remedy.choices)
    passage = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(allow_blank=True)
    evidence = serializers.CharField(required=False, allow_blank=True)
    requester_name = serializers.CharField(max_length=100)
    requester_email = serializers.EmailField(required=False, allow_blank=True)
    requester_phone = serializers.CharField(required=False, allow_blank=True, max_length=30)


class StatusLookupSerializer(serializers.Serializer):
    tracking_number = serializers.CharField(max_length=20)
    contact = serializers.CharField(max_length=254)


class AnswerSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=enums.RequestOutcome.choices)
    answer = serializers.CharField(allow_blank=True)


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClarificationSource
        fields = ["title", "issuing_unit", "url"]


class ClarificationSerializer(serializers.ModelSerializer):
    sources = SourceSerializer(many=True, read_only=True)
    organization = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Clarification
        fields = [
            "id",
            "title",
            "title_en",
            "claim",
            "claim_en",
            "first_appeared_in",
            "first_appeared_on",
            "verdict",
            "facts",
            "facts_en",
            "category",
            "sources",
            "organization",
            "published_at",
        ]


class DisclosureSerializer(serializers.ModelSerializer):
    class Meta:
        model = DisclosureItem
        fields = [
            "id",
            "index_number",
            "issuing_body",
            "document_number",
            "issued_on",
            "subject_category",
            "title",
            "title_en",
            "body",
        ]


class EditorClarificationSerializer(ClarificationSerializer):
    """A clarification as its editors see it, in any state."""

    class Meta(ClarificationSerializer.Meta):
        fields = [
            "id",
            "state",
            *ClarificationSerializer.Meta.fields[1:],
            "related_articles",
            "organizations",
        ]


class ClarificationWriteSerializer(serializers.ModelSerializer):
    """What an editor writes of a clarification; ``sources`` replace those it had."""

    sources = SourceSerializer(many=True, required=False)
    related_articles = ScopedRelatedField(Article, _published, many=True, required=False)

    class Meta:
        model = Clarification
        fields = [*services.CLARIFICATION_FIELDS, *services.CLARIFICATION_LINKS, "sources"]
        extra_kwargs = {"organizations": {"required": False}}


class ClarificationCreateSerializer(ClarificationWriteSerializer):
    organization = ScopedRelatedField(Organization, selectors.organizations_edited_by)

    class Meta(ClarificationWriteSerializer.Meta):
        fields = ["organization", *ClarificationWriteSerializer.Meta.fields]


class EditorDisclosureSerializer(DisclosureSerializer):
    """A disclosure item as its editors see it, in any state."""

    channel = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta(DisclosureSerializer.Meta):
        fields = [
            "id",
            "channel",
            "state",
            *DisclosureSerializer.Meta.fields[1:],
            "published_at",
        ]


# The service gives the clear refusal for a missing number, at its field.
NUMBERED = {"required": False, "allow_blank": True}


class DisclosureWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = DisclosureItem
        fields = list(services.DISCLOSURE_FIELDS)
        extra_kwargs = {
            name: NUMBERED for name in ("index_number", "issuing_body", "document_number")
        }
        # The service checks the index number is unique in its channel.
        validators = []


def _disclosure_channels(user):
    return selectors.channels_edited_by(user).filter(kind=enums.ChannelKind.DISCLOSURE)


class DisclosureCreateSerializer(DisclosureWriteSerializer):
    channel = ScopedRelatedField(Channel, _disclosure_channels)

    class Meta(DisclosureWriteSerializer.Meta):
        fields = ["channel", *DisclosureWriteSerializer.Meta.fields]
