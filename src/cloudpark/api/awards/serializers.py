"""Award schemes, entries, juror assignments, results and certificates as the API shows and
takes them."""

from rest_framework import serializers

from cloudpark.api.base import ScopedRelatedField
from cloudpark.awards import certificates, selectors, services
from cloudpark.awards.models import (
    Assignment,
    Category,
    Criterion,
    Entry,
    Result,
    Round,
    Scheme,
    SchemeOrganizer,
)
from cloudpark.core.i18n import with_english


class AwardOrganizerSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = SchemeOrganizer
        fields = ["role", "organization", "display_name"]


class AwardCategorySerializer(serializers.ModelSerializer):
    quotas = serializers.SerializerMethodField()

    class Meta:
        model = Category
        fields = [*with_english(Category, "id", "code", "name"), "quotas"]

    def get_quotas(self, category) -> dict[str, int]:
        return {level.value: quota for level, quota in category.quota_by_level.items()}


class AwardCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = with_english(Criterion, "id", "name", "weight")


class AwardRoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = Round
        fields = ["id", "kind", "mode", "state", "quorum", "advances", "rank_by"]


class AwardSchemeSerializer(serializers.ModelSerializer):
    organizers = AwardOrganizerSerializer(many=True, read_only=True)
    categories = AwardCategorySerializer(many=True, read_only=True)
    criteria = AwardCriterionSerializer(many=True, read_only=True)
    rounds = AwardRoundSerializer(many=True, read_only=True)

    class Meta:
        model = Scheme
        fields = [
            *with_english(
                Scheme,
                "id",
                "code",
                "edition",
                "year",
                "title",
                "state",
                "eligible_from",
                "eligible_until",
                "entries_open_on",
                "entries_close_on",
                "scale_min",
                "scale_max",
                "entry_notice_days",
                "result_notice_days",
                "objection_channel",
                "results_published_on",
                "objections_until",
                "final_on",
            ),
            "organizers",
            "categories",
            "criteria",
            "rounds",
        ]


class AwardCreditSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    role = serializers.CharField(max_length=50)


class AwardEntrySerializer(serializers.ModelSerializer):
    credits = AwardCreditSerializer(many=True, read_only=True)
    has_sealed_recommendation = serializers.SerializerMethodField()

    class Meta:
        model = Entry
        fields = [
            *with_english(
                Entry,
                "id",
                "scheme",
                "category",
                "submitter",
                "recommender",
                "recommender_name",
                "state",
                "title",
                "broadcast_on",
                "column",
                "length_seconds",
                "synopsis",
                "recommendation",
                "media_url",
                "submitted_on",
                "eligible_on",
                "notice_ends_on",
                "level",
                "decision_comment",
                "filing_number",
            ),
            "credits",
            "has_sealed_recommendation",
        ]

    def get_has_sealed_recommendation(self, entry) -> bool:
        return bool(entry.recommendation_scan)


def _open_schemes(user):
    return selectors.schemes_open_for_entries()


def _open_categories(user):
    return Category.objects.filter(scheme__in=selectors.schemes_open_for_entries())


class AwardEntryWriteSerializer(serializers.Serializer):
    scheme = ScopedRelatedField(Scheme, _open_schemes)
    category = ScopedRelatedField(Category, _open_categories)
    title = serializers.CharField(max_length=200)
    title_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
    recommender_name = serializers.CharField(max_length=200)
    broadcast_on = serializers.DateField()
    column = serializers.CharField(max_length=200)
    length_seconds = serializers.IntegerField(min_value=1)
    synopsis = serializers.CharField(required=False, allow_blank=True)
    recommendation = serializers.CharField(required=False, allow_blank=True)
    media_url = serializers.URLField(required=False, allow_blank=True)
    filing_number = serializers.CharField(max_length=60, required=False, allow_blank=True)
    credits = AwardCreditSerializer(many=True)
    recommendation_scan = serializers.FileField(required=False)


class AwardScoreItemSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=6, decimal_places=2)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class AwardScoreWriteSerializer(serializers.Serializer):
    scores = AwardScoreItemSerializer(many=True)


class AwardRecusalSerializer(serializers.Serializer):
    reason = serializers.CharField()


class AwardAssignmentSerializer(serializers.ModelSerializer):
    entry = AwardEntrySerializer(read_only=True)
    round = AwardRoundSerializer(read_only=True)
    my_scores = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = ["id", "round", "entry", "state", "recusal_reason", "scored_at", "my_scores"]

    def get_my_scores(self, assignment) -> list[dict]:
        return [
            {"criterion": score.criterion_id, "value": str(score.value), "comment": score.comment}
            for score in assignment.scores.all()
        ]


class AwardJuryRoundSerializer(serializers.ModelSerializer):
    """A round as a juror sees it: the categories they vote in, each with its quota and
    whether they have voted there already."""

    scheme = serializers.IntegerField(source="scheme_id", read_only=True)
    ballots = serializers.SerializerMethodField()

    class Meta:
        model = Round
        fields = ["id", "scheme", "kind", "mode", "state", "advances", "ballots"]

    def get_ballots(self, judging_round) -> list[dict]:
        user = self.context["request"].user
        return [
            {
                "category": category.pk,
                "code": category.code,
                "quota": services.ballot_quota(judging_round, category),
                "voted": voted,
            }
            for category, voted in selectors.ballot_categories(judging_round, user)
        ]


class AwardBallotWriteSerializer(serializers.Serializer):
    category = serializers.IntegerField()
    entries = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)


class AwardResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = Result
        fields = [
            "entry",
            "judges",
            "raw_mean",
            "trimmed_mean",
            "normalised",
            "votes",
            "rank_raw",
            "rank_trimmed",
            "rank_normalised",
            "rank",
            "tied",
            "stable",
            "goes_on",
            "level",
        ]


class AwardCertificateSerializer(serializers.Serializer):
    """The verify page as data; 410 with ``revoked: true`` once revoked."""

    number = serializers.CharField()
    status = serializers.CharField()
    revoked = serializers.BooleanField()
    work = serializers.CharField()
    work_en = serializers.CharField()
    category = serializers.CharField()
    level = serializers.CharField()
    level_label = serializers.CharField()
    holder = serializers.CharField()
    issuer = serializers.CharField()
    scheme = serializers.CharField()
    issued_on = serializers.DateField()

    def to_representation(self, certificate):
        return certificates.as_json(certificate)
