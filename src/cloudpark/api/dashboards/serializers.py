from rest_framework import serializers


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
