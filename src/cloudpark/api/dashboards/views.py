"""The metrics and their yearly series for the parks in the caller's care: a park sees its
own, a government body its jurisdiction, as on the dashboards."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from cloudpark.api import base
from cloudpark.api.base import RuleViewSet, acting
from cloudpark.api.dashboards.serializers import (
    ChartSerializer,
    MetricSerializer,
    SeriesSerializer,
)
from cloudpark.dashboards import boards, cache, metrics, services
from cloudpark.dashboards.models import Figure
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import IndustryCategory

METRIC_PARAMETER = OpenApiParameter(
    "metric", OpenApiTypes.STR, description="A metric's code (see metrics/); revenue when left out."
)
YEAR_PARAMETER = OpenApiParameter(
    "year", OpenApiTypes.INT, description="The last year of the series (default: the latest)."
)
CATEGORY_PARAMETER = OpenApiParameter(
    "category", OpenApiTypes.INT, description="A major industry category's id."
)
IN_PARK_PARAMETER = OpenApiParameter(
    "in_park", OpenApiTypes.INT, description="One park in the caller's care."
)
CHART_PARAMETER = OpenApiParameter(
    "chart",
    OpenApiTypes.STR,
    description="One chart's key (by_category, filings...); all when left out.",
)


def _id(value):
    if value in (None, ""):
        return None
    if not str(value).isdigit():
        raise Http404
    return int(value)


class BoardFilters:
    """The board's filters from the address: ``year``, ``category`` and ``in_park`` (a park in
    the caller's care; another is a 404)."""

    def filters(self):
        params = self.request.query_params
        park = category = None
        park_id = _id(params.get("in_park"))
        if park_id is not None:
            park = org_selectors.parks_in_care_of(self.acting_for).filter(pk=park_id).first()
            if park is None:
                raise Http404
        category_id = _id(params.get("category"))
        if category_id is not None:
            category = IndustryCategory.objects.filter(
                pk=category_id, level=org_enums.CategoryLevel.MAJOR
            ).first()
            if category is None:
                raise Http404
        year = _id(params.get("year")) or services.last_reportable_year()
        return boards.Filters(year=year, park=park, category=category)

    def kept(self, name, work):
        """``work(filters)``, a response's data, kept as the dashboard pages keep their boards
        (``dashboards.cache``): per organisation, filters, language and version. The rule is
        checked before, on every request."""
        filters = self.filters()
        scope = f"api:{self.acting_query_parameter}:{self.acting_for.pk}"
        return cache.cached(cache.board_key(name, scope, filters), lambda: work(filters))

    def all_charts(self):
        """The serialized charts of the whole board, kept."""
        return self.kept(
            "api-charts",
            lambda filters: (
                ChartSerializer(
                    boards.build(self.acting_for, filters, drill=no_drill).charts, many=True
                ).data
            ),
        )


def no_drill(park=None, category=None):
    return ""


class FigureViewSet(BoardFilters, RuleViewSet):
    permission_rules = {
        "metric_list": acting("dashboards.view_dashboard"),
        "series": acting("dashboards.view_dashboard"),
        "charts": acting("dashboards.view_dashboard"),
    }
    # The series are read from the figures store; this names the model for the schema.
    queryset = Figure.objects.none()

    @extend_schema(responses=MetricSerializer(many=True))
    @action(
        detail=False,
        methods=["get"],
        url_path="metrics",
        filter_backends=[],
        pagination_class=None,
    )
    def metric_list(self, request):
        return Response(MetricSerializer(metrics.METRICS.values(), many=True).data)

    @extend_schema(
        parameters=[METRIC_PARAMETER, YEAR_PARAMETER, CATEGORY_PARAMETER, IN_PARK_PARAMETER],
        responses=SeriesSerializer,
    )
    @action(detail=False, methods=["get"], url_path="series", filter_backends=[])
    def series(self, request):
        metric = request.query_params.get("metric", "revenue")
        if metric not in metrics.METRICS or not boards.has_yearly_series(metrics.get(metric)):
            # A live metric's figures are its chart's (``charts/<key>/``, the metric's
            # ``chart``), not a yearly series of the store.
            raise Http404
        chosen = metrics.get(metric)

        def work(filters):
            points, as_of = boards.series(self.acting_for, chosen, filters)
            return SeriesSerializer({"metric": chosen, "as_of": as_of, "points": points}).data

        return Response(self.kept(f"api-series-{metric}", work))

    @extend_schema(
        parameters=[CHART_PARAMETER, YEAR_PARAMETER, CATEGORY_PARAMETER, IN_PARK_PARAMETER],
        responses=ChartSerializer(many=True),
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="charts",
        filter_backends=[],
        pagination_class=None,
    )
    def charts(self, request):
        """The dashboard's charts as the page draws them, live ones (filings, awards, events,
        jobs, finance) included: rows, takeaway, date, reporting share and definitions."""
        charts = self.all_charts()
        key = request.query_params.get("chart")
        if key:
            charts = [chart for chart in charts if chart["key"] == key]
            if not charts:
                raise Http404
        return Response(charts)


class ChartViewSet(BoardFilters, RuleViewSet):
    """One chart of the dashboard by its key, with the figures the page shows for the same
    filters: the stored charts and each live one (filings, awards, attendance, jobs,
    finance, deals), read alone."""

    permission_rules = {"retrieve": acting("dashboards.view_dashboard")}
    queryset = Figure.objects.none()
    lookup_field = "key"
    lookup_value_regex = "[a-z_]+"
    filter_backends = []

    @extend_schema(
        parameters=[YEAR_PARAMETER, CATEGORY_PARAMETER, IN_PARK_PARAMETER],
        responses=ChartSerializer,
    )
    def retrieve(self, request, key=None):
        if key in boards.LIVE_CHARTS:
            # Read alone, as it is cheaper than the whole board.
            return Response(
                self.kept(
                    f"api-chart-{key}",
                    lambda filters: (
                        ChartSerializer(
                            boards.chart(self.acting_for, filters, key, drill=no_drill)
                        ).data
                    ),
                )
            )
        chart = next((chart for chart in self.all_charts() if chart["key"] == key), None)
        if chart is None:
            raise Http404
        return Response(chart)


@extend_schema(parameters=[base.PARK_PARAMETER])
class ParkChartViewSet(ChartViewSet):
    acting_kinds = base.PARK
    acting_query_parameter = "park"


@extend_schema(parameters=[base.GOVERNMENT_PARAMETER])
class GovernmentChartViewSet(ChartViewSet):
    acting_kinds = base.GOVERNMENT
    acting_query_parameter = "government"


@extend_schema(parameters=[base.PARK_PARAMETER])
class ParkFigureViewSet(FigureViewSet):
    acting_kinds = base.PARK
    acting_query_parameter = "park"


@extend_schema(parameters=[base.GOVERNMENT_PARAMETER])
class GovernmentFigureViewSet(FigureViewSet):
    acting_kinds = base.GOVERNMENT
    acting_query_parameter = "government"
