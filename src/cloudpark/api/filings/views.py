"""Drama filings over REST.

For an enterprise: its planning filings (draft, change, pre-check, submit, withdraw, rename)
and release filings (draft from an approved planning filing, change, pre-check, submit). For
everyone: the public archive of approved works, a month's notice as Excel, its statistics, and
the verification of a number (200 while valid, 410 once revoked, 404 if never issued). For a
government body (under ``government/``): the numbers it issued, which its chief may revoke.

The same selectors, services and named rules as the pages; a refused business rule is a 400
with its message, another organisation's filing a 404."""

from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from cloudpark.api import base
from cloudpark.api.base import PUBLIC, SIGNED_IN, RuleViewSet, acting, rule
from cloudpark.api.filings import serializers as s
from cloudpark.filings import enums, exports, screening, selectors, services
from cloudpark.filings.verification import verification_of
from cloudpark.orgs import selectors as org_selectors

FILING = rule("filings.file", through="project.enterprise")
FILING_RELEASE = rule("filings.file", through="planning.project.enterprise")


def _problems(problems):
    return s.ProblemSerializer(problems, many=True).data


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class PlanningFilingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, RuleViewSet
):
    """The planning filings of the enterprises the caller belongs to."""

    serializer_class = s.PlanningFilingSerializer
    acting_kinds = base.ENTERPRISE
    acting_query_parameter = "enterprise"
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_rules = {
        "list": SIGNED_IN,
        "retrieve": SIGNED_IN,
        "create": acting("filings.file"),
        "partial_update": FILING,
        "check": SIGNED_IN,
        "submit": FILING,
        "withdraw": FILING,
        "rename": FILING,
        "release": FILING,
    }

    def get_queryset(self):
        return selectors.planning_filings_of_enterprises(
            org_selectors.organization_ids_of(self.request.user, base.ENTERPRISE)
        )

    def _read(self, filing, status_code=status.HTTP_200_OK):
        return Response(
            s.PlanningFilingSerializer(self.get_queryset().get(pk=filing.pk)).data,
            status=status_code,
        )

    @extend_schema(request=s.PlanningWriteSerializer, responses={201: s.PlanningFilingSerializer})
    def create(self, request, *args, **kwargs):
        values = self.validated(s.PlanningWriteSerializer, request.data)
        filing = services.create_planning_filing(self.acting_for, actor=request.user, **values)
        return self._read(filing, status.HTTP_201_CREATED)

    @extend_schema(request=s.PlanningUpdateSerializer, responses=s.PlanningFilingSerializer)
    def partial_update(self, request, *args, **kwargs):
        filing = self.get_object()
        values = self.validated(s.PlanningUpdateSerializer, request.data, partial=True)
        services.update_planning_filing(filing, actor=request.user, **values)
        return self._read(filing)

    @extend_schema(request=None, responses=s.ProblemSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def check(self, request, pk=None):
        """Every problem the submission would meet, blocking ones first."""
        return Response(_problems(services.check_planning_filing(self.get_object())))

    @extend_schema(request=None, responses=s.PlanningFilingSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._read(services.submit_planning_filing(self.get_object(), actor=request.user))

    @extend_schema(request=None, responses=s.PlanningFilingSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._read(services.withdraw_planning_filing(self.get_object(), actor=request.user))

    @extend_schema(request=s.RenameSerializer, responses={201: s.PlanningFilingSerializer})
    @action(detail=True, methods=["post"])
    def rename(self, request, pk=None):
        """File the approved work afresh under a new title; approved, it supersedes this one."""
        filing = self.get_object()  # another's filing is not found, whatever the body
        values = self.validated(s.RenameSerializer, request.data)
        renamed = services.rename_planning_filing(filing, actor=request.user, **values)
        return self._read(renamed, status.HTTP_201_CREATED)

    @extend_schema(request=s.ReleaseWriteSerializer, responses={201: s.ReleaseFilingSerializer})
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        """Draft the release filing of the approved work."""
        filing = self.get_object()
        values = self.validated(s.ReleaseWriteSerializer, request.data)
        release = services.create_release_filing(filing, actor=request.user, **values)
        return Response(s.ReleaseFilingSerializer(release).data, status=status.HTTP_201_CREATED)


class ReleaseFilingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """The release filings of the enterprises the caller belongs to."""

    serializer_class = s.ReleaseFilingSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_rules = {
        "list": SIGNED_IN,
        "retrieve": SIGNED_IN,
        "partial_update": FILING_RELEASE,
        "check": SIGNED_IN,
        "submit": FILING_RELEASE,
    }

    def get_queryset(self):
        return selectors.release_filings_of_enterprises(
            org_selectors.organization_ids_of(self.request.user, base.ENTERPRISE)
        )

    def _read(self, release):
        return Response(s.ReleaseFilingSerializer(self.get_queryset().get(pk=release.pk)).data)

    @extend_schema(request=s.ReleaseUpdateSerializer, responses=s.ReleaseFilingSerializer)
    def partial_update(self, request, *args, **kwargs):
        release = self.get_object()
        values = self.validated(s.ReleaseUpdateSerializer, request.data, partial=True)
        services.update_release_filing(release, actor=request.user, **values)
        return self._read(release)

    @extend_schema(request=None, responses=s.ProblemSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def check(self, request, pk=None):
        """Every problem the submission would meet, drift from the planning filing first."""
        return Response(_problems(services.check_release_filing(self.get_object())))

    @extend_schema(request=None, responses=s.ReleaseFilingSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._read(services.submit_release_filing(self.get_object(), actor=request.user))


MONTH = OpenApiParameter("month", OpenApiTypes.STR, description="The notice's month, YYYY-MM.")
QUERY = OpenApiParameter("q", OpenApiTypes.STR, description="A title or a number.")
NUMBER = OpenApiParameter("number", OpenApiTypes.STR, required=True, description="The number.")


def _month(request):
    value = request.query_params.get("month", "")
    try:
        year, month = value.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise ValidationError({"month": "Give the month as YYYY-MM."}) from None


class ArchiveViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """The public archive of works that have been in a notice, kept for ever."""

    serializer_class = s.PublicFilingSerializer
    permission_rules = {"list": PUBLIC, "retrieve": PUBLIC, "notice": PUBLIC, "statistics": PUBLIC}

    def get_queryset(self):
        query = self.request.query_params.get("q", "")
        if self.action == "list" and query:
            return selectors.look_up(query)
        if self.action == "list" and self.request.query_params.get("month"):
            return selectors.filings_in_notice(_month(self.request))
        return selectors.public_filings()

    @extend_schema(parameters=[MONTH, QUERY])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[MONTH],
        responses={
            (
                200,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ): OpenApiTypes.BINARY
        },
    )
    @action(detail=False, methods=["get"])
    def notice(self, request):
        """A month's notice as an Excel workbook."""
        month = _month(request)
        return exports.export_notice(month, selectors.filings_in_notice(month))

    @extend_schema(parameters=[MONTH], responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["get"])
    def statistics(self, request):
        """The month counted the regulator's way: per kind, each era and subject pair's works,
        episodes and share of the kind's works."""
        table = selectors.monthly_statistics(_month(request))
        return Response(
            {
                kind: [
                    {
                        "era": era,
                        "subject": subject,
                        "works": works,
                        "episodes": episodes,
                        "percent": percent,
                    }
                    for era, subject, works, episodes, percent in rows
                ]
                for kind, rows in table.items()
            }
        )


class NumberViewSet(RuleViewSet):
    """Verification of a planning or distribution licence number, for platforms."""

    permission_rules = {"verify": PUBLIC}
    serializer_class = s.VerificationSerializer

    @extend_schema(
        parameters=[NUMBER],
        responses={
            200: s.VerificationSerializer,
            404: OpenApiTypes.OBJECT,
            410: s.VerificationSerializer,
        },
    )
    @action(detail=False, methods=["get"])
    def verify(self, request):
        """200 with what the number covers while it is valid (or superseded: ``valid`` is then
        false), 410 once revoked, 404 when it was never issued."""
        number = selectors.find_number(request.query_params.get("number", ""))
        if number is None:
            return Response(
                {"number": request.query_params.get("number", ""), "real": False},
                status=status.HTTP_404_NOT_FOUND,
            )
        revoked = number.status == enums.NumberStatus.REVOKED
        return Response(
            verification_of(number),
            status=status.HTTP_410_GONE if revoked else status.HTTP_200_OK,
        )


VIEWING = acting("filings.view_reviewed")


@extend_schema(parameters=[base.GOVERNMENT_PARAMETER])
class GovernmentNumberViewSet(mixins.ListModelMixin, RuleViewSet):
    """The numbers the body issued; its chief revokes one with a reason."""

    serializer_class = s.IssuedNumberSerializer
    acting_kinds = base.GOVERNMENT
    acting_query_parameter = "government"
    permission_rules = {"list": VIEWING, "revoke": acting("filings.revoke_number")}

    def get_queryset(self):
        return selectors.numbers_issued_by(self.acting_for)

    @extend_schema(request=s.RevokeSerializer, responses=s.IssuedNumberSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        number = self.get_object()
        values = self.validated(s.RevokeSerializer, request.data)
        services.revoke_number(
            number, actor=request.user, government=self.acting_for, reason=values["reason"]
        )
        return Response(s.IssuedNumberSerializer(self.get_queryset().get(pk=number.pk)).data)


SCREENING = acting("filings.screen")


@extend_schema(parameters=[base.GOVERNMENT_PARAMETER])
class GovernmentScreeningViewSet(mixins.RetrieveModelMixin, RuleViewSet):
    """The screening room of a release filing the body reviews: its film's newest cut, what
    changed since the last one, the caller's exclusion if any; a reviewer opens a time-boxed
    viewing session (the film streams at its ``film`` address until ``expires_at``) and
    comments on time ranges of the film. Others' comments of the current stage are hidden
    until the caller has given one."""

    serializer_class = s.ScreeningRoomSerializer
    acting_kinds = base.GOVERNMENT
    acting_query_parameter = "government"
    permission_rules = {
        "retrieve": VIEWING,
        "comments": VIEWING,
        "session": SCREENING,
        "comment": SCREENING,
    }

    def get_queryset(self):
        return selectors.release_filings_reviewed_by(self.acting_for)

    def retrieve(self, request, *args, **kwargs):
        release = self.get_object()
        excluded = screening.exclusion_of(request.user, release)
        changes = None if excluded else screening.cut_changes(release)
        data = {
            "id": release.pk,
            "title": release.title,
            "state": release.state,
            "cut": selectors.latest_cut(release),
            "excluded": excluded,
            "may_review": not excluded
            and screening.reviews_now(request.user, release, self.acting_for),
            "changes": changes[2] if changes else None,
            "session_minutes": int(screening.session_length().total_seconds() // 60),
        }
        return Response(s.ScreeningRoomSerializer(data).data)

    @extend_schema(responses=s.CommentsSerializer)
    @action(detail=True, methods=["get"], pagination_class=None)
    def comments(self, request, pk=None):
        release = self.get_object()
        if screening.exclusion_of(request.user, release):
            return Response({"comments": [], "hidden": 0})
        seen = screening.comments_for(request.user, release)
        return Response(s.CommentsSerializer({"comments": seen.shown, "hidden": seen.hidden}).data)

    @extend_schema(request=None, responses={201: s.ViewingSessionSerializer})
    @action(detail=True, methods=["post"])
    def session(self, request, pk=None):
        session = screening.open_viewing_session(
            self.get_object(), viewer=request.user, organization=self.acting_for
        )
        return Response(s.ViewingSessionSerializer(session).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.TimedCommentInputSerializer, responses={201: s.TimedCommentSerializer})
    @action(detail=True, methods=["post"])
    def comment(self, request, pk=None):
        release = self.get_object()
        values = self.validated(s.TimedCommentInputSerializer, request.data)
        comment = screening.add_timed_comment(
            release, author=request.user, organization=self.acting_for, **values
        )
        return Response(s.TimedCommentSerializer(comment).data, status=status.HTTP_201_CREATED)
