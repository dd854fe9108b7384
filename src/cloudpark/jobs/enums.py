"""States, choices and transition tables of talent and jobs.

The buckets are those the industry's job sites use (experience 不限 / 应届生 / 1-3年 / 3-5年 /
5-10年 / 10年以上; education 不限 / 大专 / 本科 / 硕士 / 博士; nature 全职 / 兼职 / 实习).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cloudpark.core.states import transition_table


class JobCategory(models.TextChoices):
    SCREENWRITING = "screenwriting", _("Screenwriting")
    DIRECTING = "directing", _("Directing")
    PRODUCING = "producing", _("Producing")
    CINEMATOGRAPHY = "cinematography", _("Cinematography")
    EDITING = "editing", _("Editing")
    ANIMATION = "animation", _("Animation")
    VISUAL_EFFECTS = "visual_effects", _("Visual effects")
    SOUND = "sound", _("Sound")
    OPERATIONS = "operations", _("Operations and distribution")
    DESIGN = "design", _("Design")
    TECHNOLOGY = "technology", _("Technology")
    MANAGEMENT = "management", _("Management")
    OTHER = "other", _("Other")


class JobNature(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    INTERNSHIP = "internship", _("Internship")


# schema.org ``employmentType`` of each nature.
SCHEMA_EMPLOYMENT_TYPE = {
    JobNature.FULL_TIME: "FULL_TIME",
    JobNature.PART_TIME: "PART_TIME",
    JobNature.INTERNSHIP: "INTERN",
}


class Experience(models.TextChoices):
    ANY = "any", _("Any experience")
    GRADUATE = "graduate", _("New graduate")
    ONE_TO_THREE = "1-3", _("1-3 years")
    THREE_TO_FIVE = "3-5", _("3-5 years")
    FIVE_TO_TEN = "5-10", _("5-10 years")
    OVER_TEN = "10+", _("Over 10 years")


# The years of work each bucket stands for: [from, to).
EXPERIENCE_YEARS = {
    Experience.GRADUATE: (0, 1),
    Experience.ONE_TO_THREE: (1, 3),
    Experience.THREE_TO_FIVE: (3, 5),
    Experience.FIVE_TO_TEN: (5, 10),
    Experience.OVER_TEN: (10, 100),
}


class Education(models.TextChoices):
    ANY = "any", _("Any education")
    COLLEGE = "college", _("Junior college")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")


# Education buckets in rising order: a person meets a posting's bucket and every lower one.
EDUCATION_RANK = {level: rank for rank, level in enumerate(Education)}


class PostingState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In park review")
    RETURNED = "returned", _("Returned by the park")
    REJECTED = "rejected", _("Rejected by the park")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


# A published posting past its validity date is expired: a condition of the query
# (``selectors.open_postings``), never a state written by a timer.
EDITABLE_POSTING_STATES = frozenset({PostingState.DRAFT, PostingState.RETURNED})

# While the park reviews a posting (``jobs.flows``) its state follows the review: IN_REVIEW
# stays IN_REVIEW from the first reading to the decision; closing a posting in review or
# returned withdraws it from the review.
POSTING_TRANSITIONS = transition_table(
    PostingState,
    {
        PostingState.DRAFT: {PostingState.IN_REVIEW, PostingState.PUBLISHED, PostingState.CLOSED},
        PostingState.IN_REVIEW: {
            PostingState.PUBLISHED,
            PostingState.RETURNED,
            PostingState.REJECTED,
            PostingState.CLOSED,
        },
        PostingState.RETURNED: {PostingState.IN_REVIEW, PostingState.CLOSED},
        PostingState.REJECTED: set(),
        PostingState.PUBLISHED: {PostingState.CLOSED},
        PostingState.CLOSED: set(),
    },
)


# How many stages a park's review of postings has (``ParkJobSettings.review_stages``).
REVIEW_STAGE_CHOICES = [
    (1, _("One: a reviewer of the park decides")),
    (2, _("Two: a reviewer reads first, then a reviewer decides")),
]


class ResumeVisibility(models.TextChoices):
    PRIVATE = "private", _("Nobody")
    ON_APPLY = "on_apply", _("Employers I apply to")
    OPEN = "open", _("All enterprises of the zone")


class ApplicationState(models.TextChoices):
    APPLIED = "applied", _("Applied")
    VIEWED = "viewed", _("Viewed")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTERVIEW = "interview", _("Interview")
    OFFER = "offer", _("Offer")
    HIRED = "hired", _("Hired")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_APPLICATION_STATES = frozenset(
    {
        ApplicationState.APPLIED,
        ApplicationState.VIEWED,
        ApplicationState.SHORTLISTED,
        ApplicationState.INTERVIEW,
        ApplicationState.OFFER,
    }
)
FINAL_APPLICATION_STATES = frozenset(
    {ApplicationState.HIRED, ApplicationState.DECLINED, ApplicationState.WITHDRAWN}
)

APPLICATION_TRANSITIONS = transition_table(
    ApplicationState,
    {
        ApplicationState.APPLIED: {
            ApplicationState.VIEWED,
            ApplicationState.SHORTLISTED,
            ApplicationState.INTERVIEW,
            ApplicationState.DECLINED,
            ApplicationState.WITHDRAWN,
        },
        ApplicationState.VIEWED: {
            ApplicationState.SHORTLISTED,
            ApplicationState.INTERVIEW,
            ApplicationState.DECLINED,
            ApplicationState.WITHDRAWN,
        },
        ApplicationState.SHORTLISTED: {
            ApplicationState.INTERVIEW,
            ApplicationState.DECLINED,
            ApplicationState.WITHDRAWN,
        },
        ApplicationState.INTERVIEW: {
            ApplicationState.OFFER,
            ApplicationState.DECLINED,
            ApplicationState.WITHDRAWN,
        },
        ApplicationState.OFFER: {
            ApplicationState.HIRED,
            ApplicationState.DECLINED,
            ApplicationState.WITHDRAWN,
        },
        ApplicationState.HIRED: set(),
        ApplicationState.DECLINED: set(),
        ApplicationState.WITHDRAWN: set(),
    },
)

# The moves an employer takes; the candidate withdraws, accepts an interview and answers an
# offer (hired or declined).
EMPLOYER_MOVES = frozenset(
    {
        ApplicationState.VIEWED,
        ApplicationState.SHORTLISTED,
        ApplicationState.INTERVIEW,
        ApplicationState.OFFER,
        ApplicationState.DECLINED,
    }
)


class FollowKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    PARK = "park", _("Park")
    EVENT = "event", _("Event")
