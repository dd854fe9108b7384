"""REST endpoints for policies, programmes, eligibility, applications and public notices.

They start from the same selectors and ask the same named rules as the pages; every write is
one call to ``programs.services``, whose ``DomainError`` becomes a 400 with its message.
Endpoints that act for an enterprise use the caller's enterprise membership, or the one named
by ``?enterprise=<id>`` (in the body for a new application) when they hold several.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from cloudpark.api import base
from cloudpark.api.base import PUBLIC, SIGNED_IN, RuleViewSet, acting, on_input, rule
from cloudpark.api.programs import filters
from cloudpark.api.programs.serializers import (
    ApplicationDetailSerializer,
    ApplicationMaterialSerializer,
    ApplicationMaterialUploadSerializer,
    ApplicationSerializer,
    ApplicationWriteSerializer,
    EligibilitySerializer,
    InvitedSerializer,
    InviteSerializer,
    ManagedObjectionSerializer,
    NoticeCreateSerializer,
    NoticeDetailSerializer,
    NoticeSerializer,
    NoticeUpdateSerializer,
    ObjectionAnswerSerializer,
    ObjectionInputSerializer,
    ObjectionReceivedSerializer,
    PolicyListSerializer,
    PolicySerializer,
    PolicyWriteSerializer,
    ProgrammeDetailSerializer,
    ProgrammeSerializer,
    ProgrammeWriteSerializer,
    QualifyingSerializer,
)
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.enums import Capability
from cloudpark.programs import selectors, services
from cloudpark.programs.enums import Outcome


class PolicyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RuleViewSet,
):
    """Policies: published ones for everyone, and a government body's own for its people;
    created and changed by those who publish programmes."""

    filterset_class = filters.PolicyFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    acting_kinds = base.GOVERNMENT
    acting_preference = Capability.MANAGE_PROGRAMMES
    permission_rules = {
        "list": PUBLIC,
        "retrieve": PUBLIC,
        "create": on_input("programs.manage_programmes"),
        "partial_update": rule("programs.change_policy"),
        "update": rule("programs.change_policy"),
    }

    def get_queryset(self):
        queryset = selectors.policies_visible_to_user(self.request.user)
        queryset = queryset.order_by("-issued_on", "-pk")
        if self.action != "list":
            queryset = queryset.prefetch_related("attachments")
        return queryset

    def get_serializer_class(self):
        if self.action in ("create", "partial_update", "update"):
            return PolicyWriteSerializer
        return PolicyListSerializer if self.action == "list" else PolicySerializer

    @extend_schema(responses=PolicySerializer)
    def create(self, request, *args, **kwargs):
        values = self.validated(PolicyWriteSerializer, request.data)
        owner = values.pop("owner", None)
        owner = self.act_for(owner.pk if owner is not None else None)
        self.check_rule(owner)
        policy = services.create_policy(owner, actor=request.user, **values)
        return Response(PolicySerializer(policy).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=PolicySerializer)
    def partial_update(self, request, *args, **kwargs):
        policy = self.get_object()
        values = self.validated(PolicyWriteSerializer, request.data, partial=True)
        values.pop("owner", None)
        policy = services.update_policy(policy, actor=request.user, **values)
        return Response(PolicySerializer(policy).data)


@extend_schema_view(
    eligible=extend_schema(parameters=[base.ENTERPRISE_PARAMETER]),
    eligibility=extend_schema(parameters=[base.ENTERPRISE_PARAMETER]),
)
class ProgrammeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RuleViewSet,
):
    """The programme catalogue (published programmes, and a body's own for its people);
    eligibility for the caller's enterprise; for the issuing body, who qualifies and
    invitations."""

    filterset_class = filters.ProgrammeFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    acting_kinds = base.ENTERPRISE
    acting_query_parameter = "enterprise"
    permission_rules = {
        "list": PUBLIC,
        "retrieve": PUBLIC,
        "create": on_input("programs.change_policy"),
        "partial_update": rule("programs.change_programme"),
        "update": rule("programs.change_programme"),
        "eligible": acting("programs.browse_programmes"),
        "eligibility": acting("programs.browse_programmes"),
        "qualifying": rule("programs.view_applications", through="issuer"),
        "invite": rule("programs.change_programme"),
    }

    def get_queryset(self):
        queryset = selectors.programmes_visible_to_user(self.request.user)
        if self.action != "list":
            queryset = queryset.prefetch_related(selectors.RULES)
        return queryset.order_by("-opens_at", "-pk")

    def get_serializer_class(self):
        if self.action in ("create", "partial_update", "update"):
            return ProgrammeWriteSerializer
        return ProgrammeSerializer if self.action == "list" else ProgrammeDetailSerializer

    def _write(self, programme, data, *, partial):
        """One call to ``services.save_programme``: the fields, rules and application form
        are saved together or, when any is refused, not at all."""
        user = self.request.user
        values = self.validated(ProgrammeWriteSerializer, data, partial=partial)
        policy = values.pop("policy", None)
        rules = values.pop("rules", None)
        combinator = values.pop("combinator", None)
        materials = values.pop("required_materials", None)
        form_fields = values.pop("form_fields", None)
        if programme is None:
            self.check_rule(policy)
        programme = services.save_programme(
            programme,
            actor=user,
            policy=policy,
            values=values,
            rules=None
            if rules is None
            else [(rule["kind"], rule.get("params", {})) for rule in rules],
            combinator=combinator,
            materials=materials,
            form_fields=form_fields,
        )
        return self.get_queryset().get(pk=programme.pk)

    @extend_schema(responses=ProgrammeDetailSerializer)
    def create(self, request, *args, **kwargs):
        programme = self._write(None, request.data, partial=False)
        return Response(ProgrammeDetailSerializer(programme).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=ProgrammeDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        programme = self.get_object()
        data = {key: value for key, value in request.data.items() if key != "policy"}
        programme = self._write(programme, data, partial=True)
        return Response(ProgrammeDetailSerializer(programme).data)

    @extend_schema(responses=EligibilitySerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None)
    def eligible(self, request):
        """Every published programme measured against the caller's enterprise, rule by rule."""
        enterprise = self.acting_for
        programmes = self.filter_queryset(
            selectors.published_programmes().prefetch_related(selectors.RULES)
        ).order_by("closes_at", "pk")
        rows = [
            {"programme": programme, "result": result}
            for programme, result in selectors.eligibility_for_programmes(enterprise, programmes)
        ]
        return Response(EligibilitySerializer(rows, many=True).data)

    @extend_schema(responses=EligibilitySerializer)
    @action(detail=True, methods=["get"])
    def eligibility(self, request, pk=None):
        """This programme measured against the caller's enterprise."""
        programme = self.get_object()
        enterprise = self.acting_for
        result = selectors.eligibility_of(enterprise, programme)
        return Response(EligibilitySerializer({"programme": programme, "result": result}).data)

    @extend_schema(
        responses=QualifyingSerializer(many=True),
        parameters=[
            OpenApiParameter(
                "outcome",
                OpenApiTypes.STR,
                enum=[o.value for o in Outcome],
                description="Which result to list (default: passed).",
            )
        ],
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def qualifying(self, request, pk=None):
        """For the issuing body: the enterprises in its care and their result. Open to those
        who see its applications, as the page is."""
        programme = self.get_object()
        outcome = request.query_params.get("outcome") or Outcome.PASSED
        invitations = selectors.invitations_of(programme)
        rows = [
            {
                "enterprise": enterprise,
                "result": result,
                "invited_at": invitations[enterprise.pk].invited_at
                if enterprise.pk in invitations
                else None,
            }
            for enterprise, result in selectors.enterprise_results(
                programme, programme.issuer, outcome=outcome
            )
        ]
        return Response(QualifyingSerializer(rows, many=True).data)

    @extend_schema(request=InviteSerializer, responses=InvitedSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        """Invite qualifying enterprises in the issuing body's care (each once)."""
        programme = self.get_object()
        values = self.validated(InviteSerializer, request.data)
        in_care = org_selectors.enterprises_in_care_of(programme.issuer)
        chosen = values.get("enterprises")
        if chosen is not None:
            in_care = in_care.filter(pk__in=chosen)
        invited = services.invite_enterprises(programme, list(in_care), actor=request.user)
        return Response({"invited": [invitation.enterprise_id for invitation in invited]})


class ApplicationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RuleViewSet,
):
    """Applications the caller sees through any of their organisations: their enterprise's
    own, those its park reviews, those to its government body's programmes. Enterprises draft,
    edit, upload, submit and withdraw here; reviews are given at ``/review-cases/``."""

    filterset_class = filters.ApplicationFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    acting_kinds = base.ENTERPRISE
    acting_query_parameter = "enterprise"
    permission_rules = {
        "list": SIGNED_IN,
        "retrieve": SIGNED_IN,
        "create": on_input("programs.apply"),
        "partial_update": rule("programs.edit_application"),
        "update": rule("programs.edit_application"),
        "submit": rule("programs.submit_application"),
        "withdraw": rule("programs.withdraw_application"),
        "materials": rule("programs.edit_application"),
    }

    def get_queryset(self):
        return (
            selectors.applications_for_user(self.request.user)
            .select_related("review_case")
            .prefetch_related("materials")
            .order_by("-updated_at", "-pk")
        )

    def get_serializer_class(self):
        if self.action in ("create", "partial_update", "update"):
            return ApplicationWriteSerializer
        if self.action == "list":
            return ApplicationSerializer
        return ApplicationDetailSerializer

    def _read(self, application):
        return ApplicationDetailSerializer(self.get_queryset().get(pk=application.pk)).data

    @extend_schema(responses=ApplicationDetailSerializer)
    def create(self, request, *args, **kwargs):
        data = self.validated(ApplicationWriteSerializer, request.data)
        chosen = data.get("enterprise")
        enterprise = self.act_for(chosen.pk) if chosen is not None else self.acting_for
        self.check_rule(enterprise)
        programme = data.get("programme")
        if programme is None:
            raise serializers.ValidationError({"programme": [_("Name the programme.")]})
        application = services.draft_application(
            programme,
            enterprise,
            actor=request.user,
            requested_amount=data.get("requested_amount"),
            answers=data.get("answers"),
        )
        return Response(self._read(application), status=status.HTTP_201_CREATED)

    @extend_schema(responses=ApplicationDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        application = self.get_object()
        data = self.validated(ApplicationWriteSerializer, request.data, partial=True)
        application = services.update_application(
            application,
            actor=request.user,
            requested_amount=data.get("requested_amount", application.requested_amount),
            answers=data.get("answers", application.answers),
        )
        return Response(self._read(application))

    @extend_schema(request=None, responses=ApplicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit a draft inside the window, or resubmit a returned application."""
        application = self.get_object()
        return Response(self._read(services.submit_application(application, actor=request.user)))

    @extend_schema(request=None, responses=ApplicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Take the application back before a decision."""
        application = self.get_object()
        return Response(self._read(services.withdraw_application(application, actor=request.user)))

    @extend_schema(
        request=ApplicationMaterialUploadSerializer, responses=ApplicationMaterialSerializer
    )
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser],
    )
    def materials(self, request, pk=None):
        """Upload a file for one of the programme's materials (replacing an earlier one)."""
        application = self.get_object()
        upload = self.validated(ApplicationMaterialUploadSerializer, request.data)
        material = services.upload_material(
            application, actor=request.user, key=upload["key"], uploaded=upload["file"]
        )
        return Response(
            ApplicationMaterialSerializer(material).data, status=status.HTTP_201_CREATED
        )


class NoticeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RuleViewSet,
):
    """Public notices of approved lists: publicised and final ones for everyone, drafts for
    the issuing body (who may change their text); anyone may object while a notice is open."""

    filterset_class = filters.NoticeFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_rules = {
        "list": PUBLIC,
        "retrieve": PUBLIC,
        "create": on_input("programs.change_programme"),
        "partial_update": rule("programs.manage_notice"),
        "update": rule("programs.manage_notice"),
        "publish": rule("programs.manage_notice"),
        "finalise": rule("programs.manage_notice"),
        "objections": PUBLIC,
    }

    def get_queryset(self):
        queryset = selectors.notices_visible_to_user(self.request.user)
        if self.action != "list":
            queryset = queryset.prefetch_related(selectors.LISTED, "objections")
        return queryset.order_by("-published_at", "-pk")

    def get_serializer_class(self):
        if self.action == "create":
            return NoticeCreateSerializer
        if self.action in ("partial_update", "update"):
            return NoticeUpdateSerializer
        return NoticeSerializer if self.action == "list" else NoticeDetailSerializer

    @extend_schema(responses=NoticeDetailSerializer)
    def create(self, request, *args, **kwargs):
        values = self.validated(NoticeCreateSerializer, request.data)
        programme = values.pop("programme")
        self.check_rule(programme)
        notice = services.create_notice(programme, actor=request.user, **values)
        return Response(
            NoticeDetailSerializer(self.get_queryset().get(pk=notice.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses=NoticeDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        """Change a draft notice's text; a publicised one is refused."""
        notice = self.get_object()
        values = self.validated(NoticeUpdateSerializer, request.data, partial=True)
        notice = services.update_notice(notice, actor=request.user, **values)
        return Response(NoticeDetailSerializer(self.get_queryset().get(pk=notice.pk)).data)

    def _step(self, request, service):
        notice = service(self.get_object(), actor=request.user)
        return Response(NoticeDetailSerializer(self.get_queryset().get(pk=notice.pk)).data)

    @extend_schema(request=None, responses=NoticeDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publicise the notice with the approved list as it stands."""
        return self._step(request, services.publish_notice)

    @extend_schema(request=None, responses=NoticeDetailSerializer)
    @action(detail=True, methods=["post"])
    def finalise(self, request, pk=None):
        """Make the list final, once objections are closed and all answered."""
        return self._step(request, services.finalise_notice)

    @extend_schema(request=ObjectionInputSerializer, responses=ObjectionReceivedSerializer)
    @action(detail=True, methods=["post"])
    def objections(self, request, pk=None):
        """Object to the list while the notice is open; anyone may, signed in or not."""
        notice = get_object_or_404(selectors.public_notices(), pk=pk)
        values = self.validated(ObjectionInputSerializer, request.data)
        objection = services.record_objection(notice, actor=request.user, **values)
        return Response(
            {"id": objection.pk, "submitted_at": objection.submitted_at},
            status=status.HTTP_201_CREATED,
        )


class ObjectionViewSet(mixins.ListModelMixin, RuleViewSet):
    """Objections to the notices of the caller's government body, and their answers."""

    serializer_class = ManagedObjectionSerializer
    permission_rules = {
        "list": SIGNED_IN,
        "answer": rule("programs.manage_notice", through="notice"),
    }

    def get_queryset(self):
        return selectors.objections_for_user(self.request.user).order_by("submitted_at", "pk")

    def _data(self, objections, *, many):
        """The objections with their contacts as the caller may see them, as on the notice
        page (``services.objection_contacts_for``)."""
        rows = list(objections) if many else [objections]
        context = {"contacts": services.objection_contacts_for(self.request.user, rows)}
        return ManagedObjectionSerializer(objections, many=many, context=context).data

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self._data(page, many=True))

    @extend_schema(request=ObjectionAnswerSerializer, responses=ManagedObjectionSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """Answer an objection: final, and published with it on the notice."""
        objection = self.get_object()
        values = self.validated(ObjectionAnswerSerializer, request.data)
        services.answer_objection(objection, actor=request.user, answer=values["answer"])
        return Response(self._data(self.get_queryset().get(pk=objection.pk), many=False))
