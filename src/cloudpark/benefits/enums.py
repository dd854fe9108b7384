from django.db import models
from django.utils.translation import pgettext_lazy

from cloudpark.core.states import transition_table


class OfferState(models.TextChoices):
    PUBLISHED = "published", pgettext_lazy("benefit offer", "Published")
    CLOSED = "closed", pgettext_lazy("benefit offer", "Closed")


OFFER_TRANSITIONS = transition_table(
    OfferState,
    {OfferState.PUBLISHED: {OfferState.CLOSED}, OfferState.CLOSED: set()},
)
