"""Postings, résumés, applications and follows as the API shows and takes them. An
employer's view of an application never carries the contact unmasked; the ``contact/``
action shows it, audited, once the candidate accepted an interview."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cloudpark.api.base import ScopedRelatedField
from cloudpark.events import selectors as event_selectors
from cloudpark.events.models import Event
from cloudpark.jobs import credits, enums, selectors, services
from cloudpark.jobs.models import Application, Follow, JobPosting, Profile
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import Organization, Region


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField()


def _regions(user):
    return Region.objects.all()


POSTING_FIELDS = [
    "id",
    "title",
    "category",
    "nature",
    "headcount",
    "salary_min",
    "salary_max",
    "salary_months",
    "salary_display",
    "experience",
    "education",
    "city",
    "district",
    "park",
    "enterprise",
    "skills",
    "description",
    "conditions",
    "benefits",
    "valid_until",
    "published_at",
]


class JobPostingSerializer(serializers.ModelSerializer):
    enterprise = NamedSerializer(read_only=True)
    park = NamedSerializer(read_only=True, allow_null=True)
    city = NamedSerializer(read_only=True)
    district = NamedSerializer(read_only=True, allow_null=True)
    salary_display = serializers.CharField(read_only=True)
    skills = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = JobPosting
        fields = POSTING_FIELDS


class ManagedPostingSerializer(JobPostingSerializer):
    status = serializers.CharField(source="status_display", read_only=True)

    class Meta:
        model = JobPosting
        fields = [*POSTING_FIELDS, "state", "status", "review_case", "closed_at", "created_at"]
        extra_kwargs = {
            "review_case": {
                "help_text": "The park's review of the posting (its decisions and comments are "
                "under /api/reviews/cases/), or null when it was published without one."
            }
        }


class PostingWriteSerializer(serializers.Serializer):
    """A posting's fields. Salary and validity may be left out here: the service refuses
    them with the rule's own message, at the field."""

    title = serializers.CharField(max_length=100)
    category = serializers.ChoiceField(choices=enums.JobCategory.choices)
    nature = serializers.ChoiceField(choices=enums.JobNature.choices)
    headcount = serializers.IntegerField(min_value=1, max_value=999)
    salary_min = serializers.IntegerField(min_value=1, allow_null=True, required=False)
    salary_max = serializers.IntegerField(min_value=1, allow_null=True, required=False)
    salary_months = serializers.IntegerField(min_value=12, max_value=24, default=12)
    experience = serializers.ChoiceField(choices=enums.Experience.choices)
    education = serializers.ChoiceField(choices=enums.Education.choices)
    city = ScopedRelatedField(Region, _regions)
    district = ScopedRelatedField(Region, _regions, allow_null=True, required=False)
    skills = serializers.ListField(
        child=serializers.CharField(max_length=30), required=False, default=list
    )
    description = serializers.CharField()
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    benefits = serializers.CharField(required=False, allow_blank=True, default="")
    valid_until = serializers.DateField(allow_null=True, required=False)


class ApplyRequestSerializer(serializers.Serializer):
    consent = serializers.BooleanField(
        help_text="The separate consent to give this employer the résumé; must be true."
    )
    cover_letter = serializers.CharField(required=False, allow_blank=True, default="")


class MaskedContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    mobile = serializers.CharField()
    email = serializers.CharField()


class EmployerApplicationSerializer(serializers.ModelSerializer):
    """An application as its employer sees it: the résumé without contact, the contact
    masked, and why the candidate matches (none for a person who refused ranking)."""

    posting = serializers.IntegerField(source="posting_id", read_only=True)
    posting_title = serializers.CharField(source="posting.title", read_only=True)
    candidate = serializers.SerializerMethodField()
    resume = serializers.SerializerMethodField()
    match_reasons = serializers.SerializerMethodField()
    contact_revealable = serializers.BooleanField(read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "posting",
            "posting_title",
            "state",
            "candidate",
            "resume",
            "cover_letter",
            "match_reasons",
            "contact_revealable",
            "interview_accepted_at",
            "resume_erased_at",
            "created_at",
        ]

    def get_candidate(self, application) -> MaskedContactSerializer:
        return selectors.masked_contact(application.resume)

    def get_resume(self, application) -> dict:
        return {
            key: value
            for key, value in application.resume.items()
            if key not in {"name", "email", "mobile"}
        }

    def get_match_reasons(self, application) -> list[str]:
        return selectors.match_reasons(application, self.context.get("profiles"))


