"""Forms of the pages. They validate what a person typed; services decide the rest."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cloudpark.accounts.models import User
from cloudpark.core import validators
from cloudpark.core.excel import MAX_BYTES
from cloudpark.orgs import enums
from cloudpark.orgs.models import Enterprise, IndustryCategory, Park, QualificationTag, Region


class IdChoiceField(forms.ModelChoiceField):
    """A choice of a row by its id, where an id beyond 64 bits, or not a number at all, is an
    invalid choice rather than a database error (SQLite cannot compare such an id)."""

    def to_python(self, value):
        if value not in self.empty_values and not self.to_field_name:
            try:
                validators.validate_id(value)
            except forms.ValidationError:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                ) from None
        return super().to_python(value)


class RegionChoiceField(IdChoiceField):
    def label_from_instance(self, region):
        indent = {"province": "", "city": "\u3000", "district": "\u3000\u3000"}[region.level]
        return f"{indent}{region.display_name}"


class CategoryChoiceField(IdChoiceField):
    def label_from_instance(self, category):
        indent = "" if category.level == enums.CategoryLevel.MAJOR else "\u3000"
        return f"{indent}{category.code} {category.display_name}"


class SearchInput(forms.TextInput):
    input_type = "search"


class SearchField(forms.CharField):
    widget = SearchInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("label", _("Search"))
        super().__init__(**kwargs)
        self.widget.attrs["placeholder"] = _("Name, e.g. 影视 or 园区")


class FilterForm(forms.Form):
    """A list's filters: small controls, and the search box first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} {css}-sm"


def regions_in_use():
    return Region.objects.order_by("code")


class EnterpriseFilterForm(FilterForm):
    q = SearchField()
    park = IdChoiceField(
        queryset=Park.objects.none(), required=False, label=_("Park"), empty_label=_("All parks")
    )
    category = CategoryChoiceField(
        queryset=IndustryCategory.objects.all(),
        required=False,
        label=_("Industry category"),
        empty_label=_("All categories"),
    )
    region = RegionChoiceField(
        queryset=Region.objects.none(),
        required=False,
        label=_("Region"),
        empty_label=_("All regions"),
    )

    def __init__(self, *args, parks=None, show_park=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_in_use()
        if show_park:
            self.fields["park"].queryset = parks if parks is not None else Park.objects.all()
        else:
            del self.fields["park"]


class ParkFilterForm(FilterForm):
    q = SearchField()
    level = forms.ChoiceField(
        choices=[("", _("All levels")), *enums.ParkLevel.choices],
        required=False,
        label=_("Level"),
    )
    region = RegionChoiceField(
        queryset=Region.objects.none(),
        required=False,
        label=_("Region"),
        empty_label=_("All regions"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_in_use()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class EnterpriseProfileForm(forms.ModelForm):
    tags = forms.ModelMultipleChoiceField(
        queryset=QualificationTag.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Qualifications"),
    )
    category = CategoryChoiceField(
        queryset=IndustryCategory.objects.filter(level=enums.CategoryLevel.MID),
        label=_("Industry category"),
    )
    region = RegionChoiceField(queryset=Region.objects.none(), required=False, label=_("Region"))

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "name_en",
            "category",
            "region",
            "address",
            "website",
            "founded_on",
            "registered_capital",
            "staff_count",
            "legal_representative",
            "contact_name",
            "contact_mobile",
            "description",
            "description_en",
            "tags",
        ]
        widgets = {"founded_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_in_use()
        self.fields["contact_mobile"].max_length = 20
        self.fields["contact_mobile"].widget.attrs["maxlength"] = 20
        self.fields["description_en"].widget = forms.Textarea(attrs={"rows": 4})

    def clean_contact_mobile(self):
        value = self.cleaned_data["contact_mobile"]
        return validators.normalize_mobile(value) if value else ""

    def clean_founded_on(self):
        value = self.cleaned_data["founded_on"]
        validators.validate_plausible_date(value)
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The founding date cannot be in the future."))
        return value


class ParkProfileForm(forms.ModelForm):
    region = RegionChoiceField(queryset=Region.objects.none(), required=False, label=_("Region"))

    class Meta:
        model = Park
        fields = [
            "name_en",
            "region",
            "address",
            "website",
            "operator",
            "area",
            "focus",
            "focus_en",
            "description",
            "description_en",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_in_use()
        self.fields["description_en"].widget = forms.Textarea(attrs={"rows": 4})


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


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Excel workbook (.xlsx)"),
        help_text=_("At most 5 MB and 5000 rows. Use the template for the column headings."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_workbook(self):
        workbook = self.cleaned_data["workbook"]
        if not workbook.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an Excel workbook ending in .xlsx."))
        if workbook.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return workbook


class AdmitForm(forms.Form):
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=40,
        validators=[validators.validate_credit_code],
    )
    admitted_on = forms.DateField(label=_("Admitted on"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean_credit_code(self):
        code = validators.normalize_credit_code(self.cleaned_data["credit_code"])
        try:
            self.enterprise = Enterprise.objects.select_related("park").get(credit_code=code)
        except Enterprise.DoesNotExist:
            raise forms.ValidationError(
                _("No enterprise with this code is registered yet. Import it from Excel first.")
            ) from None
        return code


class ReleaseForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Reason"), max_length=300, required=False)
