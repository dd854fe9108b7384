"""REST endpoints for policies, programmes, eligibility, applications and public notices.

They start from the same selectors and ask the same named rules as the pages; every write is
one call to ``programs.services``, whose ``DomainError`` becomes a 400 with its message.
Endpoints that act for an enterprise use the caller's enterprise membership, or the one named
by ``?enterprise=<id>`` (in the body for a new application) when they hold several.
"""

import django_filters
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import Enterprise, GovernmentBody
from cloudpark.programs import selectors, services
from cloudpark.programs.enums import (
    ApplicationState,
    Combinator,
    NoticeState,
    Outcome,
    ProgrammeType,
    RuleKind,
)
from cloudpark.programs.models import (
    Application,
    ApplicationMaterial,
    Objection,
    Policy,
    PolicyAttachment,
    Programme,
    PublicNotice,
)

ENTERPRISE_PARAMETER = OpenApiParameter(
    "enterprise",
    OpenApiTypes.INT,
    description="The enterprise to act for, when the caller belongs to several.",
)


def acting_enterprise(request, chosen=None):
    """The enterprise the caller acts for: the one named (if theirs), else their first."""
    chosen = chosen or request.query_params.get("enterprise")
    memberships = [
        membership
        for membership in org_selectors.memberships_of(request.user)
        if membership.organization.kind == org_enums.OrganizationKind.ENTERPRISE
    ]
    for membership in memberships:
        if chosen in (None, "") or str(membership.organization_id) == str(chosen):
            return Enterprise.objects.get(pk=membership.organization_id)
    if chosen not in (None, "") and memberships:
        raise Http404
    raise PermissionDenied(_("You act for no enterprise."))


def managed_governments(user):
    return [
        membership.organization_id
        for membership in org_selectors.memberships_of(user)
        if membership.organization.kind == org_enums.OrganizationKind.GOVERNMENT
        and membership.has_capability(org_enums.Capability.MANAGE_PROGRAMMES)
    ]


# Serializers ----------------------------------------------------------------------------------


class IssuerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class PolicyAttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = PolicyAttachment
        fields = ["id", "title", "original_name", "size", "url"]

    def get_url(self, attachment) -> str:
        return reverse("public:policy_attachment", args=[attachment.pk])


class PolicySerializer(serializers.ModelSerializer):
    owner = IssuerSerializer(read_only=True)
    attachments = PolicyAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Policy
        fields = ["id", "owner", *services.POLICY_FIELDS, "attachments"]


class PolicyListSerializer(PolicySerializer):
    class Meta(PolicySerializer.Meta):
        fields = [
            "id",
            "owner",
            "title",
            "title_en",
            "issuer_name",
            "issuer_name_en",
            "document_number",
            "issued_on",
            "is_published",
        ]


class PolicyWriteSerializer(serializers.ModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(
        queryset=GovernmentBody.objects.all(),
        required=False,
        help_text="The publishing body; by default the caller's first one.",
    )

    class Meta:
        model = Policy
        fields = ["owner", *services.POLICY_FIELDS]


class EligibilityRuleSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RuleKind.choices)
    params = serializers.DictField(required=False, default=dict)


class ProgrammeSerializer(serializers.ModelSerializer):
    issuer = IssuerSerializer(read_only=True)
    is_open = serializers.BooleanField(source="is_open_now", read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "policy",
            "issuer",
            "title",
            "title_en",
            "programme_type",
            "summary",
            "summary_en",
            "budget",
            "opens_at",
            "closes_at",
            "is_open",
            "is_published",
        ]


class ProgrammeDetailSerializer(ProgrammeSerializer):
    rules = EligibilityRuleSerializer(many=True, read_only=True)
    requirements = serializers.SerializerMethodField()

    class Meta(ProgrammeSerializer.Meta):
        fields = [
            *ProgrammeSerializer.Meta.fields,
            "combinator",
            "rules",
            "requirements",
            "required_materials",
            "form_fields",
        ]

    def get_requirements(self, programme) -> list[str]:
        return selectors.requirements_of(programme)


