"""Drama filings as the API shows and takes them."""

from django.urls import reverse
from rest_framework import serializers

from cloudpark.filings import enums, reference, services
from cloudpark.filings.models import (
    FilmCut,
    IssuedNumber,
    Person,
    PlanningFiling,
    Producer,
    ReleaseFiling,
    TimedComment,
    ViewingSession,
)


class NumberSerializer(serializers.ModelSerializer):
    class Meta:
        model = IssuedNumber
        fields = [
            "id",
            "number",
            "series",
            "kind",
            "year",
            "sequence",
            "status",
            "issued_on",
            "status_changed_on",
            "status_reason",
        ]


class ProducerSerializer(serializers.ModelSerializer):
    enterprise = serializers.IntegerField(source="enterprise_id")
    name = serializers.CharField(source="enterprise.name")
    credit_code = serializers.CharField(source="enterprise.credit_code")

    class Meta:
        model = Producer
        fields = [
            "enterprise",
            "name",
            "credit_code",
            "is_lead",
            "licence_number",
            "licence_expires_on",
        ]


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["role", "name", "character", "nationality", "approval", "profile"]


class PlanningFilingSerializer(serializers.ModelSerializer):
    enterprise = serializers.IntegerField(source="project.enterprise_id")
    producers = ProducerSerializer(many=True, read_only=True)
    people = PersonSerializer(many=True, read_only=True)
    numbers = NumberSerializer(many=True, read_only=True)

    class Meta:
        model = PlanningFiling
        fields = [
            "id",
            "enterprise",
            "project",
            "supersedes",
            "state",
            *services.PLANNING_FIELDS,
            "tier",
            "tier_rule",
            "submitted_on",
            "batch_month",
            "decided_on",
            "decision_comment",
            "notice_month",
            "producers",
            "people",
            "numbers",
        ]


class ProducerWriteSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField(help_text="The producer's id in the directory.")
    licence_number = serializers.CharField(max_length=40)
    licence_expires_on = serializers.DateField()
    is_lead = serializers.BooleanField(default=False)


class PersonWriteSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=enums.PersonRole.choices)
    name = serializers.CharField(max_length=100)
    character = serializers.CharField(max_length=100, required=False, allow_blank=True)
    nationality = serializers.CharField(max_length=50, required=False, allow_blank=True)
    approval = serializers.CharField(max_length=100, required=False, allow_blank=True)
    profile = serializers.CharField(required=False, allow_blank=True)


class PlanningWriteSerializer(serializers.Serializer):
    """What a planning filing takes; the service normalises the title and refuses bad values
    at their field."""

    title = serializers.CharField(max_length=120)
    title_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=enums.DramaKind.choices)
    era = serializers.ChoiceField(choices=enums.Era.choices, required=False, allow_blank=True)
    subject = serializers.CharField(max_length=20)
    major_revolutionary = serializers.BooleanField(required=False, default=False)
    special_subjects = serializers.ListField(
        child=serializers.ChoiceField(choices=list(reference.SPECIAL_SUBJECTS)),
        required=False,
        default=list,
    )
    episodes = serializers.IntegerField()
    minutes_per_episode = serializers.DecimalField(max_digits=5, decimal_places=1)
    planned_investment = serializers.DecimalField(max_digits=14, decimal_places=2)
    promoted = serializers.BooleanField(required=False, default=False)
    shoot_starts_on = serializers.DateField()
    shoot_ends_on = serializers.DateField()
    synopsis = serializers.CharField(required=False, allow_blank=True, default="")
    themes = serializers.CharField(required=False, allow_blank=True, default="")
    episode_synopses = serializers.ListField(
        child=serializers.CharField(allow_blank=True), required=False, default=list
    )
    producers = ProducerWriteSerializer(many=True)
    people = PersonWriteSerializer(many=True, required=False, default=list)


class PlanningUpdateSerializer(PlanningWriteSerializer):
    producers = ProducerWriteSerializer(many=True, required=False)
    people = PersonWriteSerializer(many=True, required=False)


class ProblemSerializer(serializers.Serializer):
    field = serializers.CharField()
    message = serializers.CharField()
    blocking = serializers.BooleanField()


class RenameSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=120)
    title_en = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ReleaseFilingSerializer(serializers.ModelSerializer):
    licence = NumberSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ReleaseFiling
        fields = [
            "id",
            "planning",
            "state",
            "title",
            "episodes",
            "minutes_per_episode",
            "synopsis",
            "episode_synopses",
            "platforms",
            "actual_investment",
            "actor_fees",
            "ai_content_declared",
            "ai_content_note",
            "submitted_on",
            "batch_month",
            "decided_on",
            "decision_comment",
            "licence",
        ]


class ReleaseWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=120, required=False)
    episodes = serializers.IntegerField(required=False)
    minutes_per_episode = serializers.DecimalField(max_digits=5, decimal_places=1, required=False)
    synopsis = serializers.CharField(required=False, allow_blank=True)
    episode_synopses = serializers.ListField(
        child=serializers.CharField(allow_blank=True), required=False
    )
    platforms = serializers.ListField(child=serializers.CharField(), required=False)
    actual_investment = serializers.DecimalField(max_digits=14, decimal_places=2)
    actor_fees = serializers.DecimalField(max_digits=14, decimal_places=2)
    ai_content_declared = serializers.BooleanField(required=False, default=False)
    ai_content_note = serializers.CharField(required=False, allow_blank=True, default="")


class ReleaseUpdateSerializer(ReleaseWriteSerializer):
    actual_investment = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    actor_fees = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)


class PublicFilingSerializer(serializers.ModelSerializer):
    producers = ProducerSerializer(many=True, read_only=True)
    numbers = NumberSerializer(many=True, read_only=True)

    class Meta:
        model = PlanningFiling
        fields = [
            "id",
            "title",
            "title_en",
            "kind",
            "era",
            "subject",
            "major_revolutionary",
            "episodes",
            "minutes_per_episode",
            "notice_month",
            "state",
            "producers",
            "numbers",
        ]


class IssuedNumberSerializer(NumberSerializer):
    title = serializers.CharField(source="planning.title")

    class Meta(NumberSerializer.Meta):
        fields = [*NumberSerializer.Meta.fields, "title", "planning", "release"]


class RevokeSerializer(serializers.Serializer):
    reason = serializers.CharField()


class CoversSerializer(serializers.Serializer):
    title = serializers.CharField()
    kind = serializers.CharField()
    episodes = serializers.IntegerField()
    minutes_per_episode = serializers.CharField()
    filed_by = serializers.CharField()


class VerificationSerializer(serializers.Serializer):
    number = serializers.CharField()
    real = serializers.BooleanField()
    series = serializers.CharField()
    status = serializers.CharField()
    valid = serializers.BooleanField()
    issuer = serializers.CharField()
    issued_on = serializers.CharField()
    status_changed_on = serializers.CharField(allow_null=True)
    covers = CoversSerializer()


# The screening room ------------------------------------------------------------------------------


class CutSerializer(serializers.ModelSerializer):
    class Meta:
        model = FilmCut
        fields = ["id", "number", "original_name", "size", "sha256", "duration_seconds"]


class ChangeSerializer(serializers.Serializer):
    label = serializers.CharField()
    before = serializers.CharField()
    after = serializers.CharField()


class TimedCommentSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    organization = serializers.CharField(source="organization.__str__")
    cut = serializers.IntegerField(source="cut.number")
    from_previous_cut = serializers.BooleanField(default=False)
    start = serializers.CharField(source="start_code")
    end = serializers.CharField(source="end_code")

    class Meta:
        model = TimedComment
        fields = [
            "id",
            "cut",
            "from_previous_cut",
            "start_seconds",
            "end_seconds",
            "start",
            "end",
            "category",
            "text",
            "author",
            "organization",
            "stage_key",
            "round",
            "created_at",
        ]

    def get_author(self, comment) -> str:
        return comment.author.name or comment.author.email


class CommentsSerializer(serializers.Serializer):
    comments = TimedCommentSerializer(many=True)
    hidden = serializers.IntegerField(
        help_text="Other reviewers' comments shown once one's own is given."
    )


class ScreeningRoomSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    state = serializers.CharField()
    cut = CutSerializer(allow_null=True)
    excluded = serializers.CharField(
        help_text="Why the caller is excluded from the review, or empty."
    )
    may_review = serializers.BooleanField()
    changes = ChangeSerializer(many=True, allow_null=True)
    session_minutes = serializers.IntegerField()


class ViewingSessionSerializer(serializers.ModelSerializer):
    film = serializers.SerializerMethodField()

    class Meta:
        model = ViewingSession
        fields = ["id", "opened_at", "expires_at", "film"]

    def get_film(self, session) -> str:
        return reverse("government:screening_film", args=[session.pk])


class TimedCommentInputSerializer(serializers.Serializer):
    start = serializers.CharField(max_length=12, help_text="hh:mm:ss, mm:ss or seconds")
    end = serializers.CharField(max_length=12, required=False, allow_blank=True)
    category = serializers.ChoiceField(choices=list(reference.PROHIBITED_CONTENT))
    text = serializers.CharField()
