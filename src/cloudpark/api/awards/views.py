"""Awards over REST.

For everyone: the schemes (with categories, quotas, rubric and rounds) and the verification
of a certificate by its number (410 once revoked). For an enterprise: its entries, drafted,
submitted and withdrawn. For a juror: the works assigned to them, scored and recused from.
For a government body (under ``government/``): the schemes it runs, their steps, and each
round's assignment, closing, tally and results.

The same selectors, services and named rules as the pages: another organisation's object is a
404, a member without the right a 403, a refused business rule a 400 with its message."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from cloudpark.api import base
from cloudpark.api.awards.serializers import (
    AwardAssignmentSerializer,
    AwardBallotWriteSerializer,
    AwardCertificateSerializer,
    AwardEntrySerializer,
    AwardEntryWriteSerializer,
    AwardJuryRoundSerializer,
    AwardRecusalSerializer,
    AwardResultSerializer,
    AwardRoundSerializer,
    AwardSchemeSerializer,
    AwardScoreWriteSerializer,
)
from cloudpark.api.base import PUBLIC, SIGNED_IN, RuleViewSet, acting, rule
from cloudpark.awards import selectors, services
from cloudpark.awards.models import Assignment, Entry, Round, Scheme
from cloudpark.core.errors import DomainError
from cloudpark.orgs import selectors as org_selectors


class SchemeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """Award schemes open for entries, judging or with their results out."""

    serializer_class = AwardSchemeSerializer
    permission_rules = {"list": PUBLIC, "retrieve": PUBLIC}

    def get_queryset(self):
        return selectors.public_schemes().prefetch_related(*selectors.SCHEME_PREFETCH)


ENTERING = rule("awards.enter_works", through="submitter")


class EntryViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, RuleViewSet
):
    """The entries of the enterprises the caller belongs to."""

    serializer_class = AwardEntrySerializer
    http_method_names = ["get", "post", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    acting_kinds = base.ENTERPRISE
    acting_query_parameter = "enterprise"
    permission_rules = {
        "list": SIGNED_IN,
        "retrieve": SIGNED_IN,
        "create": acting("awards.enter_works"),
        "submit": ENTERING,
        "withdraw": ENTERING,
    }

    def get_queryset(self):
        enterprises = org_selectors.organization_ids_of(self.request.user, base.ENTERPRISE)
        return (
            selectors.entries_of_enterprises(enterprises)
            .prefetch_related("credits")
            .order_by("-created_at", "-pk")
        )

    def _read(self, entry, status_code=status.HTTP_200_OK):
        return Response(
            AwardEntrySerializer(self.get_queryset().get(pk=entry.pk)).data, status=status_code
        )

    @extend_schema(
        request=AwardEntryWriteSerializer,
        responses={201: AwardEntrySerializer},
        parameters=[base.ENTERPRISE_PARAMETER],
    )
    def create(self, request, *args, **kwargs):
        values = self.validated(AwardEntryWriteSerializer, request.data)
        scheme = values.pop("scheme")
        entry = services.draft_entry(
            scheme,
            submitter=self.acting_for,
            actor=request.user,
            credits=values.pop("credits"),
            recommendation_scan=values.pop("recommendation_scan", None),
            **values,
        )
        return self._read(entry, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=AwardEntrySerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send the entry to its eligibility check."""
        return self._read(services.submit_entry(self.get_object(), actor=request.user))

    @extend_schema(request=None, responses=AwardEntrySerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._read(services.withdraw_entry(self.get_object(), actor=request.user))


class AssignmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """The works assigned to the caller as a juror, with their own scores only."""

    serializer_class = AwardAssignmentSerializer
    permission_rules = {
        "list": SIGNED_IN,
        "retrieve": SIGNED_IN,
        "score": SIGNED_IN,
        "recuse": SIGNED_IN,
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Assignment.objects.none()
        return (
            Assignment.objects.filter(juror__user=self.request.user)
            .select_related("round", "entry")
            .prefetch_related("scores", "entry__credits")
            .order_by("-round__opened_at", "entry__title", "pk")
        )

    def _read(self, assignment):
        return Response(AwardAssignmentSerializer(self.get_queryset().get(pk=assignment.pk)).data)

    @extend_schema(request=AwardScoreWriteSerializer, responses=AwardAssignmentSerializer)
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        """Score every criterion of the rubric, each with a comment if wished."""
        assignment = self.get_object()
        values = self.validated(AwardScoreWriteSerializer, request.data)
        scores = {item["criterion"]: (item["value"], item["comment"]) for item in values["scores"]}
        services.score_entry(assignment.round, assignment.entry, actor=request.user, scores=scores)
        return self._read(assignment)

    @extend_schema(request=AwardRecusalSerializer, responses=AwardAssignmentSerializer)
    @action(detail=True, methods=["post"])
    def recuse(self, request, pk=None):
        assignment = self.get_object()
        values = self.validated(AwardRecusalSerializer, request.data)
        return self._read(services.recuse(assignment, actor=request.user, reason=values["reason"]))


class JuryRoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """The rounds in which the caller judges, with a ballot per category in a voting round:
    named or anonymous as the round says, at most the category's places."""

    serializer_class = AwardJuryRoundSerializer
    permission_rules = {"list": SIGNED_IN, "retrieve": SIGNED_IN, "ballot": SIGNED_IN}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Round.objects.none()
        return selectors.rounds_judged_by(self.request.user)

    @extend_schema(request=AwardBallotWriteSerializer, responses=AwardJuryRoundSerializer)
    @action(detail=True, methods=["post"])
    def ballot(self, request, pk=None):
        """Cast the caller's ballot in one category: the works voted for, at most the quota,
        each one assigned to the caller."""
        judging_round = self.get_object()
        values = self.validated(AwardBallotWriteSerializer, request.data)
        category = judging_round.scheme.categories.filter(pk=values["category"]).first()
        if category is None:
            raise DomainError(_("Choose a category of this scheme."), field="category")
        wanted = set(values["entries"])
        entries = list(Entry.objects.filter(scheme=judging_round.scheme, pk__in=wanted))
        if len(entries) != len(wanted):
            raise DomainError(_("Choose works entered in this scheme."), field="entries")
        services.cast_ballot(judging_round, category, actor=request.user, entries=entries)
        return Response(
            AwardJuryRoundSerializer(
                self.get_queryset().get(pk=judging_round.pk), context={"request": request}
            ).data
        )


class CertificateViewSet(mixins.RetrieveModelMixin, RuleViewSet):
    """A certificate by its number, as its verify page shows it; 410 once revoked."""

    serializer_class = AwardCertificateSerializer
    permission_rules = {"retrieve": PUBLIC}
    lookup_field = "number"
    lookup_value_regex = "[A-Za-z0-9-]+"

    def get_queryset(self):
        return selectors.certificates_all()

    @extend_schema(responses={200: AwardCertificateSerializer, 410: AwardCertificateSerializer})
    def retrieve(self, request, *args, **kwargs):
        certificate = self.get_object()
        return Response(
            AwardCertificateSerializer(certificate).data,
            status=status.HTTP_410_GONE if certificate.is_revoked else status.HTTP_200_OK,
        )


MANAGING = acting("awards.manage_schemes")
SCHEME_STEPS = {
    "open": services.open_scheme,
    "judge": services.start_judging,
    "publish": services.publish_results,
    "finalise": services.finalise_results,
}
ROUND_STEPS = {
    "assign": services.assign_round,
    "close": services.close_round,
    "tally": services.tally_round,
}


class GovernmentSchemeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """The schemes the caller's government body runs, and their steps."""

    serializer_class = AwardSchemeSerializer
    acting_kinds = base.GOVERNMENT
    acting_query_parameter = "government"
    permission_rules = {
        "list": acting("awards.view_schemes"),
        "retrieve": acting("awards.view_schemes"),
        **{step: MANAGING for step in SCHEME_STEPS},
    }

    def get_queryset(self):
        if self.acting_for is None:
            return Scheme.objects.none()
        return selectors.schemes_run_by(self.acting_for).prefetch_related(
            *selectors.SCHEME_PREFETCH
        )

    def _step(self, name):
        scheme = self.get_object()
        SCHEME_STEPS[name](scheme, actor=self.request.user)
        return Response(AwardSchemeSerializer(self.get_queryset().get(pk=scheme.pk)).data)

    @extend_schema(request=None, responses=AwardSchemeSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        """Open the scheme for entries once it is set up."""
        return self._step("open")

    @extend_schema(request=None, responses=AwardSchemeSerializer)
    @action(detail=True, methods=["post"])
    def judge(self, request, pk=None):
        """Hand the scheme to its jury."""
        return self._step("judge")

    @extend_schema(request=None, responses=AwardSchemeSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Put the final round's results on public notice."""
        return self._step("publish")

    @extend_schema(request=None, responses=AwardSchemeSerializer)
    @action(detail=True, methods=["post"])
    def finalise(self, request, pk=None):
        """Make the honour list final once its notice has run."""
        return self._step("finalise")


class GovernmentRoundViewSet(mixins.RetrieveModelMixin, RuleViewSet):
    """A round of one of the caller's schemes: assignment, closing, tally and results."""

    serializer_class = AwardRoundSerializer
    acting_kinds = base.GOVERNMENT
    acting_query_parameter = "government"
    permission_rules = {
        "retrieve": acting("awards.view_schemes"),
        "results": acting("awards.view_schemes"),
        **{step: MANAGING for step in ROUND_STEPS},
    }

    def get_queryset(self):
        if self.acting_for is None:
            return Round.objects.none()
        return selectors.rounds_run_by(self.acting_for)

    def _step(self, name):
        judging_round = self.get_object()
        ROUND_STEPS[name](judging_round, actor=self.request.user)
        return Response(AwardRoundSerializer(self.get_queryset().get(pk=judging_round.pk)).data)

    @extend_schema(request=None, responses=AwardRoundSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """Assign the round's entries to the jury, keeping jurors off works they are tied to."""
        return self._step("assign")

    @extend_schema(request=None, responses=AwardRoundSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._step("close")

    @extend_schema(request=None, responses=AwardRoundSerializer)
    @action(detail=True, methods=["post"])
    def tally(self, request, pk=None):
        """Count the closed round: every measure, rank, tie and stability mark."""
        return self._step("tally")

    @extend_schema(request=None, responses=AwardResultSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def results(self, request, pk=None):
        """Every entry's standing: mean, trimmed mean, normalised score, votes, ranks, marks."""
        return Response(
            AwardResultSerializer(selectors.results_of(self.get_object()), many=True).data
        )