class ProgrammeWriteSerializer(serializers.ModelSerializer):
    policy = serializers.PrimaryKeyRelatedField(queryset=Policy.objects.all())
    combinator = serializers.ChoiceField(choices=Combinator.choices, required=False)
    rules = EligibilityRuleSerializer(many=True, required=False)
    required_materials = serializers.ListField(child=serializers.DictField(), required=False)
    form_fields = serializers.ListField(child=serializers.DictField(), required=False)

    class Meta:
        model = Programme
        fields = [
            "policy",
            *services.PROGRAMME_FIELDS,
            "combinator",
            "rules",
            "required_materials",
            "form_fields",
        ]


class RuleResultSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RuleKind.choices)
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    explanation = serializers.CharField()
    requirement = serializers.CharField()


class EligibilitySerializer(serializers.Serializer):
    programme = serializers.IntegerField(source="programme.pk")
    title = serializers.CharField(source="programme.display_title")
    outcome = serializers.ChoiceField(source="result.outcome", choices=Outcome.choices)
    combinator = serializers.ChoiceField(source="result.combinator", choices=Combinator.choices)
    rules = RuleResultSerializer(source="result.results", many=True)


class QualifyingSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField(source="enterprise.pk")
    name = serializers.CharField(source="enterprise.name")
    outcome = serializers.ChoiceField(source="result.outcome", choices=Outcome.choices)
    rules = RuleResultSerializer(source="result.results", many=True)
    invited_at = serializers.DateTimeField(allow_null=True)


class InviteSerializer(serializers.Serializer):
    enterprises = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="Enterprises to invite; leave out to invite every one that qualifies.",
    )


class InvitedSerializer(serializers.Serializer):
    invited = serializers.ListField(child=serializers.IntegerField())


class ApplicationMaterialSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApplicationMaterial
        fields = ["id", "key", "original_name", "size", "content_type", "uploaded_at"]


class ApplicationDecisionSerializer(serializers.Serializer):
    stage_key = serializers.CharField()
    round = serializers.IntegerField()
    decision = serializers.CharField()
    comment = serializers.CharField()
    amount = serializers.SerializerMethodField()
    organization = serializers.CharField(source="organization.display_name")
    created_at = serializers.DateTimeField()

    def get_amount(self, decision) -> str | None:
        return (decision.data or {}).get("amount")


class ApplicationSerializer(serializers.ModelSerializer):
    programme_title = serializers.CharField(source="programme.display_title", read_only=True)
    enterprise = IssuerSerializer(read_only=True)
    materials = ApplicationMaterialSerializer(many=True, read_only=True)
    stage = serializers.SerializerMethodField()
    round = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "programme",
            "programme_title",
            "enterprise",
            "park",
            "state",
            "answers",
            "requested_amount",
            "approved_amount",
            "submitted_at",
            "decided_at",
            "withdrawn_at",
            "review_case",
            "stage",
            "round",
            "materials",
        ]

    def get_stage(self, application) -> str | None:
        case = application.review_case
        if case is None or application.state not in (
            ApplicationState.PARK_REVIEW,
            ApplicationState.GOVERNMENT_REVIEW,
        ):
            return None
        return case.stage_key

    def get_round(self, application) -> int | None:
        return application.review_case.round if application.review_case else None


class ApplicationDetailSerializer(ApplicationSerializer):
    decisions = serializers.SerializerMethodField()

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "decisions"]

    @extend_schema_field(ApplicationDecisionSerializer(many=True))
    def get_decisions(self, application):
        case = application.review_case
        if case is None:
            return []
        return ApplicationDecisionSerializer(
            case.decisions.select_related("organization"), many=True
        ).data


class ApplicationWriteSerializer(serializers.Serializer):
    programme = serializers.PrimaryKeyRelatedField(
        queryset=Programme.objects.all(), required=False, help_text="Only when creating."
    )
    enterprise = serializers.IntegerField(
        required=False, help_text="The enterprise to apply for, when the caller has several."
    )
    requested_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    answers = serializers.DictField(required=False, default=dict)


class ApplicationMaterialUploadSerializer(serializers.Serializer):
    key = serializers.CharField()
    file = serializers.FileField()


