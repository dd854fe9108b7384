"""Forms of a person's own account."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from cloudpark.accounts.models import User
from cloudpark.core import validators


class PersonalProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "mobile", "resident_id"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Room for spaces and full-width digits as typed; the stored form is checked later.
        for name in ("mobile", "resident_id"):
            field = self.fields[name]
            field.max_length = 30
            field.widget.attrs["maxlength"] = 30
            field.validators = [
                validator
                for validator in field.validators
                if not isinstance(validator, MaxLengthValidator)
            ] + [MaxLengthValidator(30)]
        self.fields["mobile"].help_text = _("Full-width digits are fine: they are converted.")

    def clean_mobile(self):
        value = self.cleaned_data["mobile"]
        return validators.normalize_mobile(value) if value else ""

    def clean_resident_id(self):
        value = self.cleaned_data["resident_id"]
        return validators.normalize_resident_id(value) if value else ""


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the script that uses it."),
    )
