import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cloudpark.awards import enums
from cloudpark.core import privacy
from cloudpark.core.i18n import Bilingual, localized
from cloudpark.core.models import TimeStampedModel
from cloudpark.reviews.models import ReviewSubject

# More than four fifths of the jury must take part for a round to count (the news awards'
# rule); a scheme may set another share.
DEFAULT_QUORUM = Decimal("0.80")


class Scheme(TimeStampedModel):
    """One edition of an award scheme: its window, categories, rubric, rounds and jury.

    State changes go through ``awards.services.open_scheme``, ``start_judging``,
    ``publish_results`` and ``finalise_results``; set-up through ``create_scheme`` and friends.
    """

    owner = models.ForeignKey(
        "orgs.GovernmentBody",
        verbose_name=_("run by"),
        on_delete=models.PROTECT,
        related_name="award_schemes",
    )
    # The series the editions share; it starts every certificate number.
    code = models.CharField(
        _("code"),
        max_length=12,
        help_text=_("Capital letters and digits, e.g. HYTV; it starts every certificate number."),
    )
    edition = models.PositiveSmallIntegerField(_("edition"), validators=[MinValueValidator(1)])
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=enums.SchemeState.choices,
        default=enums.SchemeState.DRAFT,
    )
    eligible_from = models.DateField(_("works broadcast from"))
    eligible_until = models.DateField(_("works broadcast until"))
    entries_open_on = models.DateField(_("entries open on"))
    entries_close_on = models.DateField(_("entries close on"))
    scale_min = models.DecimalField(_("lowest score"), max_digits=5, decimal_places=2, default=0)
    scale_max = models.DecimalField(
        _("highest score"), max_digits=5, decimal_places=2, default=Decimal("10")
    )
    entry_notice_days = models.PositiveSmallIntegerField(
        _("working days entries are shown before judging"), default=5
    )
    result_notice_days = models.PositiveSmallIntegerField(
        _("days results are on public notice"), default=7
    )
    objection_channel = models.TextField(
        _("where objections go"),
        blank=True,
        help_text=_("The office, address and telephone that receive signed objections."),
    )
    ceremony = models.ForeignKey(
        "events.Event",
        verbose_name=_("honour ceremony"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_schemes",
    )
    results_published_on = models.DateField(_("results published on"), null=True, blank=True)
    objections_until = models.DateField(_("objections until"), null=True, blank=True)
    final_on = models.DateField(_("final on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("award scheme")
        verbose_name_plural = _("award schemes")
        ordering = ["-year", "-edition", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["code", "edition"], name="awards_one_scheme_edition"),
            models.CheckConstraint(
                condition=Q(eligible_until__gte=F("eligible_from")),
                name="awards_window_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(entries_close_on__gte=F("entries_open_on")),
                name="awards_entries_close_after_they_open",
            ),
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="awards_scale_goes_up"
            ),
        ]
        indexes = [models.Index(fields=["owner", "state"])]

    def __str__(self):
        return self.display_title

    display_title = Bilingual("title")
    display_description = Bilingual("description")

    @property
    def is_final(self):
        return self.state == enums.SchemeState.FINAL

    @property
    def results_are_public(self):
        return self.state in {enums.SchemeState.PUBLICITY, enums.SchemeState.FINAL}


class SchemeOrganizer(models.Model):
    """An organisation in one of the scheme's organiser roles (the events' roles), from the
    directory or by name. Written by ``awards.services.add_organizer``."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="organizers")
    role = models.CharField(_("role"), max_length=12, choices=enums.OrganizerRole.choices)
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation in the directory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("scheme organiser")
        verbose_name_plural = _("scheme organisers")
        ordering = ["scheme", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | ~Q(name=""),
                name="awards_organizer_has_a_name",
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.display_name}"

    @property
    def display_name(self):
        if self.organization_id is not None:
            return self.organization.display_name
        return localized(self.name, self.name_en)


class Category(models.Model):
    """A category of a scheme (documentary, short video...) with its quota per level.
    Written by ``awards.services.add_category``."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="categories")
    code = models.CharField(_("code"), max_length=8)
    name = models.CharField(_("name (Chinese)"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["scheme", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="awards_category_code_once")
        ]

    def __str__(self):
        return self.display_name

    display_name = Bilingual("name")

    @property
    def quota_by_level(self):
        """level -> quota, highest level first (prefetch ``quotas`` for lists)."""
        quotas = sorted(self.quotas.all(), key=lambda q: enums.AwardLevel(q.level).rank)
        return {enums.AwardLevel(q.level): q.quota for q in quotas}

    @property
    def total_quota(self):
        return sum(self.quota_by_level.values())


class CategoryQuota(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="quotas")
    level = models.CharField(_("level"), max_length=10, choices=enums.AwardLevel.choices)
    quota = models.PositiveSmallIntegerField(_("quota"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["category", "level"]
        constraints = [
            models.UniqueConstraint(fields=["category", "level"], name="awards_quota_once"),
            models.CheckConstraint(condition=Q(quota__gte=1), name="awards_quota_positive"),
        ]

    def __str__(self):
        return f"{self.category} · {self.get_level_display()} × {self.quota}"


class Criterion(models.Model):
    """One weighted criterion of the scheme's rubric, scored on the scheme's scale."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["scheme", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="awards_weight_positive")
        ]

    def __str__(self):
        return self.display_name

    display_name = Bilingual("name")


class Round(models.Model):
    """A judging round of a scheme. State changes go through ``awards.services.open_round``,
    ``close_round`` and ``tally_round``."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="rounds")
    kind = models.CharField(_("round"), max_length=8, choices=enums.RoundKind.choices)
    mode = models.CharField(_("mode"), max_length=12, choices=enums.RoundMode.choices)
    state = models.CharField(
        _("state"), max_length=8, choices=enums.RoundState.choices, default=enums.RoundState.PLANNED
    )
    rank_by = models.CharField(
        _("ranked by"), max_length=10, choices=enums.RankBy.choices, default=enums.RankBy.TRIMMED
    )
    # Taking part means more than this share of the voting jurors.
    quorum = models.DecimalField(
        _("quorum (share of the jury)"),
        max_digits=3,
        decimal_places=2,
        default=DEFAULT_QUORUM,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("0.99"))],
    )
    # How many entries of each category go on to the next round; blank in the final round.
    advances = models.PositiveSmallIntegerField(
        _("entries per category that go on"), null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    tallied_at = models.DateTimeField(_("tallied"), null=True, blank=True)

    class Meta:
        verbose_name = _("judging round")
        verbose_name_plural = _("judging rounds")
        ordering = ["scheme", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "kind"], name="awards_round_kind_once")
        ]

    def __str__(self):
        return f"{self.scheme} · {self.get_kind_display()}"

    @property
    def is_final(self):
        return self.kind == enums.RoundKind.FINAL

    @property
    def is_scored(self):
        return self.mode == enums.RoundMode.SCORED

    @property
    def is_closed(self):
        return self.state in {enums.RoundState.CLOSED, enums.RoundState.TALLIED}


def entry_upload_path(instance, filename):
    suffix = PurePosixPath(filename).suffix.lower()
    return f"awards/entries/{instance.scheme_id}/{uuid.uuid4().hex}{suffix}"


class Entry(ReviewSubject, TimeStampedModel):
    """A work entered for a scheme, with its recommendation.

    State changes go through ``awards.services.draft_entry``, ``submit_entry``,
    ``withdraw_entry``; its eligibility check runs on the review engine (``awards.flows``);
    judging and results move it through ``awards.services``.
    """

    review_flow_key = "awards.entry"

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="entries")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="entries")
    submitter = models.ForeignKey(
        "orgs.Enterprise",
        verbose_name=_("submitting unit"),
        on_delete=models.PROTECT,
        related_name="award_entries",
    )
    recommender = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("recommending unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommended_award_entries",
    )
    recommender_name = models.CharField(
        _("recommending unit (if not in the directory)"), max_length=200, blank=True
    )
    state = models.CharField(
        _("state"), max_length=12, choices=enums.EntryState.choices, default=enums.EntryState.DRAFT
    )
    title = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    broadcast_on = models.DateField(_("broadcast on"))
    column = models.CharField(_("column or channel"), max_length=200)
    length_seconds = models.PositiveIntegerField(
        _("length (seconds)"), validators=[MinValueValidator(1)]
    )
    synopsis = models.TextField(_("synopsis"), blank=True)
    recommendation = models.TextField(_("recommendation opinion"), blank=True)
    recommendation_scan = models.FileField(
        _("sealed recommendation (scan)"), upload_to=entry_upload_path, blank=True
    )
    media_url = models.URLField(_("media link"), blank=True)
    media_file = models.FileField(_("media file"), upload_to=entry_upload_path, blank=True)
    # A drama's planning filing number or distribution licence number, as the entrant gave it,
    # and the archive's record it was checked against.
    filing_number = models.CharField(_("filing or licence number"), max_length=60, blank=True)
    filing = models.ForeignKey(
        "filings.IssuedNumber",
        verbose_name=_("filing on record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_entries",
    )
    # The work as the duplicate check sees it: the title without spaces or punctuation.
    work_key = models.CharField(max_length=200, editable=False, db_index=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    eligible_on = models.DateField(_("eligible since"), null=True, blank=True)
    notice_ends_on = models.DateField(_("public notice until"), null=True, blank=True)
    level = models.CharField(
        _("level"), max_length=10, choices=enums.AwardLevel.choices, blank=True
    )
    decision_comment = models.TextField(_("reasons given"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["scheme", "category", "title", "id"]
        constraints = [
            # The same work once per scheme, whoever enters it, in whichever category.
            models.UniqueConstraint(
                fields=["scheme", "work_key", "broadcast_on"],
                condition=Q(state__in=sorted(state.value for state in enums.HOLDING_ENTRY_STATES)),
                name="awards_work_entered_once",
            ),
        ]
        indexes = [
            models.Index(fields=["scheme", "state"]),
            models.Index(fields=["submitter", "state"]),
        ]

    def __str__(self):
        return self.display_title

    display_title = Bilingual("title")

    @property
    def length_display(self):
        minutes, seconds = divmod(self.length_seconds, 60)
        return f"{minutes}′{seconds:02d}″"

    @property
    def recommender_display(self):
        if self.recommender_id is not None:
            return self.recommender.display_name
        return self.recommender_name

    @property
    def is_editable(self):
        return self.state in enums.EDITABLE_ENTRY_STATES

    @property
    def can_be_withdrawn(self):
        return enums.EntryState.WITHDRAWN in enums.ENTRY_TRANSITIONS[self.state]


class Credit(models.Model):
    """A creator of the work and their part in it (director, writer, camera...)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="credits")
    name = models.CharField(_("name"), max_length=50)
    role = models.CharField(_("role"), max_length=50)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        ordering = ["entry", "position", "pk"]

    def __str__(self):
        return f"{self.role}: {self.name}"


class Juror(models.Model):
    """A person on a scheme's jury. Written by ``awards.services.appoint_juror``."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="juror_seats"
    )
    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(_("title or position"), max_length=200, blank=True)
    is_chair = models.BooleanField(_("chair"), default=False)
    is_voting = models.BooleanField(_("votes"), default=True)
    # The categories this juror judges; none means every category.
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), blank=True, related_name="jurors"
    )
    appointed_at = models.DateTimeField(_("appointed"), auto_now_add=True)

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        ordering = ["scheme", "-is_chair", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "user"], name="awards_juror_once"),
            models.UniqueConstraint(
                fields=["scheme"], condition=Q(is_chair=True), name="awards_one_chair"
            ),
        ]

    def __str__(self):
        return self.name


