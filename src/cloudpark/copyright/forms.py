"""Forms that change the copyright register. Each gives its service the values it takes;
the service refuses what breaks a rule, at the field it names."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cloudpark.copyright import enums, numbers, services
from cloudpark.copyright.models import Licence, LicensingRequest, Pledge, Work
from cloudpark.finance.models import FinancialInstitution
from cloudpark.orgs.models import Enterprise

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _dates(form, *names):
    for name in names:
        if name in form.fields:
            form.fields[name].widget = DATE


class WorkForm(forms.Form):
    """A work's registration fields; the numbers only when the work is entered already
    registered (a new entry)."""

    def __init__(self, *args, with_numbers=True, **kwargs):
        super().__init__(*args, **kwargs)
        names = [*services.WORK_FIELDS]
        if with_numbers:
            names += [*services.NUMBER_FIELDS]
        self.fields.update(forms.fields_for_model(Work, fields=names))
        _dates(self, "completed_on", "first_published_on", "registered_on")
        for name in ("purpose", "process", "originality"):
            self.fields[name].widget.attrs["rows"] = 3
        if with_numbers:
            for name, (_pattern, _message, example) in numbers.FORMATS.items():
                self.fields[name].help_text = _("For example %(example)s.") % {"example": example}
                self.fields[name].widget.attrs["placeholder"] = example

    @classmethod
    def initial_for(cls, work):
        return {name: getattr(work, name) for name in services.WORK_FIELDS}

    def values(self):
        return dict(self.cleaned_data)


class OutcomeForm(forms.Form):
    step = forms.ChoiceField(
        label=_("Answer of the registration centre"),
        choices=[
            (state.value, state.label)
            for state in enums.RegistrationState
            if state in enums.REGISTRATION_OUTCOMES
        ],
    )
    registration_number = forms.CharField(
        label=_("Work registration number"),
        required=False,
        help_text=numbers.WORK_NUMBER_EXAMPLE,
    )
    software_registration_number = forms.CharField(
        label=_("Software registration number"),
        required=False,
        help_text=numbers.SOFTWARE_REGISTRATION_EXAMPLE,
    )
    software_certificate_number = forms.CharField(
        label=_("Software certificate number"),
        required=False,
        help_text=numbers.SOFTWARE_CERTIFICATE_EXAMPLE,
    )
    registered_on = forms.DateField(label=_("Registered on"), required=False, widget=DATE)
    return_reason = forms.CharField(
        label=_("Reason it was returned"), required=False, widget=forms.Textarea({"rows": 2})
    )


def _multiple(choices, label):
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=forms.CheckboxSelectMultiple
    )


class LicenceForm(forms.Form):
    licensee = forms.ModelChoiceField(
        label=_("Licensee in the directory"),
        queryset=Enterprise.objects.order_by("name"),
        required=False,
    )
    media = _multiple(enums.Medium.choices, _("Media"))
    territory = _multiple(enums.Territory.choices, _("Territory"))

    def __init__(self, *args, holder=None, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = forms.fields_for_model(
            Licence, fields=["licensee_name", "exclusive", "starts_on", "ends_on", "fee"]
        )
        self.fields = {
            "licensee": self.fields["licensee"],
            **{"licensee_name": model_fields.pop("licensee_name")},
            "exclusive": model_fields.pop("exclusive"),
            "media": self.fields["media"],
            "territory": self.fields["territory"],
            **model_fields,
        }
        self.fields["licensee_name"].help_text = _(
            "A party outside the directory: leave the enterprise empty and write its name."
        )
        self.fields["fee"].validators = []
        self.fields["fee"].min_value = None
        self.fields["fee"].widget.attrs.pop("min", None)
        if holder is not None:
            self.fields["licensee"].queryset = Enterprise.objects.exclude(pk=holder.pk).order_by(
                "name"
            )
        _dates(self, "starts_on", "ends_on")

    def values(self):
        return dict(self.cleaned_data)


class PledgeForm(forms.Form):
    pledgee = forms.ModelChoiceField(
        label=_("Pledgee"),
        queryset=FinancialInstitution.objects.select_related("organization").order_by(
            "organization__name"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(Pledge, fields=["number", "amount", "starts_on", "ends_on"])
        )
        self.fields["amount"].validators = []
        self.fields["amount"].min_value = None
        self.fields["amount"].widget.attrs.pop("min", None)
        _dates(self, "starts_on", "ends_on")

    def values(self):
        return dict(self.cleaned_data)


class LicensingRequestForm(forms.Form):
    media = _multiple(enums.Medium.choices, _("Media"))
    territory = _multiple(enums.Territory.choices, _("Territory"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = forms.fields_for_model(
            LicensingRequest, fields=["exclusive", "starts_on", "ends_on", "fee", "message"]
        )
        self.fields = {"exclusive": model_fields.pop("exclusive"), **self.fields, **model_fields}
        self.fields["fee"].validators = []
        self.fields["fee"].min_value = None
        self.fields["fee"].widget.attrs.pop("min", None)
        self.fields["message"].widget.attrs["rows"] = 3
        _dates(self, "starts_on", "ends_on")

    def values(self):
        return dict(self.cleaned_data)


class RequestMoveForm(forms.Form):
    step = forms.ChoiceField(label=_("Next step"), choices=enums.HOLDER_MOVE_CHOICES)
    fee = forms.DecimalField(
        label=_("Agreed fee (10,000 yuan)"),
        required=False,
        help_text=_("When signing; empty keeps the fee offered."),
    )
    decline_reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea({"rows": 2})
    )
