"""Policies, programmes, eligibility, applications and notices as the API shows and takes them."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cloudpark.api.base import ScopedRelatedField
from cloudpark.api.lists import ReadSerializer
from cloudpark.core.i18n import with_english
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import Enterprise, GovernmentBody
from cloudpark.programs import selectors, services
from cloudpark.programs.enums import ApplicationState, Combinator, Outcome, RuleKind
from cloudpark.programs.models import (
    Application,
    ApplicationMaterial,
    Objection,
    Policy,
    PolicyAttachment,
    Programme,
    PublicNotice,
)


class IssuerSerializer(ReadSerializer, serializers.Serializer):
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
    owner = ScopedRelatedField(
        GovernmentBody,
        org_selectors.government_bodies_user_belongs_to,
        required=False,
        help_text="The publishing body; by default the caller's first one.",
    )

    class Meta:
        model = Policy
        fields = ["owner", *services.POLICY_FIELDS]


class EligibilityRuleSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RuleKind.choices)
    params = serializers.DictField(required=False, default=dict)


class ProgrammeSerializer(ReadSerializer, serializers.ModelSerializer):
    issuer = IssuerSerializer(read_only=True)
    is_open = serializers.BooleanField(source="is_open_now", read_only=True)

    class Meta:
        model = Programme
        fields = [
            *with_english(
                Programme,
                "id",
                "policy",
                "issuer",
                "title",
                "programme_type",
                "summary",
                "budget",
                "opens_at",
                "closes_at",
                "is_open",
                "is_published",
            )
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
    policy = ScopedRelatedField(Policy, selectors.policies_of_user)
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
    programme = ScopedRelatedField(
        Programme,
        lambda user: selectors.published_programmes(),
        required=False,
        help_text="Only when creating.",
    )
    enterprise = ScopedRelatedField(
        Enterprise,
        org_selectors.enterprises_user_belongs_to,
        required=False,
        help_text="The enterprise to apply for, when the caller has several.",
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
            *with_english(
                PublicNotice,
                "id",
                "programme",
                "programme_title",
                "title",
                "body",
                "state",
                "objection_days",
                "published_at",
                "objection_deadline",
                "finalised_at",
            )
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
    programme = ScopedRelatedField(Programme, selectors.programmes_of_user)
    title = serializers.CharField(max_length=300)
    title_en = serializers.CharField(max_length=400, required=False, default="")
    body = serializers.CharField(required=False, default="")
    body_en = serializers.CharField(required=False, default="")
    objection_days = serializers.IntegerField(min_value=1, max_value=90, default=7)


class NoticeUpdateSerializer(serializers.Serializer):
    """The text of a draft notice; the fields left out keep their value."""

    title = serializers.CharField(max_length=300, required=False)
    title_en = serializers.CharField(max_length=400, required=False, allow_blank=True)
    body = serializers.CharField(required=False, allow_blank=True)
    body_en = serializers.CharField(required=False, allow_blank=True)
    objection_days = serializers.IntegerField(min_value=1, max_value=90, required=False)


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
