"""REST endpoints over the same selectors, services and rules as the pages."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from cloudpark.api import serializers
from cloudpark.orgs import enums, selectors
from cloudpark.orgs.privacy import personal_data_context


class DirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search (CJK bigrams)")

    def search(self, queryset, name, value):
        from cloudpark.core import search

        return search.search(queryset, value)


class ParkFilter(DirectoryFilter):
    level = django_filters.ChoiceFilter(choices=enums.ParkLevel.choices)


class EnterpriseFilter(DirectoryFilter):
    park = django_filters.NumberFilter(field_name="park_id")
    category = django_filters.CharFilter(field_name="category__code")


class ParkViewSet(viewsets.ReadOnlyModelViewSet):
    """Parks (bases): public."""

    serializer_class = serializers.ParkSerializer
    filterset_class = ParkFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return selectors.public_parks().order_by("name", "pk")


class EnterpriseViewSet(viewsets.ReadOnlyModelViewSet):
    """Enterprises: the public part for everyone; ``/private/`` for those who look after one."""

    serializer_class = serializers.EnterprisePublicSerializer
    filterset_class = EnterpriseFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return selectors.public_enterprises().order_by("name", "pk")

    @extend_schema(responses=serializers.EnterprisePrivateSerializer)
    @action(detail=True, methods=["get"], permission_classes=[permissions.IsAuthenticated])
    def private(self, request, pk=None):
        enterprise = self.get_object()
        if not request.user.has_perm("orgs.view_private_details", enterprise):
            # Outside the caller's care the private part does not exist for them.
            from django.http import Http404

            raise Http404
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
