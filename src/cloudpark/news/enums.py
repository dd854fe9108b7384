from django.db import models
from django.utils.translation import gettext_lazy as _

from cloudpark.core.states import transition_table


class ChannelKind(models.TextChoices):
    DEPARTMENT_NEWS = "department", _("Department news")
    NOTICE = "notice", _("Notices")
    POLICY_INTERPRETATION = "policy", _("Policy interpretation")
    INDUSTRY_NEWS = "industry", _("Industry news")
    PARK_NEWS = "park", _("Park news")
    DISCLOSURE = "disclosure", _("Government information disclosure")


class Language(models.TextChoices):
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")


class PublicationState(models.TextChoices):
    """Where an article, a clarification or a disclosure item stands: each is written as a
    draft, reviewed by the publishing organisation (``news.flows``) and published."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned for revision")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


EDITABLE_STATES = frozenset({PublicationState.DRAFT, PublicationState.RETURNED})
FINAL_STATES = frozenset({PublicationState.REJECTED, PublicationState.WITHDRAWN})

# state -> the states it may move to. IN_REVIEW stays IN_REVIEW while the case passes from
# the first reading to the chief editor; that is not a move. What is published leaves the site
# only by withdrawal; it is never put back to draft (mistakes in an article are corrected).
PUBLICATION_TRANSITIONS = transition_table(
    PublicationState,
    {
        PublicationState.DRAFT: {PublicationState.IN_REVIEW, PublicationState.WITHDRAWN},
        PublicationState.IN_REVIEW: {
            PublicationState.RETURNED,
            PublicationState.PUBLISHED,
            PublicationState.REJECTED,
            PublicationState.WITHDRAWN,
        },
        PublicationState.RETURNED: {PublicationState.IN_REVIEW, PublicationState.WITHDRAWN},
        PublicationState.PUBLISHED: {PublicationState.WITHDRAWN},
        PublicationState.REJECTED: set(),
        PublicationState.WITHDRAWN: set(),
    },
)


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    CLARIFICATION = "clarification", _("Clarification")
    UPDATE = "update", _("Update")
    RETRACTION = "retraction", _("Retraction")
    APOLOGY = "apology", _("Apology")


class Placement(models.TextChoices):
    UNDER_HEADLINE = "headline", _("Under the headline")
    ARTICLE_END = "end", _("At the end of the article")


class Remedy(models.TextChoices):
    """What a person asks for when they contest an article."""

    CORRECTION = "correction", _("A correction")
    DELETION = "deletion", _("Deletion")
    REPLY = "reply", _("A right of reply")


class RequestState(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_HANDLING = "in_handling", _("Being handled")
    ANSWERED = "answered", _("Answered")


REQUEST_TRANSITIONS = transition_table(
    RequestState,
    {
        RequestState.RECEIVED: {RequestState.IN_HANDLING, RequestState.ANSWERED},
        RequestState.IN_HANDLING: {RequestState.ANSWERED},
        RequestState.ANSWERED: set(),
    },
)
OPEN_REQUEST_STATES = frozenset({RequestState.RECEIVED, RequestState.IN_HANDLING})


class RequestOutcome(models.TextChoices):
    CORRECTED = "corrected", _("Corrected")
    DELETED = "deleted", _("Article withdrawn")
    REPLY_PUBLISHED = "reply", _("Reply published")
    DECLINED = "declined", _("Declined, with reasons")


class Verdict(models.TextChoices):
    """What a clarification finds of a claim; shown on the page and given as the
    ClaimReview rating's ``alternateName``."""

    FALSE = "false", _("False")
    MISLEADING = "misleading", _("Misleading")
    UNPROVEN = "unproven", _("Unproven")
    TRUE = "true", _("True")
