"""The directory over REST: parks and enterprises, the caller's own account."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from cloudpark.api.base import PUBLIC, RuleViewSet, rule
from cloudpark.api.directory import filters, serializers
from cloudpark.api.lists import StoredTotalPagination, names_no_filter, only_shown
from cloudpark.core import search
from cloudpark.orgs import selectors
from cloudpark.orgs.privacy import personal_data_context


class ParkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """Parks (bases): public."""

    serializer_class = serializers.ParkSerializer
    filterset_class = filters.ParkFilter
    permission_rules = {"list": PUBLIC, "retrieve": PUBLIC}

    def get_queryset(self):
        queryset = selectors.public_parks()
        if self.action == "list":
            # The region is shown from the cached reference rows, not joined.
            queryset = only_shown(queryset.select_related(None), serializers.ParkSerializer)
        return queryset.order_by("name", "pk")


class EnterpriseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """Enterprises: the public part for everyone; ``/private/`` for those who look after one."""

    serializer_class = serializers.EnterprisePublicSerializer
    filterset_class = filters.EnterpriseFilter
    pagination_class = StoredTotalPagination
    permission_rules = {
        "list": PUBLIC,
        "retrieve": PUBLIC,
        "private": rule("orgs.view_private_details"),
    }

    def get_queryset(self):
        queryset = selectors.public_enterprises()
        if self.action == "list":
            # A row shows its park as an id, and its category and region from the cached
            # reference rows: nothing is joined.
            queryset = queryset.select_related(None)
            queryset = only_shown(queryset, serializers.EnterprisePublicSerializer)
        return queryset.order_by("name", "pk")

    def stored_total(self):
        """The whole list's count, from the stored totals, when no filter narrows it."""
        if not names_no_filter(self.filterset_class, self.request):
            return None
        count, _more = selectors.directory_enterprise_total(cap=None)
        return count

    def ranked(self):
        """Searched (``q``), the list is the matches most relevant first
        (``selectors.ranked_enterprises``) among those the other filters keep; its ``count``
        stops at the selector's cap."""
        query = self.request.query_params.get("q", "")
        if self.action != "list" or not search.query_terms(query):
            return None
        others = self.request.query_params.copy()
        others.pop("q")
        filterset = self.filterset_class(others, self.get_queryset(), request=self.request)
        if not filterset.is_valid():
            return None  # the filter backend answers with the errors
        return selectors.ranked_enterprises(filterset.qs, query)

    def ranked_rows(self, ids):
        return self.get_queryset().filter(pk__in=ids)

    def permission_denied(self, request, message=None, code=None):
        # Outside the caller's care the private part does not exist for them.
        if self.action == "private" and request.user.is_authenticated:
            raise Http404
        super().permission_denied(request, message, code)

    @extend_schema(responses=serializers.EnterprisePrivateSerializer)
    @action(detail=True, methods=["get"])
    def private(self, request, pk=None):
        enterprise = self.get_object()
        context = {
            **self.get_serializer_context(),
            **personal_data_context(request.user, enterprise),
        }
        return Response(serializers.EnterprisePrivateSerializer(enterprise, context=context).data)


class MeView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=serializers.MeSerializer)
    def get(self, request):
        user = request.user
        data = {
            "email": user.email,
            "name": user.name,
            "mobile": user.mobile,
            "memberships": selectors.memberships_of(user),
        }
        return Response(serializers.MeSerializer(data).data)
