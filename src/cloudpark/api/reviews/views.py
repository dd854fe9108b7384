"""The review room over the API, for every flow of the review engine: the cases a caller's
organisations apply with or review, opinions, and decisions.

A flow that asks for extra decision fields (the ``decision_form`` of its presentation,
``reviews.presentation``, e.g. the amount of an approved programme application) takes them as
``data`` in the decision; they are checked with the same form as on the pages.

Opinions and decisions ask their rule about the case at the stage the caller says they saw
(``reviews.selectors.Seen``), as the pages do: a reviewer of that stage whom the case has
overtaken is told so by the engine (a 400), anyone else is refused (a 403).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cloudpark.api.base import SIGNED_IN, RuleViewSet, on_input
from cloudpark.api.reviews import filters
from cloudpark.api.reviews.serializers import (
    DecisionInputSerializer,
    OpinionInputSerializer,
    ReviewCaseDetailSerializer,
    ReviewCaseSerializer,
)
from cloudpark.reviews import presentation, selectors, services


def _seen(case, request):
    """The case at the stage the caller says they saw (checked for who may act there before
    the rest of the input is)."""
    return selectors.Seen(case, str(request.data.get("stage_key", "")))


class ReviewCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """Cases the caller's organisations apply with, review or reviewed."""

    filterset_class = filters.ReviewCaseFilter
    permission_rules = {
        "list": SIGNED_IN,
        "retrieve": SIGNED_IN,
        "opinion": on_input("reviews.give_opinion_at_stage_seen"),
        "decide": on_input("reviews.decide_stage_seen"),
    }

    def get_queryset(self):
        queryset = (
            selectors.cases_for_user(self.request.user)
            .select_related("applicant")
            .order_by("-updated_at", "-pk")
        )
        if self.action != "list":
            queryset = queryset.prefetch_related("opinions__reviewer", "decisions__decided_by")
        return queryset

    def get_serializer_class(self):
        return ReviewCaseSerializer if self.action == "list" else ReviewCaseDetailSerializer

    def _detail(self, case):
        return ReviewCaseDetailSerializer(
            self.get_queryset().get(pk=case.pk), context=self.get_serializer_context()
        ).data

    def _ask(self, seen, refusal):
        """The action's rule about the case as the caller saw it, refused in its own words."""
        try:
            self.check_rule(seen)
        except PermissionDenied:
            raise PermissionDenied(refusal) from None

    @extend_schema(request=OpinionInputSerializer, responses=ReviewCaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def opinion(self, request, pk=None):
        """A panel reviewer's opinion (and score) on the stage the case is at."""
        case = self.get_object()
        self._ask(_seen(case, request), _("You are not a reviewer of this stage."))
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
        self._ask(_seen(case, request), _("You may not decide this stage."))
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
