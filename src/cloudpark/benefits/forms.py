from django import forms
from django.utils.translation import gettext_lazy as _

from cloudpark.benefits.models import Offer
from cloudpark.events.forms import CheckInForm
from cloudpark.orgs import selectors as org_selectors

OFFER_FORM_FIELDS = (
    "title",
    "title_en",
    "value",
    "value_en",
    "quota",
    "valid_from",
    "valid_until",
    "terms",
    "terms_en",
)


class OfferForm(forms.Form):
    eligible_parks = forms.ModelMultipleChoiceField(
        label=_("Parks whose people may claim"),
        queryset=org_selectors.parks_by_name(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, parks=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parks is not None:
            # A partner names only the parks that admitted it.
            self.fields["eligible_parks"].queryset = parks
        model_fields = forms.fields_for_model(
            Offer,
            fields=OFFER_FORM_FIELDS,
            widgets={
                "valid_from": forms.DateInput(attrs={"type": "date"}),
                "valid_until": forms.DateInput(attrs={"type": "date"}),
                "terms": forms.Textarea(attrs={"rows": 3}),
                "terms_en": forms.Textarea(attrs={"rows": 3}),
            },
        )
        self.fields = {**model_fields, **self.fields}

    @classmethod
    def initial_for(cls, offer):
        initial = {name: getattr(offer, name) for name in OFFER_FORM_FIELDS}
        initial["eligible_parks"] = list(offer.eligible_parks.all())
        return initial

    def values(self):
        return {name: self.cleaned_data[name] for name in OFFER_FORM_FIELDS}


class AdmitPartnerForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Service partner"), queryset=None)

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["partner"].help_text = _(
            "A gym, a cinema, a shop... registered in the directory as a service partner."
        )


class RedeemForm(CheckInForm):
    """The events' check-in form, its words for a benefit code."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Benefit code")
        self.fields["code"].help_text = _(
            "Scan the person's QR code with the camera, or type the code printed under it."
        )
