"""What the finance pages of the enterprise portal and of an institution's desk share: the
filter of introduction lists."""

from django import forms as django_forms
from django.utils.translation import gettext_lazy as _

from cloudpark.finance import enums
from cloudpark.portals.forms import FilterForm


class IntroductionFilterForm(FilterForm):
    state = django_forms.ChoiceField(
        choices=[("", _("All states")), *enums.IntroductionState.choices],
        required=False,
        label=_("State"),
    )
