"""Forms of accreditation. They check what a person typed; the services decide the rest."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cloudpark.bases import enums
from cloudpark.bases.models import AccreditationRound, AnnualReview, Declaration
from cloudpark.core import uploads
from cloudpark.core.forms import DateInput
from cloudpark.core.i18n import with_english


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))
    return value


class DeclarationDecisionForm(forms.Form):
    """The review room's extra fields for a declaration (its flow's ``decision_form``): the
    date on the decision document and, at the provincial review, the site survey."""

    decided_on = forms.DateField(
        label=_("Date of the decision"),
        widget=DateInput(),
        help_text=_("As on the decision document; today if it is dated today."),
    )
    surveyed_on = forms.DateField(label=_("Site survey on"), required=False, widget=DateInput())
    survey_notes = forms.CharField(
        label=_("Site survey notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the survey found on site: premises, enterprises, services, management."),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()
        if case.stage_key != "provincial_review":
            del self.fields["surveyed_on"]
            del self.fields["survey_notes"]

    def clean_decided_on(self):
        return _not_in_future(self.cleaned_data["decided_on"])

    def clean_surveyed_on(self):
        return _not_in_future(self.cleaned_data["surveyed_on"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("survey_notes", "").strip() and not cleaned.get("surveyed_on"):
            self.add_error("surveyed_on", _("Give the day of the site survey."))
        return cleaned

    def decision_data(self):
        data = {"decided_on": self.cleaned_data["decided_on"].isoformat()}
        if "surveyed_on" in self.fields and self.cleaned_data.get("surveyed_on"):
            data["surveyed_on"] = self.cleaned_data["surveyed_on"].isoformat()
            data["survey_notes"] = self.cleaned_data.get("survey_notes", "").strip()
        return data


class MaterialsField(forms.CharField):
    """One required material a line: ``中文名称 | English name``."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(
                f"{item['name']} | {item.get('name_en', '')}".rstrip(" |") for item in value
            )
        return value

    def to_python(self, value):
        text = super().to_python(value)
        materials = []
        for line in text.splitlines():
            if not line.strip():
                continue
            name, _sep, name_en = line.partition("|")
            materials.append({"name": name.strip(), "name_en": name_en.strip()})
        return materials


class RoundForm(forms.ModelForm):
    required_materials = MaterialsField(
        label=_("Required materials"),
        required=False,
        help_text=_(
            "One a line, the Chinese name and then, after a |, the English one: "
            "申报书 | Application form"
        ),
    )

    class Meta:
        model = AccreditationRound
        fields = [
            *with_english(
                AccreditationRound,
                "level",
                "batch",
                "opens_on",
                "closes_on",
                "criteria",
                "required_materials",
            )
        ]
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "criteria": forms.Textarea(attrs={"rows": 5}),
            "criteria_en": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "batch": _(
                "As it will be published, e.g. 浙江省第一批省级广播电视和网络视听产业基地（园区）"
            ),
        }

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # The level decides who reviews: it is fixed once the round is open.
            del self.fields["level"]

    def _post_clean(self):
        # The service validates the round; the form only reads what was typed.
        pass


class DeclarationForm(forms.ModelForm):
    class Meta:
        model = Declaration
        fields = ["operator", "area", "enterprise_count", "output", "focus", "support_measures"]
        widgets = {"support_measures": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "support_measures": _(
                "Policies, funds, services and premises the park offers its enterprises."
            ),
        }

    def _post_clean(self):
        pass


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(label=_("Material"))
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.accept_attribute()}),
    )

    def __init__(self, *args, declaration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, Word, Excel, JPEG or PNG, up to %(limit)d MB.") % {
            "limit": uploads.DOCUMENT_MAX_BYTES // uploads.MEGABYTE
        }
        self.fields["kind"].choices = [
            (kind.key, kind.display_name) for kind in declaration.round.material_choices
        ]


class ConfirmForm(forms.Form):
    """A confirmation page's form: nothing to fill in, only a button to press."""


class AnnualReviewForm(forms.ModelForm):
    class Meta:
        model = AnnualReview
        fields = [
            "year",
            "enterprise_count",
            "employee_count",
            "output",
            "revenue",
            "taxes",
            "summary",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1

    def _post_clean(self):
        pass


class AnnualDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=enums.AnnualOutcome.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for rectification or revocation: the base reads it."),
    )
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()

    def clean_decided_on(self):
        return _not_in_future(self.cleaned_data["decided_on"])


class EndAccreditationForm(forms.Form):
    end = forms.ChoiceField(
        label=_("What happens"),
        choices=enums.AccreditationEnd.choices,
        widget=forms.RadioSelect,
        initial=enums.AccreditationEnd.REVOKED,
    )
    on = forms.DateField(label=_("Effective from"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the base's public history."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()

    def clean_on(self):
        return _not_in_future(self.cleaned_data["on"])
