"""The platform search as the API answers it."""

from rest_framework import serializers

from cloudpark.core import links


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(max_length=100, help_text="Words to find; two CJK characters do.")
    kind = serializers.CharField(required=False, allow_blank=True, help_text="One kind only.")
    page = serializers.IntegerField(required=False, min_value=1, default=1)


class SearchFacetSerializer(serializers.Serializer):
    kind = serializers.CharField(source="key")
    label = serializers.CharField()
    count = serializers.IntegerField(help_text="Matches, stopped at the cap.")
    capped = serializers.BooleanField(help_text="True when there are more than ``count``.")


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField(source="object_id", help_text="The object's own id.")
    title = serializers.CharField(source="display_title")
    excerpt = serializers.CharField(source="display_excerpt")
    language = serializers.CharField(help_text="zh or en for an article; empty: both.")
    published_at = serializers.DateTimeField(allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, document) -> str:
        return links.url(f"search.{document.kind}.public", document)


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    kind = serializers.CharField()
    total = serializers.IntegerField(help_text="Matches, stopped at 10,000.")
    capped = serializers.BooleanField()
    facets = SearchFacetSerializer(many=True)
    page = serializers.IntegerField(source="page.number")
    pages = serializers.IntegerField(source="page.paginator.num_pages")
    results = SearchHitSerializer(many=True, source="documents")
