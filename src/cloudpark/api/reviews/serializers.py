"""Review cases, their opinions and decisions as the API shows them, and the opinions and
decisions it takes."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cloudpark.reviews import enums, selectors
from cloudpark.reviews.models import ReviewCase, ReviewDecision, ReviewOpinion


class OpinionSerializer(serializers.ModelSerializer):
    reviewer = serializers.CharField(source="reviewer.__str__")

    class Meta:
        model = ReviewOpinion
        fields = ["id", "stage_key", "round", "reviewer", "recommendation", "score", "comment"]


class DecisionRecordSerializer(serializers.ModelSerializer):
    decided_by = serializers.CharField(source="decided_by.__str__")

    class Meta:
        model = ReviewDecision
        fields = [
            "id",
            "stage_key",
            "round",
            "decision",
            "comment",
            "data",
            "decided_by",
            "created_at",
        ]


class ReviewCaseSerializer(serializers.ModelSerializer):
    flow = serializers.CharField(source="flow_key")
    applicant = serializers.CharField(source="applicant.display_name")
    stage_label = serializers.SerializerMethodField()
    may_give_opinion = serializers.SerializerMethodField()
    may_decide = serializers.SerializerMethodField()

    class Meta:
        model = ReviewCase
        fields = [
            "id",
            "flow",
            "subject_label",
            "subject_label_en",
            "object_id",
            "applicant",
            "state",
            "stage_key",
            "stage_label",
            "reviewing_organization",
            "round",
            "submitted_at",
            "due_at",
            "closed_at",
            "may_give_opinion",
            "may_decide",
        ]

    def get_stage_label(self, case) -> str:
        return str(case.stage.label)

    def get_may_give_opinion(self, case) -> bool:
        return selectors.can_give_opinion(self.context["request"].user, case)

    def get_may_decide(self, case) -> bool:
        return selectors.can_decide(self.context["request"].user, case)


class ReviewCaseDetailSerializer(ReviewCaseSerializer):
    opinions = serializers.SerializerMethodField()
    decisions = DecisionRecordSerializer(many=True, read_only=True)

    class Meta(ReviewCaseSerializer.Meta):
        fields = [*ReviewCaseSerializer.Meta.fields, "opinions", "decisions"]

    @extend_schema_field(OpinionSerializer(many=True))
    def get_opinions(self, case):
        """The panel's opinions, for those who see them as on the pages
        (``reviews.view_opinions``); empty for anyone else."""
        if not self.context["request"].user.has_perm("reviews.view_opinions", case):
            return []
        return OpinionSerializer(case.opinions.all(), many=True).data


class OpinionInputSerializer(serializers.Serializer):
    stage_key = serializers.CharField(help_text="The stage the reviewer saw.")
    round = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="The round the reviewer saw; give it so that a resubmission is not missed.",
    )
    recommendation = serializers.ChoiceField(choices=enums.Recommendation.choices)
    comment = serializers.CharField()
    score = serializers.DecimalField(max_digits=6, decimal_places=2, required=False)


class DecisionInputSerializer(serializers.Serializer):
    stage_key = serializers.CharField(help_text="The stage the decider saw.")
    round = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="The round the decider saw; give it so that a resubmission is not missed.",
    )
    decision = serializers.ChoiceField(choices=enums.Decision.choices)
    comment = serializers.CharField(required=False, default="", allow_blank=True)
    data = serializers.DictField(
        required=False,
        default=dict,
        help_text='The flow\'s own decision fields, e.g. {"amount": "300000"}.',
    )
