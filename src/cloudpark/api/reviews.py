"""The review room over the API, for every flow of the review engine: the cases a caller's
organisations apply with or review, opinions, and decisions.

A flow that asks for extra decision fields (the ``decision_form`` of its presentation,
``reviews.presentation``, e.g. the amount of an approved programme application) takes them as
``data`` in the decision; they are checked with the same form as on the pages.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cloudpark.orgs import selectors as org_selectors
from cloudpark.reviews import enums, presentation, selectors, services
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


def _seen(case, request):
    """The case at the stage the caller says they saw (checked for who may act there before
    the rest of the input is)."""
    return selectors.Seen(case, str(request.data.get("stage_key", "")))


class ReviewCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Cases the caller's organisations apply with, review or reviewed."""

    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        ids = [m.organization_id for m in org_selectors.memberships_of(self.request.user)]
        queryset = (
            ReviewCase.objects.filter(
                Q(applicant_id__in=ids)
                | Q(reviewing_organization_id__in=ids)
                | Q(decisions__organization_id__in=ids)
            )
            .distinct()
            .select_related("applicant")
            .order_by("-updated_at", "-pk")
        )
        if self.request.query_params.get("awaiting") in ("1", "true"):
            queryset = queryset.filter(
                state=enums.CaseState.IN_REVIEW, reviewing_organization_id__in=ids
            )
        flow = self.request.query_params.get("flow")
        if flow:
            queryset = queryset.filter(flow_key=flow)
        if self.action != "list":
            queryset = queryset.prefetch_related("opinions__reviewer", "decisions__decided_by")
        return queryset

    def get_serializer_class(self):
        return ReviewCaseSerializer if self.action == "list" else ReviewCaseDetailSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("awaiting", bool, description="Only cases at a stage you review."),
            OpenApiParameter("flow", str, description="Only cases of this flow."),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _detail(self, case):
        return ReviewCaseDetailSerializer(
            self.get_queryset().get(pk=case.pk), context=self.get_serializer_context()
        ).data

    @extend_schema(request=OpinionInputSerializer, responses=ReviewCaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def opinion(self, request, pk=None):
        """A panel reviewer's opinion (and score) on the stage the case is at."""
        case = self.get_object()
        if not request.user.has_perm("reviews.give_opinion_at_stage_seen", _seen(case, request)):
            raise PermissionDenied(_("You are not a reviewer of this stage."))
        serializer = OpinionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        services.record_opinion(
            case, actor=request.user, seen_round=values.pop("round", None), **values
        )
        return Response(self._detail(case))

    @extend_schema(request=DecisionInputSerializer, responses=ReviewCaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Decide the stage the case is at. A decider of the stage given who was overtaken
        (another decided first, or the case was returned and resubmitted) gets a 400 saying
        the case has moved on; anyone else a 403."""
        case = self.get_object()
        if not request.user.has_perm("reviews.decide_stage_seen", _seen(case, request)):
            raise PermissionDenied(_("You may not decide this stage."))
        serializer = DecisionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        data = {}
        extra_class = presentation.get(case.flow_key).decision_form
        if extra_class is not None:
            extra = extra_class({**values["data"], "decision": values["decision"]}, case=case)
            if not extra.is_valid():
                raise serializers.ValidationError({"data": extra.errors})
            data = extra.decision_data()
        services.decide(
            case,
            actor=request.user,
            stage_key=values["stage_key"],
            seen_round=values.get("round"),
            decision=values["decision"],
            comment=values["comment"],
            data=data,
        )
        return Response(self._detail(case))
