from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cloudpark.core.states import transition_table


class Direction(models.TextChoices):
    NEED = "need", pgettext_lazy("market post", "Need")
    OFFER = "offer", pgettext_lazy("market post", "Offer")


class PostKind(models.TextChoices):
    PRODUCTION = "production", _("Production services")
    VENUE = "venue", _("Venue")
    EQUIPMENT = "equipment", _("Equipment")
    TALENT = "talent", pgettext_lazy("market post", "Talent")
    DISTRIBUTION = "distribution", _("Distribution")
    TECHNOLOGY = "technology", _("Technology")


# Offers a drama shoot may need: shown to enterprises whose approved planning filing shoots
# within the offer's window.
SHOOTING_KINDS = frozenset({PostKind.VENUE, PostKind.EQUIPMENT})


class PostState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("market post", "Draft")
    PUBLISHED = "published", pgettext_lazy("market post", "Published")
    CLOSED = "closed", pgettext_lazy("market post", "Closed")
    EXPIRED = "expired", pgettext_lazy("market post", "Expired")


POST_TRANSITIONS = transition_table(
    PostState,
    {
        PostState.DRAFT: {PostState.PUBLISHED, PostState.CLOSED},
        PostState.PUBLISHED: {PostState.CLOSED, PostState.EXPIRED},
        PostState.CLOSED: set(),
        PostState.EXPIRED: set(),
    },
)


class IntroductionState(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("market introduction", "Proposed")
    ACCEPTED = "accepted", pgettext_lazy("market introduction", "Accepted")
    DEAL = "deal", _("Closed with a deal")
    NO_DEAL = "no_deal", _("Closed without a deal")
    DECLINED = "declined", pgettext_lazy("market introduction", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("market introduction", "Withdrawn")


OPEN_INTRODUCTION_STATES = frozenset({IntroductionState.PROPOSED, IntroductionState.ACCEPTED})
# Once both sides have said yes, each sees the other's contact.
CONTACT_STATES = frozenset(
    {IntroductionState.ACCEPTED, IntroductionState.DEAL, IntroductionState.NO_DEAL}
)

INTRODUCTION_TRANSITIONS = transition_table(
    IntroductionState,
    {
        IntroductionState.PROPOSED: {
            IntroductionState.ACCEPTED,
            IntroductionState.DECLINED,
            IntroductionState.WITHDRAWN,
        },
        IntroductionState.ACCEPTED: {IntroductionState.DEAL, IntroductionState.NO_DEAL},
        IntroductionState.DEAL: set(),
        IntroductionState.NO_DEAL: set(),
        IntroductionState.DECLINED: set(),
        IntroductionState.WITHDRAWN: set(),
    },
)
