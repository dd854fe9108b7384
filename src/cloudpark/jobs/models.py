from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cloudpark.core import search
from cloudpark.core.models import TimeStampedModel
from cloudpark.jobs import enums, reference
from cloudpark.reviews.models import ReviewSubject


def salary_label(low, high, months):
    """``8-13K·14薪`` as the job sites write it (thousands of yuan a month, months a year)."""
    if low is None or high is None:
        return ""
    span = f"{low}" if low == high else f"{low}-{high}"
    return _("%(span)sK · %(months)s months a year") % {"span": span, "months": months}


def region_field(label, *, required=False):
    """A place of the shipped GB/T 2260 regions: a city, or a district within it."""
    return models.ForeignKey(
        "orgs.Region",
        verbose_name=label,
        null=not required,
        blank=not required,
        on_delete=models.PROTECT,
        related_name="+",
    )


class JobPosting(ReviewSubject, TimeStampedModel):
    """A job an enterprise offers.

    State changes go through ``jobs.services.publish_posting`` and ``close_posting``; when
    the park reviews postings, through the review engine (``jobs.flows``) from there on. Edits
    go through ``jobs.services.update_posting``. A published posting past ``valid_until`` is
    expired: a condition of the query, never a written state.
    """

    review_flow_key = "jobs.posting"

    enterprise = models.ForeignKey(
        "orgs.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="job_postings",
    )
    park = models.ForeignKey(
        "orgs.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_postings",
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=enums.PostingState.choices,
        default=enums.PostingState.DRAFT,
    )
    title = models.CharField(_("title"), max_length=100)
    category = models.CharField(_("category"), max_length=20, choices=enums.JobCategory.choices)
    nature = models.CharField(
        _("nature"),
        max_length=12,
        choices=enums.JobNature.choices,
        default=enums.JobNature.FULL_TIME,
    )
    headcount = models.PositiveSmallIntegerField(
        _("headcount"), default=1, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    salary_min = models.PositiveSmallIntegerField(
        _("salary from (thousand yuan a month)"),
        validators=[MinValueValidator(1), MaxValueValidator(reference.MAX_MONTHLY_SALARY)],
    )
    salary_max = models.PositiveSmallIntegerField(
        _("salary to (thousand yuan a month)"),
        validators=[MinValueValidator(1), MaxValueValidator(reference.MAX_MONTHLY_SALARY)],
    )
    salary_months = models.PositiveSmallIntegerField(
        _("months paid a year"),
        default=12,
        validators=[
            MinValueValidator(reference.MIN_SALARY_MONTHS),
            MaxValueValidator(reference.MAX_SALARY_MONTHS),
        ],
    )
    experience = models.CharField(
        _("experience"),
        max_length=10,
        choices=enums.Experience.choices,
        default=enums.Experience.ANY,
    )
    education = models.CharField(
        _("education"),
        max_length=10,
        choices=enums.Education.choices,
        default=enums.Education.ANY,
    )
    city = region_field(_("city"), required=True)
    district = region_field(_("district"))
    skills = models.JSONField(_("skills"), default=list, blank=True)
    description = models.TextField(_("job description"))
    conditions = models.TextField(_("requirements"), blank=True)
    benefits = models.TextField(_("conditions and benefits"), blank=True)
    valid_until = models.DateField(_("valid until"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__lte=F("salary_max")),
                name="jobs_salary_range_in_order",
            ),
            models.CheckConstraint(
                condition=Q(salary_months__gte=reference.MIN_SALARY_MONTHS)
                & Q(salary_months__lte=reference.MAX_SALARY_MONTHS),
                name="jobs_salary_months_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "valid_until", "category"]),
            models.Index(fields=["enterprise", "state"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        text = search.shadow_text(
            self.title, self.description, self.conditions, " ".join(self.skills or [])
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and text != self.search_text:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        self.search_text = text
        super().save(*args, **kwargs)

    @property
    def salary_display(self):
        return salary_label(self.salary_min, self.salary_max, self.salary_months)

    @property
    def is_expired(self):
        return self.valid_until < timezone.localdate()

    @property
    def is_open(self):
        return self.state == enums.PostingState.PUBLISHED and not self.is_expired

    @property
    def status_display(self):
        """The state as people read it: a published posting past its date is expired."""
        if self.state == enums.PostingState.PUBLISHED and self.is_expired:
            return _("Expired")
        return self.get_state_display()

    @property
    def ended_on(self):
        """The day the posting stopped taking applications, or None while it takes them."""
        if self.closed_at is not None:
            return timezone.localdate(self.closed_at)
        if self.state == enums.PostingState.PUBLISHED and self.is_expired:
            return self.valid_until
        return None

    @property
    def place_display(self):
        return " ".join(str(part) for part in (self.city, self.district) if part is not None)


class ParkJobSettings(models.Model):
    """What a park asks of the postings of its enterprises. Written by
    ``jobs.services.set_park_review``."""

    park = models.OneToOneField(
        "orgs.Park", on_delete=models.CASCADE, related_name="job_settings", primary_key=True
    )
    review_postings = models.BooleanField(
        _("review postings before they are published"), default=False
    )
    # 2: a reviewer of the park reads each posting first and passes it on to the decision.
    review_stages = models.PositiveSmallIntegerField(
        _("stages of review"), choices=enums.REVIEW_STAGE_CHOICES, default=1
    )

    class Meta:
        verbose_name = _("park job settings")
        verbose_name_plural = _("park job settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(review_stages__in=(1, 2)), name="jobs_review_one_or_two_stages"
            )
        ]

    def __str__(self):
        return str(self.park)


class Profile(TimeStampedModel):
    """A person's résumé. Owned by the person; written by ``jobs.services.save_profile`` and
    friends, exported by ``export_profile`` and deleted by ``delete_profile``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_profile"
    )
    headline = models.CharField(_("headline"), max_length=100, blank=True)
    summary = models.TextField(_("about me"), blank=True)
    city = region_field(_("city"))
    district = region_field(_("district"))
    categories = models.JSONField(_("fields I work in"), default=list, blank=True)
    experience = models.CharField(
        _("experience"),
        max_length=10,
        choices=enums.Experience.choices,
        default=enums.Experience.GRADUATE,
    )
    education = models.CharField(
        _("highest education"),
        max_length=10,
        choices=enums.Education.choices,
        default=enums.Education.ANY,
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    visibility = models.CharField(
        _("who sees my résumé"),
        max_length=10,
        choices=enums.ResumeVisibility.choices,
        default=enums.ResumeVisibility.ON_APPLY,
    )
    automated_ranking = models.BooleanField(
        _("let the platform match me to jobs and rank me for employers"), default=True
    )

    class Meta:
        verbose_name = _("résumé")
        verbose_name_plural = _("résumés")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["visibility", "automated_ranking"])]

    def __str__(self):
        return str(self.user)

    @property
    def category_labels(self):
        return [enums.JobCategory(value).label for value in self.categories]


class ProfileEducation(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="education_rows")
    school = models.CharField(_("school"), max_length=100)
    degree = models.CharField(_("degree"), max_length=10, choices=enums.Education.choices)
    major = models.CharField(_("major"), max_length=100, blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("from"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("to"), null=True, blank=True, validators=[MinValueValidator(1950)]
    )

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("education")
        ordering = ["profile", "-start_year", "pk"]

    def __str__(self):
        return self.school


class ProfileExperience(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="experience_rows")
    employer = models.CharField(_("employer"), max_length=100)
    role = models.CharField(_("role"), max_length=100)
    category = models.CharField(
        _("field"), max_length=20, choices=enums.JobCategory.choices, blank=True
    )
    start_year = models.PositiveSmallIntegerField(
        _("from"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("to"), null=True, blank=True, validators=[MinValueValidator(1950)]
    )
    description = models.TextField(_("what I did"), blank=True)

    class Meta:
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        ordering = ["profile", "-start_year", "pk"]

    def __str__(self):
        return f"{self.employer} · {self.role}"


class ProfileWork(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="work_rows")
    title = models.CharField(_("title"), max_length=100)
    role = models.CharField(_("my role"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[MinValueValidator(1950)]
    )
    link = models.URLField(_("link"), blank=True)
    description = models.TextField(_("about the work"), blank=True)

    class Meta:
        verbose_name = _("work")
        verbose_name_plural = _("works")
        ordering = ["profile", "-year", "pk"]

    def __str__(self):
        return self.title


class Application(TimeStampedModel):
    """A person's application for a posting, with the résumé they agreed to give its employer.

    ``resume`` is the copy of the résumé (contact included) made when the person applied and
    gave their separate consent; the employer sees it with the contact masked until the person
    accepts an interview. It is erased ``JOB_RESUME_RETENTION_DAYS`` after the posting ends
    (``jobs.services.purge_expired_resumes``). State changes go through ``jobs.services``.
    """

    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_applications"
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=enums.ApplicationState.choices,
        default=enums.ApplicationState.APPLIED,
    )
    cover_letter = models.TextField(_("message to the employer"), blank=True)
    resume = models.JSONField(_("résumé given"), default=dict, blank=True)
    consent_given_at = models.DateTimeField(_("consent given"))
    consent_text = models.TextField(_("consent as shown"))
    interview_accepted_at = models.DateTimeField(_("interview accepted"), null=True, blank=True)
    resume_erased_at = models.DateTimeField(_("résumé erased"), null=True, blank=True)
    decided_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("job application")
        verbose_name_plural = _("job applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "applicant"], name="jobs_one_application_per_posting"
            )
        ]
        indexes = [
            models.Index(fields=["posting", "state"]),
            models.Index(fields=["applicant", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.posting} · {self.applicant}"

    @property
    def contact_revealable(self):
        return self.interview_accepted_at is not None and self.resume_erased_at is None

    @property
    def is_open(self):
        return self.state in enums.OPEN_APPLICATION_STATES

    def erase_due_on(self, retention_days=None):
        """The day the résumé copy is erased, or None while the posting is open."""
        ended = self.posting.ended_on
        if ended is None or self.resume_erased_at is not None:
            return None
        days = settings.JOB_RESUME_RETENTION_DAYS if retention_days is None else retention_days
        return ended + timedelta(days=days)

    @property
    def erase_due(self):
        return self.erase_due_on()

    @property
    def days_until_erased(self):
        due = self.erase_due
        if due is None:
            return None
        return max((due - timezone.localdate()).days, 0)


class Follow(TimeStampedModel):
    """A person following an enterprise, a park or an event. Written by
    ``jobs.services.follow`` and ``unfollow``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=enums.FollowKind.choices)
    organization = models.ForeignKey(
        "orgs.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followers",
    )
    event = models.ForeignKey(
        "events.Event",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followers",
    )
    notify = models.BooleanField(_("tell me when they publish"), default=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=enums.FollowKind.EVENT, event__isnull=False, organization__isnull=True)
                    | (
                        Q(kind__in=[enums.FollowKind.ENTERPRISE, enums.FollowKind.PARK])
                        & Q(organization__isnull=False, event__isnull=True)
                    )
                ),
                name="jobs_follow_names_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=Q(organization__isnull=False),
                name="jobs_one_follow_per_organization",
            ),
            models.UniqueConstraint(
                fields=["user", "event"],
                condition=Q(event__isnull=False),
                name="jobs_one_follow_per_event",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.target}"

    @property
    def target(self):
        return self.event if self.kind == enums.FollowKind.EVENT else self.organization
