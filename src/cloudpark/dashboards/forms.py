"""The form an enterprise reports its yearly figures with. It checks the shape of the input
(numbers, a whole staff count); the rules (no negatives, a year that has ended, a
hundredfold change explained) are the service's, shown at the field it names."""

from django import forms
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 14, "decimal_places": 2, "required": False}


class FiguresForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1949)
    revenue = forms.DecimalField(label=_("Revenue (10,000 yuan)"), **{**MONEY, "required": True})
    output = forms.DecimalField(label=_("Output value (10,000 yuan)"), **MONEY)
    taxes = forms.DecimalField(label=_("Taxes paid (10,000 yuan)"), **MONEY)
    staff_count = forms.DecimalField(
        label=_("Staff at the year's end"),
        max_digits=9,
        decimal_places=2,
        help_text=_("A whole number of people."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when revenue changes a hundredfold from last year."),
    )
