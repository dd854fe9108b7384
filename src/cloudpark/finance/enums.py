from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cloudpark.core.states import transition_table


class InstitutionKind(models.TextChoices):
    BANK = "bank", _("Bank")
    GUARANTOR = "guarantor", _("Guarantee company")
    LESSOR = "lessor", _("Leasing company")
    INSURER = "insurer", _("Insurer")
    FUND = "fund", _("Fund")


class ProductKind(models.TextChoices):
    LOAN = "loan", _("Loan")
    GUARANTEE = "guarantee", _("Guarantee")
    LEASE = "lease", _("Lease")
    INSURANCE = "insurance", _("Insurance")
    FUND = "fund", pgettext_lazy("finance product", "Fund investment")


class Collateral(models.TextChoices):
    CREDIT = "credit", _("Credit (no collateral)")
    GUARANTEE = "guarantee", _("Guarantee by a guarantee company")
    COPYRIGHT = "copyright", _("Copyright pledge")
    PATENT = "patent", _("Patent pledge")
    TRADEMARK = "trademark", _("Trademark pledge")
    RECEIVABLES = "receivables", _("Receivables")


class Stage(models.TextChoices):
    STARTING = "starting", _("Starting up")
    GROWING = "growing", _("Growing")
    EXPANDING = "expanding", _("Expanding")
    MATURE = "mature", _("Mature")


class NeedState(models.TextChoices):
    OPEN = "open", pgettext_lazy("financing need", "Open")
    CLOSED = "closed", pgettext_lazy("financing need", "Closed")


class IntroductionState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    SENT = "sent", _("Sent to the institution")
    CONTACTED = "contacted", _("Contacted")
    IN_REVIEW = "in_review", _("In the institution's review")
    GRANTED = "granted", _("Granted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_INTRODUCTION_STATES = frozenset(
    {
        IntroductionState.REQUESTED,
        IntroductionState.SENT,
        IntroductionState.CONTACTED,
        IntroductionState.IN_REVIEW,
    }
)
FINAL_INTRODUCTION_STATES = frozenset(
    {IntroductionState.GRANTED, IntroductionState.DECLINED, IntroductionState.WITHDRAWN}
)
# The moves the institution takes; the enterprise only withdraws.
INSTITUTION_MOVES = frozenset(
    {
        IntroductionState.CONTACTED,
        IntroductionState.IN_REVIEW,
        IntroductionState.GRANTED,
        IntroductionState.DECLINED,
    }
)
INSTITUTION_MOVE_CHOICES = [
    (state.value, state.label) for state in IntroductionState if state in INSTITUTION_MOVES
]

INTRODUCTION_TRANSITIONS = transition_table(
    IntroductionState,
    {
        IntroductionState.REQUESTED: {IntroductionState.SENT, IntroductionState.WITHDRAWN},
        IntroductionState.SENT: {
            IntroductionState.CONTACTED,
            IntroductionState.DECLINED,
            IntroductionState.WITHDRAWN,
        },
        IntroductionState.CONTACTED: {
            IntroductionState.IN_REVIEW,
            IntroductionState.DECLINED,
            IntroductionState.WITHDRAWN,
        },
        IntroductionState.IN_REVIEW: {
            IntroductionState.GRANTED,
            IntroductionState.DECLINED,
            IntroductionState.WITHDRAWN,
        },
        IntroductionState.GRANTED: set(),
        IntroductionState.DECLINED: set(),
        IntroductionState.WITHDRAWN: set(),
    },
)


class SharedFigure(models.TextChoices):
    """What an enterprise may put in a data room; each is read when the room is opened."""

    PROFILE = "profile", _("Directory profile")
    YEARLY = "yearly", _("Yearly revenue, taxes and staff")
    AWARDS = "awards", _("Award certificates")
    FILINGS = "filings", _("Drama filings")