class Affiliation(models.Model):
    """An organisation a juror belongs or belonged to, with its dates."""

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="affiliations")
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("organisation (if not in the directory)"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=enums.AffiliationSource.choices)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["juror", "-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | ~Q(name=""),
                name="awards_affiliation_has_a_name",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="awards_affiliation_ends_after_start",
            ),
        ]

    def __str__(self):
        return str(self.organization or self.name)


class Relation(models.Model):
    """A relation a juror declared: to a person (a spouse, a former student) or to an
    organisation (a former employer, a client)."""

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("related to"), max_length=12, choices=enums.RelationKind.choices)
    person_name = models.CharField(_("person"), max_length=50, blank=True)
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("relation"), max_length=200)

    class Meta:
        verbose_name = _("declared relation")
        verbose_name_plural = _("declared relations")
        ordering = ["juror", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="person") & ~Q(person_name=""))
                | (Q(kind="organization") & Q(organization__isnull=False)),
                name="awards_relation_names_its_party",
            )
        ]

    def __str__(self):
        return f"{self.juror}: {self.person_name or self.organization}"


class Assignment(models.Model):
    """An entry given to a juror in a round. Written by ``awards.services.assign_round``,
    ``recuse`` and ``score_entry``."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="assignments")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="assignments")
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=enums.AssignmentState.choices,
        default=enums.AssignmentState.ASSIGNED,
    )
    recusal_reason = models.TextField(_("reason for recusal"), blank=True)
    scored_at = models.DateTimeField(_("scored"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["round", "juror", "entry"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "entry", "juror"], name="awards_assignment_once"
            ),
            models.CheckConstraint(
                condition=~Q(state="recused") | ~Q(recusal_reason=""),
                name="awards_recusal_has_a_reason",
            ),
        ]
        indexes = [models.Index(fields=["juror", "state"])]

    def __str__(self):
        return f"{self.juror} · {self.entry}"


class Exclusion(models.Model):
    """A juror kept off an entry at assignment, and why. The entry stays eligible."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="exclusions")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="exclusions")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="exclusions")
    reason = models.CharField(_("reason"), max_length=12, choices=enums.ExclusionReason.choices)
    detail = models.CharField(_("detail"), max_length=300)

    class Meta:
        verbose_name = _("exclusion")
        verbose_name_plural = _("exclusions")
        ordering = ["round", "juror", "entry", "reason"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "entry", "juror", "reason"], name="awards_exclusion_once"
            )
        ]

    def __str__(self):
        return f"{self.juror} ✕ {self.entry}: {self.get_reason_display()}"


