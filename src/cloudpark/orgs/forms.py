"""Forms of the directory: an organisation's profile, admitting and releasing an enterprise,
and the workbook of an import. They check what a person typed; ``orgs.services`` and
``orgs.imports`` decide the rest."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import validators
from cloudpark.core.excel import MAX_BYTES, MAX_ROWS
from cloudpark.core.forms import DateInput, IdChoiceField
from cloudpark.core.i18n import with_english
from cloudpark.core.uploads import MEGABYTE
from cloudpark.orgs import enums
from cloudpark.orgs.models import Enterprise, IndustryCategory, Park, QualificationTag, Region


class RegionChoiceField(IdChoiceField):
    def label_from_instance(self, region):
        indent = {"province": "", "city": "\u3000", "district": "\u3000\u3000"}[region.level]
        return f"{indent}{region.display_name}"


class CategoryChoiceField(IdChoiceField):
    def label_from_instance(self, category):
        indent = "" if category.level == enums.CategoryLevel.MAJOR else "\u3000"
        return f"{indent}{category.code} {category.display_name}"


def regions_in_use():
    return Region.objects.order_by("code")


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
            *with_english(
                Enterprise,
                "name",
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
                "tags",
            )
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
        return validators.normalize_phone(value) if value else ""

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


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Excel workbook (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workbook"].help_text = _t(
            "At most %(size)d MB and %(rows)s rows. Use the template for the column headings."
        ) % {"size": MAX_BYTES // MEGABYTE, "rows": f"{MAX_ROWS:,}"}

    def clean_workbook(self):
        workbook = self.cleaned_data["workbook"]
        if not workbook.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an Excel workbook ending in .xlsx."))
        if workbook.size > MAX_BYTES:
            raise forms.ValidationError(
                _t("The file is larger than %(limit)d MB.") % {"limit": MAX_BYTES // MEGABYTE}
            )
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


class MemberInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=enums.Role.choices)


class MemberChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=enums.Role.choices)
    extra_capabilities = forms.MultipleChoiceField(
        label=_("Extra capabilities"),
        choices=enums.Capability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Beyond what the role grants."),
    )
