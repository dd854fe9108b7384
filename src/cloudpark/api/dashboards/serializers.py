from rest_framework import serializers

from cloudpark.dashboards import boards


class MetricSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(help_text="Chinese name.")
    name_en = serializers.CharField()
    unit = serializers.CharField()
    unit_en = serializers.CharField()
    formula = serializers.JSONField(help_text="The named computation and its parameters.")
    scope = serializers.CharField()
    note = serializers.CharField(help_text="The definition note (口径), in Chinese.")
    note_en = serializers.CharField()
    source = serializers.CharField()
    source_en = serializers.CharField()
    dated = serializers.DateField()
    chart = serializers.SerializerMethodField()

    def get_chart(self, metric) -> str | None:
        """The key of the chart that serves a live metric's figures (``charts/<key>/``);
        null for a metric of the yearly series (``series/``)."""
        return boards.CHART_OF_LIVE_METRIC.get(metric.code)


class PointSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.DecimalField(
        max_digits=20, decimal_places=2, allow_null=True, help_text="Null when it cannot be told."
    )
    reporting_rate = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, help_text="Percent that reported."
    )


class SeriesSerializer(serializers.Serializer):
    metric = MetricSerializer()
    as_of = serializers.DateTimeField(allow_null=True)
    points = PointSerializer(many=True)


class ChartRowSerializer(serializers.Serializer):
    label = serializers.CharField(
        help_text="The bar's or slice's label: a category, year, month..."
    )
    cells = serializers.ListField(
        child=serializers.JSONField(), help_text="One value per column after the first."
    )
    link = serializers.CharField(help_text="The page listing the records behind the row, or empty.")


class ChartSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    takeaway = serializers.CharField(
        help_text="The chart's one-line reading, in the caller's language."
    )
    description = serializers.CharField()
    as_of = serializers.DateTimeField(allow_null=True)
    share = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        allow_null=True,
        help_text="Percent of the enterprises that reported the year.",
    )
    columns = serializers.ListField(child=serializers.CharField())
    rows = ChartRowSerializer(many=True)
    definitions = serializers.SerializerMethodField()

    def get_definitions(self, chart) -> list[str]:
        """The codes of the metrics the chart shows (see metrics/)."""
        return [metric.code for metric in chart.definitions]