class Score(models.Model):
    """A juror's score on one criterion of one assigned entry, with a comment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["assignment", "criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="awards_score_once")
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class BallotReceipt(models.Model):
    """That a juror has cast their ballot in a category of a round. In an anonymous ballot it
    is the only link between the juror and the round: the votes carry no juror."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="receipts")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="receipts")
    cast_at = models.DateTimeField(_("cast"), auto_now_add=True)

    class Meta:
        verbose_name = _("ballot receipt")
        verbose_name_plural = _("ballot receipts")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "category", "juror"], name="awards_one_ballot_per_category"
            )
        ]

    def __str__(self):
        return f"{self.juror} · {self.round} · {self.category}"


class Vote(models.Model):
    """One vote for an entry; ``juror`` is kept in a named vote and empty in a ballot."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="votes")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="votes")
    juror = models.ForeignKey(
        Juror, null=True, blank=True, on_delete=models.CASCADE, related_name="votes"
    )
    # The ballot the vote was cast on: a random token that no receipt keeps, so that the
    # votes of one ballot can be counted together without saying whose they are.
    ballot = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["round", "entry", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "entry", "juror"],
                condition=Q(juror__isnull=False),
                name="awards_named_vote_once",
            )
        ]

    def __str__(self):
        return f"{self.round} · {self.entry}"


class Result(models.Model):
    """An entry's standing in a tallied round: every measure side by side. Written by
    ``awards.services.tally_round``."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="results")
    judges = models.PositiveSmallIntegerField(_("jurors counted"))
    raw_mean = models.DecimalField(_("mean"), max_digits=7, decimal_places=3, null=True, blank=True)
    trimmed_mean = models.DecimalField(
        _("trimmed mean"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    normalised = models.DecimalField(
        _("normalised score"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    votes = models.PositiveSmallIntegerField(_("votes"), null=True, blank=True)
    rank_raw = models.PositiveSmallIntegerField(_("rank by mean"), null=True, blank=True)
    rank_trimmed = models.PositiveSmallIntegerField(
        _("rank by trimmed mean"), null=True, blank=True
    )
    rank_normalised = models.PositiveSmallIntegerField(
        _("rank by normalised score"), null=True, blank=True
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    tied = models.BooleanField(_("tied"), default=False)
    stable = models.BooleanField(_("stable"), default=True)
    goes_on = models.BooleanField(_("goes on"), default=False)
    level = models.CharField(
        _("level"), max_length=10, choices=enums.AwardLevel.choices, blank=True
    )

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["round", "entry__category__position", "rank", "entry_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "entry"], name="awards_result_once")
        ]

    def __str__(self):
        return f"{self.entry} #{self.rank}"


class Objection(models.Model):
    """A signed, specific objection to a published result, bound to the entry and to its
    scores as they stood when it was received. Written by ``awards.services.raise_objection``
    and ``answer_objection``."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="objections")
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="objections")
    # ``YY2026-XXXXXXXX``: given to the objector to follow the objection (with their contact).
    reference = models.CharField(
        _("tracking reference"), max_length=20, unique=True, null=True, blank=True, editable=False
    )
    name = models.CharField(_("name"), max_length=50)
    organization_name = models.CharField(_("organisation"), max_length=200, blank=True)
    contact = models.CharField(_("phone or e-mail"), max_length=100)
    text = models.TextField(_("objection"))
    evidence = models.TextField(_("evidence"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    # The entry's results in every tallied round when the objection came in.
    scores_seen = models.JSONField(_("scores at the time"), default=dict, blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=enums.ObjectionState.choices,
        default=enums.ObjectionState.RECEIVED,
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["scheme", "received_at", "id"]

    def __str__(self):
        return self.text[:50]

    @property
    def is_answered(self):
        return self.state != enums.ObjectionState.RECEIVED

    @property
    def masked_contact(self):
        """The contact as anyone but the organisers sees it."""
        if "@" in self.contact:
            return privacy.mask_email(self.contact)
        return privacy.mask_phone(self.contact)


class CertificateCounter(models.Model):
    """The last sequence used for a scheme's category. Locked while a number is taken and
    never lowered, so that a number is never given twice."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="+")
    category = models.OneToOneField(Category, on_delete=models.CASCADE, related_name="counter")
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("certificate counter")
        verbose_name_plural = _("certificate counters")

    def __str__(self):
        return f"{self.category}: {self.last}"


class Certificate(TimeStampedModel):
    """An award's certificate. Issued by ``awards.services.issue_certificate``, revoked by
    ``revoke_certificate``; never deleted, and its number never given again."""

    number = models.CharField(_("number"), max_length=40, unique=True)
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="certificates")
    level = models.CharField(_("level"), max_length=10, choices=enums.AwardLevel.choices)
    holder = models.ForeignKey(
        "orgs.Enterprise",
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="award_certificates",
    )
    issuer_name = models.CharField(_("issuer"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=enums.CertificateStatus.choices,
        default=enums.CertificateStatus.VALID,
    )
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry"], condition=Q(status="valid"), name="awards_one_valid_certificate"
            ),
            models.CheckConstraint(
                condition=Q(status="valid", revoked_on__isnull=True)
                | Q(status="revoked", revoked_on__isnull=False),
                name="awards_revocation_has_a_date",
            ),
        ]
        indexes = [models.Index(fields=["holder", "status"])]

    def __str__(self):
        return self.number

    @property
    def is_revoked(self):
        return self.status == enums.CertificateStatus.REVOKED