class NoticeEntrySerializer(serializers.Serializer):
    application = serializers.IntegerField(source="pk")
    enterprise = serializers.CharField(source="enterprise.name")
    credit_code = serializers.CharField(source="enterprise.credit_code")
    amount = serializers.DecimalField(source="approved_amount", max_digits=14, decimal_places=2)


class PublicObjectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objection
        fields = ["id", "text", "submitted_at", "answer", "answered_at"]


class NoticeSerializer(serializers.ModelSerializer):
    programme_title = serializers.CharField(source="programme.display_title", read_only=True)

    class Meta:
        model = PublicNotice
        fields = [
            "id",
            "programme",
            "programme_title",
            "title",
            "title_en",
            "body",
            "body_en",
            "state",
            "objection_days",
            "published_at",
            "objection_deadline",
            "finalised_at",
        ]
        read_only_fields = ["state", "published_at", "objection_deadline", "finalised_at"]


class NoticeDetailSerializer(NoticeSerializer):
    approved = NoticeEntrySerializer(source="applications", many=True, read_only=True)
    objections = serializers.SerializerMethodField()

    class Meta(NoticeSerializer.Meta):
        fields = [*NoticeSerializer.Meta.fields, "approved", "objections"]

    @extend_schema_field(PublicObjectionSerializer(many=True))
    def get_objections(self, notice):
        """Only answered objections are public, each with its answer; unanswered ones are
        left out until they are answered."""
        return PublicObjectionSerializer(
            [o for o in notice.objections.all() if o.is_answered], many=True
        ).data


class NoticeCreateSerializer(serializers.Serializer):
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all())
    title = serializers.CharField(max_length=300)
    title_en = serializers.CharField(max_length=400, required=False, default="")
    body = serializers.CharField(required=False, default="")
    body_en = serializers.CharField(required=False, default="")
    objection_days = serializers.IntegerField(min_value=1, max_value=90, default=7)


class ObjectionInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=4000)
    name = serializers.CharField(max_length=50, required=False, default="")
    contact = serializers.CharField(max_length=100, required=False, default="")


class ObjectionReceivedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    submitted_at = serializers.DateTimeField()


class ManagedObjectionSerializer(serializers.ModelSerializer):
    contact = serializers.SerializerMethodField(
        help_text="Masked unless the caller may see personal data; a view in full is logged."
    )

    class Meta:
        model = Objection
        fields = [
            "id",
            "notice",
            "name",
            "contact",
            "text",
            "submitted_at",
            "answer",
            "answered_at",
        ]

    def get_contact(self, objection) -> str:
        return self.context["contacts"][objection.pk]


class ObjectionAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=4000)


# Filters ------------------------------------------------------------------------------------


class ProgrammeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search (CJK bigrams)")
    programme_type = django_filters.ChoiceFilter(choices=ProgrammeType.choices)
    issuer = django_filters.NumberFilter(field_name="issuer_id")
    policy = django_filters.NumberFilter(field_name="policy_id")
    open = django_filters.BooleanFilter(method="filter_open", label="Open now")

    def filter_search(self, queryset, name, value):
        return selectors.filter_programmes(queryset, query=value)

    def filter_open(self, queryset, name, value):
        if value:
            return selectors.filter_programmes(queryset, open_now=True)
        return queryset


class PolicyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search (CJK bigrams)")

    def filter_search(self, queryset, name, value):
        return selectors.filter_policies(queryset, query=value)


class ApplicationFilter(django_filters.FilterSet):
    programme = django_filters.NumberFilter(field_name="programme_id")
    state = django_filters.ChoiceFilter(choices=ApplicationState.choices)


class NoticeFilter(django_filters.FilterSet):
    programme = django_filters.NumberFilter(field_name="programme_id")
    state = django_filters.ChoiceFilter(choices=NoticeState.choices)


# Viewsets -----------------------------------------------------------------------------------


def _require(user, permission, obj):
    if not user.has_perm(permission, obj):
        raise PermissionDenied(_("Your role in this organisation does not allow this."))


class PolicyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Policies: published ones for everyone, and a government body's own for its people;
    created and changed by those who publish programmes."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    filterset_class = PolicyFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        own = managed_governments(self.request.user)
        queryset = Policy.objects.filter(Q(is_published=True) | Q(owner_id__in=own))
        queryset = queryset.select_related("owner").order_by("-issued_on", "-pk")
        if self.action != "list":
            queryset = queryset.prefetch_related("attachments")
        return queryset

    def get_serializer_class(self):
        if self.action in ("create", "partial_update", "update"):
            return PolicyWriteSerializer
        return PolicyListSerializer if self.action == "list" else PolicySerializer

    @extend_schema(responses=PolicySerializer)
    def create(self, request, *args, **kwargs):
        serializer = PolicyWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        owner = values.pop("owner", None)
        own = managed_governments(request.user)
        if owner is None and own:
            owner = GovernmentBody.objects.get(pk=own[0])
        if owner is None or owner.pk not in own:
            raise PermissionDenied(_("You publish no policies for that body."))
        policy = services.create_policy(owner, actor=request.user, **values)
        return Response(PolicySerializer(policy).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=PolicySerializer)
    def partial_update(self, request, *args, **kwargs):
        policy = self.get_object()
        _require(request.user, "programs.change_policy", policy)
        serializer = PolicyWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = {k: v for k, v in serializer.validated_data.items() if k != "owner"}
        policy = services.update_policy(policy, actor=request.user, **values)
        return Response(PolicySerializer(policy).data)


