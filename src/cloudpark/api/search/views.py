"""One search across the platform: what the public pages show (and, for a member, their
organisations' own documents), with counts per kind."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from cloudpark.api.base import PUBLIC, RuleViewSet
from cloudpark.api.search.serializers import SearchQuerySerializer, SearchResultsSerializer
from cloudpark.search import selectors
from cloudpark.search.models import SearchDocument


class SearchViewSet(RuleViewSet):
    permission_rules = {"list": PUBLIC}
    serializer_class = SearchResultsSerializer
    queryset = SearchDocument.objects.none()  # for the schema; results come from selectors

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="Words to find."),
            OpenApiParameter("kind", str, description="One kind only (news, park, ...)."),
            OpenApiParameter("page", int, description="Page of 20, from 1."),
        ],
        responses=SearchResultsSerializer,
    )
    def list(self, request):
        asked = SearchQuerySerializer(data=request.query_params)
        asked.is_valid(raise_exception=True)
        results = selectors.search(
            asked.validated_data["q"],
            kind=asked.validated_data.get("kind", ""),
            organization_ids=selectors.organizations_seen_by(request.user),
            page=asked.validated_data["page"],
        )
        return Response(SearchResultsSerializer(results).data)