class MoveRequestSerializer(serializers.Serializer):
    target = serializers.ChoiceField(
        choices=[
            (state.value, state.label)
            for state in enums.ApplicationState
            if state in enums.EMPLOYER_MOVES
        ]
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MyApplicationSerializer(serializers.ModelSerializer):
    posting = JobPostingSerializer(read_only=True)
    erase_due = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "posting",
            "state",
            "cover_letter",
            "consent_given_at",
            "consent_text",
            "interview_accepted_at",
            "resume_erased_at",
            "erase_due",
            "created_at",
        ]


class EducationSerializer(serializers.Serializer):
    school = serializers.CharField(max_length=100)
    degree = serializers.ChoiceField(choices=enums.Education.choices)
    major = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    start_year = serializers.IntegerField(min_value=1950, max_value=2100)
    end_year = serializers.IntegerField(
        min_value=1950, max_value=2100, allow_null=True, default=None
    )


class ExperienceSerializer(serializers.Serializer):
    employer = serializers.CharField(max_length=100)
    role = serializers.CharField(max_length=100)
    category = serializers.ChoiceField(
        choices=enums.JobCategory.choices, required=False, allow_blank=True, default=""
    )
    start_year = serializers.IntegerField(min_value=1950, max_value=2100)
    end_year = serializers.IntegerField(
        min_value=1950, max_value=2100, allow_null=True, default=None
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")


class WorkSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=100)
    role = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    year = serializers.IntegerField(min_value=1950, max_value=2100, allow_null=True, default=None)
    link = serializers.URLField(required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="")


class CreditSerializer(serializers.Serializer):
    source = serializers.CharField()
    label = serializers.CharField()
    title = serializers.CharField()
    detail = serializers.CharField()
    on = serializers.DateField()
    # The record's public page at its source, or "" where it has none.
    url = serializers.CharField()


class ProfileSerializer(serializers.ModelSerializer):
    city = ScopedRelatedField(Region, _regions, allow_null=True, required=False)
    district = ScopedRelatedField(Region, _regions, allow_null=True, required=False)
    categories = serializers.ListField(
        child=serializers.ChoiceField(choices=enums.JobCategory.choices), required=False
    )
    skills = serializers.ListField(child=serializers.CharField(max_length=30), required=False)
    education_rows = EducationSerializer(many=True, read_only=True)
    experience_rows = ExperienceSerializer(many=True, read_only=True)
    works = WorkSerializer(many=True, read_only=True, source="work_rows")
    credits = serializers.SerializerMethodField()

    class Meta:
        model = Profile
        fields = [
            *services.PROFILE_FIELDS,
            "education_rows",
            "experience_rows",
            "works",
            "credits",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

    def get_credits(self, profile) -> CreditSerializer(many=True):
        return CreditSerializer(credits.credits_for(profile.user), many=True).data


class SuggestedJobSerializer(serializers.Serializer):
    posting = JobPostingSerializer()
    reasons = serializers.ListField(child=serializers.CharField())


class SuggestedCandidateSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Masked.")
    headline = serializers.CharField()
    experience = serializers.CharField()
    education = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())


def _followable(user):
    return Organization.objects.filter(
        pk__in=[
            *org_selectors.public_enterprises().values_list("pk", flat=True),
            *org_selectors.public_parks().values_list("pk", flat=True),
        ]
    )


def _public_events(user):
    return event_selectors.public_events()


class FollowSerializer(serializers.ModelSerializer):
    target = serializers.SerializerMethodField()

    class Meta:
        model = Follow
        fields = ["id", "kind", "organization", "event", "target", "notify", "created_at"]
        read_only_fields = ["kind", "organization", "event", "created_at"]

    def get_target(self, follow) -> str:
        return str(follow.target)


class FollowRequestSerializer(serializers.Serializer):
    organization = ScopedRelatedField(
        Organization,
        _followable,
        required=False,
        allow_null=True,
        help_text="An enterprise or a park.",
    )
    event = ScopedRelatedField(Event, _public_events, required=False, allow_null=True)
    notify = serializers.BooleanField(default=True)

    def validate(self, data):
        if bool(data.get("organization")) == bool(data.get("event")):
            raise serializers.ValidationError(_("Name one enterprise, park or event."))
        return data


class FollowChangeSerializer(serializers.Serializer):
    notify = serializers.BooleanField()


class TalentFigureSerializer(serializers.Serializer):
    category = serializers.CharField()
    label = serializers.CharField()
    postings = serializers.IntegerField()
    applications = serializers.IntegerField()
    hires = serializers.IntegerField()


class ParkJobSettingsSerializer(serializers.Serializer):
    review_postings = serializers.BooleanField()
    review_stages = serializers.ChoiceField(
        choices=[1, 2],
        required=False,
        help_text="1: a reviewer of the park decides; 2: a reviewer reads first. Unchanged "
        "when left out.",
    )