@extend_schema_view(
    eligible=extend_schema(parameters=[ENTERPRISE_PARAMETER]),
    eligibility=extend_schema(parameters=[ENTERPRISE_PARAMETER]),
)
class ProgrammeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The programme catalogue (published programmes, and a body's own for its people);
    eligibility for the caller's enterprise; for the issuing body, who qualifies and
    invitations."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    filterset_class = ProgrammeFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        own = managed_governments(self.request.user)
        queryset = Programme.objects.filter(
            Q(is_published=True, policy__is_published=True) | Q(issuer_id__in=own)
        ).select_related(*selectors.PROGRAMME_RELATED)
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
        serializer = ProgrammeWriteSerializer(data=data, partial=partial)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        policy = values.pop("policy", None)
        rules = values.pop("rules", None)
        combinator = values.pop("combinator", None)
        materials = values.pop("required_materials", None)
        form_fields = values.pop("form_fields", None)
        if programme is None:
            _require(user, "programs.change_policy", policy)
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
        _require(request.user, "programs.change_programme", programme)
        data = {key: value for key, value in request.data.items() if key != "policy"}
        programme = self._write(programme, data, partial=True)
        return Response(ProgrammeDetailSerializer(programme).data)

    @extend_schema(responses=EligibilitySerializer(many=True))
    @action(detail=False, methods=["get"], permission_classes=[permissions.IsAuthenticated])
    def eligible(self, request):
        """Every published programme measured against the caller's enterprise, rule by rule."""
        enterprise = acting_enterprise(request)
        programmes = self.filter_queryset(
            selectors.published_programmes().prefetch_related(selectors.RULES)
        ).order_by("closes_at", "pk")
        rows = [
            {"programme": programme, "result": result}
            for programme, result in selectors.eligibility_for_programmes(enterprise, programmes)
        ]
        return Response(EligibilitySerializer(rows, many=True).data)

    @extend_schema(responses=EligibilitySerializer)
    @action(detail=True, methods=["get"], permission_classes=[permissions.IsAuthenticated])
    def eligibility(self, request, pk=None):
        """This programme measured against the caller's enterprise."""
        programme = self.get_object()
        enterprise = acting_enterprise(request)
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
    @action(detail=True, methods=["get"], permission_classes=[permissions.IsAuthenticated])
    def qualifying(self, request, pk=None):
        """For the issuing body: the enterprises in its care and their result. Open to those
        who see its applications, as the page is."""
        programme = self.get_object()
        _require(request.user, "programs.view_applications", programme.issuer)
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
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def invite(self, request, pk=None):
        """Invite qualifying enterprises in the issuing body's care (each once)."""
        programme = self.get_object()
        _require(request.user, "programs.change_programme", programme)
        serializer = InviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        in_care = org_selectors.enterprises_in_care_of(programme.issuer)
        chosen = serializer.validated_data.get("enterprises")
        if chosen is not None:
            in_care = in_care.filter(pk__in=chosen)
        invited = services.invite_enterprises(programme, list(in_care), actor=request.user)
        return Response({"invited": [invitation.enterprise_id for invitation in invited]})


class ApplicationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Applications the caller sees through any of their organisations: their enterprise's
    own, those its park reviews, those to its government body's programmes. Enterprises draft,
    edit, upload, submit and withdraw here; reviews are given at ``/review-cases/``."""

    permission_classes = [permissions.IsAuthenticated]
    filterset_class = ApplicationFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

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
        serializer = ApplicationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        enterprise = acting_enterprise(request, data.get("enterprise"))
        _require(request.user, "programs.apply", enterprise)
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
        _require(request.user, "programs.edit_application", application)
        serializer = ApplicationWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
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
        _require(request.user, "programs.submit_application", application)
        return Response(self._read(services.submit_application(application, actor=request.user)))

    @extend_schema(request=None, responses=ApplicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Take the application back before a decision."""
        application = self.get_object()
        _require(request.user, "programs.withdraw_application", application)
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
        _require(request.user, "programs.edit_application", application)
        serializer = ApplicationMaterialUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        material = services.upload_material(
            application,
            actor=request.user,
            key=serializer.validated_data["key"],
            uploaded=serializer.validated_data["file"],
        )
        return Response(
            ApplicationMaterialSerializer(material).data, status=status.HTTP_201_CREATED
        )


class NoticeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Public notices of approved lists: publicised and final ones for everyone, drafts for
    the issuing body; anyone may object while a notice is open."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    filterset_class = NoticeFilter

    def get_queryset(self):
        own = managed_governments(self.request.user)
        queryset = PublicNotice.objects.filter(
            Q(state__in=selectors.PUBLIC_NOTICE_STATES) | Q(programme__issuer_id__in=own)
        ).select_related("programme", "programme__issuer")
        if self.action != "list":
            queryset = queryset.prefetch_related(selectors.LISTED, "objections")
        return queryset.order_by("-published_at", "-pk")

    def get_serializer_class(self):
        if self.action == "create":
            return NoticeCreateSerializer
        return NoticeSerializer if self.action == "list" else NoticeDetailSerializer

    @extend_schema(responses=NoticeDetailSerializer)
    def create(self, request, *args, **kwargs):
        serializer = NoticeCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        programme = values.pop("programme")
        _require(request.user, "programs.change_programme", programme)
        notice = services.create_notice(programme, actor=request.user, **values)
        return Response(
            NoticeDetailSerializer(self.get_queryset().get(pk=notice.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    def _step(self, request, service):
        notice = self.get_object()
        _require(request.user, "programs.manage_notice", notice)
        notice = service(notice, actor=request.user)
        return Response(NoticeDetailSerializer(self.get_queryset().get(pk=notice.pk)).data)

    @extend_schema(request=None, responses=NoticeDetailSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def publish(self, request, pk=None):
        """Publicise the notice with the approved list as it stands."""
        return self._step(request, services.publish_notice)

    @extend_schema(request=None, responses=NoticeDetailSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def finalise(self, request, pk=None):
        """Make the list final, once objections are closed and all answered."""
        return self._step(request, services.finalise_notice)

    @extend_schema(request=ObjectionInputSerializer, responses=ObjectionReceivedSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.AllowAny])
    def objections(self, request, pk=None):
        """Object to the list while the notice is open; anyone may, signed in or not."""
        notice = get_object_or_404(selectors.public_notices(), pk=pk)
        serializer = ObjectionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        objection = services.record_objection(
            notice, actor=request.user, **serializer.validated_data
        )
        return Response(
            {"id": objection.pk, "submitted_at": objection.submitted_at},
            status=status.HTTP_201_CREATED,
        )


class ObjectionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Objections to the notices of the caller's government body, and their answers."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ManagedObjectionSerializer

    def get_queryset(self):
        return (
            Objection.objects.filter(
                notice__programme__issuer_id__in=managed_governments(self.request.user)
            )
            .select_related("notice__programme__issuer")
            .order_by("submitted_at", "pk")
        )

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
        serializer = ObjectionAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.answer_objection(
            objection, actor=request.user, answer=serializer.validated_data["answer"]
        )
        return Response(self._data(self.get_queryset().get(pk=objection.pk), many=False))
